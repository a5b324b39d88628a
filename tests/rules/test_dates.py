"""The date arithmetic of the rules: counts reached (ages, months since reception) and
deadlines, at the ends of months and on 29 February."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from mottagning.rules.dates import (
    add_months,
    anniversaries,
    anniversary,
    birthday,
    days,
    deadlines_after,
    from_days,
    full_months,
    full_years,
)


def test_a_birthday_on_29_february_is_1_march_in_common_years() -> None:
    assert birthday(dt.date(2008, 2, 29), 18) == dt.date(2026, 3, 1)
    assert birthday(dt.date(2008, 2, 29), 4) == dt.date(2012, 2, 29)


def test_a_count_of_months_is_reached_on_the_first_of_the_next_month_when_the_day_is_missing() -> (
    None
):
    assert anniversary(dt.date(2024, 1, 31), 1) == dt.date(2024, 3, 1)
    assert anniversary(dt.date(2016, 8, 31), 24) == dt.date(2018, 8, 31)
    assert anniversary(dt.date(2016, 3, 15), 24) == dt.date(2018, 3, 15)


def test_a_deadline_keeps_the_last_day_of_a_shorter_month() -> None:
    # "Within two months" of 31 December ends on the last day of February.
    assert add_months(dt.date(2023, 12, 31), 2) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2022, 12, 31), 2) == dt.date(2023, 2, 28)
    assert add_months(dt.date(2023, 11, 15), 24) == dt.date(2025, 11, 15)


@given(
    start=st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    months=st.integers(0, 1200),
)
def test_anniversaries_are_the_days_the_timeline_counts_change(start: dt.date, months: int) -> None:
    s = np.array([days(start)], dtype=np.int32)
    reached = anniversaries(s, months)
    assert int(full_months(s, reached)[0]) == months
    if months > 0:
        assert int(full_months(s, reached - 1)[0]) == months - 1
    if months % 12 == 0:
        assert int(full_years(s, reached)[0]) == months // 12
        assert int(full_years(s, reached - 1)[0]) == months // 12 - 1


@given(start=st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)), months=st.integers(0, 600))
def test_vectorised_deadlines_equal_add_months(start: dt.date, months: int) -> None:
    due = deadlines_after(np.array([days(start)], dtype=np.int32), months)
    assert from_days(int(due[0])) == add_months(start, months)


def test_ymd_table_equals_the_calendar_and_falls_back_outside_it() -> None:
    import numpy as np

    from mottagning.rules import dates as d

    inside = np.array(
        [d.days(dt.date(1800, 1, 1)), d.days(dt.date(2000, 2, 29)), d.days(dt.date(2299, 12, 31))],
        dtype=np.int32,
    )
    outside = np.array([d.days(dt.date(1799, 12, 31)), d.days(dt.date(2300, 1, 1))], np.int32)
    for arr in (inside, outside, np.concatenate([inside, outside])):
        y, m, day = d.ymd(arr)
        assert [dt.date(int(a), int(b), int(c)) for a, b, c in zip(y, m, day, strict=True)] == [
            d.from_days(int(x)) for x in arr
        ]


def test_ymd_of_a_narrow_integer_array() -> None:
    from mottagning.rules import dates as d

    # int16 holds day numbers up to 2059 but not their offset from 1800 in the lookup table.
    arr = np.array([0, d.days(dt.date(2024, 10, 4))], dtype=np.int16)
    y, m, day = d.ymd(arr)
    assert [(int(a), int(b), int(c)) for a, b, c in zip(y, m, day, strict=True)] == [
        (1970, 1, 1),
        (2024, 10, 4),
    ]
