"""`make demo`'s data: every municipality filled, no timeline refused, and a second run works."""

import datetime as dt
import io

import pytest
from django.test import Client

from mottagning.accounts.models import User
from mottagning.cases.models import Transition
from mottagning.demo import DEMO_PASSWORD, populate
from mottagning.housing.models import Boende, Kommuntal
from mottagning.plans.deadlines import deadline_list as plan_deadlines
from mottagning.plans.models import IndividuellPlan, Kartlaggning
from mottagning.register.models import Person

pytestmark = pytest.mark.django_db


def test_demo_fills_every_municipality_and_runs_twice() -> None:
    out = io.StringIO()
    first = populate(scale=0.1, today=dt.date(2026, 3, 1), out=out)
    assert set(first) == {"alingsas", "vingaker", "ostersund", "ekero"}
    assert all(n > 5 for n in first.values()), first
    assert "avvisad" not in out.getvalue()
    assert Transition.objects.exists()
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

    second = populate(scale=0.1, today=dt.date(2026, 3, 2), out=io.StringIO())
    assert second == first
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
