"""REST API for mappings, plans and activities (mounted on the project's API at /api/). Same
permissions as the pages; every read of a person's record is logged."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status

from mottagning.accounts.models import User
from mottagning.accounts.permissions import require
from mottagning.api.contract import RECORD_ERRORS, WRITE_ERRORS
from mottagning.audit.services import person_read
from mottagning.plans import deadlines, selectors, services
from mottagning.plans.models import Aktivitet, IndividuellPlan, Kartlaggning
from mottagning.register import selectors as reg
from mottagning.register.models import Person, Unit

router = Router(tags=["kartläggning och plan"])


class KartlaggningOut(Schema):
    id: int
    person_id: int
    slag: str
    enhet_id: int
    handlaggare_id: int | None
    mottagen: dt.date
    frist: dt.date | None
    frist_kalla: str | None
    utbildning: str
    arbetslivserfarenhet: str
    sprak: str
    halsobehov: str
    korkort: str
    mal: str
    erfarenheter: str
    litteracitet: str
    amneskunskaper: str
    rekommendation: str
    klar: dt.date | None


class KartlaggningIn(Schema):
    slag: str = "forsta"
    enhet_id: int
    handlaggare_id: int | None = None
    mottagen: dt.date
    klar: dt.date | None = None
    utbildning: str = ""
    arbetslivserfarenhet: str = ""
    sprak: str = ""
    halsobehov: str = ""
    korkort: str = ""
    mal: str = ""
    erfarenheter: str = ""
    litteracitet: str = ""
    amneskunskaper: str = ""
    rekommendation: str = ""


class KartlaggningUpdateIn(Schema):
    handlaggare_id: int | None = None
    klar: dt.date | None = None
    utbildning: str = ""
    arbetslivserfarenhet: str = ""
    sprak: str = ""
    halsobehov: str = ""
    korkort: str = ""
    mal: str = ""
    erfarenheter: str = ""
    litteracitet: str = ""
    amneskunskaper: str = ""
    rekommendation: str = ""


class AktivitetOut(Schema):
    id: int
    plan_id: int
    slag: str
    beskrivning: str
    ansvarig_enhet_id: int | None
    partner: str
    ansokan: dt.date | None
    start: dt.date | None
    forfaller: dt.date
    klar: dt.date | None
    sfi_mal_start: dt.date | None
    sfi_mal_kalla: str | None


class PlanOut(Schema):
    id: int
    person_id: int
    enhet_id: int
    handlaggare_id: int | None
    upprattad: dt.date
    mal: str
    avslutad: dt.date | None
    egen_forsorjning: bool | None
    aktiviteter: list[AktivitetOut]


class PlanIn(Schema):
    enhet_id: int
    handlaggare_id: int | None = None
    upprattad: dt.date
    mal: str


class AktivitetIn(Schema):
    slag: str
    forfaller: dt.date
    ansvarig_enhet_id: int | None = None
    partner: str = ""
    beskrivning: str = ""
    ansokan: dt.date | None = None
    start: dt.date | None = None
    klar: dt.date | None = None


class AktivitetUpdateIn(Schema):
    forfaller: dt.date
    start: dt.date | None = None
    klar: dt.date | None = None


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


def _person(request: HttpRequest, person_id: int) -> Person:
    require(request, "plans.read")
    person = reg.person_get(user=cast(User, request.user), person_id=person_id)
    person_read(user=cast(User, request.user), person=person, kanal="api")
    return person


def _log(request: HttpRequest, person: Person) -> None:
    person_read(user=cast(User, request.user), person=person, kanal="api")


def _unit(request: HttpRequest, unit_id: int | None) -> Unit | None:
    if unit_id is None:
        return None
    municipality = getattr(request.user, "municipality_id", None)
    return get_object_or_404(Unit, pk=unit_id, municipality_id=municipality)


def _colleague(request: HttpRequest, user_id: int | None) -> User | None:
    if user_id is None:
        return None
    return get_object_or_404(selectors.handlaggare_choices(user=request.user), pk=user_id)


def _mapping_out(mapping: Kartlaggning) -> dict[str, Any]:
    due = selectors.mapping_due(mapping, mapping.person.municipality.kod)
    out = {f: getattr(mapping, f) for f in services.MAPPING_TEXT_FIELDS}
    out.update(
        id=mapping.pk,
        person_id=mapping.person_id,
        slag=mapping.slag,
        enhet_id=mapping.enhet_id,
        handlaggare_id=mapping.handlaggare_id,
        mottagen=mapping.mottagen,
        klar=mapping.klar,
        frist=due[0] if due else None,
        frist_kalla=due[1] if due else None,
    )
    return out


def _activity_out(activity: Aktivitet, kommun: str) -> dict[str, Any]:
    target = selectors.sfi_target(activity, kommun)
    return {
        "id": activity.pk,
        "plan_id": activity.plan_id,
        "slag": activity.slag,
        "beskrivning": activity.beskrivning,
        "ansvarig_enhet_id": activity.ansvarig_enhet_id,
        "partner": activity.partner,
        "ansokan": activity.ansokan,
        "start": activity.start,
        "forfaller": activity.forfaller,
        "klar": activity.klar,
        "sfi_mal_start": target.due if target else None,
        "sfi_mal_kalla": target.source if target else None,
    }


def _plan_out(plan: IndividuellPlan) -> dict[str, Any]:
    kommun = plan.person.municipality.kod
    return {
        "id": plan.pk,
        "person_id": plan.person_id,
        "enhet_id": plan.enhet_id,
        "handlaggare_id": plan.handlaggare_id,
        "upprattad": plan.upprattad,
        "mal": plan.mal,
        "avslutad": plan.avslutad,
        "egen_forsorjning": plan.egen_forsorjning,
        "aktiviteter": [_activity_out(a, kommun) for a in plan.aktiviteter.all()],
    }


@router.get(
    "/personer/{person_id}/kartlaggningar", response={200: list[KartlaggningOut], **RECORD_ERRORS}
)
def kartlaggning_list(request: HttpRequest, person_id: int) -> Any:
    person = _person(request, person_id)
    return [_mapping_out(m) for m in person.kartlaggningar.all()]


@router.post(
    "/personer/{person_id}/kartlaggningar", response={201: KartlaggningOut, **WRITE_ERRORS}
)
def kartlaggning_create(request: HttpRequest, person_id: int, payload: KartlaggningIn) -> Any:
    require(request, "plans.write")
    person = _person(request, person_id)
    texts = payload.dict(include=set(services.MAPPING_TEXT_FIELDS))
    unit = _unit(request, payload.enhet_id)
    assert unit is not None
    mapping = services.kartlaggning_create(
        actor=request.user,
        person=person,
        enhet=unit,
        slag=payload.slag,
        mottagen=payload.mottagen,
        handlaggare=_colleague(request, payload.handlaggare_id),
        klar=payload.klar,
        reason="API",
        **texts,
    )
    return Status(201, _mapping_out(mapping))


@router.put("/kartlaggningar/{pk}", response={200: KartlaggningOut, **WRITE_ERRORS})
def kartlaggning_update(request: HttpRequest, pk: int, payload: KartlaggningUpdateIn) -> Any:
    require(request, "plans.write")
    mapping = selectors.kartlaggning_get(user=request.user, pk=pk)
    _log(request, mapping.person)
    texts = payload.dict(include=set(services.MAPPING_TEXT_FIELDS))
    services.kartlaggning_update(
        actor=request.user,
        kartlaggning=mapping,
        handlaggare=_colleague(request, payload.handlaggare_id),
        klar=payload.klar,
        reason="API",
        **texts,
    )
    return _mapping_out(mapping)


@router.get("/personer/{person_id}/planer", response={200: list[PlanOut], **RECORD_ERRORS})
def plan_list(request: HttpRequest, person_id: int) -> Any:
    person = _person(request, person_id)
    return [_plan_out(p) for p in person.planer.prefetch_related("aktiviteter")]


@router.post("/personer/{person_id}/planer", response={201: PlanOut, **WRITE_ERRORS})
def plan_create(request: HttpRequest, person_id: int, payload: PlanIn) -> Any:
    require(request, "plans.write")
    person = _person(request, person_id)
    unit = _unit(request, payload.enhet_id)
    assert unit is not None
    plan = services.plan_create(
        actor=request.user,
        person=person,
        enhet=unit,
        upprattad=payload.upprattad,
        mal=payload.mal,
        handlaggare=_colleague(request, payload.handlaggare_id),
        reason="API",
    )
    return Status(201, _plan_out(plan))


@router.post("/planer/{pk}/aktiviteter", response={201: AktivitetOut, **WRITE_ERRORS})
def aktivitet_create(request: HttpRequest, pk: int, payload: AktivitetIn) -> Any:
    require(request, "plans.write")
    plan = selectors.plan_get(user=request.user, pk=pk)
    _log(request, plan.person)
    activity = services.aktivitet_create(
        actor=request.user,
        plan=plan,
        slag=payload.slag,
        forfaller=payload.forfaller,
        ansvarig_enhet=_unit(request, payload.ansvarig_enhet_id),
        partner=payload.partner,
        beskrivning=payload.beskrivning,
        ansokan=payload.ansokan,
        start=payload.start,
        klar=payload.klar,
        reason="API",
    )
    return Status(201, _activity_out(activity, plan.person.municipality.kod))


@router.put("/aktiviteter/{pk}", response={200: AktivitetOut, **WRITE_ERRORS})
def aktivitet_update(request: HttpRequest, pk: int, payload: AktivitetUpdateIn) -> Any:
    require(request, "plans.write")
    activity = selectors.aktivitet_get(user=request.user, pk=pk)
    _log(request, activity.plan.person)
    services.aktivitet_update(
        actor=request.user,
        aktivitet=activity,
        forfaller=payload.forfaller,
        start=payload.start,
        klar=payload.klar,
        reason="API",
    )
    return _activity_out(activity, activity.plan.person.municipality.kod)


@router.get("/planer/frister", response={200: list[FristOut], **RECORD_ERRORS})
def frist_list(request: HttpRequest, datum: dt.date | None = None) -> Any:
    """Öppna frister för kartläggningar och planer för personer du får se, tidigast först."""
    require(request, "plans.read")
    return deadlines.deadline_list(user=request.user, today=datum or timezone.localdate())
