"""The mapping and plan pages through Django's test client: forms, errors, visibility, logging."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from mottagning.audit.models import PersonAccess
from mottagning.plans.models import Aktivitet, IndividuellPlan, Kartlaggning
from tests.fixtures import newcomer, unit, user_in

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_case_worker_maps_plans_and_follows_up(alingsas: Any, integration_user: Any) -> None:
    person = newcomer(integration_user, mottagen=dt.date(2024, 3, 1))
    client = client_for(integration_user)
    ia = unit(alingsas, "integrationsavdelningen")

    page = client.get(reverse("plans:kartlaggning_create", args=[person.pk]))
    assert page.status_code == 200
    assert 'value="2024-03-01"' in page.content.decode()  # the reception, from the register
    response = client.post(
        reverse("plans:kartlaggning_create", args=[person.pk]),
        {
            "slag": "forsta",
            "enhet": ia.pk,
            "handlaggare": integration_user.pk,
            "mottagen": "2024-03-01",
            "utbildning": "Gymnasium, 12 år",
            "sprak": "Arabiska, engelska",
            "korkort": "B",
            "mal": "Undersköterska",
        },
    )
    assert response.status_code == 302
    mapping = Kartlaggning.objects.get(person=person)
    assert (mapping.utbildning, mapping.korkort) == ("Gymnasium, 12 år", "B")

    response = client.post(
        reverse("plans:plan_create", args=[person.pk]),
        {
            "enhet": ia.pk,
            "handlaggare": integration_user.pk,
            "upprattad": "2024-03-20",
            "mal": "Arbete inom vården",
        },
    )
    assert response.status_code == 302
    plan = IndividuellPlan.objects.get(person=person)

    # An activity without anyone responsible is refused, with the reason at the field.
    response = client.post(
        reverse("plans:aktivitet_create", args=[plan.pk]),
        {"slag": "praktik", "forfaller": "2024-09-01"},
    )
    assert response.status_code == 200
    assert "Ange vem som ansvarar" in response.content.decode()
    response = client.post(
        reverse("plans:aktivitet_create", args=[plan.pk]),
        {"slag": "sfi", "partner": "Campus Alingsås", "forfaller": "2025-06-01"},
    )
    assert "Ange dagen ansökan om sfi kom in" in response.content.decode()
    client.post(
        reverse("plans:aktivitet_create", args=[plan.pk]),
        {
            "slag": "sfi",
            "partner": "Campus Alingsås",
            "ansokan": "2024-03-25",
            "forfaller": "2025-06-01",
        },
    )
    activity = Aktivitet.objects.get(plan=plan)
    response = client.post(
        reverse("plans:aktivitet_update", args=[activity.pk]),
        {"forfaller": "2025-06-01", "start": "2024-04-15", "klar": ""},
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.start == dt.date(2024, 4, 15)
    assert activity.partner == "Campus Alingsås"  # a disabled field keeps its value

    html = client.get(reverse("plans:person", args=[person.pk])).content.decode()
    assert "Arbete inom vården" in html
    assert "Campus Alingsås" in html
    assert "2024-04-15" in html
    assert PersonAccess.objects.filter(person=person, user=integration_user).exists()


def test_someone_elses_person_is_not_found(alingsas: Any, integration_user: Any) -> None:
    person = newcomer(integration_user)
    other = client_for(user_in(alingsas, "placeringsenheten"))
    assert other.get(reverse("plans:person", args=[person.pk])).status_code == 404
    assert other.get(reverse("plans:kartlaggning_create", args=[person.pk])).status_code == 404
    mapping_id = (
        client_for(integration_user)
        .post(
            reverse("plans:kartlaggning_create", args=[person.pk]),
            {
                "slag": "forsta",
                "enhet": integration_user.units.first().pk,
                "mottagen": "2024-03-01",
            },
        )
        .status_code
    )
    assert mapping_id == 302
    mapping = Kartlaggning.objects.get(person=person)
    assert other.get(reverse("plans:kartlaggning_update", args=[mapping.pk])).status_code == 404


def test_a_strateg_may_not_read_plans(alingsas: Any, integration_user: Any) -> None:
    person = newcomer(integration_user)
    strateg = user_in(alingsas, "integrationsavdelningen", roles=("strateg",))
    assert client_for(strateg).get(reverse("plans:person", args=[person.pk])).status_code == 403


def test_ekero_shows_the_mapping_deadline_and_defaults_to_the_centrum(db: Any) -> None:
    from mottagning.register import services as register_services

    ekero = register_services.municipality_load_profile(kod="ekero")
    user = user_in(ekero, "sektion_nyanlanda")
    person = newcomer(user, mottagen=dt.date(2025, 5, 1))
    client = client_for(user)
    html = client.get(reverse("plans:person", args=[person.pk])).content.decode()
    # A deadline in the past is told in the past tense, its source by the document's name.
    assert "Den första kartläggningen skulle ha varit klar senast 2025-05-22" in html
    assert "Ekerö kommun, Ett effektivt integrationsarbete" in html
    form = client.get(reverse("plans:kartlaggning_create", args=[person.pk])).content.decode()
    centrum = unit(ekero, "centrum_nyanlanda")
    assert f'<option value="{centrum.pk}" selected>' in form
