"""The housing pages through Django's test client."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mottagning.audit.models import PersonAccess
from mottagning.housing.models import Boende, Bostad, Kommuntal, Kontrakt
from tests.fixtures import newcomer, unit, user_in

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_home_its_contract_and_who_moves_in(alingsas: Any, integration_user: Any) -> None:
    person = newcomer(integration_user)
    client = client_for(integration_user)
    ia = unit(alingsas, "integrationsavdelningen")
    response = client.post(
        reverse("housing:bostad_create"),
        {"enhet": ia.pk, "adress": "Kungsgatan 5", "hyresvard": "Alingsåshem", "ort": "Alingsås"},
    )
    home = Bostad.objects.get()
    assert response["Location"] == reverse("housing:bostad", args=[home.pk])
    # Rent in Swedish notation, with a decimal comma.
    response = client.post(
        reverse("housing:kontrakt_create", args=[home.pk]),
        {"slag": "socialt_kontrakt", "hyra": "6 450,50", "start": "2024-03-01", "slut": ""},
    )
    assert response.status_code == 302, response.content.decode()
    contract = Kontrakt.objects.get()
    assert contract.hyra == Decimal("6450.50")
    response = client.post(
        reverse("housing:kontrakt_create", args=[home.pk]),
        {"slag": "forstahand", "hyra": "abc", "start": "2024-03-01"},
    )
    assert response.status_code == 200
    assert "error-message" in response.content.decode()
    response = client.post(
        reverse("housing:boende_create", args=[contract.pk]),
        {"person": person.pk, "fran": "2024-03-01"},
    )
    assert response.status_code == 302
    assert Boende.objects.get().person == person
    PersonAccess.objects.all().delete()
    html = client.get(reverse("housing:bostad", args=[home.pk])).content.decode()
    assert "Amina Hassan" in html
    assert "Socialt kontrakt" in html
    assert PersonAccess.objects.filter(person=person, kanal="webb").exists()
    listing = client.get(reverse("housing:bostad_list")).content.decode()
    assert "Kungsgatan 5" in listing
    assert "Amina Hassan" in listing  # who lives where, at a glance
    response = client.post(
        reverse("housing:boende_end", args=[Boende.objects.get().pk]), {"till": "2024-02-01"}
    )
    assert "Utflyttningen kan inte ligga före inflyttningen" in response.content.decode()


def test_another_unit_neither_sees_the_home_nor_its_residents(
    alingsas: Any, integration_user: Any
) -> None:
    client = client_for(integration_user)
    client.post(
        reverse("housing:bostad_create"),
        {
            "enhet": integration_user.units.first().pk,
            "adress": "Kungsgatan 5",
            "hyresvard": "Alingsåshem",
        },
    )
    home = Bostad.objects.get()
    other = client_for(user_in(alingsas, "placeringsenheten"))
    assert other.get(reverse("housing:bostad", args=[home.pk])).status_code == 404
    assert "Kungsgatan" not in other.get(reverse("housing:bostad_list")).content.decode()


def test_quota_page_shows_chart_and_table_and_takes_a_kommuntal(alingsas: Any) -> None:
    chef = user_in(alingsas, "integrationsavdelningen", roles=("enhetschef",))
    client = client_for(chef)
    response = client.post(
        reverse("housing:kommuntal_set"),
        {"ar": "2024", "antal": "42", "kalla": "Länsstyrelsen Västra Götaland, beslut 2023"},
    )
    assert response["Location"].endswith("?ar=2024")
    response = client.post(
        reverse("housing:kommuntal_set"),
        {"ar": "2024", "antal": "40", "kalla": "Länsstyrelsen Västra Götaland, rättelse"},
    )
    assert response.status_code == 302
    assert Kommuntal.objects.get().antal == 40
    html = client.get(reverse("housing:quota") + "?ar=2024").content.decode()
    assert "<svg" in html
    assert 'role="img"' in html
    assert '<td class="num">40</td>' in html
    strateg = client_for(user_in(alingsas, "integrationsavdelningen", roles=("strateg",)))
    assert strateg.get(reverse("housing:quota") + "?ar=x").status_code == 200
    handlaggare = client_for(user_in(alingsas, "integrationsavdelningen"))
    assert handlaggare.get(reverse("housing:kommuntal_set")).status_code == 403


@pytest.mark.parametrize("ar", ["0", "-1", "10000", "9223372036854775808", "99999999999999999999"])
def test_a_quota_year_the_rules_cannot_answer_for_shows_this_year(alingsas: Any, ar: str) -> None:
    client = client_for(user_in(alingsas, "integrationsavdelningen", roles=("enhetschef",)))
    response = client.get(reverse("housing:quota") + f"?ar={ar}")
    assert response.status_code == 200
    this_year = timezone.localdate().year
    assert f"Kommuntal och mottagande {this_year}" in response.content.decode()
