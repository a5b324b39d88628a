"""REST API at /api/ (OpenAPI at /api/openapi.json). Thin: parse, call a selector or service,
serialise. Same permissions as the pages; every read of a person's record is logged."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, NinjaAPI, Status
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.docs import Swagger
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import HttpBearer
from pydantic import Field as PydanticField

from mottagning.accounts.models import User
from mottagning.accounts.permissions import require
from mottagning.accounts.services import api_token_user
from mottagning.api.contract import AUTH_ERRORS, READ_ERRORS, RECORD_ERRORS, WRITE_ERRORS
from mottagning.api.schemas import (
    Date,
    EventIn,
    EventOut,
    PersonDetailOut,
    PersonIn,
    PersonOut,
    StateOut,
    UnitOut,
    WorklistOut,
)
from mottagning.cases import selectors as case_selectors
from mottagning.cases.models import Handover, Transition
from mottagning.config.converters import MAX_ID
from mottagning.register import selectors as reg
from mottagning.register import services
from mottagning.register.models import Person, Unit
from mottagning.register.search import QUERY_MAX_LENGTH, search
from mottagning.rules.errors import InputError


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <nyckel>`; keys are made on the page Konto → API-nycklar."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(secret=token)
        if user is None:
            return None
        request.user = user
        return user


class _Docs(Swagger):
    template = "api/swagger.html"


api = NinjaAPI(
    title="mottagning",
    version="1",
    description=(
        "Register, tillstånd och ansvar för flyktingmottagning. Samma behörigheter som webben."
    ),
    auth=TokenAuth(),
    urls_namespace="api",
    # Interactive documentation at /api/docs/: Swagger UI from django-ninja's own static files
    # (no CDN, so the CSP stays 'self'), in a page of ours with the language and a title.
    docs_url="/docs/",
    docs=_Docs(),
)


# Case work lives in its own apps; their endpoints share this API's authentication and errors.
api.add_router("", "mottagning.arenden.api.router")
api.add_router("", "mottagning.placements.api.router")


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Du har inte behörighet till det här."}, status=403
    )


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def _no_such_row(request: HttpRequest, exc: Exception) -> HttpResponse:
    # An id beyond the database's 64-bit integers names no row (SQLite raises OverflowError,
    # PostgreSQL a DataError) rather than a server error.
    return api.create_response(request, {"detail": "Hittades inte."}, status=404)


@api.exception_handler(InputError)
def _refused_by_rules(request: HttpRequest, exc: InputError) -> HttpResponse:
    # The rules core's sentence says what and where (a date before birth, say).
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": detail}, status=400)


def _person(request: HttpRequest, person_id: int) -> Person:
    require(request, "register.read_person")
    if not 0 < person_id <= MAX_ID:
        raise Http404
    return reg.person_get(user=cast(User, request.user), person_id=person_id)


def _person_out(person: Person) -> dict[str, Any]:
    return {
        "id": person.pk,
        "fornamn": person.fornamn,
        "efternamn": person.efternamn,
        "fodelsedatum": person.fodelsedatum,
        "ensamkommande": person.ensamkommande,
        "hushall_id": person.household_id,
        "registrerad_av": person.registrerad_av.kod,
    }


class _Pages(PageNumberPagination):
    class Input(PageNumberPagination.Input):
        # Bounded: page × size becomes an SQL OFFSET, which must stay a 64-bit integer.
        page: int = Field(1, ge=1, le=10**9)


@api.get("/personer", response={200: list[PersonOut], **READ_ERRORS}, tags=["personer"])
@paginate(_Pages, page_size=50)
def person_list(request: HttpRequest, q: str = "") -> Any:
    """Personer som dina enheter har eller har haft ansvar för (söker på namn och nummer)."""
    require(request, "register.read_person")
    # Checked here, not as Query(max_length=...): @paginate resolves the signature's string
    # annotations in django-ninja's own module, where the bound's name is unknown.
    if len(q) > QUERY_MAX_LENGTH:
        raise NinjaValidationError(
            [
                {
                    "type": "string_too_long",
                    "loc": ["query", "q"],
                    "msg": f"Sökningen får vara högst {QUERY_MAX_LENGTH} tecken.",
                }
            ]
        )
    return [
        _person_out(p)
        for p in search(reg.person_list(user=request.user), q).select_related("registrerad_av")
    ]


@api.post("/personer", response={201: PersonDetailOut, **WRITE_ERRORS}, tags=["personer"])
def person_create(request: HttpRequest, payload: PersonIn) -> Any:
    require(request, "register.write_person")
    if not 0 < payload.enhet_id <= MAX_ID:
        raise Http404
    unit = get_object_or_404(Unit, pk=payload.enhet_id, id__in=cast(User, request.user).unit_ids())
    identity = (
        [(payload.identitetstyp, payload.identitet)]
        if payload.identitetstyp and payload.identitet
        else []
    )
    person = services.person_create(
        actor=cast(User, request.user),
        unit=unit,
        fornamn=payload.fornamn,
        efternamn=payload.efternamn,
        fodelsedatum=payload.fodelsedatum,
        ensamkommande=payload.ensamkommande,
        identity_list=identity,
        reason="API",
    )
    return Status(201, _person_detail(person))


def _person_detail(person: Person) -> dict[str, Any]:
    out = _person_out(person)
    out["identiteter"] = list(
        person.identiteter.values("typ", "varde", "giltig_fran", "giltig_till")
    )
    return out


@api.get(
    "/personer/{person_id}", response={200: PersonDetailOut, **RECORD_ERRORS}, tags=["personer"]
)
def person_detail(request: HttpRequest, person_id: int) -> Any:
    return _person_detail(_person(request, person_id))


@api.get(
    "/personer/{person_id}/handelser",
    response={200: list[EventOut], **RECORD_ERRORS},
    tags=["personer"],
)
def event_list(request: HttpRequest, person_id: int) -> Any:
    return list(_person(request, person_id).handelser.all())


@api.post(
    "/personer/{person_id}/handelser", response={201: EventOut, **WRITE_ERRORS}, tags=["personer"]
)
def event_create(request: HttpRequest, person_id: int, payload: EventIn) -> Any:
    require(request, "register.write_person")
    person = _person(request, person_id)
    details = payload.dict(exclude={"typ", "datum", "anteckning"})
    event = services.event_create(
        actor=cast(User, request.user),
        person=person,
        typ=payload.typ,
        datum=payload.datum,
        anteckning=payload.anteckning,
        reason="API",
        **details,
    )
    return Status(201, event)


@api.get(
    "/personer/{person_id}/ansvar",
    response={200: StateOut, **WRITE_ERRORS},
    tags=["personer"],
)
def person_state(
    request: HttpRequest, person_id: int, datum: Date | None = None, overgangar: bool = True
) -> Any:
    """Tillstånd och ansvar på ett datum (i dag om inget anges).

    Samma JSON som `mottagning route`; med `overgangar` (standard) även kommande övergångar och
    de överlämningar de utlöser."""
    require(request, "register.read_person")
    if not 0 < person_id <= MAX_ID:
        raise Http404
    person, events = reg.person_with_events_get(user=cast(User, request.user), person_id=person_id)
    answer = case_selectors.person_route(
        person=person, datum=datum or timezone.localdate(), overgangar=overgangar, events=events
    )
    # The rules core's JSON as it is: StateOut documents it (schemathesis checks that it holds),
    # and validating it again per request cost the busiest endpoint CPU (py-spy, make bench).
    return HttpResponse(
        json.dumps(answer, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )


@api.get("/enheter", response={200: list[UnitOut], **AUTH_ERRORS}, tags=["enheter"])
def unit_list(request: HttpRequest) -> Any:
    return [_unit_out(u) for u in reg.user_units(user=request.user)]


def _unit_out(unit: Unit) -> dict[str, Any]:
    return {"id": unit.pk, "kod": unit.kod, "namn": unit.namn, "namnd": unit.committee.namn}


def _transition_out(t: Transition, today: dt.date) -> dict[str, Any]:
    return {
        "id": t.pk,
        "person_id": t.person_id,
        "person": str(t.person),
        "typ": t.typ,
        "datum": t.datum,
        "forsenad": t.datum < today and t.hanterad is None,
    }


def _handover_out(t: Transition, h: Handover) -> dict[str, Any]:
    return {
        "person_id": t.person_id,
        "person": str(t.person),
        "datum": t.datum,
        "typ": t.typ,
        "omrade": h.omrade,
        "fran": h.fran_enhet.namn if h.fran_enhet else h.fran_text,
        "till": h.till_enhet.namn if h.till_enhet else h.till_text,
    }


@api.get(
    "/enheter/{unit_id}/arbetslista", response={200: WorklistOut, **RECORD_ERRORS}, tags=["enheter"]
)
def worklist(
    request: HttpRequest,
    unit_id: int,
    datum: Date | None = None,
    page: Annotated[int, PydanticField(ge=1, le=10**9)] = 1,
) -> Any:
    """Anvisningar att ta emot, försenade och kommande övergångar, ansvar som flyttar till eller
    från enheten de närmaste 90 dagarna. Varje del visar högst 100 rader per sida (`page`)."""
    try:
        unit = case_selectors.unit_for_user(user=request.user, unit_id=unit_id)
    except Unit.DoesNotExist:
        raise Http404 from None
    out: dict[str, Any] = {"enhet": _unit_out(unit)}
    for key in case_selectors.SECTIONS:
        work = case_selectors.worklist(
            user=request.user, unit=unit, today=datum, limit=100, show=key, page=page
        )
        rows = work.sections[key].rows
        out["datum"] = work.today
        if key in ("till_enheten", "fran_enheten"):
            out[key] = [_handover_out(t, h) for t in rows for h in t.overlamningar.all()]
        else:
            out[key] = [_transition_out(t, work.today) for t in rows]
    return out


# Case work apps bring their own routers (issue #11); mounted here so one OpenAPI describes all.
def _mount_case_work() -> None:
    from mottagning.housing.api import router as housing_router
    from mottagning.plans.api import router as plans_router

    api.add_router("/", plans_router)
    api.add_router("/", housing_router)
    api.add_router("/", "mottagning.claims.api.router")
    from mottagning.followup.api import router as followup_router

    api.add_router("/", followup_router)
    from mottagning.matching.api import router as matching_router

    api.add_router("/", matching_router)


_mount_case_work()
