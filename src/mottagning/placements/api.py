"""REST endpoints of placements (mounted on the API in api/api.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from mottagning.accounts.permissions import acting_user, require
from mottagning.api.contract import RECORD_ERRORS, WRITE_ERRORS
from mottagning.arenden.api import _arende, _log
from mottagning.placements import selectors, services

router = Router(tags=["placeringar"])


class PlaceringOut(Schema):
    id: int
    person_id: int
    arende_id: int
    beslut_id: int | None
    form: str
    grund: str
    anordnare: str
    plats: str
    kommun: str
    start: dt.date
    slut: dt.date | None
    kostnad_per_dygn: Decimal


class PlaceringIn(Schema):
    form: str
    grund: str
    anordnare: str
    plats: str
    start: dt.date
    kostnad_per_dygn: Decimal
    kommun: str = ""
    slut: dt.date | None = None
    beslut_id: int | None = None


class AvslutaIn(Schema):
    slut: dt.date
    orsak: str


class KostnadOut(Schema):
    placering_id: int
    person_id: int
    dagar: int
    kostnad: Decimal


@router.get(
    "/arenden/{arende_id}/placeringar",
    summary="Ärendets placeringar",
    response={200: list[PlaceringOut], **RECORD_ERRORS},
)
def placering_list(request: HttpRequest, arende_id: int) -> Any:
    return list(_arende(request, arende_id).placeringar.all())


@router.post(
    "/arenden/{arende_id}/placeringar",
    summary="Ny placering",
    response={201: PlaceringOut, **WRITE_ERRORS},
)
def placering_create(request: HttpRequest, arende_id: int, payload: PlaceringIn) -> Any:
    """Ny placering; en placering i ett hem skriver händelsen `placering` för regelkärnan."""
    require(request, "register.write_person")
    arende = _arende(request, arende_id)
    beslut = get_object_or_404(arende.beslut, pk=payload.beslut_id) if payload.beslut_id else None
    data = payload.dict(exclude={"beslut_id"})
    return Status(
        201,
        services.placering_create(actor=acting_user(request), arende=arende, beslut=beslut, **data),
    )


@router.get(
    "/placeringar/{placering_id}",
    summary="En placering",
    response={200: PlaceringOut, **RECORD_ERRORS},
)
def placering_detail(request: HttpRequest, placering_id: int) -> Any:
    require(request, "register.read_person")
    placering = selectors.placering_get(user=request.user, placering_id=placering_id)
    _log(request, placering.person)
    return placering


@router.post(
    "/placeringar/{placering_id}/avsluta",
    summary="Avsluta placering",
    response={200: PlaceringOut, **WRITE_ERRORS},
)
def placering_end(request: HttpRequest, placering_id: int, payload: AvslutaIn) -> Any:
    require(request, "register.write_person")
    placering = selectors.placering_get(user=request.user, placering_id=placering_id)
    _log(request, placering.person)
    return services.placering_end(
        actor=acting_user(request), placering=placering, slut=payload.slut, reason=payload.orsak
    )


@router.get(
    "/placeringar-kostnader",
    summary="Faktisk kostnad per placering",
    response={200: list[KostnadOut], **RECORD_ERRORS},
)
def placement_costs(request: HttpRequest, fran: dt.date, till: dt.date) -> Any:
    """Faktisk kostnad per placering under perioden (dygn × dygnskostnad), underlag för
    återsökning av faktiska kostnader. Räknar inte som läsning av någons akt (inga namn)."""
    require(request, "register.read_person")
    return selectors.placement_costs(user=request.user, fran=fran, till=till)
