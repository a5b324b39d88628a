"""The per-person derivation of responsibility periods as it was before rules.periods
(mottagning @ c3cfc19: cases/engine.py and cases/transitions.py), kept only as the baseline
that bench_periods measures the vectorised derivation against in the same run. Not used by
the application; do not fix it, it is the measured "before".
"""

# ruff: noqa
# mypy: ignore-errors

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mottagning.rules.api import answers
from mottagning.rules.events import days, pack, parse_person
from mottagning.rules.profile import compiled
from mottagning.rules.timeline import compute_states

# What the derivation needs of each answer: who holds which area, as the rules core says it.
Ansvar = list[dict[str, Any]]


def answer_many(kommun: str, person: dict[str, Any], on: Sequence[dt.date]) -> list[Ansvar | None]:
    """The `ansvar` list of `route` for the person on each date; None where the rules give no
    answer (a date before the first event with a legal status). The person must be valid (the
    services validate every timeline with `route` before storing it)."""
    if not on:
        return []
    c = compiled(kommun)
    parsed = parse_person(person)
    ev = pack([parsed] * len(on), kommun)
    when = np.asarray([days(d) for d in on], dtype=np.int32)
    states = compute_states(ev, when, c.profil.nyanland.definition, c.profil.etableringsperiod.fran)
    hits = c.evaluate(states)
    out: list[Ansvar | None] = []
    for i in range(len(on)):
        if int(states.status[i]) < 0:
            out.append(None)
        else:
            out.append(answers(c, hits[i])[0])
    return out


# answer_many(kommun, person JSON, dates) -> the `ansvar` list on each date, or None where the
# rules give no answer (cases.engine in production; a readable stand-in in the unit tests).
AnswerMany = Callable[[str, dict[str, Any], Sequence[dt.date]], list[list[dict[str, Any]] | None]]

# Areas in the order a case worker reads them; the person page and handovers follow it.
AREA_ORDER = (
    "barn_och_unga",
    "boende",
    "forsorjning",
    "etablering",
    "skola",
    "sfi",
    "samhallsorientering",
    "halsa",
)
# Which area's unit must act on a transition that hands nothing over (e.g. reporting to
# Migrationsverket before the 18th birthday is the social services' task for an EKB).
ACTING_AREA_PREFERENCE = ("barn_och_unga", "boende", "forsorjning", "etablering")

# Bosättningslagen (2016:38): an anvisad person must be received within two months.
ANVISNING_MONTHS = 2
# Migrationsverket must be told at least three weeks before an EKB turns 18 whether the
# municipality keeps responsibility (domain facts §3.3).
EKB_REPORT_DAYS = 21
# The duty to report applies from this date (the rules core's source: Migrationsverket's Q&A).
EKB_REPORT_FROM = dt.date(2020, 10, 1)
ETABLERING_MONTHS = 24  # 2010:1122 10 §, 2017:584: the 24 months from reception


def add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year = day.year + month0 // 12
    month = month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February: the birthday is taken as 1 March in other years
        return dt.date(day.year + years, 3, 1)


@dataclass(frozen=True)
class Holder:
    """Who holds an area: a unit of the municipality (enhet_id) or a state authority."""

    omrade: str
    enhet_id: str | None
    text: str
    arbete: str


@dataclass
class HandoverInfo:
    omrade: str
    fran: Holder | None
    till: Holder | None


@dataclass
class TransitionInfo:
    typ: str
    datum: dt.date
    acting_unit: str | None
    handovers: list[HandoverInfo] = field(default_factory=list)


@dataclass
class PeriodInfo:
    enhet_id: str
    omrade: str
    arbete: str
    fran: dt.date
    till: dt.date | None


@dataclass
class Analysis:
    periods: list[PeriodInfo]
    transitions: list[TransitionInfo]


def _parse(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def effective_birth_date(fodelsedatum: dt.date, events: Iterable[dict[str, Any]]) -> dt.date:
    """The latest åldersbedömning wins (it changes the birth date from its own date on)."""
    born = fodelsedatum
    for event in sorted(events, key=lambda e: e["datum"]):
        if event["typ"] == "aldersbedomning" and event.get("fodelsedatum"):
            born = _parse(event["fodelsedatum"])
    return born


class Evaluator:
    """The rules' answers for one person, asked for many dates at once and remembered."""

    def __init__(self, answer_many: AnswerMany, kommun: str, person: dict[str, Any]) -> None:
        self._answer_many = answer_many
        self._kommun = kommun
        self._person = person
        self._cache: dict[dt.date, list[dict[str, Any]] | None] = {}

    def prefetch(self, days: Iterable[dt.date]) -> None:
        missing = sorted({d for d in days if d not in self._cache})
        if missing:
            answers = self._answer_many(self._kommun, self._person, missing)
            self._cache.update(zip(missing, answers, strict=True))

    def holders(self, day: dt.date, units: dict[str, str]) -> dict[str, list[Holder]]:
        """Per area, who holds it on `day`. `units` maps each unit's id and its name to its id
        (the rules core names a provider by its name)."""
        self.prefetch([day])
        by_area: dict[str, list[Holder]] = {}
        for row in self._cache[day] or []:
            area = str(row.get("omrade"))
            holders = by_area.setdefault(area, [])
            enhet = row.get("enhet_id")
            if row.get("huvudman") == "kommun" and enhet in units:
                text = str(row.get("enhet") or enhet)
                holders.append(Holder(area, str(enhet), text, str(row.get("arbete"))))
                provider = units.get(str(row.get("utforare") or ""))
                if provider and provider != enhet:
                    holders.append(Holder(area, provider, str(row.get("utforare")), "utforare"))
            else:
                holders.append(Holder(area, None, str(row.get("huvudman")), str(row.get("arbete"))))
        return by_area


def _transition_dates(
    born: dt.date, ensamkommande: bool, events: list[dict[str, Any]], kommun: str
) -> list[tuple[str, dt.date]]:
    dates: list[tuple[str, dt.date]] = []
    if events:
        dates.append(("fyller_18", add_years(born, 18)))
        report = add_years(born, 18) - dt.timedelta(days=EKB_REPORT_DAYS)
        if ensamkommande and report >= EKB_REPORT_FROM:
            dates.append(("anmal_fortsatt_ansvar", report))
        if ensamkommande or any(e["typ"] in ("gymnasiestudier", "placering") for e in events):
            dates.append(("fyller_21", add_years(born, 21)))
    received = [_parse(e["datum"]) for e in events if e["typ"] == "mottagande"]
    if received:
        dates.append(("etableringstid_slut", add_months(min(received), ETABLERING_MONTHS)))
    for event in events:
        if (
            event["typ"] == "uppehallstillstand"
            and event.get("tillstand") == "TUT"
            and event.get("giltigt_till")
        ):
            dates.append(("tut_upphor", _parse(event["giltigt_till"]) + dt.timedelta(days=1)))
        # The last day of a placement or of studies is `slut`; responsibility moves the day after.
        if event["typ"] == "placering" and event.get("slut"):
            dates.append(("placering_slut", _parse(event["slut"]) + dt.timedelta(days=1)))
        if event["typ"] == "gymnasiestudier" and event.get("slut"):
            dates.append(("gymnasiestudier_slut", _parse(event["slut"]) + dt.timedelta(days=1)))
        # Bosättningslagen's two months apply to persons with a permit; an unaccompanied child
        # anvisad during the asylum period is received at once (001 §2).
        if (
            event["typ"] == "anvisning"
            and event.get("kommun", kommun) == kommun
            and not ensamkommande
        ):
            day = _parse(event["datum"])
            later = [r for r in received if r >= day]
            if not later:
                dates.append(("anvisning_mottagande", add_months(day, ANVISNING_MONTHS)))
    return dates


def analyse(
    *,
    answer_many: AnswerMany,
    kommun: str,
    fodelsedatum: dt.date,
    ensamkommande: bool,
    events: list[dict[str, Any]],
    units: dict[str, str],
    today: dt.date,
    horizon_days: int = 400,
) -> Analysis:
    """Responsibility periods from the first event to `today + horizon_days`, and transitions."""
    person = {
        "fodelsedatum": fodelsedatum.isoformat(),
        "ensamkommande": ensamkommande,
        "handelser": events,
    }
    evaluator = Evaluator(answer_many, kommun, person)
    born = effective_birth_date(fodelsedatum, events)
    horizon = today + dt.timedelta(days=horizon_days)
    transition_dates = _transition_dates(born, ensamkommande, events, kommun)

    if not events:
        return Analysis([], [])
    start = min(_parse(e["datum"]) for e in events)
    candidates = {_parse(e["datum"]) for e in events}
    for event in events:
        for key in ("slut", "giltigt_till"):
            if event.get(key):
                candidates.add(_parse(event[key]))
                candidates.add(_parse(event[key]) + dt.timedelta(days=1))
    candidates.update(day for _typ, day in transition_dates)
    candidates.add(today)
    days = sorted(d for d in candidates if start <= d <= horizon and d >= fodelsedatum)
    # Every date the derivation will ask about, in one call of the engine.
    around = [t - dt.timedelta(days=1) for _typ, t in transition_dates]
    evaluator.prefetch(
        d for d in [*days, *(t for _typ, t in transition_dates), *around] if d >= fodelsedatum
    )

    periods: list[PeriodInfo] = []
    open_periods: dict[tuple[str, str, str], PeriodInfo] = {}
    for day in days:
        current: set[tuple[str, str, str]] = set()
        for holders in evaluator.holders(day, units).values():
            for holder in holders:
                if holder.enhet_id is not None:
                    current.add((holder.enhet_id, holder.omrade, holder.arbete))
        for held in list(open_periods):
            if held not in current:
                open_periods.pop(held).till = day
        for held in current:
            if held not in open_periods:
                period = PeriodInfo(held[0], held[1], held[2], day, None)
                open_periods[held] = period
                periods.append(period)

    transitions: list[TransitionInfo] = []
    for typ, day in sorted(transition_dates, key=lambda t: (t[1], t[0])):
        if day < start or day > horizon:
            continue
        before = evaluator.holders(day - dt.timedelta(days=1), units)
        after = evaluator.holders(day, units)
        handovers: list[HandoverInfo] = []
        if typ not in ("anmal_fortsatt_ansvar", "anvisning_mottagande"):
            for area in sorted(set(before) | set(after), key=_area_key):
                old = {(h.enhet_id, h.text) for h in before.get(area, [])}
                new = {(h.enhet_id, h.text) for h in after.get(area, [])}
                if old == new:
                    continue
                gone = [h for h in before.get(area, []) if (h.enhet_id, h.text) not in new]
                came = [h for h in after.get(area, []) if (h.enhet_id, h.text) not in old]
                handovers.append(
                    HandoverInfo(area, gone[0] if gone else None, came[0] if came else None)
                )
        if typ == "anvisning_mottagande":
            # The unit that must prepare the reception is the one that will hold the person's
            # housing once received: ask the rules what happens if the person is received.
            received = [*events, {"typ": "mottagande", "datum": day.isoformat()}]
            hypothetical = Evaluator(answer_many, kommun, {**person, "handelser": received})
            after = hypothetical.holders(day, units)
        acting = _acting_unit(typ, handovers, before, after)
        transitions.append(TransitionInfo(typ, day, acting, handovers))
    return Analysis(periods, transitions)


def _area_key(area: str) -> tuple[int, str]:
    return (AREA_ORDER.index(area) if area in AREA_ORDER else len(AREA_ORDER), area)


def _acting_unit(
    typ: str,
    handovers: list[HandoverInfo],
    before: dict[str, list[Holder]],
    after: dict[str, list[Holder]],
) -> str | None:
    for handover in handovers:
        if handover.fran is not None and handover.fran.enhet_id:
            return handover.fran.enhet_id
    for handover in handovers:
        if handover.till is not None and handover.till.enhet_id:
            return handover.till.enhet_id
    # Receiving an anvisad person is prepared by whoever will hold housing after reception;
    # others are acted on by whoever holds the person's case on the day before.
    sources = (after, before) if typ == "anvisning_mottagande" else (before, after)
    for holders in sources:
        for area in ACTING_AREA_PREFERENCE:
            for holder in holders.get(area, []):
                if holder.enhet_id:
                    return holder.enhet_id
        for area in sorted(holders, key=_area_key):
            for holder in holders[area]:
                if holder.enhet_id:
                    return holder.enhet_id
    return None
