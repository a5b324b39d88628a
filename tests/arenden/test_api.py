"""Case work in the REST API: every record type, with the pages' permissions and read log."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from mottagning.accounts.services import api_token_create
from mottagning.arenden.models import FristKlar
from mottagning.audit.models import PersonAccess
from tests.fixtures import user_in


def api(user: Any) -> Client:
    _token, secret = api_token_create(user=user, namn="test")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_openapi_lists_every_case_work_record() -> None:
    paths = Client().get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/personer/{person_id}/arenden",
        "/api/arenden/{arende_id}/beslut",
        "/api/arenden/{arende_id}/anteckningar",
        "/api/personer/{person_id}/dokument",
        "/api/arenden/{arende_id}/placeringar",
        "/api/placeringar/{placering_id}",
        "/api/frister",
        "/api/frister/klar",
    ):
        assert path in paths, path


def test_case_records_through_the_api(placed: dict[str, Any]) -> None:
    user, child, today = placed["handlaggare"], placed["child"], placed["today"]
    client = api(user)
    created = client.post(
        f"/api/personer/{child.pk}/arenden",
        {"enhet_id": user.units.first().pk, "typ": "lvu", "oppnat": today.isoformat()},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    arende_id = created.json()["id"]
    assert created.json()["enhet_id"] == user.units.first().pk
    beslut = client.post(
        f"/api/arenden/{arende_id}/beslut",
        {
            "lagrum": "LVU",
            "paragraf": "2 §",
            "insats": "Vård enligt LVU",
            "utfall": "bifall",
            "motivering": "Brister i omsorgen.",
            "beslutsdatum": today.isoformat(),
            "beslutsfattare": "Socialnämnden",
            "overklagande": "forvaltningsbesvar",
        },
        content_type="application/json",
    )
    assert beslut.status_code == 201, beslut.content
    note = client.post(
        f"/api/arenden/{arende_id}/anteckningar",
        {"datum": today.isoformat(), "text": "Ansökan till förvaltningsrätten."},
        content_type="application/json",
    )
    assert note.status_code == 201
    assert len(client.get(f"/api/arenden/{arende_id}/anteckningar").json()) == 1
    bad = client.post(
        f"/api/arenden/{arende_id}/anteckningar",
        {"datum": "2999-01-01", "text": "x"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert "datum" in bad.json()["detail"]

    upload = client.post(
        f"/api/personer/{child.pk}/dokument",
        {"titel": "Intyg", "fil": SimpleUploadedFile("intyg.pdf", b"%PDF-1.4 x")},
    )
    assert upload.status_code == 201, upload.content
    doc_id = upload.json()["id"]
    assert client.get(f"/api/dokument/{doc_id}/innehall").content == b"%PDF-1.4 x"
    assert PersonAccess.objects.filter(person=child, kanal="api").exists()

    placering = client.get(f"/api/placeringar/{placed['placering'].pk}").json()
    assert placering["kostnad_per_dygn"] == "1428.57"


def test_deadlines_and_done_through_the_api(placed: dict[str, Any], alingsas: Any) -> None:
    client = api(placed["handlaggare"])
    rows = client.get("/api/frister?mina=true").json()
    assert [r["kind"] for r in rows if r["forsenad"]] != []
    key = next(r["key"] for r in rows if r["kind"] == "genomforandeplan")
    done = client.post(
        "/api/frister/klar",
        {"key": key, "notering": "Upprättad med HVB:t"},
        content_type="application/json",
    )
    assert done.status_code == 201
    assert FristKlar.objects.filter(nyckel=key).exists()
    assert key not in {r["key"] for r in client.get("/api/frister?mina=true").json()}
    stranger = api(user_in(alingsas, "integrationsavdelningen"))
    assert stranger.get("/api/frister").json() == []
    refused = stranger.post(
        "/api/frister/klar", {"key": key, "notering": "x"}, content_type="application/json"
    )
    assert refused.status_code == 404
    assert stranger.get(f"/api/arenden/{placed['arende'].pk}").status_code == 404
