"""The read log as a revisor filters it: always limited to the revisor's own municipality."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from mottagning.audit.models import PersonAccess


def access_log_list(
    *,
    user: Any,
    username: str = "",
    person_id: int | None = None,
    fran: dt.date | None = None,
    till: dt.date | None = None,
    kanal: str = "",
) -> QuerySet[PersonAccess]:
    if not user.has_perm("audit.read_log"):
        raise PermissionDenied
    qs = PersonAccess.objects.filter(municipality_id=user.municipality_id).select_related(
        "user", "person"
    )
    if username:
        qs = qs.filter(user__username__iexact=username.strip())
    if person_id is not None:
        qs = qs.filter(person_id=person_id)
    if fran is not None:
        qs = qs.filter(tidpunkt__date__gte=fran)
    if till is not None:
        qs = qs.filter(tidpunkt__date__lte=till)
    if kanal:
        qs = qs.filter(kanal=kanal)
    return qs.order_by("-tidpunkt", "-id")
