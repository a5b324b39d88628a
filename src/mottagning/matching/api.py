"""REST API of the matching app (mounted at /api/, OpenAPI at /api/openapi.json). Same
permissions as the pages; persons only through register.selectors, every read logged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import create_model

from mottagning.accounts.permissions import acting_user, require
from mottagning.api.contract import READ_ERRORS, RECORD_ERRORS, WRITE_ERRORS
from mottagning.matching import labels, selectors, services
from mottagning.matching.models import (
    Arbetsgivare,
    Arrangemang,
    Bidragsansokan,
    Forening,
    Kompetensprofil,
    Kontaktperson,
    Motesplats,
    Natverksmote,
    Praktik,
    Praktikplats,
    Samtycke,
    Traff,
    Uppfoljning,
    Volontar,
    VolontarMatchning,
)
from mottagning.register import selectors as reg

router = Router(tags=["matchning och civilsamhälle"])


class KontaktpersonOut(Schema):
    id: int
    namn: str
    roll: str
    telefon: str
    epost: str


class KontaktpersonIn(Schema):
    namn: str
    roll: str = ""
    telefon: str = ""
    epost: str = ""


class ArbetsgivareOut(Schema):
    id: int
    namn: str
    orgnr: str
    ort: str
    kontakter: list[KontaktpersonOut]
    avslutad: dt.date | None


class ArbetsgivareIn(Schema):
    namn: str
    orgnr: str
    ort: str = ""


class PraktikplatsOut(Schema):
    id: int
    arbetsgivare_id: int
    titel: str
    ssyk: str
    ort: str
    krav_svenska: str
    krav_utbildning: str
    krav_korkort: str
    fran: dt.date
    till: dt.date | None
    kapacitet: int
    kontakt_id: int | None
    avslutad: dt.date | None


class PraktikplatsIn(Schema):
    arbetsgivare_id: int
    titel: str
    ssyk: str
    ort: str
    fran: dt.date
    till: dt.date | None = None
    kapacitet: int = 1
    krav_svenska: str = "ingen"
    krav_utbildning: str = "ingen"
    krav_korkort: str = ""
    kontakt_id: int | None = None


class SkalOut(Schema):
    kriterium: str
    poang: int
    text: str


class MatchOut(Schema):
    person_id: int
    plats_id: int
    poang: int
    skal: list[SkalOut]
    hinder: list[SkalOut]


class KompetensprofilIn(Schema):
    svenska: str
    utbildning: str
    erfarenhet: str = ""
    mal: str = ""
    ort: str = ""


class KompetensprofilOut(Schema):
    kartlaggning_id: int
    svenska: str
    utbildning: str
    erfarenhet: str
    mal: str
    ort: str


class PraktikUppfoljningOut(Schema):
    id: int
    datum: dt.date
    genomford: dt.date | None


class PraktikOut(Schema):
    id: int
    plats_id: int
    person_id: int
    start: dt.date
    slut: dt.date | None
    handledare: str
    utfall: str
    uppfoljningar: list[PraktikUppfoljningOut]


class PraktikIn(Schema):
    plats_id: int
    start: dt.date
    handledare: str
    slut: dt.date | None = None
    uppfoljningar: list[dt.date] = Field(default_factory=list)


class PraktikSlutIn(Schema):
    slut: dt.date
    utfall: str


class DatumIn(Schema):
    datum: dt.date


class VolontarOut(Schema):
    id: int
    namn: str
    insatser: list[str]
    sprak: str
    tillganglighet: str
    belastningsregister: dt.date | None
    aktiv: bool
    avslutad: dt.date | None


class VolontarIn(Schema):
    namn: str
    insatser: list[str]
    sprak: str = ""
    tillganglighet: str = ""
    telefon: str = ""
    epost: str = ""
    belastningsregister: dt.date | None = None


class SamtyckeOut(Schema):
    id: int
    person_id: int
    andamal: str
    lamnat: dt.date
    registrerat_av_id: int
    aterkallat: dt.date | None


class SamtyckeIn(Schema):
    lamnat: dt.date


class MatchningOut(Schema):
    id: int
    volontar_id: int
    person_id: int | None  # hidden when consent is withdrawn or the person is not yours
    insats: str
    start: dt.date
    slut: dt.date | None


class MatchningIn(Schema):
    volontar_id: int
    insats: str
    start: dt.date


class TraffOut(Schema):
    id: int
    matchning_id: int
    datum: dt.date
    minuter: int
    slag: str


class TraffIn(Schema):
    datum: dt.date
    minuter: int
    slag: str


class ForeningOut(Schema):
    id: int
    namn: str
    orgnr: str
    verksamhet: str
    sprak: str
    kontakter: list[KontaktpersonOut]
    avslutad: dt.date | None


class ForeningIn(Schema):
    namn: str
    orgnr: str
    verksamhet: str = ""
    sprak: str = ""


class AnsokanOut(Schema):
    id: int
    forening_id: int
    projekt: str
    syfte: str
    inkom: dt.date
    sokt_belopp: Decimal
    budget: str
    status: str
    beslutsdatum: dt.date | None
    beviljat_belopp: Decimal | None
    villkor: str
    utbetalt_datum: dt.date | None
    utbetalt_belopp: Decimal | None
    rapport_datum: dt.date | None
    deltagare: int | None
    resultat: str


class AnsokanIn(Schema):
    forening_id: int
    projekt: str
    syfte: str
    inkom: dt.date
    sokt_belopp: Decimal
    budget: str


class BidragBeslutIn(Schema):
    beslutsdatum: dt.date
    belopp: Decimal | None = None  # none: refused
    villkor: str = ""


class UtbetalningIn(Schema):
    datum: dt.date
    belopp: Decimal


class RapportIn(Schema):
    datum: dt.date
    deltagare: int
    resultat: str


class BidragSummaOut(Schema):
    ar: int
    forening: str
    syfte: str
    beviljat: Decimal
    utbetalt: Decimal


class MotesplatsOut(Schema):
    id: int
    namn: str
    adress: str
    arrangorer: str
    avslutad: dt.date | None


class MotesplatsIn(Schema):
    namn: str
    adress: str = ""
    arrangorer: str = ""


class ArrangemangOut(Schema):
    id: int
    motesplats_id: int
    titel: str
    datum: dt.date
    borjar: dt.time
    slutar: dt.time
    beskrivning: str
    publik: bool


class ArrangemangIn(Schema):
    motesplats_id: int
    titel: str
    datum: dt.date
    borjar: dt.time
    slutar: dt.time
    beskrivning: str = ""
    publik: bool = True


class NatverksmoteOut(Schema):
    id: int
    namn: str
    datum: dt.date
    plats: str
    foreningar: list[int]
    andra_organisationer: str
    overenskommelser: list[str]


class NatverksmoteIn(Schema):
    namn: str
    datum: dt.date
    overenskommelser: str
    forening_ids: list[int] = Field(default_factory=list)
    andra_organisationer: str = ""
    plats: str = ""


def _employer(e: Arbetsgivare) -> dict[str, Any]:
    return {
        "id": e.pk,
        "namn": e.namn,
        "orgnr": e.orgnr,
        "ort": e.ort,
        "kontakter": list(e.kontakter.all()),
        "avslutad": e.avslutad,
    }


def _association(f: Forening) -> dict[str, Any]:
    return {
        "id": f.pk,
        "namn": f.namn,
        "orgnr": f.orgnr,
        "verksamhet": f.verksamhet,
        "sprak": f.sprak,
        "kontakter": list(f.kontakter.all()),
        "avslutad": f.avslutad,
    }


def _internship(p: Praktik) -> dict[str, Any]:
    return {
        "id": p.pk,
        "plats_id": p.plats_id,
        "person_id": p.person_id,
        "start": p.start,
        "slut": p.slut,
        "handledare": p.handledare,
        "utfall": p.utfall,
        "uppfoljningar": list(p.uppfoljningar.all()),
    }


def _volunteer(v: Volontar) -> dict[str, Any]:
    return {
        "id": v.pk,
        "namn": v.namn,
        "insatser": v.insats_list(),
        "sprak": v.sprak,
        "tillganglighet": v.tillganglighet,
        "belastningsregister": v.belastningsregister,
        "aktiv": v.aktiv,
        "avslutad": v.avslutad,
    }


def _match(m: VolontarMatchning, *, named: bool) -> dict[str, Any]:
    return {
        "id": m.pk,
        "volontar_id": m.volontar_id,
        "person_id": m.person_id if named else None,
        "insats": m.insats,
        "start": m.start,
        "slut": m.slut,
    }


def _meeting(m: Natverksmote) -> dict[str, Any]:
    return {
        "id": m.pk,
        "namn": m.namn,
        "datum": m.datum,
        "plats": m.plats,
        "foreningar": [f.pk for f in m.foreningar.all()],
        "andra_organisationer": m.andra_organisationer,
        "overenskommelser": m.punkter(),
    }


def _matches_out(matches: list[Any], *, hinder: bool) -> list[dict[str, Any]]:
    def skal(s: Any) -> dict[str, Any]:
        return {"kriterium": s.kod, "poang": s.poang, "text": labels.reason(s)}

    return [
        {
            "person_id": m.kandidat.person_id,
            "plats_id": m.plats.plats_id,
            "poang": m.poang,
            "skal": [skal(s) for s in m.skal],
            "hinder": [skal(s) for s in m.hinder] if hinder else [],
        }
        for m in matches
    ]


# Internship bank -------------------------------------------------------------------------


@router.get("/arbetsgivare", response={200: list[ArbetsgivareOut], **READ_ERRORS})
def arbetsgivare_list(request: HttpRequest, alla: bool = False) -> Any:
    """Aktiva arbetsgivare; med `alla=true` även de avslutade."""
    return [_employer(e) for e in selectors.arbetsgivare_list(user=request.user, alla=alla)]


@router.post("/arbetsgivare", response={201: ArbetsgivareOut, **WRITE_ERRORS})
def arbetsgivare_create(request: HttpRequest, payload: ArbetsgivareIn) -> Any:
    require(request, "matching.manage")
    employer = services.arbetsgivare_create(actor=acting_user(request), **payload.dict())
    return Status(201, _employer(employer))


@router.post("/arbetsgivare/{pk}/kontakter", response={201: KontaktpersonOut, **WRITE_ERRORS})
def arbetsgivare_kontakt(request: HttpRequest, pk: int, payload: KontaktpersonIn) -> Any:
    require(request, "matching.manage")
    employer = selectors.arbetsgivare_get(user=request.user, pk=pk)
    contact: Kontaktperson = services.kontaktperson_create(
        actor=acting_user(request), arbetsgivare=employer, **payload.dict()
    )
    return Status(201, contact)


@router.get("/praktikplatser", response={200: list[PraktikplatsOut], **READ_ERRORS})
def praktikplats_list(request: HttpRequest, alla: bool = False) -> Any:
    """Aktiva praktikplatser; med `alla=true` även de avslutade."""
    return list(selectors.praktikplats_list(user=request.user, alla=alla))


@router.post("/praktikplatser", response={201: PraktikplatsOut, **WRITE_ERRORS})
def praktikplats_create(request: HttpRequest, payload: PraktikplatsIn) -> Any:
    require(request, "matching.manage")
    data = payload.dict()
    employer = selectors.arbetsgivare_get(user=request.user, pk=data.pop("arbetsgivare_id"))
    contact_id = data.pop("kontakt_id")
    contact = get_object_or_404(employer.kontakter, pk=contact_id) if contact_id else None
    place: Praktikplats = services.praktikplats_create(
        actor=acting_user(request), arbetsgivare=employer, kontakt=contact, **data
    )
    return Status(201, place)


@router.get("/praktikplatser/{pk}/personer", response={200: list[MatchOut], **RECORD_ERRORS})
def praktikplats_persons(request: HttpRequest, pk: int, hinder: bool = False) -> Any:
    """Personer som dina enheter har, rangordnade för platsen med skäl (läsningarna loggas);
    med `hinder=true` även de uteslutna, med kravet som inte uppfylls."""
    require(request, "matching.read_person")
    place = selectors.praktikplats_get(user=request.user, pk=pk)
    proposal = selectors.persons_for_place(
        user=acting_user(request), plats=place, today=timezone.localdate(), med_uteslutna=hinder
    )
    return _matches_out(proposal.ranked, hinder=False) + _matches_out(
        proposal.excluded, hinder=True
    )


@router.get("/personer/{person_id}/praktikplatser", response={200: list[MatchOut], **RECORD_ERRORS})
def person_places(request: HttpRequest, person_id: int, hinder: bool = False) -> Any:
    """Praktikplatser rangordnade för personen, med skäl per kriterium."""
    require(request, "matching.read_person")
    person = reg.person_get(user=acting_user(request), person_id=person_id, kanal="api")
    proposal = selectors.places_for_person(
        user=acting_user(request), person=person, today=timezone.localdate()
    )
    return _matches_out(proposal.ranked, hinder=False) + (
        _matches_out(proposal.excluded, hinder=True) if hinder else []
    )


@router.put(
    "/personer/{person_id}/kompetensprofil", response={200: KompetensprofilOut, **WRITE_ERRORS}
)
def kompetensprofil_set(request: HttpRequest, person_id: int, payload: KompetensprofilIn) -> Any:
    """Koda personens senaste kartläggning för matchning."""
    require(request, "matching.write_person")
    person = reg.person_get(user=acting_user(request), person_id=person_id, kanal="api")
    mapping = get_object_or_404(person.kartlaggningar.order_by("-mottagen", "-id")[:1])
    profile: Kompetensprofil = services.kompetensprofil_set(
        actor=acting_user(request), kartlaggning=mapping, **payload.dict()
    )
    return profile


@router.get("/personer/{person_id}/praktiker", response={200: list[PraktikOut], **RECORD_ERRORS})
def person_praktiker(request: HttpRequest, person_id: int) -> Any:
    require(request, "matching.read_person")
    person = reg.person_get(user=acting_user(request), person_id=person_id, kanal="api")
    return [_internship(p) for p in selectors.person_praktiker(person=person)]


@router.post("/personer/{person_id}/praktiker", response={201: PraktikOut, **WRITE_ERRORS})
def praktik_create(request: HttpRequest, person_id: int, payload: PraktikIn) -> Any:
    require(request, "matching.write_person")
    person = reg.person_get(user=acting_user(request), person_id=person_id, kanal="api")
    place = selectors.praktikplats_get(user=request.user, pk=payload.plats_id)
    internship = services.praktik_create(
        actor=acting_user(request),
        plats=place,
        person=person,
        start=payload.start,
        slut=payload.slut,
        handledare=payload.handledare,
        uppfoljningar=payload.uppfoljningar,
    )
    return Status(201, _internship(internship))


@router.put("/praktiker/{pk}/slut", response={200: PraktikOut, **WRITE_ERRORS})
def praktik_end(request: HttpRequest, pk: int, payload: PraktikSlutIn) -> Any:
    require(request, "matching.write_person")
    internship = selectors.praktik_get(user=acting_user(request), pk=pk)
    reg.person_get(user=acting_user(request), person_id=internship.person_id, kanal="api")
    services.praktik_end(actor=acting_user(request), praktik=internship, **payload.dict())
    return _internship(internship)


@router.post("/praktiker/{pk}/uppfoljningar", response={201: PraktikUppfoljningOut, **WRITE_ERRORS})
def uppfoljning_create(request: HttpRequest, pk: int, payload: DatumIn) -> Any:
    require(request, "matching.write_person")
    internship = selectors.praktik_get(user=acting_user(request), pk=pk)
    follow_up: Uppfoljning = services.uppfoljning_create(
        actor=acting_user(request), praktik=internship, datum=payload.datum
    )
    return Status(201, follow_up)


# Volunteers ------------------------------------------------------------------------------


@router.get("/volontarer", response={200: list[VolontarOut], **READ_ERRORS})
def volontar_list(request: HttpRequest, alla: bool = False) -> Any:
    """Aktiva volontärer; med `alla=true` även de avslutade."""
    return [_volunteer(v) for v in selectors.volontar_list(user=request.user, alla=alla)]


@router.post("/volontarer", response={201: VolontarOut, **WRITE_ERRORS})
def volontar_create(request: HttpRequest, payload: VolontarIn) -> Any:
    require(request, "matching.manage")
    return Status(
        201, _volunteer(services.volontar_create(actor=acting_user(request), **payload.dict()))
    )


@router.get("/volontarer/{pk}/matchningar", response={200: list[MatchningOut], **RECORD_ERRORS})
def volontar_matches(request: HttpRequest, pk: int) -> Any:
    """Matchningarna; personen visas bara med gällande samtycke och för den vars enhet har
    personen (läsningen loggas)."""
    volunteer = selectors.volontar_get(user=request.user, pk=pk)
    return [
        _match(r.matchning, named=r.person is not None)
        for r in selectors.volontar_matches(user=acting_user(request), volontar=volunteer)
    ]


@router.post("/personer/{person_id}/samtycken", response={201: SamtyckeOut, **WRITE_ERRORS})
def samtycke_create(request: HttpRequest, person_id: int, payload: SamtyckeIn) -> Any:
    require(request, "matching.write_person")
    person = reg.person_get(user=acting_user(request), person_id=person_id, kanal="api")
    consent: Samtycke = services.samtycke_create(
        actor=acting_user(request), person=person, lamnat=payload.lamnat
    )
    return Status(201, consent)


@router.get("/personer/{person_id}/samtycken", response={200: list[SamtyckeOut], **RECORD_ERRORS})
def samtycke_list(request: HttpRequest, person_id: int) -> Any:
    require(request, "matching.read_person")
    person = reg.person_get(user=acting_user(request), person_id=person_id, kanal="api")
    return list(selectors.person_samtycken(person=person))


@router.put("/samtycken/{pk}/aterkallat", response={200: SamtyckeOut, **WRITE_ERRORS})
def samtycke_withdraw(request: HttpRequest, pk: int, payload: DatumIn) -> Any:
    """Återkalla samtycket: matchningarna som vilar på det avslutas samma dag."""
    require(request, "matching.write_person")
    consent = selectors.samtycke_get(user=acting_user(request), pk=pk)
    return services.samtycke_withdraw(
        actor=acting_user(request), samtycke=consent, datum=payload.datum
    )


@router.post("/samtycken/{pk}/matchningar", response={201: MatchningOut, **WRITE_ERRORS})
def matchning_create(request: HttpRequest, pk: int, payload: MatchningIn) -> Any:
    require(request, "matching.write_person")
    consent = selectors.samtycke_get(user=acting_user(request), pk=pk)
    volunteer = selectors.volontar_get(user=request.user, pk=payload.volontar_id)
    match = services.volontarmatchning_create(
        actor=acting_user(request),
        volontar=volunteer,
        samtycke=consent,
        insats=payload.insats,
        start=payload.start,
    )
    return Status(201, _match(match, named=True))


@router.post("/volontarmatchningar/{pk}/traffar", response={201: TraffOut, **WRITE_ERRORS})
def traff_create(request: HttpRequest, pk: int, payload: TraffIn) -> Any:
    require(request, "matching.manage")
    match = get_object_or_404(
        VolontarMatchning,
        pk=pk,
        volontar__in=selectors.volontar_list(user=request.user).values("pk"),
        samtycke__aterkallat__isnull=True,
    )
    meeting: Traff = services.traff_create(
        actor=acting_user(request), matchning=match, **payload.dict()
    )
    return Status(201, meeting)


# Associations and grants -----------------------------------------------------------------


@router.get("/foreningar", response={200: list[ForeningOut], **READ_ERRORS})
def forening_list(request: HttpRequest, alla: bool = False) -> Any:
    """Aktiva föreningar; med `alla=true` även de avslutade."""
    return [_association(f) for f in selectors.forening_list(user=request.user, alla=alla)]


@router.post("/foreningar", response={201: ForeningOut, **WRITE_ERRORS})
def forening_create(request: HttpRequest, payload: ForeningIn) -> Any:
    require(request, "matching.manage")
    return Status(
        201, _association(services.forening_create(actor=acting_user(request), **payload.dict()))
    )


@router.post("/foreningar/{pk}/kontakter", response={201: KontaktpersonOut, **WRITE_ERRORS})
def forening_kontakt(request: HttpRequest, pk: int, payload: KontaktpersonIn) -> Any:
    require(request, "matching.manage")
    association = selectors.forening_get(user=request.user, pk=pk)
    return Status(
        201,
        services.kontaktperson_create(
            actor=acting_user(request), forening=association, **payload.dict()
        ),
    )


@router.get("/bidrag", response={200: list[AnsokanOut], **READ_ERRORS})
def ansokan_list(request: HttpRequest) -> Any:
    return list(selectors.ansokan_list(user=request.user))


@router.get("/bidrag/per-ar", response={200: list[BidragSummaOut], **READ_ERRORS})
def bidrag_per_ar(request: HttpRequest) -> Any:
    """Beviljat och utbetalt per beslutsår, förening och syfte, i kronor (exakt)."""
    return selectors.bidrag_per_ar(user=request.user)


@router.post("/bidrag", response={201: AnsokanOut, **WRITE_ERRORS})
def ansokan_create(request: HttpRequest, payload: AnsokanIn) -> Any:
    require(request, "matching.manage")
    data = payload.dict()
    association = selectors.forening_get(user=request.user, pk=data.pop("forening_id"))
    application: Bidragsansokan = services.bidrag_apply(
        actor=acting_user(request), forening=association, **data
    )
    return Status(201, application)


@router.put("/bidrag/{pk}/beslut", response={200: AnsokanOut, **WRITE_ERRORS})
def ansokan_decide(request: HttpRequest, pk: int, payload: BidragBeslutIn) -> Any:
    """Bevilja (belopp) eller avslå (belopp null). Bara en ansökan med status ansökt."""
    require(request, "matching.manage")
    application = selectors.ansokan_get(user=request.user, pk=pk)
    return services.bidrag_decide(actor=acting_user(request), ansokan=application, **payload.dict())


@router.put("/bidrag/{pk}/utbetalning", response={200: AnsokanOut, **WRITE_ERRORS})
def ansokan_pay(request: HttpRequest, pk: int, payload: UtbetalningIn) -> Any:
    require(request, "matching.manage")
    application = selectors.ansokan_get(user=request.user, pk=pk)
    return services.bidrag_pay(actor=acting_user(request), ansokan=application, **payload.dict())


@router.put("/bidrag/{pk}/aterrapport", response={200: AnsokanOut, **WRITE_ERRORS})
def ansokan_report(request: HttpRequest, pk: int, payload: RapportIn) -> Any:
    require(request, "matching.manage")
    application = selectors.ansokan_get(user=request.user, pk=pk)
    return services.bidrag_report(actor=acting_user(request), ansokan=application, **payload.dict())


# Meeting places and networks -------------------------------------------------------------


@router.get("/motesplatser", response={200: list[MotesplatsOut], **READ_ERRORS})
def motesplats_list(request: HttpRequest, alla: bool = False) -> Any:
    """Aktiva mötesplatser; med `alla=true` även de avslutade."""
    return list(selectors.motesplats_list(user=request.user, alla=alla))


@router.post("/motesplatser", response={201: MotesplatsOut, **WRITE_ERRORS})
def motesplats_create(request: HttpRequest, payload: MotesplatsIn) -> Any:
    require(request, "matching.manage")
    place: Motesplats = services.motesplats_create(actor=acting_user(request), **payload.dict())
    return Status(201, place)


@router.get("/aktiviteter", response={200: list[ArrangemangOut], **READ_ERRORS})
def arrangemang_list(request: HttpRequest, fran: dt.date | None = None) -> Any:
    return list(selectors.arrangemang_list(user=request.user, fran=fran or timezone.localdate()))


@router.post("/aktiviteter", response={201: ArrangemangOut, **WRITE_ERRORS})
def arrangemang_create(request: HttpRequest, payload: ArrangemangIn) -> Any:
    require(request, "matching.manage")
    data = payload.dict()
    place = selectors.motesplats_get(user=request.user, pk=data.pop("motesplats_id"))
    activity: Arrangemang = services.arrangemang_create(
        actor=acting_user(request), motesplats=place, **data
    )
    return Status(201, activity)


@router.get("/natverksmoten", response={200: list[NatverksmoteOut], **READ_ERRORS})
def natverksmote_list(request: HttpRequest) -> Any:
    return [_meeting(m) for m in selectors.natverksmote_list(user=request.user)]


@router.post("/natverksmoten", response={201: NatverksmoteOut, **WRITE_ERRORS})
def natverksmote_create(request: HttpRequest, payload: NatverksmoteIn) -> Any:
    require(request, "matching.manage")
    data = payload.dict()
    ids = data.pop("forening_ids")
    associations = list(selectors.forening_list(user=request.user).filter(pk__in=ids))
    if len(associations) != len(set(ids)):
        raise Http404
    meeting: Natverksmote = services.natverksmote_create(
        actor=acting_user(request), foreningar=associations, **data
    )
    return Status(201, _meeting(meeting))


# Editing, closing and deleting the catalogue ---------------------------------------------


def _partial(schema: type[Schema], *, without: tuple[str, ...] = ()) -> type[Schema]:
    """The fields of a create schema, each optional: a PATCH changes only what it sends."""
    fields: dict[str, Any] = {
        name: (field.annotation | None, None)  # type: ignore[operator]  # a schema field has a type
        for name, field in schema.model_fields.items()
        if name not in without
    }
    return create_model(schema.__name__.replace("In", "Andring"), __base__=Schema, **fields)


def _changes(payload: Schema, create: type[Schema]) -> dict[str, Any]:
    """What the PATCH sent. Null only where the record allows none (an open end date, no
    contact person); elsewhere it is refused at the field rather than saved as empty."""
    changes = payload.dict(exclude_unset=True)
    nullable = {n for n, f in create.model_fields.items() if f.default is None}
    refused = [n for n, v in changes.items() if v is None and n not in nullable]
    if refused:
        raise ValidationError({n: _("Fältet kan inte vara tomt.") for n in refused})
    return changes


def _contact(record: Any, changes: dict[str, Any]) -> dict[str, Any]:
    # The API names a place's contact by id; it must be one of the employer's.
    if isinstance(record, Praktikplats) and "kontakt_id" in changes:
        contact_id = changes.pop("kontakt_id")
        kontakter = record.arbetsgivare.kontakter
        changes["kontakt"] = get_object_or_404(kontakter, pk=contact_id) if contact_id else None
    return changes


def _catalogue(
    path: str,
    model: type[Any],
    create: type[Schema],
    out: type[Schema],
    serialize: Callable[[Any], Any] = lambda record: record,
    *,
    without: tuple[str, ...] = (),
) -> None:
    """PATCH, close, reopen and DELETE for one kind, with the same role and the error contract of
    the create endpoints. Registered in a loop so the five kinds cannot drift apart."""
    kind = model.__name__.lower()
    with translation.override(None):  # the schema's own language: the Swedish source
        what = str(model._meta.verbose_name)
    get = getattr(selectors, f"{kind}_get")

    def change(request: HttpRequest, pk: int, payload: Any) -> Any:
        require(request, "matching.manage")
        record = get(user=request.user, pk=pk)
        changes = _contact(record, _changes(payload, create))
        return serialize(services.update(actor=acting_user(request), record=record, **changes))

    def close(request: HttpRequest, pk: int, payload: DatumIn) -> Any:
        require(request, "matching.manage")
        record = get(user=request.user, pk=pk)
        return serialize(
            services.close(actor=acting_user(request), record=record, datum=payload.datum)
        )

    def reopen(request: HttpRequest, pk: int) -> Any:
        require(request, "matching.manage")
        record = get(user=request.user, pk=pk)
        return serialize(services.reopen(actor=acting_user(request), record=record))

    def delete(request: HttpRequest, pk: int) -> Any:
        require(request, "matching.manage")
        services.delete(actor=acting_user(request), record=get(user=request.user, pk=pk))
        return Status(204, None)

    # The payload's type is only known here; ninja reads it from the annotations.
    patch = _partial(create, without=without)
    change.__annotations__ = {"request": HttpRequest, "pk": int, "payload": patch, "return": Any}
    close.__annotations__ = {"request": HttpRequest, "pk": int, "payload": DatumIn, "return": Any}
    reopen.__annotations__ = {"request": HttpRequest, "pk": int, "return": Any}
    delete.__annotations__ = {"request": HttpRequest, "pk": int, "return": Any}
    writes = {200: out, **WRITE_ERRORS}
    router.patch(
        f"/{path}/{{pk}}",
        response=writes,
        operation_id=f"{kind}_update",
        summary=f"Ändra {what}",
        description="Bara fälten som skickas ändras.",
    )(change)
    router.put(
        f"/{path}/{{pk}}/avslutad",
        response=writes,
        operation_id=f"{kind}_close",
        summary=f"Avsluta {what}",
        description=(
            "Finns kvar i historiken och årssummorna men visas inte bland de aktiva eller i "
            "matchningen."
        ),
    )(close)
    router.delete(
        f"/{path}/{{pk}}/avslutad",
        response=writes,
        operation_id=f"{kind}_reopen",
        summary=f"Återöppna {what}",
        description=(
            "Posten blir aktiv igen. Det som avslutades med den förblir avslutat; en plats "
            "under en avslutad arbetsgivare återöppnas inte (400)."
        ),
    )(reopen)
    router.delete(
        f"/{path}/{{pk}}",
        response={204: None, **WRITE_ERRORS},
        operation_id=f"{kind}_delete",
        summary=f"Ta bort {what}",
        description=(
            "Bara om inget annat hänvisar dit; annars svarar API:t 400 med skälet, och posten "
            "kan avslutas i stället."
        ),
    )(delete)


_catalogue("arbetsgivare", Arbetsgivare, ArbetsgivareIn, ArbetsgivareOut, _employer)
_catalogue(
    "praktikplatser", Praktikplats, PraktikplatsIn, PraktikplatsOut, without=("arbetsgivare_id",)
)
_catalogue("volontarer", Volontar, VolontarIn, VolontarOut, _volunteer)
_catalogue("foreningar", Forening, ForeningIn, ForeningOut, _association)
_catalogue("motesplatser", Motesplats, MotesplatsIn, MotesplatsOut)


@router.delete("/kontakter/{pk}", response={204: None, **WRITE_ERRORS})
def kontakt_delete(request: HttpRequest, pk: int) -> Any:
    """Ta bort en kontaktperson hos en arbetsgivare eller förening; en plats som hade den som
    kontakt står utan."""
    require(request, "matching.manage")
    contact = selectors.kontaktperson_get(user=request.user, pk=pk)
    services.kontaktperson_delete(actor=acting_user(request), kontaktperson=contact)
    return Status(204, None)
