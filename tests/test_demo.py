"""`make demo`'s data: every municipality filled, no timeline refused, the case work agrees with
the register it is built on, and a second run works. One build serves every check: a build
takes most of a minute on each CI leg."""

import datetime as dt
import io

import pytest
from django.test import Client

from mottagning.accounts.models import User
from mottagning.arenden.models import Arende, Beslut
from mottagning.arenden.worklist import worklist_rows
from mottagning.cases.models import Transition
from mottagning.demo import DEMO_PASSWORD, populate
from mottagning.housing.models import Boende, Kommuntal
from mottagning.placements.models import HOME_FORMS, Placering
from mottagning.plans.deadlines import deadline_list as plan_deadlines
from mottagning.plans.models import IndividuellPlan, Kartlaggning
from mottagning.register.models import Event, Person

pytestmark = pytest.mark.django_db


def test_demo_fills_every_municipality_and_runs_twice() -> None:
    out = io.StringIO()
    first = populate(scale=0.1, today=dt.date(2026, 3, 1), out=out)
    assert set(first) == {"alingsas", "vingaker", "ostersund", "ekero"}
    assert all(n > 5 for n in first.values()), first
    assert "avvisad" not in out.getvalue()
    assert "ärenden:" in out.getvalue()
    assert Transition.objects.exists()
    _assert_case_work_matches_the_register(today=dt.date(2026, 3, 1))
    # Case work (issue #11): plans, mappings, homes and a kommuntal in every municipality.
    for kommun in first:
        assert IndividuellPlan.objects.filter(municipality__kod=kommun).exists(), kommun
        assert Kartlaggning.objects.filter(municipality__kod=kommun).exists(), kommun
        assert Boende.objects.filter(municipality__kod=kommun).exists(), kommun
        assert Kommuntal.objects.filter(municipality__kod=kommun).exists(), kommun
    # Matching (issue 14): Ekerö's and Vingåker's internship banks, networks and grants.
    from mottagning.matching.models import (
        Arrangemang,
        Bidragsansokan,
        Praktikplats,
        VolontarMatchning,
    )

    for kommun in ("ekero", "vingaker"):
        assert Praktikplats.objects.filter(arbetsgivare__municipality__kod=kommun).exists()
        assert Arrangemang.objects.filter(motesplats__municipality__kod=kommun).exists()
        assert VolontarMatchning.objects.filter(person__municipality__kod=kommun).exists()
        states = set(
            Bidragsansokan.objects.filter(forening__municipality__kod=kommun).values_list(
                "status", flat=True
            )
        )
        assert states == {"ansokt", "beviljat", "avslaget", "utbetalt", "aterrapporterat"}
    handlaggare = User.objects.get(username="alingsas.integrationsavdelningen")
    deadlines = plan_deadlines(user=handlaggare, today=dt.date(2026, 3, 1))
    assert any(d.due < dt.date(2026, 3, 1) for d in deadlines)  # some are overdue

    cases_before = Arende.objects.count()
    second = populate(scale=0.1, today=dt.date(2026, 3, 2), out=io.StringIO())
    assert second == first
    assert Arende.objects.count() == cases_before
    assert Person.objects.count() == sum(first.values())

    user = User.objects.get(username="alingsas.integrationsavdelningen")
    assert user.check_password(DEMO_PASSWORD)
    client = Client()
    response = client.post(
        "/konto/logga-in/", {"username": user.username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(response["Location"], follow=True).status_code == 200
    for role in (
        "handlaggare",
        "enhetschef",
        "ekonom",
        "strateg",
        "revisor",
        "administrator",
        "samordnare",
    ):
        assert User.objects.filter(municipality__kod="ekero", roller__roll=role).exists(), role


def _assert_case_work_matches_the_register(*, today: dt.date) -> None:
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
