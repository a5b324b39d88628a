"""Who may keep planning scenarios: whoever may plan (`planning.view`, web.planning_views)."""

from __future__ import annotations

from mottagning.accounts.permissions import (
    add_perm,
    is_administrator,
    is_ekonom,
    is_enhetschef,
    is_strateg,
)

# The same people as the planning pages: a scenario is a page's assumptions, kept.
add_perm("scenarios.keep", is_strateg | is_ekonom | is_enhetschef | is_administrator)
