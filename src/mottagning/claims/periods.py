"""Calendar quarters, the period claims are made for (the month arithmetic is
rules.dates.add_months; each item's deadline is the engine's, rules.compensation)."""

from __future__ import annotations

import datetime as dt

from mottagning.rules import dates


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(ar: int, kvartal: int) -> tuple[dt.date, dt.date]:
    """First and last day of the quarter, both inclusive."""
    first = dt.date(ar, 3 * (kvartal - 1) + 1, 1)
    return first, dates.add_months(first, 3) - dt.timedelta(days=1)


def quarters(fran: dt.date, till: dt.date) -> list[tuple[int, int]]:
    """Every quarter that [fran, till] touches, in order."""
    out = []
    year, quarter = quarter_of(fran)
    last = quarter_of(till)
    while (year, quarter) <= last:
        out.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return out
