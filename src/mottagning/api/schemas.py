"""Input and output shapes of the REST API (OpenAPI is generated from these)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema


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
    fodelsedatum: dt.date
    ensamkommande: bool = False
    identitetstyp: str | None = None
    identitet: str | None = None


class EventOut(Schema):
    id: int
    typ: str
    datum: dt.date
    kommun: str
    tillstand: str
    giltigt_till: dt.date | None
    fodelsedatum: dt.date | None
    form: str
    slut: dt.date | None
    anteckning: str


class EventIn(Schema):
    typ: str
    datum: dt.date
    kommun: str | None = None
    tillstand: str | None = None
    giltigt_till: dt.date | None = None
    fodelsedatum: dt.date | None = None
    form: str | None = None
    slut: dt.date | None = None
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
    omrade: str
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
