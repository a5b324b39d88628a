"""Reads of placements, filtered by what the user may see (the ärende's rule)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from mottagning.arenden import selectors as arenden_selectors
from mottagning.placements.models import Placering


def placering_list(*, user: Any, today: dt.date | None = None) -> QuerySet[Placering]:
    visible = arenden_selectors.arende_list(user=user, today=today).values("pk")
    return Placering.objects.filter(arende_id__in=visible).select_related(
        "arende", "arende__unit", "person"
    )


def placering_get(*, user: Any, placering_id: int) -> Placering:
    """The placement if the user may see its ärende; the caller logs the read of the person."""
    placering = placering_list(user=user).filter(pk=placering_id).first()
    if placering is None:
        raise Http404
    placering.arende = arenden_selectors.arende_get(user=user, arende_id=placering.arende_id)
    placering.person = placering.arende.person
    return placering


@dataclass(frozen=True)
class PlacementCost:
    placering_id: int
    person_id: int
    dagar: int
    kostnad: Decimal


def placement_costs(*, user: Any, fran: dt.date, till: dt.date) -> list[PlacementCost]:
    """Actual cost of each placement in [fran, till], days counted inclusive of both ends (a
    day in care is a dygn), exactly in kronor: what the claims for actual costs add up."""
    if till < fran:
        return []
    return _costs(placering_list(user=user), fran, till)


def municipality_placement_costs(
    *, municipality_id: int, fran: dt.date, till: dt.date
) -> list[PlacementCost]:
    """The same costs for every placement of the municipality: the claim for actual costs is
    the municipality's, whichever units the ekonom preparing it belongs to (claims app). The
    caller decides who may see the result."""
    if till < fran:
        return []
    return _costs(Placering.objects.filter(municipality_id=municipality_id), fran, till)


def _costs(placeringar: QuerySet[Placering], fran: dt.date, till: dt.date) -> list[PlacementCost]:
    rows = placeringar.filter(Q(slut__isnull=True) | Q(slut__gte=fran), start__lte=till)
    out = []
    for p in rows.order_by("start", "pk"):
        first = max(p.start, fran)
        last = min(p.slut or till, till)
        days = (last - first).days + 1
        out.append(PlacementCost(p.pk, p.person_id, days, p.kostnad_per_dygn * days))
    return out
