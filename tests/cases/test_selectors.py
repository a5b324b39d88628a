"""Worklist sections: counts, the first rows in date order, and paging through one section."""

import datetime as dt

import pytest
from django.utils import timezone

from mottagning.cases import selectors
from tests.fixtures import ekb, unit, user_in

pytestmark = pytest.mark.django_db


def test_handover_sections_count_order_and_page(alingsas) -> None:
    user = user_in(alingsas, "placeringsenheten")
    today = timezone.localdate()
    for i in range(45):
        # Birthdays spread over the next 90 days: each 18th birthday moves areas away.
        ekb(
            user,
            fornamn=f"Barn{i:02d}",
            born=today - dt.timedelta(days=365 * 18 - 80 + i),
            asyl=today - dt.timedelta(days=300),
        )
    placering = unit(alingsas, "placeringsenheten")
    work = selectors.worklist(user=user, unit=placering, limit=20)
    leaving = work.sections["fran_enheten"]
    assert leaving.count == 45
    assert len(leaving.rows) == 20
    dates = [t.datum for t in leaving.rows]
    assert dates == sorted(dates)
    for t in leaving.rows:
        moved = [h for h in t.overlamningar.all() if h.fran_enhet_id == placering.pk]
        assert moved
        assert moved[0].fran_enhet.namn == placering.namn  # the shared unit, not a query

    pages = [
        selectors.worklist(user=user, unit=placering, limit=20, show="fran_enheten", page=n)
        for n in (1, 2, 3)
    ]
    assert list(pages[0].sections) == ["fran_enheten"]
    rows = [t for p in pages for t in p.sections["fran_enheten"].rows]
    assert [len(p.sections["fran_enheten"].rows) for p in pages] == [20, 20, 5]
    assert [t.pk for t in rows[:20]] == [t.pk for t in leaving.rows]
    assert len({t.pk for t in rows}) == 45
    assert [t.datum for t in rows] == sorted(t.datum for t in rows)
    last = pages[2].sections["fran_enheten"].page
    assert last is not None
    assert last.number == 3
    assert not last.has_next()
