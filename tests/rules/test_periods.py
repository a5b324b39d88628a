"""Responsibility over time against the answer on each single day.

The oracle is the engine `route` itself uses, asked once per day over the whole interval (a
day-by-day scan), and `route` for the days around each transition. `make test` runs a bounded
number of examples; `make proptest` runs the same properties with many more
(MOTTAGNING_HYPOTHESIS=lang, see tests/rules/conftest.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mottagning.rules import periods
from mottagning.rules.api import route
from mottagning.rules.codes import OMRADE
from mottagning.rules.dates import add_months, days, from_days
from mottagning.rules.errors import InputError
from mottagning.rules.events import Person, pack, parse_person, replicate
from mottagning.rules.profile import PROFILE_CODES, compiled
from tests.rules.test_properties import START, timelines

PROPERTY = settings(
    deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow]
)


def _parsed(person: dict[str, Any]) -> Person:
    try:
        return parse_person(person)
    except InputError:
        assume(False)
        raise


def _scan(kommun: str, parsed: Person, start: int, end: int) -> tuple[np.ndarray, np.ndarray]:
    """Every day in [start, end] and the winning rows on it, one engine call per day."""
    c = compiled(kommun)
    every_day = np.arange(start, end + 1, dtype=np.int32)
    ev = replicate(pack([parsed], kommun), every_day.size)
    return every_day, c.evaluate(periods.states_on(c, ev, every_day))


@PROPERTY
@given(data=st.data(), kommun=st.sampled_from(PROFILE_CODES), years=st.integers(1, 10))
def test_segments_equal_a_day_by_day_scan(data: st.DataObject, kommun: str, years: int) -> None:
    parsed = _parsed(data.draw(timelines(kommun)))
    start = days(max(parsed.fodelsedatum, parsed.handelser[0].datum))
    end = days(add_months(from_days(start), 12 * years))
    every_day, hits = _scan(kommun, parsed, start, end)
    tl = periods.timeline(compiled(kommun), pack([parsed], kommun), start, end)
    changes = [0] + [j for j in range(1, every_day.size) if (hits[j] != hits[j - 1]).any()]
    assert tl.fran.tolist() == every_day[changes].tolist()
    assert (tl.hits == hits[changes]).all()
    assert int(tl.till[-1]) == end + 1
    assert tl.till[:-1].tolist() == tl.fran[1:].tolist()


def _holders(answer: dict[str, Any], omrade: str) -> list[tuple[Any, ...]]:
    return [(a["huvudman"], a["regel"]) for a in answer["ansvar"] if a["omrade"] == omrade]


@PROPERTY
@given(data=st.data(), kommun=st.sampled_from(PROFILE_CODES), offset=st.integers(0, 10 * 365))
def test_transitions_are_route_the_day_before_and_on_the_day(
    data: st.DataObject, kommun: str, offset: int
) -> None:
    person = data.draw(timelines(kommun))
    parsed = _parsed(person)
    asked = START + dt.timedelta(days=offset)
    payload = {"kommun": kommun, "datum": asked.isoformat(), "person": person}
    try:
        answer = route(payload)
    except InputError:
        assume(False)
        raise
    listed: dict[str, set[str]] = {}
    for t in answer["overgangar"]:
        day = dt.date.fromisoformat(t["datum"])
        areas = {ch["omrade"] for ch in t["andringar"]}
        assert not areas & listed.get(t["datum"], set()), "a change listed twice on one day"
        listed.setdefault(t["datum"], set()).update(areas)
        if not t["andringar"]:
            continue
        before = route({**payload, "datum": (day - dt.timedelta(days=1)).isoformat()})
        after = route({**payload, "datum": day.isoformat()})
        for ch in t["andringar"]:
            assert [(u["huvudman"], u["regel"]) for u in ch["fran"]] == _holders(
                before, ch["omrade"]
            )
            assert [(u["huvudman"], u["regel"]) for u in ch["till"]] == _holders(
                after, ch["omrade"]
            )
    # No change of who holds an area goes unlisted in the window route looks at.
    c = compiled(kommun)
    end = days(add_months(asked, 36))
    every_day, hits = _scan(kommun, parsed, days(asked), end)
    held = periods._holder_bits(periods.holders(c), hits)
    for j in range(1, every_day.size):
        for ai in np.flatnonzero((held[j] != held[j - 1]).any(axis=-1)):
            day = from_days(int(every_day[j])).isoformat()
            assert OMRADE[ai] in listed.get(day, set()), f"{OMRADE[ai]} changes on {day} unlisted"


@PROPERTY
@given(data=st.data(), kommun=st.sampled_from(PROFILE_CODES))
def test_a_register_at_once_equals_one_person_at_a_time(data: st.DataObject, kommun: str) -> None:
    people = []
    for _ in range(data.draw(st.integers(2, 8))):
        try:
            people.append(parse_person(data.draw(timelines(kommun))))
        except InputError:
            continue
    assume(people)
    c = compiled(kommun)
    start = np.array([days(p.fodelsedatum) for p in people], dtype=np.int32)
    end = days(dt.date(2030, 1, 1))
    together = periods.timeline(c, pack(people, kommun), start, end, chunk=3)
    for i, p in enumerate(people):
        alone = periods.timeline(c, pack([p], kommun), int(start[i]), end)
        lo, hi = int(together.bounds[i]), int(together.bounds[i + 1])
        assert together.fran[lo:hi].tolist() == alone.fran.tolist()
        assert (together.hits[lo:hi] == alone.hits).all()


def test_the_review_probe_ostersund_adult_received_2015_07_01() -> None:
    # Code review §3: the stored periods caught 3 of the 5 days route changes on; the 2-month
    # band (2015-09-01) and a row's validity (2017-06-01) were missed.
    person = parse_person(
        {
            "fodelsedatum": "1985-01-01",
            "ensamkommande": False,
            "handelser": [
                {"typ": "asylansokan", "datum": "2014-10-01"},
                {"typ": "uppehallstillstand", "datum": "2015-05-01", "tillstand": "PUT"},
                {"typ": "anvisning", "datum": "2015-06-01", "kommun": "ostersund"},
                {"typ": "mottagande", "datum": "2015-07-01", "kommun": "ostersund"},
            ],
        }
    )
    start, end = days(dt.date(2014, 10, 1)), days(dt.date(2019, 1, 1))
    every_day, hits = _scan("ostersund", person, start, end)
    tl = periods.timeline(compiled("ostersund"), pack([person], "ostersund"), start, end)
    changes = [0] + [j for j in range(1, every_day.size) if (hits[j] != hits[j - 1]).any()]
    assert tl.fran.tolist() == every_day[changes].tolist()
    found = {from_days(int(d)) for d in tl.fran}
    assert {dt.date(2015, 7, 1), dt.date(2015, 9, 1), dt.date(2017, 6, 1)} <= found


def test_persons_without_events_have_no_periods_or_deadlines() -> None:
    c = compiled("alingsas")
    ev = pack([Person(dt.date(2010, 1, 1), True), Person(dt.date(1990, 1, 1), False)], "alingsas")
    tl = periods.timeline(c, ev, days(dt.date(2020, 1, 1)), days(dt.date(2030, 1, 1)))
    assert not tl.in_scope.any()
    assert periods.holder_periods(tl).person.size == 0
    assert periods.transitions(tl, days(dt.date(2020, 1, 1)), days(dt.date(2030, 1, 1))) == []


def test_the_table_names_each_change_like_the_records_do() -> None:
    # Many persons, so event indices run past any small number: the kinds of change must still
    # be told apart (a TUT running out is one kind, whatever event it was).
    people = [
        parse_person(
            {
                "fodelsedatum": "1990-01-01",
                "ensamkommande": False,
                "handelser": [
                    {"typ": "asylansokan", "datum": "2015-01-01"},
                    {
                        "typ": "uppehallstillstand",
                        "datum": "2016-01-01",
                        "tillstand": "TUT",
                        "giltigt_till": f"2017-0{1 + k % 9}-01",
                    },
                    {"typ": "anvisning", "datum": "2016-02-01", "kommun": "alingsas"},
                    {"typ": "mottagande", "datum": "2016-03-01", "kommun": "alingsas"},
                ],
            }
        )
        for k in range(400)
    ]
    c = compiled("alingsas")
    start, end = days(dt.date(2015, 1, 1)), days(dt.date(2020, 1, 1))
    tl = periods.timeline(c, pack(people, "alingsas"), start, end)
    table = periods.transition_table(tl, start - 1, end)
    assert "tut_upphor" in table.typ
    for i in np.flatnonzero(table.seg >= 0)[:50].tolist():
        assert table.typ[i] == periods.reason(tl, int(table.seg[i])).typ
