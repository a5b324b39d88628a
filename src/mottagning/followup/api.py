"""REST API of the follow-up (mounted at /api/): goals, indicators with their outcomes, action
plans, assessments and the report. Same permissions as the pages; figures from the register
are suppressed exactly as on the pages, and no endpoint returns a person."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from mottagning.accounts.permissions import acting_user, require
from mottagning.api.contract import READ_ERRORS, RECORD_ERRORS, WRITE_ERRORS
from mottagning.config.converters import MAX_ID
from mottagning.followup import selectors, services
from mottagning.followup.indicators import REGISTRY
from mottagning.followup.models import (
    BERAKNAD,
    Bedomning,
    Granskningsomrade,
    Handlingsplan,
    Indikator,
    Mal,
    PlanAktivitet,
)
from mottagning.register.models import Committee, Unit

router = Router(tags=["uppföljning"])

Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Year = Annotated[int, Field(ge=2000, le=2199)]


def _own(request: HttpRequest, model: Any, pk: int | None) -> Any:
    if pk is None:
        return None
    return get_object_or_404(
        model, pk=pk, municipality_id=acting_user(request).municipality_id or 0
    )


class MalOut(Schema):
    id: int
    overordnat_id: int | None
    niva: str
    titel: str
    beskrivning: str
    agare_namnd_id: int | None
    agare_enhet_id: int | None
    giltig_fran: dt.date
    giltig_till: dt.date | None
    kalla: str


class MalIn(Schema):
    niva: Literal["langsiktigt", "kvalitativt", "delmal"]
    titel: str = Field(min_length=1, max_length=300)
    giltig_fran: dt.date
    giltig_till: dt.date | None = None
    overordnat_id: int | None = Field(None, ge=1, le=MAX_ID)
    agare_namnd_id: int | None = Field(None, ge=1, le=MAX_ID)
    agare_enhet_id: int | None = Field(None, ge=1, le=MAX_ID)
    beskrivning: str = ""
    kalla: str = Field("", max_length=300)


class IndikatorOut(Schema):
    id: int
    mal_id: int | None
    namn: str
    enhet: str
    riktning: str
    kalla_typ: str
    berakning: str
    berakning_beskrivning: str | None
    kolada_kpi: str
    kalla: str


class IndikatorIn(Schema):
    namn: str = Field(min_length=1, max_length=300)
    enhet: str = Field(min_length=1, max_length=30)
    riktning: Literal["hogre", "lagre"]
    kalla_typ: Literal["beraknad", "manuell", "importerad"]
    mal_id: int | None = Field(None, ge=1, le=MAX_ID)
    berakning: str = Field("", max_length=60)
    kolada_kpi: str = Field("", max_length=20)
    kalla: str = Field("", max_length=300)


class UtfallOut(Schema):
    ar: int
    varde: Decimal | None
    taljare: int | None
    namnare: int | None
    undertryckt: bool
    kommentar: str
    malvarde: Decimal | None
    malvarde_antagande: bool
    status: str


class VardeIn(Schema):
    ar: Year
    varde: Decimal = Field(max_digits=14, decimal_places=2)
    kommentar: str = ""


class PlanAktivitetOut(Schema):
    id: int
    mal_id: int | None
    titel: str
    ansvarig_namnd_id: int | None
    ansvarig_enhet_id: int | None
    grund: str
    niva: str
    status: str
    forfaller: dt.date
    uppfoljning: str
    kalla: str


class HandlingsplanOut(Schema):
    id: int
    ar: int
    namn: str
    namnd_id: int | None
    kalla: str
    aktiviteter: list[PlanAktivitetOut]


class HandlingsplanIn(Schema):
    ar: Year
    namn: str = Field(min_length=1, max_length=200)
    namnd_id: int | None = Field(None, ge=1, le=MAX_ID)
    kalla: str = Field("", max_length=300)


class PlanAktivitetIn(Schema):
    titel: str = Field(min_length=1, max_length=300)
    grund: Literal["lagkrav", "lokalt_initiativ"]
    niva: Literal["strategisk", "operativ"]
    forfaller: dt.date
    mal_id: int | None = Field(None, ge=1, le=MAX_ID)
    ansvarig_namnd_id: int | None = Field(None, ge=1, le=MAX_ID)
    ansvarig_enhet_id: int | None = Field(None, ge=1, le=MAX_ID)
    status: Literal["ej_paborjad", "pagar", "klar", "installd"] = "ej_paborjad"
    uppfoljning: str = ""
    kalla: str = Field("", max_length=300)


class BedomningOut(Schema):
    id: int
    omrade_id: int
    omrade: str
    ar: int
    niva: int | None
    niva_text: str | None
    grunder: str
    rekommendation: str
    rekommendation_foljd: bool | None
    kalla: str


class BedomningIn(Schema):
    omrade_id: int = Field(ge=1, le=MAX_ID)
    ar: Year
    niva: Literal[1, 2, 3, 4] | None = None
    grunder: str = Field(min_length=1)
    rekommendation: str = ""
    rekommendation_foljd: bool | None = None
    kalla: str = Field("", max_length=300)


class RapportRadOut(Schema):
    mal: str
    indikator_id: int
    indikator: str
    enhet: str
    utfall: UtfallOut


class RapportOut(Schema):
    ar: int
    period: str
    namnd_id: int | None
    fran: dt.date
    till: dt.date
    troskel: int
    rader: list[RapportRadOut]
    sammanfattning: dict[str, int]
    aktiviteter: list[PlanAktivitetOut]


def _mal_out(m: Mal) -> dict[str, Any]:
    return {f: getattr(m, f) for f in MalOut.model_fields}


def _indikator_out(i: Indikator) -> dict[str, Any]:
    out = {f: getattr(i, f) for f in IndikatorOut.model_fields if f != "berakning_beskrivning"}
    computed = REGISTRY.get(i.berakning) if i.kalla_typ == BERAKNAD else None
    out["berakning_beskrivning"] = computed.beskrivning if computed else None
    return out


def _outcome_out(o: selectors.Outcome) -> dict[str, Any]:
    return {f: getattr(o, f) for f in UtfallOut.model_fields}


def _activity_out(a: PlanAktivitet) -> dict[str, Any]:
    return {f: getattr(a, f) for f in PlanAktivitetOut.model_fields}


def _plan_out(p: Handlingsplan) -> dict[str, Any]:
    out = {f: getattr(p, f) for f in HandlingsplanOut.model_fields if f != "aktiviteter"}
    out["aktiviteter"] = [_activity_out(a) for a in selectors.plan_activities(p)]
    return out


def _bedomning_out(b: Bedomning) -> dict[str, Any]:
    out = {f: getattr(b, f) for f in BedomningOut.model_fields if f not in ("omrade", "niva_text")}
    out["omrade"] = b.omrade.namn
    out["niva_text"] = str(b.get_niva_display()) if b.niva else None
    return out


@router.get("/uppfoljning/mal", response={200: list[MalOut], **READ_ERRORS})
def mal_list(request: HttpRequest) -> Any:
    require(request, "followup.view")
    return [_mal_out(m) for m in selectors.mal_choices(user=request.user)]


@router.post("/uppfoljning/mal", response={201: MalOut, **WRITE_ERRORS})
def mal_create(request: HttpRequest, payload: MalIn) -> Any:
    require(request, "followup.edit")
    mal = services.mal_create(
        actor=acting_user(request),
        niva=payload.niva,
        titel=payload.titel,
        giltig_fran=payload.giltig_fran,
        giltig_till=payload.giltig_till,
        overordnat=_own(request, Mal, payload.overordnat_id),
        agare_namnd=_own(request, Committee, payload.agare_namnd_id),
        agare_enhet=_own(request, Unit, payload.agare_enhet_id),
        beskrivning=payload.beskrivning,
        kalla=payload.kalla,
    )
    return Status(201, _mal_out(mal))


@router.get("/uppfoljning/indikatorer", response={200: list[IndikatorOut], **READ_ERRORS})
def indikator_list(request: HttpRequest) -> Any:
    return [_indikator_out(i) for i in selectors.indikator_list(user=request.user)]


@router.post("/uppfoljning/indikatorer", response={201: IndikatorOut, **WRITE_ERRORS})
def indikator_create(request: HttpRequest, payload: IndikatorIn) -> Any:
    require(request, "followup.edit")
    indikator = services.indikator_create(
        actor=acting_user(request),
        mal=_own(request, Mal, payload.mal_id),
        namn=payload.namn,
        enhet=payload.enhet,
        riktning=payload.riktning,
        kalla_typ=payload.kalla_typ,
        berakning=payload.berakning,
        kolada_kpi=payload.kolada_kpi,
        kalla=payload.kalla,
    )
    return Status(201, _indikator_out(indikator))


@router.get(
    "/uppfoljning/indikatorer/{pk}/utfall", response={200: list[UtfallOut], **RECORD_ERRORS}
)
def indikator_utfall(
    request: HttpRequest, pk: Id, ar: Annotated[list[int] | None, Query(None)] = None
) -> Any:
    indikator = selectors.indikator_get(user=request.user, pk=pk)
    years = [y for y in (ar or []) if 2000 <= y <= 2199][:10] or selectors.years_of(
        indikator, timezone.localdate()
    )
    return [
        _outcome_out(o)
        for o in selectors.indikator_outcomes(user=request.user, indikator=indikator, years=years)
    ]


@router.post("/uppfoljning/indikatorer/{pk}/malvarden", response={201: UtfallOut, **WRITE_ERRORS})
def malvarde_set(request: HttpRequest, pk: Id, payload: VardeIn) -> Any:
    require(request, "followup.edit")
    indikator = selectors.indikator_get(user=request.user, pk=pk)
    services.malvarde_set(
        actor=acting_user(request), indikator=indikator, ar=payload.ar, varde=payload.varde
    )
    return Status(201, _outcome_out(selectors.outcome_for(indikator, payload.ar)))


@router.post("/uppfoljning/indikatorer/{pk}/utfall", response={201: UtfallOut, **WRITE_ERRORS})
def utfall_set(request: HttpRequest, pk: Id, payload: VardeIn) -> Any:
    require(request, "followup.edit")
    indikator = selectors.indikator_get(user=request.user, pk=pk)
    services.utfall_set(
        actor=acting_user(request),
        indikator=indikator,
        ar=payload.ar,
        varde=payload.varde,
        kommentar=payload.kommentar,
    )
    return Status(201, _outcome_out(selectors.outcome_for(indikator, payload.ar)))


@router.get("/uppfoljning/handlingsplaner", response={200: list[HandlingsplanOut], **READ_ERRORS})
def plan_list(request: HttpRequest) -> Any:
    return [_plan_out(p) for p in selectors.plan_list(user=request.user)]


@router.get("/uppfoljning/handlingsplaner/{pk}", response={200: HandlingsplanOut, **RECORD_ERRORS})
def plan_get(request: HttpRequest, pk: Id) -> Any:
    return _plan_out(selectors.plan_get(user=request.user, pk=pk))


@router.post("/uppfoljning/handlingsplaner", response={201: HandlingsplanOut, **WRITE_ERRORS})
def plan_create(request: HttpRequest, payload: HandlingsplanIn) -> Any:
    require(request, "followup.edit")
    plan = services.handlingsplan_create(
        actor=acting_user(request),
        ar=payload.ar,
        namn=payload.namn,
        namnd=_own(request, Committee, payload.namnd_id),
        kalla=payload.kalla,
    )
    return Status(201, _plan_out(plan))


@router.post(
    "/uppfoljning/handlingsplaner/{pk}/aktiviteter",
    response={201: PlanAktivitetOut, **WRITE_ERRORS},
)
def planaktivitet_create(request: HttpRequest, pk: Id, payload: PlanAktivitetIn) -> Any:
    require(request, "followup.edit")
    plan = selectors.plan_get(user=request.user, pk=pk)
    activity = services.planaktivitet_create(
        actor=acting_user(request),
        plan=plan,
        titel=payload.titel,
        grund=payload.grund,
        niva=payload.niva,
        forfaller=payload.forfaller,
        mal=_own(request, Mal, payload.mal_id),
        ansvarig_namnd=_own(request, Committee, payload.ansvarig_namnd_id),
        ansvarig_enhet=_own(request, Unit, payload.ansvarig_enhet_id),
        status=payload.status,
        uppfoljning=payload.uppfoljning,
        kalla=payload.kalla,
    )
    return Status(201, _activity_out(activity))


@router.get("/uppfoljning/bedomningar", response={200: list[BedomningOut], **READ_ERRORS})
def bedomning_list(request: HttpRequest) -> Any:
    _years, areas = selectors.assessment_history(user=request.user)
    return [_bedomning_out(b) for a in areas for _y, b in sorted(a.per_ar.items())]


@router.post("/uppfoljning/bedomningar", response={201: BedomningOut, **WRITE_ERRORS})
def bedomning_create(request: HttpRequest, payload: BedomningIn) -> Any:
    require(request, "followup.assess")
    omrade = _own(request, Granskningsomrade, payload.omrade_id)
    b = services.bedomning_set(
        actor=acting_user(request),
        omrade=omrade,
        ar=payload.ar,
        niva=payload.niva,
        grunder=payload.grunder,
        rekommendation=payload.rekommendation,
        rekommendation_foljd=payload.rekommendation_foljd,
        kalla=payload.kalla,
    )
    return Status(201, _bedomning_out(b))


@router.get("/uppfoljning/rapport", response={200: RapportOut, **RECORD_ERRORS})
def rapport(
    request: HttpRequest,
    ar: Annotated[int, Query(ge=2000, le=2199)],
    period: Literal["delar", "bokslut"] = "bokslut",
    namnd_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> Any:
    namnd = _own(request, Committee, namnd_id)
    r = selectors.report(user=request.user, ar=ar, period=period, namnd=namnd)
    return {
        "ar": r.ar,
        "period": r.period,
        "namnd_id": namnd.pk if namnd else None,
        "fran": r.fran,
        "till": r.till,
        "troskel": r.threshold,
        "rader": [
            {
                "mal": row.mal.titel,
                "indikator_id": row.indikator.pk,
                "indikator": row.indikator.namn,
                "enhet": row.indikator.enhet,
                "utfall": _outcome_out(row.outcome),
            }
            for row in r.rows
        ],
        "sammanfattning": dict(r.summary),
        "aktiviteter": [_activity_out(a) for a in r.activities],
    }
