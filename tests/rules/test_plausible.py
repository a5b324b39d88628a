"""Plausible dates (issue 9): the bounds in rules/events.py, at and just past each edge."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from mottagning.rules.errors import InputError
from mottagning.rules.events import (
    DATUM_SENAST,
    DATUM_TIDIGAST,
    add_months,
    check_plausible,
    parse_date,
    parse_person,
)

TODAY = dt.date(2026, 11, 29)


def person(fodd: str = "1990-01-01", *events: dict[str, Any]) -> Any:
    return parse_person({"fodelsedatum": fodd, "handelser": list(events)})


def test_any_date_lies_within_the_rules_horizon() -> None:
    assert parse_date(DATUM_TIDIGAST.isoformat(), "x") == DATUM_TIDIGAST
    assert parse_date(DATUM_SENAST.isoformat(), "x") == DATUM_SENAST
    for outside in ("1899-12-31", "0001-01-01", "2200-01-01", "9999-12-31"):
        with pytest.raises(InputError, match=outside):
            parse_date(outside, "x")


def test_birth_date_is_not_in_the_future() -> None:
    check_plausible(person(TODAY.isoformat()), today=TODAY)
    with pytest.raises(InputError, match="i framtiden") as exc:
        check_plausible(person((TODAY + dt.timedelta(days=1)).isoformat()), today=TODAY)
    assert exc.value.where == "person.fodelsedatum"


def test_events_at_most_a_year_ahead() -> None:
    edge = add_months(TODAY, 12)
    check_plausible(
        person("1990-01-01", {"typ": "asylansokan", "datum": edge.isoformat()}), today=TODAY
    )
    late = (edge + dt.timedelta(days=1)).isoformat()
    with pytest.raises(InputError, match="år fram") as exc:
        check_plausible(person("1990-01-01", {"typ": "asylansokan", "datum": late}), today=TODAY)
    assert exc.value.where == "person.handelser[0].datum"


@pytest.mark.parametrize(
    ("event", "field"),
    [
        ({"typ": "placering", "form": "hvb"}, "slut"),
        ({"typ": "gymnasiestudier"}, "slut"),
        ({"typ": "uppehallstillstand", "tillstand": "TUT"}, "giltigt_till"),
    ],
)
def test_planned_ends_at_most_thirty_years_ahead(event: dict[str, Any], field: str) -> None:
    edge = add_months(TODAY, 12 * 30)
    base = {**event, "datum": "2025-01-01"}
    ensam = event["typ"] == "placering"
    ok = parse_person(
        {
            "fodelsedatum": "2010-01-01",
            "ensamkommande": ensam,
            "handelser": [{**base, field: edge.isoformat()}],
        }
    )
    check_plausible(ok, today=TODAY)
    late = (edge + dt.timedelta(days=1)).isoformat()
    bad = parse_person(
        {"fodelsedatum": "2010-01-01", "ensamkommande": ensam, "handelser": [{**base, field: late}]}
    )
    with pytest.raises(InputError, match="30 år") as exc:
        check_plausible(bad, today=TODAY)
    assert exc.value.where == f"person.handelser[0].{field}"


def test_assessed_birth_date_is_not_after_the_assessment() -> None:
    assessed = {"typ": "aldersbedomning", "datum": "2024-06-01", "fodelsedatum": "2024-06-02"}
    with pytest.raises(InputError, match="efter bedömningen"):
        check_plausible(person("2008-01-01", assessed), today=TODAY)
