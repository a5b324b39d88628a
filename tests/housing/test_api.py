"""The housing API: homes, contracts with exact rent, residences and the quota."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from mottagning.accounts.services import api_token_create
from mottagning.audit.models import PersonAccess
from mottagning.housing.models import Bostad, Kontrakt
from tests.fixtures import newcomer, user_in

pytestmark = pytest.mark.django_db


def api(user: Any) -> Client:
    _token, secret = api_token_create(user=user, namn="test")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_openapi_describes_every_record_type() -> None:
    paths = Client().get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/bostader",
        "/api/bostader/{bostad_id}",
        "/api/bostader/{bostad_id}/kontrakt",
        "/api/kontrakt/{pk}/slut",
        "/api/kontrakt/{pk}/boenden",
        "/api/boenden/{pk}/utflyttning",
        "/api/personer/{person_id}/boenden",
        "/api/kommuntal",
        "/api/kommuntal/{ar}",
        "/api/kommuntal/{ar}/uppfoljning",
        "/api/bostader/frister",
    ):
        assert path in paths, path


def test_home_contract_and_resident_through_the_api(alingsas: Any, integration_user: Any) -> None:
    person = newcomer(integration_user)
    client = api(integration_user)
    home = client.post(
        "/api/bostader",
        {
            "enhet_id": integration_user.units.first().pk,
            "adress": "Norra Strandgatan 3",
            "hyresvard": "Privat hyresvärd",
        },
        content_type="application/json",
    ).json()
    response = client.post(
        f"/api/bostader/{home['id']}/kontrakt",
        {"slag": "tidsbegransat", "hyra": "5999.95", "start": "2024-03-01", "slut": "2025-02-28"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    contract = response.json()
    assert Decimal(contract["hyra"]) == Decimal("5999.95")
    assert Kontrakt.objects.get().hyra == Decimal("5999.95")
    response = client.post(
        f"/api/kontrakt/{contract['id']}/boenden",
        {"person_id": person.pk, "fran": "2024-03-01"},
        content_type="application/json",
    )
    assert response.status_code == 201
    detail = client.get(f"/api/bostader/{home['id']}").json()
    assert [b["person_id"] for b in detail["boenden"]] == [person.pk]
    assert PersonAccess.objects.filter(person=person, kanal="api").exists()
    frister = client.get("/api/bostader/frister", {"datum": "2025-01-01"}).json()
    assert [f["kind"] for f in frister] == ["kontrakt_slut"]
    response = client.put(
        f"/api/kontrakt/{contract['id']}/slut", {"slut": None}, content_type="application/json"
    )
    assert response.status_code == 400  # a fixed-term contract needs an end
    other = api(user_in(alingsas, "placeringsenheten"))
    assert other.get(f"/api/bostader/{home['id']}").status_code == 404


def test_kommuntal_and_its_follow_up(alingsas: Any) -> None:
    chef = api(user_in(alingsas, "integrationsavdelningen", roles=("enhetschef",)))
    response = chef.put(
        "/api/kommuntal/2024",
        {"antal": 30, "kalla": "Länsstyrelsen, beslut"},
        content_type="application/json",
    )
    assert response.status_code == 200
    follow_up = chef.get("/api/kommuntal/2024/uppfoljning").json()
    assert (follow_up["kommuntal"], follow_up["kvar"], follow_up["anvisade"]) == (30, 30, 0)
    handlaggare = api(user_in(alingsas, "integrationsavdelningen"))
    response = handlaggare.put(
        "/api/kommuntal/2024", {"antal": 1, "kalla": "x"}, content_type="application/json"
    )
    assert response.status_code == 403


@pytest.mark.parametrize("text", ["Norra\x00Strandgatan 3", "Norra\ud800Strandgatan 3"])
def test_text_that_cannot_be_stored_is_refused_with_400(integration_user: Any, text: str) -> None:
    body = {"enhet_id": integration_user.units.first().pk, "adress": text, "hyresvard": "Privat"}
    # JSON escapes (\u0000, \ud800), as a client sends them.
    response = api(integration_user).post(
        "/api/bostader", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert "adress" in response.json()["detail"]
    assert not Bostad.objects.exists()
