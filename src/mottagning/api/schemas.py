"""Input and output shapes of the REST API (OpenAPI is generated from these).

Codes are the rules core's vocabularies (rules/codes.py), published as OpenAPI enumerations;
dates are strict ÅÅÅÅ-MM-DD within the rules core's bounds (pydantic alone would take a number
of seconds since 1970 for a date).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any

from ninja import Schema
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, WithJsonSchema

from mottagning.rules.codes import (
    ARBETE,
    BOENDEFORM,
    FAS,
    HANDELSETYPER,
    HUVUDMAN,
    OMRADE,
    PLACERINGSFORM,
    RATTSLIG_STATUS,
    SKOLFORM,
    TILLSTAND,
)
from mottagning.rules.errors import InputError
from mottagning.rules.events import check_date

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _strict_date(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return check_date(value, "datum")
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError("ett datum skrivs ÅÅÅÅ-MM-DD, till exempel 2018-03-01")
    try:
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value} är inget giltigt datum; skriv ÅÅÅÅ-MM-DD") from None
    try:
        return check_date(parsed, "datum")
    except InputError as exc:
        raise ValueError(exc.message) from None


#: A date as ÅÅÅÅ-MM-DD only, within the rules core's bounds (1900-01-01..2199-12-31; the
#: pattern's years say so to clients).
Date = Annotated[
    dt.date,
    BeforeValidator(_strict_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": "^(19|20|21)[0-9]{2}-"}),
]


def _member_of(codes: tuple[str, ...]) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in codes:
            raise ValueError(f"ska vara en av {', '.join(codes)}")
        return value

    return check


def _enum(codes: tuple[str, ...], *, blank: bool = False) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "enum": [*codes, *([""] if blank else [])]})


def _enum_or_null(codes: tuple[str, ...]) -> WithJsonSchema:
    return WithJsonSchema({"anyOf": [{"type": "string", "enum": list(codes)}, {"type": "null"}]})


EventType = Annotated[str, AfterValidator(_member_of(HANDELSETYPER)), _enum(HANDELSETYPER)]
Permit = Annotated[str, AfterValidator(_member_of(TILLSTAND)), _enum(TILLSTAND)]
PlacementForm = Annotated[str, AfterValidator(_member_of(PLACERINGSFORM)), _enum(PLACERINGSFORM)]
Area = Annotated[str, _enum(OMRADE)]
# Stored events leave fields of other event types blank ("").
PermitOrBlank = Annotated[str, _enum(TILLSTAND, blank=True)]
PlacementFormOrBlank = Annotated[str, _enum(PLACERINGSFORM, blank=True)]
SchoolForm = Annotated[str, AfterValidator(_member_of(SKOLFORM)), _enum(SKOLFORM)]
SchoolFormOrBlank = Annotated[str, _enum(SKOLFORM, blank=True)]


class IdentityOut(Schema):
    typ: str
    varde: str
    giltig_fran: dt.date | None
    giltig_till: dt.date | None


class PersonOut(Schema):
    id: int
    fornamn: str
    efternamn: str
    fodelsedatum: dt.date
    ensamkommande: bool
    hushall_id: int | None
    registrerad_av: str


class PersonDetailOut(PersonOut):
    identiteter: list[IdentityOut]


class PersonIn(Schema):
    enhet_id: int
    fornamn: str
    efternamn: str
    fodelsedatum: Date
    ensamkommande: bool = False
    identitetstyp: str | None = None
    identitet: str | None = None


class EventOut(Schema):
    id: int
    typ: EventType
    datum: dt.date
    kommun: str
    tillstand: PermitOrBlank
    giltigt_till: dt.date | None
    fodelsedatum: dt.date | None
    form: PlacementFormOrBlank
    slut: dt.date | None
    skolform: SchoolFormOrBlank
    anteckning: str


class EventIn(Schema):
    typ: EventType
    datum: Date
    kommun: str | None = None
    tillstand: Permit | None = None
    giltigt_till: Date | None = None
    fodelsedatum: Date | None = None
    form: PlacementForm | None = None
    slut: Date | None = None
    skolform: SchoolForm | None = None
    anteckning: str = ""


class UnitOut(Schema):
    id: int
    kod: str
    namn: str
    namnd: str


class TransitionOut(Schema):
    id: int
    person_id: int
    person: str
    typ: str
    datum: dt.date
    forsenad: bool


class HandoverOut(Schema):
    person_id: int
    person: str
    datum: dt.date
    typ: str
    omrade: Area
    fran: str
    till: str


class WorklistOut(Schema):
    enhet: UnitOut
    datum: dt.date
    anvisningar: list[TransitionOut]
    forsenade: list[TransitionOut]
    kommande: list[TransitionOut]
    # Handovers of each transition that moves an area to or from the unit, all areas shown.
    till_enheten: list[HandoverOut]
    fran_enheten: list[HandoverOut]


class ErrorOut(Schema):
    detail: Any


class _Open(BaseModel):
    # The rules core's answer may grow fields; the schema names the ones clients rely on and
    # passes the rest through (a plain pydantic model: ninja's Schema drops unnamed keys).
    model_config = ConfigDict(extra="allow")


class TillstandOut(_Open):
    alder: int
    rattslig_status: Annotated[str | None, _enum_or_null(RATTSLIG_STATUS)]
    ensamkommande: bool
    fas: Annotated[str, _enum(FAS)]
    nyanland: bool
    boendeform: Annotated[str, _enum(BOENDEFORM)]


class AnsvarOut(_Open):
    omrade: Area
    huvudman: Annotated[str, _enum(HUVUDMAN)]
    arbete: Annotated[str | None, _enum_or_null(ARBETE)]
    enhet: str | None
    enhet_id: str | None
    regel: str
    kalla: str


class EjAnsvarOut(_Open):
    omrade: Area
    regel: str
    kalla: str


class StateOut(_Open):
    """`mottagning route`'s answer (docs/cli.md): state and responsibilities on one date."""

    datum: dt.date
    kommun: str
    tillstand: TillstandOut
    ansvar: list[AnsvarOut]
    ej_ansvar: list[EjAnsvarOut]
    lagar: dict[str, str]
    overgangar: list[dict[str, Any]] | None = None
    utanfor_kommunens_ansvar: dict[str, str] | None = None
