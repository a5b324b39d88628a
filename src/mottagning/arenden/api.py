"""REST endpoints of case work (mounted on the API in api/api.py; OpenAPI from these types).
Thin: parse, call a selector or service, serialise. Every read of a person's record is logged."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import File, Form, Router, Schema, Status, UploadedFile

from mottagning.accounts.models import User
from mottagning.accounts.permissions import acting_user, require
from mottagning.api.contract import RECORD_ERRORS, WRITE_ERRORS
from mottagning.arenden import selectors, services, worklist
from mottagning.arenden.documents import DocumentError
from mottagning.arenden.models import Anteckning, Arende
from mottagning.audit.services import person_read
from mottagning.register import selectors as reg
from mottagning.register.models import Person, Unit

router = Router(tags=["ärenden"])


class ArendeOut(Schema):
    id: int
    person_id: int
    enhet_id: int
    typ: str
    oppnat: dt.date
    avslutat: dt.date | None
    handlaggare_id: int | None

    @staticmethod
    def resolve_enhet_id(obj: Arende) -> int:
        return obj.unit_id


class ArendeIn(Schema):
    enhet_id: int
    typ: str
    oppnat: dt.date
    handlaggare_id: int | None = None


class AssignIn(Schema):
    handlaggare_id: int | None
    orsak: str


class BeslutOut(Schema):
    id: int
    arende_id: int
    lagrum: str
    paragraf: str
    insats: str
    utfall: str
    motivering: str
    beslutsdatum: dt.date
    giltigt_fran: dt.date | None
    giltigt_till: dt.date | None
    beslutsfattare: str
    overklagande: str


class BeslutIn(Schema):
    lagrum: str
    paragraf: str
    insats: str
    utfall: str
    motivering: str
    beslutsdatum: dt.date
    beslutsfattare: str
    overklagande: str
    giltigt_fran: dt.date | None = None
    giltigt_till: dt.date | None = None


class AnteckningOut(Schema):
    id: int
    arende_id: int
    datum: dt.date
    text: str
    forfattare_id: int
    rattar_id: int | None
    skapad: dt.datetime


class AnteckningIn(Schema):
    datum: dt.date
    text: str
    rattar_id: int | None = None


class DokumentOut(Schema):
    id: int
    person_id: int
    arende_id: int | None
    titel: str
    filnamn: str
    content_type: str
    storlek: int
    sha256: str
    skapad: dt.datetime


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
    forsenad: bool


class KlarIn(Schema):
    key: str
    notering: str
    datum: dt.date | None = None


class KlarOut(Schema):
    key: str
    datum: dt.date
    notering: str


def _log(request: HttpRequest, person: Person) -> None:
    person_read(user=cast(User, request.user), person=person, kanal="api")


def _person(request: HttpRequest, person_id: int) -> Person:
    require(request, "register.read_person")
    return reg.person_get(user=cast(User, request.user), person_id=person_id)


def _arende(request: HttpRequest, arende_id: int) -> Arende:
    require(request, "register.read_person")
    arende = selectors.arende_get(user=request.user, arende_id=arende_id)
    _log(request, arende.person)
    return arende


@router.get(
    "/personer/{person_id}/arenden",
    summary="Personens ärenden",
    response={200: list[ArendeOut], **RECORD_ERRORS},
)
def arende_list(request: HttpRequest, person_id: int) -> Any:
    """Personens ärenden på enheter i dina nämnder."""
    person = _person(request, person_id)
    return list(selectors.arende_list(user=request.user, person=person))


@router.post(
    "/personer/{person_id}/arenden",
    summary="Nytt ärende",
    response={201: ArendeOut, **WRITE_ERRORS},
)
def arende_create(request: HttpRequest, person_id: int, payload: ArendeIn) -> Any:
    require(request, "register.write_person")
    person = _person(request, person_id)
    unit = get_object_or_404(Unit, pk=payload.enhet_id, id__in=acting_user(request).unit_ids())
    handlaggare = (
        get_object_or_404(selectors.assignable_users(unit=unit), pk=payload.handlaggare_id)
        if payload.handlaggare_id
        else None
    )
    return Status(
        201,
        services.arende_create(
            actor=acting_user(request),
            person=person,
            unit=unit,
            typ=payload.typ,
            oppnat=payload.oppnat,
            handlaggare=handlaggare,
        ),
    )


@router.get(
    "/arenden/{arende_id}", summary="Ett ärende", response={200: ArendeOut, **RECORD_ERRORS}
)
def arende_detail(request: HttpRequest, arende_id: int) -> Any:
    return _arende(request, arende_id)


@router.post(
    "/arenden/{arende_id}/handlaggare",
    summary="Byt handläggare",
    response={200: ArendeOut, **WRITE_ERRORS},
)
def arende_assign(request: HttpRequest, arende_id: int, payload: AssignIn) -> Any:
    require(request, "register.write_person")
    arende = _arende(request, arende_id)
    user = (
        get_object_or_404(selectors.assignable_users(unit=arende.unit), pk=payload.handlaggare_id)
        if payload.handlaggare_id
        else None
    )
    return services.arende_assign(
        actor=acting_user(request), arende=arende, handlaggare=user, reason=payload.orsak
    )


@router.get(
    "/arenden/{arende_id}/beslut",
    summary="Ärendets beslut",
    response={200: list[BeslutOut], **RECORD_ERRORS},
)
def beslut_list(request: HttpRequest, arende_id: int) -> Any:
    return list(_arende(request, arende_id).beslut.all())


@router.post(
    "/arenden/{arende_id}/beslut", summary="Nytt beslut", response={201: BeslutOut, **WRITE_ERRORS}
)
def beslut_create(request: HttpRequest, arende_id: int, payload: BeslutIn) -> Any:
    require(request, "register.write_person")
    arende = _arende(request, arende_id)
    return Status(
        201, services.beslut_create(actor=acting_user(request), arende=arende, **payload.dict())
    )


@router.get(
    "/arenden/{arende_id}/anteckningar",
    summary="Ärendets journal",
    response={200: list[AnteckningOut], **RECORD_ERRORS},
)
def anteckning_list(request: HttpRequest, arende_id: int) -> Any:
    return list(_arende(request, arende_id).anteckningar.all())


@router.post(
    "/arenden/{arende_id}/anteckningar",
    summary="Ny journalanteckning eller rättelse",
    response={201: AnteckningOut, **WRITE_ERRORS},
)
def anteckning_create(request: HttpRequest, arende_id: int, payload: AnteckningIn) -> Any:
    require(request, "register.write_person")
    arende = _arende(request, arende_id)
    rattar: Anteckning | None = (
        get_object_or_404(arende.anteckningar, pk=payload.rattar_id) if payload.rattar_id else None
    )
    return Status(
        201,
        services.anteckning_create(
            actor=acting_user(request),
            arende=arende,
            datum=payload.datum,
            text=payload.text,
            rattar=rattar,
        ),
    )


@router.get(
    "/personer/{person_id}/dokument",
    summary="Personens dokument",
    response={200: list[DokumentOut], **RECORD_ERRORS},
)
def dokument_list(request: HttpRequest, person_id: int) -> Any:
    person = _person(request, person_id)
    return list(selectors.dokument_list(user=request.user, person=person))


@router.post(
    "/personer/{person_id}/dokument",
    summary="Ladda upp dokument",
    response={201: DokumentOut, **WRITE_ERRORS},
)
def dokument_create(
    request: HttpRequest,
    person_id: int,
    titel: Form[str],
    fil: File[UploadedFile],
    arende_id: Form[int | None] = None,
) -> Any:
    """Ladda upp ett dokument (multipart): PDF, bild eller Office-fil inom storleksgränsen."""
    require(request, "register.write_person")
    person = _person(request, person_id)
    arende = (
        get_object_or_404(selectors.arende_list(user=request.user, person=person), pk=arende_id)
        if arende_id
        else None
    )
    from django.conf import settings

    return Status(
        201,
        services.dokument_add(
            actor=acting_user(request),
            person=person,
            arende=arende,
            titel=titel,
            filnamn=fil.name or "",
            content=fil.read(settings.MOTTAGNING_DOCUMENT_MAX_BYTES + 1),
        ),
    )


@router.get(
    "/dokument/{dokument_id}/innehall",
    summary="Hämta dokumentets innehåll",
    response={200: None, **RECORD_ERRORS},
)
def dokument_download(request: HttpRequest, dokument_id: int) -> HttpResponse:
    """Filens innehåll; räknas som en läsning av personens akt och loggas."""
    require(request, "register.read_person")
    dokument = selectors.dokument_get(user=request.user, dokument_id=dokument_id)
    try:
        content = services.dokument_content(dokument=dokument)
    except (DocumentError, OSError):
        raise Http404 from None
    _log(request, dokument.person)
    response = HttpResponse(content, content_type=dokument.content_type)
    response["Content-Disposition"] = f'attachment; filename="dokument-{dokument.pk}"'
    return response


def _frist_out(d: Any, today: dt.date) -> dict[str, Any]:
    return {
        "key": d.key,
        "kind": d.kind,
        "kind_label": str(d.kind_label),
        "person_id": d.person_id,
        "unit_id": d.unit_id,
        "assigned_to_id": d.assigned_to_id,
        "due": d.due,
        "title": str(d.title),
        "source": d.source,
        "url": d.url,
        "forsenad": d.due < today,
    }


@router.get(
    "/frister",
    summary="Öppna frister",
    response={200: list[FristOut], **RECORD_ERRORS},
    tags=["arbetslista"],
)
def frist_list(
    request: HttpRequest, mina: bool = False, enhet_id: int | None = None, dagar: int = 90
) -> Any:
    """Öppna frister (försenade först) för personer du får se: dina (`mina`), en enhets
    (`enhet_id`) eller alla dina enheters, som förfaller inom `dagar` dagar."""
    require(request, "register.read_person")
    today = timezone.localdate()
    unit = get_object_or_404(reg.user_units(user=request.user), pk=enhet_id) if enhet_id else None
    rows = worklist.worklist_rows(
        user=request.user,
        today=today,
        mine=mina,
        unit=unit,
        filters=worklist.Filters(days=max(0, min(dagar, 3660))),
    )
    return [_frist_out(r.deadline, today) for r in rows]


@router.post(
    "/frister/klar",
    summary="Markera en frist som klar",
    response={201: KlarOut, **WRITE_ERRORS},
    tags=["arbetslista"],
)
def frist_done(request: HttpRequest, payload: KlarIn) -> Any:
    require(request, "register.write_person")
    today = timezone.localdate()
    deadline = next(
        (
            d
            for d in worklist.deadline_collect(user=request.user, today=today)
            if d.key == payload.key
        ),
        None,
    )
    if deadline is None:
        return Status(404, {"detail": "Ingen öppen frist med den nyckeln som du får se."})
    klar = services.frist_mark_done(
        actor=acting_user(request),
        key=payload.key,
        person_id=deadline.person_id,
        notering=payload.notering,
        datum=payload.datum,
    )
    return Status(201, {"key": klar.nyckel, "datum": klar.datum, "notering": klar.notering})
