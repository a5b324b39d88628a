"""rules.compensation: YAML cases (tests/rules/compensation/*.yaml) of timeline -> items with
exact amounts, the municipality's grundersättning, overrides of an antagande, and batch ==
single evaluation over a generated register."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from mottagning.rules.compensation import (
    RULES,
    compensation,
    ersattning,
    grundersattning,
    pack_costs,
    parse_costs,
    person_items,
)
from mottagning.rules.dates import days
from mottagning.rules.errors import InputError
from mottagning.rules.events import pack, parse_person
from mottagning.rules.params import load_parameters
from mottagning.rules.profile import compiled

HERE = Path(__file__).parent / "compensation"
KEYS = (
    "typ",
    "fran",
    "till",
    "antal",
    "a_pris",
    "belopp",
    "ansok_senast",
    "regel",
    "antagande",
)


def _cases() -> list[dict[str, Any]]:
    out = []
    for path in sorted(HERE.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            case["_fil"] = path.stem
            out.append(case)
    return out


CASES = _cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{c['_fil']}:{c['namn']}" for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    assert case["kalla"], "every expected figure names its source"
    result = ersattning(
        {k: case[k] for k in ("kommun", "fran", "till", "person")},
    )
    got = [[p[k] for k in KEYS] for p in result["poster"]]
    assert got == case["poster"]
    assert result["summa"] == case["summa"]
    assert sum(Decimal(p["belopp"]) for p in result["poster"]) == Decimal(case["summa"])


def test_every_type_and_rule_has_a_case() -> None:
    rules = {row[7] for c in CASES for row in c["poster"]}
    # Kept out of the YAML cases on purpose: 1990:927 and grundersättning have tests of
    # their own below (one needs a date before the profiles' tables, the other no person).
    untested = {"ERS-SCHABLON-1990", "ERS-GRUND-9"}
    assert set(RULES) - rules == untested


def test_schablon_1990_927_for_persons_received_before_december_2010() -> None:
    """domain-facts §1.1: received before 2010-12-01 -> the old förordning; 2008, 16–64 år =
    181 400 (SFS 2007:1209)."""
    person = parse_person(
        {
            "fodelsedatum": "1970-01-01",
            "handelser": [
                {"typ": "uppehallstillstand", "datum": "2008-03-01", "tillstand": "PUT"},
                {"typ": "mottagande", "datum": "2008-04-01", "kommun": "alingsas"},
            ],
        }
    )
    items = person_items(
        compiled("alingsas"), "alingsas", person, dt.date(2008, 1, 1), dt.date(2008, 12, 31)
    )
    assert [(i.typ, i.regel, i.belopp, i.forfattning) for i in items] == [
        ("schablon", "ERS-SCHABLON-1990", Decimal("181400.00"), "1990:927 10 §")
    ]


def test_grundersattning_per_year_until_abolished() -> None:
    """domain-facts §1.2: 2016 221 500 (D), 2017 224 000 (D), 2018 227 500, 2019 232 500;
    abolished from 2020."""
    items = grundersattning(2015, 2021)
    assert [(i.fran.year, i.belopp) for i in items] == [
        (2016, Decimal("221500.00")),
        (2017, Decimal("224000.00")),
        (2018, Decimal("227500.00")),
        (2019, Decimal("232500.00")),
    ]
    assert all(i.forfattning == "2010:1122 9 §" and not i.antagande for i in items)


def test_a_users_value_replaces_the_antagande() -> None:
    case = next(c for c in CASES if c["namn"].startswith("18–20 år 2024"))
    params = load_parameters().with_overrides(
        {"ekb.dygnsschablon_18_20": {dt.date(2024, 1, 1): Decimal(800)}}
    )
    result = ersattning({k: case[k] for k in ("kommun", "fran", "till", "person")}, params=params)
    assert [(p["a_pris"], p["belopp"], p["antagande"]) for p in result["poster"]] == [
        ("800.00", "72800.00", False),
        ("800.00", "3200.00", False),
    ]


def test_the_source_of_the_amount_is_shown() -> None:
    case = next(c for c in CASES if c["namn"].startswith("18–20 år 2024"))
    result = ersattning({k: case[k] for k in ("kommun", "fran", "till", "person")})
    assert "ANTAGANDE" in result["poster"][0]["kalla"]


@pytest.mark.parametrize(
    ("costs", "where"),
    [
        ("x", "person.kostnader"),
        ([{"typ": "hyra", "fran": "2018-01-01", "till": "2018-01-31", "belopp": "1.00"}], "typ"),
        (
            [{"typ": "lvu_placering", "fran": "2018-02-01", "till": "2018-01-31", "belopp": "1"}],
            "till",
        ),
        (
            [{"typ": "lvu_placering", "fran": "2018-01-01", "till": "2018-01-31", "belopp": 5}],
            "belopp",
        ),
        (
            [
                {
                    "typ": "lvu_placering",
                    "fran": "2018-01-01",
                    "till": "2018-01-31",
                    "belopp": "1.005",
                }
            ],
            "belopp",
        ),
        (
            [{"typ": "lvu_placering", "fran": "2018-01-01", "till": "2018-01-31", "belopp": "-4"}],
            "belopp",
        ),
        (
            [{"typ": "lvu_placering", "fran": "2018-01-01", "till": "2018-01-31", "belopp": "NaN"}],
            "belopp",
        ),
        ([{"typ": "lvu_placering", "fran": "2018-01-01", "till": "2018-01-31"}], "[0]"),
    ],
)
def test_bad_costs_are_rejected_with_the_place(costs: Any, where: str) -> None:
    with pytest.raises(InputError) as exc:
        parse_costs(costs)
    assert where in (exc.value.where or "")


def test_batch_equals_one_person_at_a_time() -> None:
    """All cases as one register (per municipality) give each person's items."""
    c = compiled("alingsas")
    persons = [
        parse_person({k: v for k, v in x["person"].items() if k != "kostnader"}) for x in CASES
    ]
    costs = [parse_costs(x["person"].get("kostnader")) for x in CASES]
    starts = np.array([days(dt.date.fromisoformat(x["fran"])) for x in CASES], dtype=np.int32)
    ends = np.array([days(dt.date.fromisoformat(x["till"])) for x in CASES], dtype=np.int32)
    batch = compensation(
        c, pack(persons, "alingsas"), starts, ends, costs=pack_costs(costs), chunk=3
    )
    for i, x in enumerate(CASES):
        one = person_items(
            c,
            "alingsas",
            persons[i],
            dt.date.fromisoformat(x["fran"]),
            dt.date.fromisoformat(x["till"]),
            kostnader=costs[i],
        )
        assert batch.of_person(i) == one, x["namn"]
