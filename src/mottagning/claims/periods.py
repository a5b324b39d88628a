"""Calendar quarters, the period claims are made for, and a claim's deadline. The month
arithmetic itself is rules.dates.add_months; the deadline's length is a dated parameter
(rules/parameters/ansokningstid.yaml)."""

from __future__ import annotations

import datetime as dt

from mottagning.rules import dates
from mottagning.rules.params import ParameterError, load_parameters


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(ar: int, kvartal: int) -> tuple[dt.date, dt.date]:
    """First and last day of the quarter, both inclusive."""
    first = dt.date(ar, 3 * (kvartal - 1) + 1, 1)
    return first, dates.add_months(first, 3) - dt.timedelta(days=1)


def deadline(parameter: str | None, quarter_end: dt.date) -> dt.date | None:
    """The last day to apply: the parameter's months after the quarter's end, as in force at
    that end; None where no source gives a deadline for that date (never guessed)."""
    if parameter is None:
        return None
    try:
        months = load_parameters().get(parameter, quarter_end)
    except ParameterError:
        return None
    # The quarter ends when its last day does: six months from the end of 30 September run
    # through 31 March, not 30 March.
    return dates.add_months(quarter_end + dt.timedelta(days=1), int(months)) - dt.timedelta(days=1)
