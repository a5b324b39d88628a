"""Date arithmetic of the rules, in one place: day numbers, months, birthdays, deadlines.

Every date array in the engine is int32 days since 1970-01-01. Two kinds of "n months later"
exist in the law and the seeds, and they differ only at the end of a month:

* **A count reached** (`anniversary`): the first day on which n whole months (or years) have
  passed, which is how an age or the months since reception are counted (`full_months`,
  `full_years`). A person born on 29 February turns a year older on 1 March in common years,
  and one month after 31 January has passed on 1 March: where the month has no such day, the
  count is reached on the 1st of the month after.
* **A deadline** (`add_months`): the same day n months later, or the month's last day when it
  has no such day ("inom två månader", bosättningslagen 2016:38; "inom en månad", 001 §2).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

I16 = npt.NDArray[np.int16]
I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]

EPOCH = dt.date(1970, 1, 1)
#: "No date" in the int32 day arrays: later than any real date, so `datum <= D` is False.
NO_DATE = np.int32(2**31 - 1)


def days(d: dt.date) -> int:
    """A date as days since 1970-01-01, the unit of every date array in the engine."""
    return (d - EPOCH).days


def from_days(n: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(n))


def add_months(d: dt.date, months: int) -> dt.date:
    """The deadline n months after `d`: the same day, or the last day of a shorter month."""
    month0 = d.month - 1 + months
    year = d.year + month0 // 12
    month = month0 % 12 + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(d.day, last))


def anniversary(d: dt.date, months: int) -> dt.date:
    """The first day on which `months` whole months have passed since `d` (see module doc)."""
    return from_days(int(anniversaries(np.array([days(d)], dtype=np.int32), months)[0]))


def birthday(born: dt.date, years: int) -> dt.date:
    """The day a person born on `born` turns `years` (29 February: 1 March in common years)."""
    return anniversary(born, 12 * years)


YMD = tuple[I32, I32, I32]


# Year, month and day of every day from 1800 to 2299, computed once: looking a day up is one
# gather, where converting through datetime64 took a fifth of the compensation engine's time
# (cProfile, make bench). The range holds every plausible date (rules.events bounds them to
# 1900–2199) and the month arithmetic around them; other days take the slow path.
_TABLE_FIRST = (dt.date(1800, 1, 1) - EPOCH).days
_TABLE_LAST = (dt.date(2299, 12, 31) - EPOCH).days


def _ymd_slow(d: npt.NDArray[Any]) -> YMD:
    as_dt = d.astype("datetime64[D]")
    months = as_dt.astype("datetime64[M]")
    y = (months.astype(np.int64) // 12 + 1970).astype(np.int32)
    m = (months.astype(np.int64) % 12 + 1).astype(np.int32)
    day = ((as_dt - months.astype("datetime64[D]")).astype(np.int64) + 1).astype(np.int32)
    return y, m, day


# One row per day, so that a lookup is one gather for all three parts.
_TABLE = np.stack(_ymd_slow(np.arange(_TABLE_FIRST, _TABLE_LAST + 1, dtype=np.int64)), axis=1)


def ymd(d: I32) -> YMD:
    """Year, month and day of each day number."""
    d = np.asarray(d)
    if d.size and (d.min() < _TABLE_FIRST or d.max() > _TABLE_LAST):
        return _ymd_slow(d)
    # int64 first: a narrower input (int16) cannot hold the offset from 1800.
    parts = _TABLE[d.astype(np.int64, copy=False) - _TABLE_FIRST].T
    return parts[0], parts[1], parts[2]


def anniversaries(start: I32, months: int | npt.NDArray[Any]) -> I32:
    """Vectorised `anniversary`: the day `months` whole months have passed since each start.

    `full_months(start, result) == months` and `full_months(start, result - 1) == months - 1`
    (tested), so these are exactly the days on which a count of months or years changes.
    Starts that are NO_DATE stay NO_DATE.
    """
    valid = start != NO_DATE
    safe = np.where(valid, start, 0).astype(np.int32)
    y, m, d = ymd(safe)
    month_index = (y.astype(np.int64) - 1970) * 12 + (m - 1) + np.asarray(months, dtype=np.int64)
    first = month_index.astype("datetime64[M]").astype("datetime64[D]")
    next_first = (month_index + 1).astype("datetime64[M]").astype("datetime64[D]")
    length = (next_first - first).astype(np.int64)
    day = np.where(d <= length, first.astype(np.int64) + d - 1, next_first.astype(np.int64))
    out: I32 = np.where(valid, day, NO_DATE).astype(np.int32)
    return out


def deadlines_after(start: I32, months: int) -> I32:
    """Vectorised `add_months`: the same day `months` later, or the month's last day."""
    valid = start != NO_DATE
    y, m, d = ymd(np.where(valid, start, 0).astype(np.int32))
    month_index = (y.astype(np.int64) - 1970) * 12 + (m - 1) + months
    first = month_index.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    next_first = (month_index + 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    day = first + np.minimum(d, next_first - first) - 1
    out: I32 = np.where(valid, day, NO_DATE).astype(np.int32)
    return out


def full_years(start: I32, on: I32 | YMD) -> I16:
    """Completed years from `start` to `on` (29 February birthdays count from 1 March)."""
    sy, sm, sd = ymd(start)
    oy, om, od = on if isinstance(on, tuple) else ymd(on)
    before = (om < sm) | ((om == sm) & (od < sd))
    out: I16 = (oy - sy - before).astype(np.int16)
    return out


def full_months(start: I32, on: I32, on_ymd: YMD | None = None) -> I16:
    """Completed months from `start` to `on`; -1 where start is NO_DATE or after `on`."""
    valid = start <= on
    safe = np.where(valid, start, on).astype(np.int32)
    sy, sm, sd = ymd(safe)
    oy, om, od = on_ymd if on_ymd is not None else ymd(on)
    months = (oy - sy) * 12 + (om - sm) - (od < sd)
    return np.where(valid, months, -1).astype(np.int16)


Tempus = Literal["dåtid", "i dag", "framtid"]


def tempus(d: dt.date, today: dt.date) -> Tempus:
    """Whether a text about `d` speaks of the past, of today or of the future, seen from
    `today` (the caller's date in Europe/Stockholm): "gick över", "går över i dag", "går över"."""
    if d < today:
        return "dåtid"
    return "i dag" if d == today else "framtid"


def period_tempus(fran: dt.date | None, till: dt.date | None, today: dt.date) -> Tempus:
    """The same for a period: over ("var ansvarig"), going on ("är ansvarig", also when it
    ends today or has no end) or not begun ("blir ansvarig")."""
    if till is not None and till < today:
        return "dåtid"
    if fran is not None and fran > today:
        return "framtid"
    return "i dag"
