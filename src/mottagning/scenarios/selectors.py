"""Which scenarios a user sees: their own municipality's, nobody else's."""

from __future__ import annotations

from django.db.models import QuerySet

from mottagning.accounts.models import AnyUser
from mottagning.scenarios.models import Scenario


def scenarier_for(user: AnyUser) -> QuerySet[Scenario]:
    municipality_id = getattr(user, "municipality_id", None)
    if municipality_id is None:
        return Scenario.objects.none()
    return Scenario.objects.filter(municipality_id=municipality_id)
