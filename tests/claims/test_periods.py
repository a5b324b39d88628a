"""Quarters and the claim deadlines from rules/parameters/ansokningstid.yaml."""

from __future__ import annotations

import datetime as dt

import pytest

from mottagning.claims import periods

D = dt.date


@pytest.mark.parametrize(
    ("ar", "kvartal", "fran", "till"),
    [
        (2017, 1, D(2017, 1, 1), D(2017, 3, 31)),
        (2017, 3, D(2017, 7, 1), D(2017, 9, 30)),
        (2020, 1, D(2020, 1, 1), D(2020, 3, 31)),
        (2024, 4, D(2024, 10, 1), D(2024, 12, 31)),
    ],
)
def test_quarter_bounds(ar: int, kvartal: int, fran: dt.date, till: dt.date) -> None:
    assert periods.quarter_bounds(ar, kvartal) == (fran, till)
    assert periods.quarter_of(fran) == periods.quarter_of(till) == (ar, kvartal)


@pytest.mark.parametrize(
    ("parameter", "quarter_end", "expected"),
    [
        # Six months from the end of the quarter (2017:193 19 §), through the month's last day.
        ("ansokningstid.asylsokande", D(2017, 9, 30), D(2018, 3, 31)),
        ("ansokningstid.asylsokande", D(2024, 6, 30), D(2024, 12, 31)),
        # Before 2017-07-01 no source gives the asylum deadline: unknown, never guessed.
        ("ansokningstid.asylsokande", D(2017, 3, 31), None),
        # Vård i annat hem: one year under 2010:1122 29 § (SFS 2012:859), six months from
        # 2017-07-01.
        ("ansokningstid.ekb_vard", D(2016, 12, 31), D(2017, 12, 31)),
        ("ansokningstid.ekb_vard", D(2017, 12, 31), D(2018, 6, 30)),
        (None, D(2019, 3, 31), None),
    ],
)
def test_deadline(parameter: str | None, quarter_end: dt.date, expected: dt.date | None) -> None:
    assert periods.deadline(parameter, quarter_end) == expected
