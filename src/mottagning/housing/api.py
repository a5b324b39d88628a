"""REST API for homes, contracts, residences and the quota (mounted at /api/). Same
permissions as the pages; residents are shown only when the user may see them, and logged."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, cast

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Path, Router, Schema, Status

from mottagning.accounts.models import User
from mottagning.accounts.permissions import require
from mottagning.api.contract import RECORD_ERRORS, WRITE_ERRORS
from mottagning.audit.services import person_read, person_read_many
from mottagning.housing import deadlines, selectors, services
from mottagning.housing.models import Boende, Bostad, Kommuntal, Kontrakt
from mottagning.register import selectors as reg
from mottagning.register.models import Municipality
from mottagning.rules.events import DATUM_SENAST, DATUM_TIDIGAST

# A quota year the rules can answer for (rules.events: dates 1900–2199); others are 422.
Year = Annotated[int, Path(ge=DATUM_TIDIGAST.year, le=DATUM_SENAST.year)]

router = Router(tags=["bostäder och kommuntal"])


class KontraktOut(Schema):
    id: int
    bostad_id: int
    slag: str
    hyra: Decimal
    start: dt.date
    slut: dt.date | None


class BoendeOut(Schema):
    id: int
    person_id: int
    kontrakt_id: int
    bostad_id: int
    fran: dt.date
    till: dt.date | None


class BostadOut(Schema):
    id: int
    enhet_id: int
    adress: str
    postnummer: str
    ort: str
    hyresvard: str
    rum: int | None
    kontrakt: list[KontraktOut]


class BostadDetailOut(BostadOut):
    boenden: list[BoendeOut]


class BostadIn(Schema):
    enhet_id: int
    adress: str
    hyresvard: str
    postnummer: str = ""
    ort: str = ""
    rum: int | None = None


class KontraktIn(Schema):
    slag: str
    hyra: Decimal
    start: dt.date
    slut: dt.date | None = None


class KontraktSlutIn(Schema):
    slut: dt.date | None = None


class BoendeIn(Schema):
    person_id: int
    fran: dt.date


class BoendeSlutIn(Schema):
    till: dt.date


class KommuntalIn(Schema):
    antal: int
    kalla: str
    beslutsdatum: dt.date | None = None


class KommuntalOut(Schema):
    ar: int
    antal: int
    kalla: str
    beslutsdatum: dt.date | None


class UppfoljningOut(Schema):
    ar: int
    kommuntal: int | None
    kvar: int | None
    anvisade: int
    mottagna: int
    mottagna_inom_tva_manader: int
    bosatta: int
    har_flyttat: int
    vantar: int


class FristOut(Schema):
    key: str
    kind: str
    kind_label: str
    person_id: int
    unit_id: int | None
    assigned_to_id: int | None
    due: dt.date
    title: str
    source: str
    url: str


def _contract_out(c: Kontrakt) -> dict[str, Any]:
    return {
        "id": c.pk,
        "bostad_id": c.bostad_id,
        "slag": c.slag,
        "hyra": c.hyra,
        "start": c.start,
        "slut": c.slut,
    }


def _residence_out(b: Boende) -> dict[str, Any]:
    return {
        "id": b.pk,
        "person_id": b.person_id,
        "kontrakt_id": b.kontrakt_id,
        "bostad_id": b.kontrakt.bostad_id,
        "fran": b.fran,
        "till": b.till,
    }


def _home_out(home: Bostad) -> dict[str, Any]:
    return {
        "id": home.pk,
        "enhet_id": home.enhet_id,
        "adress": home.adress,
        "postnummer": home.postnummer,
        "ort": home.ort,
        "hyresvard": home.hyresvard,
        "rum": home.rum,
        "kontrakt": [_contract_out(c) for c in home.kontrakt.all()],
    }


@router.get("/bostader", response={200: list[BostadOut], **RECORD_ERRORS})
def bostad_list(request: HttpRequest) -> Any:
    """Bostäder som dina enheter förvaltar, med kontrakt."""
    return [_home_out(h) for h in selectors.bostad_list(user=request.user)]


@router.post("/bostader", response={201: BostadOut, **WRITE_ERRORS})
def bostad_create(request: HttpRequest, payload: BostadIn) -> Any:
    require(request, "housing.write")
    unit = get_object_or_404(reg.user_units(user=request.user), pk=payload.enhet_id)
    home = services.bostad_create(
        actor=request.user,
        enhet=unit,
        adress=payload.adress,
        hyresvard=payload.hyresvard,
        postnummer=payload.postnummer,
        ort=payload.ort,
        rum=payload.rum,
        reason="API",
    )
    return Status(201, _home_out(home))


@router.get("/bostader/frister", response={200: list[FristOut], **RECORD_ERRORS})
def frist_list(request: HttpRequest, datum: dt.date | None = None) -> Any:
    """Kontrakt som slutar inom 90 dagar medan någon bor kvar, för personer du får se."""
    require(request, "housing.read")
    return deadlines.deadline_list(user=request.user, today=datum or timezone.localdate())


@router.get("/bostader/{bostad_id}", response={200: BostadDetailOut, **RECORD_ERRORS})
def bostad_detail(request: HttpRequest, bostad_id: int) -> Any:
    """Bostaden med kontrakt och de boende du har behörighet att se (läsningen loggas)."""
    home = selectors.bostad_get(user=request.user, pk=bostad_id)
    residents = selectors.residences(user=request.user, bostad=home)
    person_read_many(
        user=cast(User, request.user),
        persons=[r.person for r in residents],
        kanal="api",
    )
    out = _home_out(home)
    out["boenden"] = [_residence_out(r) for r in residents]
    return out


@router.post("/bostader/{bostad_id}/kontrakt", response={201: KontraktOut, **WRITE_ERRORS})
def kontrakt_create(request: HttpRequest, bostad_id: int, payload: KontraktIn) -> Any:
    require(request, "housing.write")
    home = selectors.bostad_get(user=request.user, pk=bostad_id)
    contract = services.kontrakt_create(
        actor=request.user,
        bostad=home,
        slag=payload.slag,
        hyra=payload.hyra,
        start=payload.start,
        slut=payload.slut,
        reason="API",
    )
    return Status(201, _contract_out(contract))


@router.put("/kontrakt/{pk}/slut", response={200: KontraktOut, **WRITE_ERRORS})
def kontrakt_end(request: HttpRequest, pk: int, payload: KontraktSlutIn) -> Any:
    """Förläng (nytt slutdatum), avsluta eller gör kontraktet tills vidare (null)."""
    require(request, "housing.write")
    contract = selectors.kontrakt_get(user=request.user, pk=pk)
    services.kontrakt_set_end(
        actor=request.user, kontrakt=contract, slut=payload.slut, reason="API"
    )
    return _contract_out(contract)


@router.post("/kontrakt/{pk}/boenden", response={201: BoendeOut, **WRITE_ERRORS})
def boende_create(request: HttpRequest, pk: int, payload: BoendeIn) -> Any:
    require(request, "housing.write")
    contract = selectors.kontrakt_get(user=request.user, pk=pk)
    person = reg.person_get(user=cast(User, request.user), person_id=payload.person_id)
    person_read(user=cast(User, request.user), person=person, kanal="api")
    residence = services.boende_create(
        actor=request.user, person=person, kontrakt=contract, fran=payload.fran, reason="API"
    )
    return Status(201, _residence_out(residence))


@router.put("/boenden/{pk}/utflyttning", response={200: BoendeOut, **WRITE_ERRORS})
def boende_end(request: HttpRequest, pk: int, payload: BoendeSlutIn) -> Any:
    require(request, "housing.write")
    residence = selectors.boende_get(user=request.user, pk=pk)
    person_read(
        user=cast(User, request.user),
        person=residence.person,
        kanal="api",
    )
    services.boende_end(actor=request.user, boende=residence, till=payload.till, reason="API")
    return _residence_out(residence)


@router.get("/personer/{person_id}/boenden", response={200: list[BoendeOut], **RECORD_ERRORS})
def person_residences(request: HttpRequest, person_id: int) -> Any:
    require(request, "housing.read")
    person = reg.person_get(user=cast(User, request.user), person_id=person_id)
    person_read(user=cast(User, request.user), person=person, kanal="api")
    return [_residence_out(b) for b in selectors.person_residences(person=person)]


@router.get("/kommuntal", response={200: list[KommuntalOut], **RECORD_ERRORS})
def kommuntal_list(request: HttpRequest) -> Any:
    require(request, "housing.see_quota")
    return list(
        Kommuntal.objects.filter(
            municipality_id=getattr(request.user, "municipality_id", None) or 0
        )
    )


@router.put("/kommuntal/{ar}", response={200: KommuntalOut, **WRITE_ERRORS})
def kommuntal_set(request: HttpRequest, ar: Year, payload: KommuntalIn) -> Any:
    """Länsstyrelsens kommuntal för året; ett nytt värde rättar det gamla (historiken finns kvar)."""
    require(request, "housing.write_quota")
    municipality = get_object_or_404(
        Municipality, pk=getattr(request.user, "municipality_id", None) or 0
    )
    return services.kommuntal_set(
        actor=request.user,
        municipality=municipality,
        ar=ar,
        antal=payload.antal,
        kalla=payload.kalla,
        beslutsdatum=payload.beslutsdatum,
        reason="API",
    )


@router.get("/kommuntal/{ar}/uppfoljning", response={200: UppfoljningOut, **RECORD_ERRORS})
def kommuntal_follow_up(request: HttpRequest, ar: Year) -> Any:
    """Årets anvisningar mot kommuntalet: anvisade, mottagna (inom bosättningslagens två
    månader), bosatta och flyttade. Inga personuppgifter."""
    data = selectors.quota_year(user=request.user, ar=ar, today=timezone.localdate())
    return {
        "ar": ar,
        "kommuntal": data.kommuntal.antal if data.kommuntal else None,
        "kvar": data.kvar,
        "anvisade": data.anvisade,
        "mottagna": data.mottagna,
        "mottagna_inom_tva_manader": data.i_tid,
        "bosatta": data.bosatta,
        "har_flyttat": data.lamnat,
        "vantar": data.vantar,
    }
