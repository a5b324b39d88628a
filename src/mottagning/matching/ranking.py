"""Ranking internship places and persons against each other: pure, explainable, no Django.

A match is a sum of points per criterion, each with its reason; hard requirements exclude
instead of lowering the score, and the exclusion names the requirement. Weights (points out of
at most 100):

    yrkesmal      40  the place's occupation against the goals in the plan and mapping
                      (SSYK 2012: same unit group 4 digits = all, 3 digits = 3/4, 2 = 1/2,
                      same major group = 1/4)
    erfarenhet    25  the same, against the occupations the person has worked in
    ort           15  the place is where the person lives
    svenska       10  5 per sfi/Swedish level above the place's requirement, at most 2 levels
    praktik_i_plan 10 the individual plan has an internship activity that is not done

Hard requirements: Swedish level, education level and driving licence at least what the place
asks; a free seat (capacity minus ongoing internships); the place's period not over; the
person not already in an ongoing internship there (a second seat for the same person would
only block someone else).
Ties are broken by id, so the order is stable. Why these weights: the plan's goal is what the
person and the handläggare agreed (plans.IndividuellPlan), experience shortens the way in,
location decides whether the person can get there (Ekerö's Färingsö, 004), and a place that
already asks for a level is met; a margin above it only helps a little.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from mottagning.matching.codes import SVENSKA, UTBILDNING, level

VIKT_YRKESMAL = 40
VIKT_ERFARENHET = 25
VIKT_ORT = 15
VIKT_SVENSKA_PER_NIVA = 5
SVENSKA_MAX_NIVAER = 2
VIKT_PRAKTIK_I_PLAN = 10


@dataclass(frozen=True)
class Kandidat:
    """What the mapping and the plan say about a person, in codes."""

    person_id: int
    svenska: str = "ingen"
    utbildning: str = "ingen"
    korkort: frozenset[str] = frozenset()
    erfarenhet: tuple[str, ...] = ()  # SSYK codes of earlier work
    mal: tuple[str, ...] = ()  # SSYK codes of the occupations the person aims at
    ort: str = ""
    praktik_i_plan: bool = False


@dataclass(frozen=True)
class Plats:
    plats_id: int
    ssyk: str
    ort: str = ""
    krav_svenska: str = "ingen"
    krav_utbildning: str = "ingen"
    krav_korkort: str = ""
    lediga: int = 1
    till: dt.date | None = None
    pagaende: frozenset[int] = frozenset()  # persons in an ongoing internship here


@dataclass(frozen=True)
class Skal:
    """One criterion's contribution: `kod` names the criterion, `varde` what matched."""

    kod: str
    poang: int
    varde: str = ""


@dataclass(frozen=True)
class Matchning:
    kandidat: Kandidat
    plats: Plats
    poang: int
    skal: tuple[Skal, ...]
    hinder: tuple[Skal, ...] = field(default=())  # hard requirements not met

    @property
    def utesluten(self) -> bool:
        return bool(self.hinder)


def ssyk_overlap(a: str, b: str) -> int:
    """How many leading digits two SSYK codes share (0–4): the levels of the hierarchy."""
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared


def _best(codes: Iterable[str], target: str) -> tuple[int, str]:
    best = (0, "")
    for code in codes:
        depth = ssyk_overlap(code, target)
        if depth > best[0]:
            best = (depth, code)
    return best


def _normal_ort(text: str) -> str:
    return " ".join(text.lower().split())


def score(kandidat: Kandidat, plats: Plats, today: dt.date) -> Matchning:
    hinder: list[Skal] = []
    if level(SVENSKA, kandidat.svenska) < level(SVENSKA, plats.krav_svenska):
        hinder.append(Skal("krav_svenska", 0, plats.krav_svenska))
    if level(UTBILDNING, kandidat.utbildning) < level(UTBILDNING, plats.krav_utbildning):
        hinder.append(Skal("krav_utbildning", 0, plats.krav_utbildning))
    if plats.krav_korkort and plats.krav_korkort not in kandidat.korkort:
        hinder.append(Skal("krav_korkort", 0, plats.krav_korkort))
    if plats.lediga <= 0:
        hinder.append(Skal("full", 0, ""))
    if plats.till is not None and plats.till < today:
        hinder.append(Skal("period_slut", 0, plats.till.isoformat()))
    if kandidat.person_id in plats.pagaende:
        hinder.append(Skal("redan_har", 0, ""))

    skal: list[Skal] = []
    depth, code = _best(kandidat.mal, plats.ssyk)
    if depth:
        skal.append(Skal("yrkesmal", VIKT_YRKESMAL * depth // 4, code))
    depth, code = _best(kandidat.erfarenhet, plats.ssyk)
    if depth:
        skal.append(Skal("erfarenhet", VIKT_ERFARENHET * depth // 4, code))
    if plats.ort and _normal_ort(plats.ort) == _normal_ort(kandidat.ort):
        skal.append(Skal("ort", VIKT_ORT, plats.ort))
    margin = level(SVENSKA, kandidat.svenska) - level(SVENSKA, plats.krav_svenska)
    if margin > 0:
        skal.append(
            Skal(
                "svenska",
                VIKT_SVENSKA_PER_NIVA * min(margin, SVENSKA_MAX_NIVAER),
                kandidat.svenska,
            )
        )
    if kandidat.praktik_i_plan:
        skal.append(Skal("praktik_i_plan", VIKT_PRAKTIK_I_PLAN))
    return Matchning(kandidat, plats, sum(s.poang for s in skal), tuple(skal), tuple(hinder))


def _by_place(matches: list[Matchning]) -> list[Matchning]:
    return sorted(matches, key=lambda m: (-m.poang, m.plats.plats_id))


def _by_person(matches: list[Matchning]) -> list[Matchning]:
    return sorted(matches, key=lambda m: (-m.poang, m.kandidat.person_id))


def rank_places(
    kandidat: Kandidat, platser: Iterable[Plats], today: dt.date
) -> tuple[list[Matchning], list[Matchning]]:
    """Places for a person, best first, and the places excluded with their reasons."""
    matches = [score(kandidat, p, today) for p in platser]
    return (
        _by_place([m for m in matches if not m.utesluten]),
        _by_place([m for m in matches if m.utesluten]),
    )


def rank_persons(
    plats: Plats, kandidater: Iterable[Kandidat], today: dt.date
) -> tuple[list[Matchning], list[Matchning]]:
    """Persons for a place, best first, and those excluded with their reasons."""
    matches = [score(k, plats, today) for k in kandidater]
    return (
        _by_person([m for m in matches if not m.utesluten]),
        _by_person([m for m in matches if m.utesluten]),
    )
