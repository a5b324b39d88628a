"""Who may see and change the economy, deny by default (issue #10 item 6).

Ekonomer and administratörer see the whole municipality's economy; an ekonom also writes it
(costs, claims, payment decisions). A handläggare or enhetschef sees the costs and claim lines
of the persons they may see (the register's visibility rule, register.selectors), nothing more.
"""

from __future__ import annotations

from mottagning.accounts.permissions import (
    add_perm,
    is_administrator,
    is_ekonom,
    may_read_persons,
)

may_see_economy = is_ekonom | is_administrator

add_perm("claims.see_municipality", may_see_economy)
add_perm("claims.read", may_see_economy | may_read_persons)
add_perm("claims.write", is_ekonom)
