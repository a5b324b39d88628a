"""Rule cases (tests/rules/cases/*.yaml): timeline + date -> state and matched rows per område.

Every row of the national table and of every profile must be the answer in at least one
case, so no row exists that nothing exercises.
"""

from __future__ import annotations

from typing import Any

import pytest

from mottagning.profiles import PROFILE_CODES, compiled
from mottagning.rules.api import route
from mottagning.rules.codes import OMRADE
from tests.rules.conftest import load_cases

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{c['_fil']}:{c['namn']}" for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    result = route({"kommun": case["kommun"], "datum": case["datum"], "person": case["person"]})
    state = {k: result["tillstand"][k] for k in case["tillstand"]}
    assert state == case["tillstand"]
    if case.get("utanfor"):
        assert "utanfor_kommunens_ansvar" in result
        assert result["ansvar"] == []
        return
    got = {
        o: sorted(
            [a["regel"] for a in result["ansvar"] if a["omrade"] == o]
            + [e["regel"] for e in result["ej_ansvar"] if e["omrade"] == o]
        )
        for o in OMRADE
    }
    assert got == case["regler"]


def test_every_area_is_listed_in_every_case() -> None:
    for case in CASES:
        if not case.get("utanfor"):
            assert set(case["regler"]) == set(OMRADE), case["namn"]


@pytest.mark.parametrize("kod", PROFILE_CODES)
def test_every_row_has_a_case(kod: str) -> None:
    used = {
        r
        for c in CASES
        if c["kommun"] == kod and "regler" in c
        for v in c["regler"].values()
        for r in v
    }
    profile_rows = {r.id for r in compiled(kod).rows if not r.nationell}
    assert sorted(profile_rows - used) == []


def test_every_national_row_has_a_case() -> None:
    used = {r for c in CASES if "regler" in c for v in c["regler"].values() for r in v}
    national = {r.id for r in compiled("alingsas").rows if r.nationell and r.huvudman != "kommun"}
    assert sorted(national - used) == []


def test_every_national_kommun_row_is_reached() -> None:
    """National kommun rows are not answers; check each one makes some case's profile answer."""
    from mottagning.rules.events import days, pack, parse_person
    from mottagning.rules.timeline import compute_states

    reached: set[str] = set()
    for case in CASES:
        c = compiled(case["kommun"])
        ev = pack([parse_person(case["person"])], case["kommun"])
        from datetime import date

        s = compute_states(
            ev,
            days(date.fromisoformat(case["datum"])),
            c.profil.nyanland.definition,
            c.profil.etableringsperiod.fran,
        )
        if not bool(s.i_omfang[0]):
            continue
        cell = int(c.grid.cells(s)[0])
        on = s.datum
        for r in c.rows:
            if r.nationell and r.huvudman == "kommun":
                active = (r.giltig_fran is None or days(r.giltig_fran) <= on) and (
                    r.giltig_till is None or days(r.giltig_till) >= on
                )
                if active and c.grid.row_mask(r.villkor)[cell]:
                    reached.add(r.id)
    national = {r.id for r in compiled("alingsas").rows if r.nationell and r.huvudman == "kommun"}
    assert sorted(national - reached) == []
