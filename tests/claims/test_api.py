"""The economy's REST endpoints: costs, claims, status, payment decisions, reconciliation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from mottagning.accounts.services import api_token_create
from mottagning.audit.models import PersonAccess
from mottagning.register.models import Municipality
from tests.claims.helpers import ekonom
from tests.fixtures import ekb, user_in

D = dt.date
pytestmark = pytest.mark.django_db


def api_for(user: object) -> Client:
    _token, secret = api_token_create(user=user, namn="test")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_cost_claim_status_payment_reconciliation(alingsas: Municipality) -> None:
    hl = user_in(alingsas, "integrationsavdelningen")
    me = ekonom(alingsas)
    child = ekb(hl, born=D(2012, 1, 1), asyl=D(2023, 11, 1))
    api = api_for(me)
    unit_id = hl.units.first().pk
    body = {
        "person_id": child.pk,
        "enhet_id": unit_id,
        "slag": "ekonomiskt_bistand_asyl",
        "fran": "2024-01-05",
        "till": "2024-01-31",
        "belopp": "1000.00",
    }
    bad = api.post(
        "/api/ekonomi/kostnader", {**body, "till": "2024-04-01"}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert (
        api.post("/api/ekonomi/kostnader", body, content_type="application/json").status_code == 201
    )
    made = api.post(
        "/api/ekonomi/ansokningar",
        {"typ": "ekonomiskt_bistand_asyl", "ar": 2024, "kvartal": 1},
        content_type="application/json",
    )
    assert made.status_code == 201
    claim = made.json()
    assert claim["belopp_ansokt"] in ("1000.00", "1000.0", 1000.0)
    assert claim["ansok_senast"] == "2024-09-30"
    detail = api.get(f"/api/ekonomi/ansokningar/{claim['id']}").json()
    assert [r["person_id"] for r in detail["rader"]] == [child.pk]
    assert [h["status"] for h in detail["historik"]] == ["utkast"]
    assert PersonAccess.objects.filter(user=me, person=child, kanal="api").exists()
    skip = api.post(
        f"/api/ekonomi/ansokningar/{claim['id']}/status",
        {"status": "utbetald", "datum": "2024-05-01"},
        content_type="application/json",
    )
    assert skip.status_code == 400
    sent = api.post(
        f"/api/ekonomi/ansokningar/{claim['id']}/status",
        {"status": "inskickad", "datum": "2024-05-01"},
        content_type="application/json",
    )
    assert sent.json()["status"] == "inskickad"
    paid = api.post(
        "/api/ekonomi/utbetalningar",
        [
            {
                "referens": "MV-1",
                "beslutsdatum": "2024-08-01",
                "typ": "ekonomiskt_bistand_asyl",
                "ar": 2024,
                "kvartal": 1,
                "belopp": "700.00",
                "person_id": child.pk,
            }
        ],
        content_type="application/json",
    )
    assert paid.status_code == 201
    diff = api.get("/api/ekonomi/avstamning?ar=2024").json()
    assert [(d["person_id"], d["utfall"]) for d in diff] == [(child.pk, "underbetald")]
    # A handläggare reads the economy of the persons they see, writes none and gets no
    # municipality-wide reconciliation.
    worker = api_for(hl)
    assert worker.get("/api/ekonomi/avstamning?ar=2024").status_code == 403
    assert (
        worker.post("/api/ekonomi/kostnader", body, content_type="application/json").status_code
        == 403
    )
    assert len(worker.get("/api/ekonomi/kostnader?ar=2024").json()) == 1
    other = api_for(user_in(alingsas, "placeringsenheten", roles=("strateg",)))
    assert other.get("/api/ekonomi/kostnader?ar=2024").status_code == 403
