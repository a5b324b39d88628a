"""Who may do what in matching, deny by default.

The catalogue (employers, places, volunteers, associations, grants, meeting places, network
meetings) holds no person records: samordnare manage it, enhetschefer too; case workers,
ekonomer and strateger read it. Persons in matching (ranked lists, internships, consents,
volunteer matches) are case work: the same predicates as the person record, so a samordnare
sees no person here (the issue's rule: only persons the user's unit has).
"""

from __future__ import annotations

from mottagning.accounts.permissions import (
    add_perm,
    is_enhetschef,
    is_samordnare,
    may_read_persons,
    may_see_dashboard,
    may_write_persons,
)

add_perm("matching.read", is_samordnare | may_see_dashboard)
add_perm("matching.manage", is_samordnare | is_enhetschef)
add_perm("matching.read_person", may_read_persons)
add_perm("matching.write_person", may_write_persons)
add_perm("matching.see_indicators", is_samordnare | may_see_dashboard)
