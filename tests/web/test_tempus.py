"""Issue 12 item 3: texts about dated things follow the date: past, today or future, seen from
today in Europe/Stockholm (`rules.dates.tempus`, the words in `web.tempus`)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from mottagning.rules.dates import period_tempus, tempus
from mottagning.web.tempus import FRASER, i_tid, period_i_tid

TODAY = dt.date(2026, 11, 30)
PAST, FUTURE = dt.date(2025, 3, 3), dt.date(2027, 3, 3)


def test_tempus_of_a_day() -> None:
    assert tempus(PAST, TODAY) == "dåtid"
    assert tempus(TODAY, TODAY) == "i dag"
    assert tempus(FUTURE, TODAY) == "framtid"


def test_tempus_of_a_period() -> None:
    assert period_tempus(PAST, dt.date(2025, 6, 1), TODAY) == "dåtid"
    assert period_tempus(PAST, TODAY, TODAY) == "i dag"  # its last day is today
    assert period_tempus(PAST, None, TODAY) == "i dag"
    assert period_tempus(FUTURE, None, TODAY) == "framtid"


@pytest.mark.parametrize(
    ("fras", "past", "today", "future"),
    [
        (
            "ga_over",
            "Ansvaret gick över 2025-03-03",
            "Ansvaret går över i dag",
            "Ansvaret går över 2027-03-03",
        ),
        ("forfalla", "förföll 2025-03-03", "förfaller i dag", "förfaller 2027-03-03"),
        ("sluta", "slutade 2025-03-03", "slutar i dag", "slutar 2027-03-03"),
    ],
)
def test_phrases_in_swedish(fras: str, past: str, today: str, future: str) -> None:
    with translation.override("sv"):
        assert i_tid(PAST, fras, TODAY) == past
        assert i_tid(TODAY, fras, TODAY) == today
        assert i_tid(FUTURE, fras, TODAY) == future


def test_phrases_in_english() -> None:
    with translation.override("en"):
        assert i_tid(PAST, "forfalla", TODAY) == "was due 2025-03-03"
        assert i_tid(FUTURE, "forfalla", TODAY) == "is due 2027-03-03"
        assert i_tid(PAST, "ga_over", TODAY) == "Responsibility passed on 2025-03-03"


def test_a_decisions_validity() -> None:
    with translation.override("sv"):
        assert period_i_tid(PAST, dt.date(2025, 6, 1), "galla", TODAY) == (
            "gällde 2025-03-03 – 2025-06-01"
        )
        assert period_i_tid(PAST, None, "galla", TODAY) == "gäller 2025-03-03 – tills vidare"
        assert period_i_tid(FUTURE, None, "galla", TODAY) == (
            "börjar gälla 2027-03-03 – tills vidare"
        )
        assert period_i_tid(None, None, "galla", TODAY) == "tills vidare"


def test_every_phrase_has_three_tenses_with_the_date_where_it_is_not_today() -> None:
    for fras, (past, today, future) in FRASER.items():
        for text in (str(past), str(future)):
            assert "%(datum)s" in text or "%(fran)s" in text, fras
        assert str(today) != str(future), fras


def test_the_template_filter_uses_todays_date_in_stockholm() -> None:
    today = timezone.localdate()
    template = Template('{% load mottagning %}{{ d|i_tid:"forfalla" }}')
    with translation.override("sv"):
        rendered = template.render(Context({"d": today - dt.timedelta(days=1)}))
        assert rendered.startswith("förföll ")
        assert template.render(Context({"d": today})) == "förfaller i dag"
