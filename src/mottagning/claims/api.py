"""REST endpoints of the economy (mounted on the API in api/api.py): costs, claims, status
changes, payment decisions and their reconciliation. Thin: reads through claims.selectors
(which log every person read on the `api` channel), writes through claims.services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import Field

from mottagning.accounts.permissions import acting_user, require
from mottagning.api.contract import READ_ERRORS, RECORD_ERRORS, WRITE_ERRORS
from mottagning.claims import selectors, services
from mottagning.register.models import Municipality, Person, Unit

router = Router(tags=["ekonomi"])
API = "api"
# Years the economy can hold (the parameters start in 2010; a date needs a four-digit year).
Year = Annotated[int, Field(ge=2000, le=2100)]
Quarter = Annotated[int, Field(ge=1, le=4)]


def _own(request: HttpRequest, model: Any, pk: int) -> Any:
    """A record of the user's own municipality, else 404 (no existence oracle)."""
    return get_object_or_404(model, pk=pk, municipality_id=acting_user(request).municipality_id)


class KostnadOut(Schema):
    id: int
    person_id: int
    enhet_id: int
    slag: str
    fran: dt.date
    till: dt.date
    belopp: Decimal
    anordnare: str
    dagar: int | None
    placering_id: int | None
    verifikation: str


class KostnadIn(Schema):
    person_id: int
    enhet_id: int
    slag: str
    fran: dt.date
    till: dt.date
    belopp: Decimal
    anordnare: str = ""
    dagar: int | None = None
    verifikation: str = ""


class AnsokanOut(Schema):
    id: int
    typ: str
    ar: int
    kvartal: int
    fran: dt.date
    till: dt.date
    ansok_senast: dt.date | None
    status: str
    belopp_ansokt: Decimal
    belopp_beviljat: Decimal | None
    belopp_utbetalt: Decimal | None


class RadOut(Schema):
    person_id: int
    fran: dt.date
    till: dt.date
    antal: int
    enhet: str
    belopp: Decimal
    regel: str
    forfattning: str
    antagande: bool


class HandelseOut(Schema):
    status: str
    datum: dt.date
    belopp: Decimal | None
    notering: str
    av_id: int | None


class AnsokanDetaljOut(AnsokanOut):
    rader: list[RadOut]
    dolda_rader: int
    historik: list[HandelseOut]


class SkapaIn(Schema):
    typ: str
    ar: Year
    kvartal: Quarter


class StatusIn(Schema):
    status: str
    datum: dt.date
    belopp: Decimal | None = None
    notering: str = ""


class UtbetalningIn(Schema):
    referens: str
    beslutsdatum: dt.date
    typ: str
    ar: Year
    kvartal: Quarter
    belopp: Decimal
    person_id: int | None = None


class UtbetalningOut(Schema):
    id: int
    referens: str
    beslutsdatum: dt.date
    typ: str
    ar: int
    kvartal: int
    belopp: Decimal
    person_id: int | None


class SkillnadOut(Schema):
    typ: str
    ar: int
    kvartal: int
    person_id: int | None
    forvantat: Decimal
    utbetalt: Decimal
    skillnad: Decimal
    utfall: str


@router.get(
    "/ekonomi/kostnader",
    summary="Kostnader ett år",
    response={200: list[KostnadOut], **READ_ERRORS},
)
def kostnad_list(request: HttpRequest, ar: Year) -> Any:
    """Faktiska kostnader som användaren får se: kommunens för ekonom och administratör, annars
    för de personer användaren får se. Varje person räknas som läst."""
    require(request, "claims.read")
    return selectors.kostnad_list(user=acting_user(request), ar=ar, kanal=API)


@router.post(
    "/ekonomi/kostnader",
    summary="Ny kostnad",
    response={201: KostnadOut, **WRITE_ERRORS},
)
def kostnad_create(request: HttpRequest, payload: KostnadIn) -> Any:
    require(request, "claims.write")
    person = _own(request, Person, payload.person_id)
    enhet = _own(request, Unit, payload.enhet_id)
    data = payload.dict(exclude={"person_id", "enhet_id"})
    return Status(
        201, services.kostnad_create(actor=acting_user(request), person=person, enhet=enhet, **data)
    )


def _ansokan_out(a: Any) -> dict[str, Any]:
    return {f: getattr(a, f) for f in AnsokanOut.model_fields}


@router.get(
    "/ekonomi/ansokningar",
    summary="Ansökningar ett år",
    response={200: list[AnsokanOut], **READ_ERRORS},
)
def ansokan_list(request: HttpRequest, ar: Year) -> Any:
    require(request, "claims.read")
    return list(selectors.ansokan_list(user=request.user, ar=ar))


@router.post(
    "/ekonomi/ansokningar",
    summary="Skapa eller räkna om ett utkast",
    response={201: AnsokanOut, **WRITE_ERRORS},
)
def ansokan_generate(request: HttpRequest, payload: SkapaIn) -> Any:
    """Räknar om förväntad ersättning för kvartalet och skapar eller uppdaterar utkastet av
    ansökan för typen och kvartalet. En inskickad ansökan räknas inte om (400)."""
    require(request, "claims.write")
    municipality = get_object_or_404(Municipality, pk=acting_user(request).municipality_id)
    return Status(
        201,
        services.ansokan_generate(
            actor=acting_user(request),
            municipality=municipality,
            typ=payload.typ,
            ar=payload.ar,
            kvartal=payload.kvartal,
        ),
    )


@router.get(
    "/ekonomi/ansokningar/{ansokan_id}",
    summary="En ansökan med rader och historik",
    response={200: AnsokanDetaljOut, **RECORD_ERRORS},
)
def ansokan_detail(request: HttpRequest, ansokan_id: int) -> Any:
    require(request, "claims.read")
    view = selectors.ansokan_get(user=acting_user(request), ansokan_id=ansokan_id, kanal=API)
    return {
        **_ansokan_out(view.ansokan),
        "rader": view.rader,
        "dolda_rader": view.dolda,
        "historik": view.handelser,
    }


@router.post(
    "/ekonomi/ansokningar/{ansokan_id}/status",
    summary="Ändra status",
    response={200: AnsokanOut, **WRITE_ERRORS},
)
def ansokan_status(request: HttpRequest, ansokan_id: int, payload: StatusIn) -> Any:
    """Nästa steg i ansökans tillståndsmaskin (utkast → inskickad → beviljad, delvis_beviljad
    eller avslag → utbetald; överklagad efter avslag, delvis bifall eller utbetalning)."""
    require(request, "claims.write")
    claim = get_object_or_404(selectors.ansokan_list(user=request.user), pk=ansokan_id)
    return services.ansokan_status_change(
        actor=acting_user(request), ansokan=claim, **payload.dict()
    )


@router.post(
    "/ekonomi/utbetalningar",
    summary="Migrationsverkets utbetalningsbeslut",
    response={201: list[UtbetalningOut], **WRITE_ERRORS},
)
def utbetalning_create(request: HttpRequest, payload: list[UtbetalningIn]) -> Any:
    """Raderna i ett utbetalningsbeslut; allt eller inget."""
    require(request, "claims.write")
    rows = []
    for row in payload:
        data: dict[str, object] = row.dict(exclude={"person_id"})
        if row.person_id is not None:
            data["person"] = _own(request, Person, row.person_id)
        rows.append(data)
    return Status(201, services.utbetalning_create_many(actor=acting_user(request), rows=rows))


@router.get(
    "/ekonomi/avstamning",
    summary="Avstämning mot utbetalningsbeslut",
    response={200: list[SkillnadOut], **READ_ERRORS},
)
def reconciliation(request: HttpRequest, ar: Year) -> Any:
    """Varje persons väntade belopp mot det utbetalda: betald, underbetald, saknas, ovantad."""
    require(request, "claims.see_municipality")
    return selectors.reconciliation(user=acting_user(request), ar=ar, kanal=API)
