"""Properties of rules.compensation over generated timelines (bounded like test_periods: more
examples with MOTTAGNING_HYPOTHESIS=lang).

* A register in one call gives each person the items of a call for that person alone.
* The day amounts (ekb_dygn) never overlap and leave no gap: their days are exactly the days on
  which, scanned one day at a time, the municipality holds an anvisat unaccompanied child under
  18 and the rate is in force. Every item lies in one calendar quarter, and count × unit
  amount is its amount.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mottagning.rules import periods
from mottagning.rules.codes import ERSATTNINGSTYP, OMRADE
from mottagning.rules.compensation import (
    Kostnad,
    compensation,
    pack_costs,
    parse_costs,
    person_items,
)
from mottagning.rules.dates import add_months, days, from_days
from mottagning.rules.errors import InputError
from mottagning.rules.events import Person, pack, parse_person, replicate
from mottagning.rules.params import load_parameters
from mottagning.rules.profile import PROFILE_CODES, compiled
from tests.rules.test_properties import START, timelines

PROPERTY = settings(
    deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow]
)
SKOLFORMER = ("forskola", "forskoleklass", "grundskola", "gymnasieskola")


@st.composite
def persons(draw: st.DrawFn, kommun: str) -> tuple[Person, tuple[Kostnad, ...]]:
    """A generated timeline, maybe with a schooling and actual costs."""
    raw = draw(timelines(kommun))
    events = list(raw["handelser"])
    born = dt.date.fromisoformat(raw["fodelsedatum"])
    if draw(st.booleans()):
        start = born + dt.timedelta(days=draw(st.integers(365, 19 * 365)))
        s: dict[str, Any] = {
            "typ": "skolgang",
            "datum": start.isoformat(),
            "skolform": draw(st.sampled_from(SKOLFORMER)),
        }
        if draw(st.booleans()):
            s["slut"] = (start + dt.timedelta(days=draw(st.integers(0, 900)))).isoformat()
        events.append(s)
    costs = []
    for _ in range(draw(st.integers(0, 2))):
        fran = START + dt.timedelta(days=draw(st.integers(0, 9 * 365)))
        till = fran + dt.timedelta(days=draw(st.integers(0, 400)))
        ore = draw(st.integers(1, 10**9))
        costs.append(
            {
                "typ": draw(
                    st.sampled_from(
                        [
                            "ekonomiskt_bistand_asyl",
                            "ekonomiskt_bistand",
                            "forsorjningsstod_18_20",
                            "lvu_placering",
                            "sol_placering",
                        ]
                    )
                ),
                "fran": fran.isoformat(),
                "till": till.isoformat(),
                "belopp": f"{ore // 100}.{ore % 100:02d}",
            }
        )
    try:
        person = parse_person({**raw, "handelser": events})
    except InputError:
        assume(False)
        raise
    return person, parse_costs(costs)


@PROPERTY
@given(data=st.data(), kommun=st.sampled_from(PROFILE_CODES), n=st.integers(1, 3))
def test_batch_equals_single(data: st.DataObject, kommun: str, n: int) -> None:
    drawn = [data.draw(persons(kommun)) for _ in range(n)]
    offsets = [data.draw(st.integers(0, 8 * 365)) for _ in range(n)]
    lengths = [data.draw(st.integers(0, 4 * 365)) for _ in range(n)]
    starts = [START + dt.timedelta(days=o) for o in offsets]
    ends = [s + dt.timedelta(days=k) for s, k in zip(starts, lengths, strict=True)]
    c = compiled(kommun)
    batch = compensation(
        c,
        pack([p for p, _ in drawn], kommun),
        np.array([days(s) for s in starts], dtype=np.int32),
        np.array([days(e) for e in ends], dtype=np.int32),
        costs=pack_costs([k for _, k in drawn]),
        chunk=2,
    )
    for i, (person, costs) in enumerate(drawn):
        one = person_items(c, kommun, person, starts[i], ends[i], kostnader=costs)
        assert batch.of_person(i) == one


def _quarter(d: dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3


@PROPERTY
@given(data=st.data(), kommun=st.sampled_from(PROFILE_CODES), years=st.integers(1, 4))
def test_day_amounts_cover_the_responsibility_without_overlap_or_gap(
    data: st.DataObject, kommun: str, years: int
) -> None:
    person, _ = data.draw(persons(kommun))
    start = days(max(person.fodelsedatum, person.handelser[0].datum, dt.date(2016, 1, 1)))
    end = days(add_months(from_days(start), 12 * years))
    c = compiled(kommun)
    items = person_items(c, kommun, person, from_days(start), from_days(end))
    for item in items:
        assert _quarter(item.fran) == _quarter(item.till), item
        if item.enhet == "dygn":
            assert item.antal == (item.till - item.fran).days + 1
            assert item.belopp == item.a_pris * item.antal
    covered: list[int] = []
    for item in (i for i in items if i.typ == "ekb_dygn"):
        covered.extend(range(days(item.fran), days(item.till) + 1))
    assert len(covered) == len(set(covered)), "ekb_dygn items overlap"

    # The oracle: each day on its own, with the engine route uses.
    every_day = np.arange(start, end + 1, dtype=np.int32)
    ev = replicate(pack([person], kommun), every_day.size)
    s = periods.states_on(c, ev, every_day)
    h = periods.holders(c)
    epoch = np.maximum(np.searchsorted(c.starts, every_day, side="right") - 1, 0)
    held = h.table[epoch, c.grid.cells(s), OMRADE.index("boende")]
    kommun_boende = ((held & h.municipal_bits) != 0).any(axis=-1) & s.i_omfang
    child = s.ensamkommande & (s.alder < 18) & s.anvisad & kommun_boende
    rate_from = days(
        load_parameters().lookup("ekb.dygnsschablon_under_18", dt.date(2017, 7, 1)).start
    )
    expected = every_day[child & (every_day >= rate_from)].tolist()
    assert sorted(covered) == expected
    assert {i.typ for i in items} <= set(ERSATTNINGSTYP)
