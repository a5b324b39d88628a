"""Who may see and change the follow-up (issue 13 item 5), deny by default.

Reports and aggregates are read by everyone who steers or checks the work, förtroendevalda
included; none of these permissions opens a person's record. Strateger and administratörer
keep goals, indicators and action plans; revisorer write the assessments. The drill-down from
a computed indicator to persons needs `register.read_person` as well, and then shows only the
persons the register lets the user see (followup.selectors).
"""

from __future__ import annotations

from mottagning.accounts.permissions import (
    add_perm,
    is_administrator,
    is_ekonom,
    is_enhetschef,
    is_fortroendevald,
    is_revisor,
    is_strateg,
)

may_view = (
    is_strateg | is_administrator | is_revisor | is_fortroendevald | is_enhetschef | is_ekonom
)
add_perm("followup.view", may_view)
add_perm("followup.edit", is_strateg | is_administrator)
add_perm("followup.assess", is_revisor)
