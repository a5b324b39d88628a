"""The plans API: OpenAPI, writes through the services, visibility and read logging."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from mottagning.accounts.services import api_token_create
from mottagning.audit.models import PersonAccess
from tests.fixtures import newcomer, user_in

pytestmark = pytest.mark.django_db


def api(user: Any) -> Client:
    _token, secret = api_token_create(user=user, namn="test")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_openapi_describes_every_record_type() -> None:
    paths = Client().get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/personer/{person_id}/kartlaggningar",
        "/api/kartlaggningar/{pk}",
        "/api/personer/{person_id}/planer",
        "/api/planer/{pk}/aktiviteter",
        "/api/aktiviteter/{pk}",
        "/api/planer/frister",
    ):
        assert path in paths, path


def test_mapping_plan_and_activity_through_the_api(integration_user: Any) -> None:
    person = newcomer(integration_user)
    client = api(integration_user)
    unit_id = integration_user.units.first().pk
    response = client.post(
        f"/api/personer/{person.pk}/kartlaggningar",
        {"enhet_id": unit_id, "mottagen": "2024-03-01", "sprak": "dari"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    mapping = response.json()
    assert mapping["sprak"] == "dari"
    assert mapping["frist"] is None  # Alingsås sets no deadline for the first mapping
    response = client.put(
        f"/api/kartlaggningar/{mapping['id']}",
        {"sprak": "dari, engelska", "klar": "2024-03-15", "handlaggare_id": integration_user.pk},
        content_type="application/json",
    )
    assert response.json()["klar"] == "2024-03-15"
    plan = client.post(
        f"/api/personer/{person.pk}/planer",
        {"enhet_id": unit_id, "upprattad": "2024-03-20", "mal": "Busschaufför"},
        content_type="application/json",
    ).json()
    response = client.post(
        f"/api/planer/{plan['id']}/aktiviteter",
        {"slag": "praktik", "forfaller": "2024-09-01"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "partner" in response.json()["detail"]
    activity = client.post(
        f"/api/planer/{plan['id']}/aktiviteter",
        {"slag": "praktik", "forfaller": "2024-09-01", "partner": "Västtrafik"},
        content_type="application/json",
    ).json()
    response = client.put(
        f"/api/aktiviteter/{activity['id']}",
        {"forfaller": "2024-09-01", "start": "2024-05-01", "klar": "2024-08-30"},
        content_type="application/json",
    )
    assert response.json()["klar"] == "2024-08-30"
    plans = client.get(f"/api/personer/{person.pk}/planer").json()
    assert plans[0]["aktiviteter"][0]["partner"] == "Västtrafik"
    assert PersonAccess.objects.filter(person=person, kanal="api").exists()
    frister = client.get("/api/planer/frister", {"datum": "2024-06-01"}).json()
    assert frister == []  # the only activity is done


def test_someone_elses_person_is_not_found(alingsas: Any, integration_user: Any) -> None:
    person = newcomer(integration_user)
    other = api(user_in(alingsas, "placeringsenheten"))
    assert other.get(f"/api/personer/{person.pk}/planer").status_code == 404
    response = other.post(
        f"/api/personer/{person.pk}/planer",
        {"enhet_id": 1, "upprattad": dt.date(2024, 1, 1).isoformat(), "mal": "x"},
        content_type="application/json",
    )
    assert response.status_code == 404


@pytest.mark.parametrize("text", ["Bus\x00schaufför", "Bus\ud800schaufför"])
def test_text_that_cannot_be_stored_is_refused_with_400(integration_user: Any, text: str) -> None:
    person = newcomer(integration_user)
    client = api(integration_user)
    unit_id = integration_user.units.first().pk
    # As a client sends it: JSON escapes (\u0000, \ud800), which json.loads turns into the text.
    body = json.dumps({"enhet_id": unit_id, "upprattad": "2024-03-20", "mal": text})
    response = client.post(
        f"/api/personer/{person.pk}/planer", body, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert "mal" in response.json()["detail"]
    assert not person.planer.exists()
