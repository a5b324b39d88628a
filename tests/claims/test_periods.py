"""Calendar quarters, the period claims are made for."""

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


def test_quarters() -> None:
    assert periods.quarters(D(2017, 6, 30), D(2018, 1, 1)) == [
        (2017, 2),
        (2017, 3),
        (2017, 4),
        (2018, 1),
    ]
