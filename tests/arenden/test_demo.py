"""`make demo`'s case work agrees with the register it is built on."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone

from mottagning.accounts.models import User
from mottagning.arenden.models import Arende, Beslut
from mottagning.arenden.worklist import worklist_rows
from mottagning.demo import populate
from mottagning.placements.models import HOME_FORMS, Placering
from mottagning.register.models import Event

pytestmark = pytest.mark.django_db


def test_demo_case_work_matches_the_register() -> None:
    today = timezone.localdate()
    out = io.StringIO()
    populate(scale=0.3, today=today, out=out)
    assert "ärenden:" in out.getvalue()
    homes = Placering.objects.filter(form__in=HOME_FORMS)
    # Every placement record carries the register's own event, and every EKB placement event
    # of the register that has begun has its record.
    assert homes.count() == Event.objects.filter(typ="placering", datum__lte=today).count()
    assert not homes.filter(event__isnull=True).exists()
    for p in homes.select_related("event"):
        assert p.event is not None
        assert (p.event.datum, p.event.slut) == (p.start, p.slut)
    alingsas_ekb = Arende.objects.filter(
        municipality__kod="alingsas", typ="placering", unit__kod="placeringsenheten"
    )
    placed_children = (
        Event.objects.filter(municipality__kod="alingsas", typ="placering", datum__lte=today)
        .values("person")
        .distinct()
        .count()
    )
    assert alingsas_ekb.count() == placed_children > 0
    assert Beslut.objects.filter(arende__in=alingsas_ekb).count() == alingsas_ekb.count()
    chef = User.objects.get(username="alingsas.enhetschef_ekb")
    overdue = worklist_rows(user=chef, today=today, overdue_only=True)
    assert overdue, "the demo should show some overdue deadlines"
    # A second run leaves the case work as it is.
    before = Arende.objects.count()
    populate(scale=0.3, today=today + dt.timedelta(days=1), out=io.StringIO())
    assert Arende.objects.count() == before
