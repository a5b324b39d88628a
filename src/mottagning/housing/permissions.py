"""Who may see and change homes, contracts and the quota, deny by default.

Homes and who lives in them are case work (handläggare, enhetschef; ekonomer read them for
rent and claims). The quota year is an aggregate without persons: strateger see it too, and
the kommuntal itself (a Länsstyrelse decision) is entered by an enhetschef or strateg.
"""

from __future__ import annotations

from mottagning.accounts.permissions import (
    add_perm,
    is_enhetschef,
    is_strateg,
    may_read_persons,
    may_see_dashboard,
    may_write_persons,
)

add_perm("housing.read", may_read_persons)
add_perm("housing.write", may_write_persons)
add_perm("housing.see_quota", may_see_dashboard)
add_perm("housing.write_quota", is_enhetschef | is_strateg)
