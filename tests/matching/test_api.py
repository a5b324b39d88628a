"""The matching API: every record type in OpenAPI, the grant life cycle and consent over REST,
exact money, the error contract, and persons only for their unit."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from mottagning.accounts.services import api_token_create
from mottagning.audit.models import PersonAccess
from mottagning.matching.models import Arbetsgivare
from tests.matching.helpers import mapped, samordnare

pytestmark = pytest.mark.django_db


def api(user: Any) -> Client:
    _token, secret = api_token_create(user=user, namn="test")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_openapi_describes_every_record_type() -> None:
    paths = Client().get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/arbetsgivare",
        "/api/arbetsgivare/{pk}/kontakter",
        "/api/praktikplatser",
        "/api/praktikplatser/{pk}/personer",
        "/api/personer/{person_id}/praktikplatser",
        "/api/personer/{person_id}/kompetensprofil",
        "/api/personer/{person_id}/praktiker",
        "/api/praktiker/{pk}/slut",
        "/api/praktiker/{pk}/uppfoljningar",
        "/api/volontarer",
        "/api/volontarer/{pk}/matchningar",
        "/api/personer/{person_id}/samtycken",
        "/api/samtycken/{pk}/aterkallat",
        "/api/samtycken/{pk}/matchningar",
        "/api/volontarmatchningar/{pk}/traffar",
        "/api/foreningar",
        "/api/foreningar/{pk}/kontakter",
        "/api/bidrag",
        "/api/bidrag/per-ar",
        "/api/bidrag/{pk}/beslut",
        "/api/bidrag/{pk}/utbetalning",
        "/api/bidrag/{pk}/aterrapport",
        "/api/motesplatser",
        "/api/aktiviteter",
        "/api/natverksmoten",
    ):
        assert path in paths, path
    # Every write lists the error contract's answers.
    assert set(paths["/api/bidrag/{pk}/beslut"]["put"]["responses"]) >= {
        "200",
        "400",
        "401",
        "403",
        "404",
        "422",
    }


def test_a_grant_through_the_api_in_exact_kronor(alingsas: Any) -> None:
    client = api(samordnare(alingsas))
    club = client.post(
        "/api/foreningar",
        {"namn": "Svenska kyrkan", "orgnr": "8176023458"},
        content_type="application/json",
    )
    assert club.status_code == 201, club.json()
    bad = client.post(
        "/api/foreningar", {"namn": "Fel", "orgnr": "123"}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert "orgnr" in bad.json()["detail"]
    created = client.post(
        "/api/bidrag",
        {
            "forening_id": club.json()["id"],
            "projekt": "Språkcafé",
            "syfte": "sprak",
            "inkom": "2025-01-10",
            "sokt_belopp": "12000.10",
            "budget": "Lokal 2000\nFika 10000,10",
        },
        content_type="application/json",
    ).json()
    pk = created["id"]
    early = client.put(
        f"/api/bidrag/{pk}/utbetalning",
        {"datum": "2025-02-01", "belopp": "1"},
        content_type="application/json",
    )
    assert early.status_code == 400
    decided = client.put(
        f"/api/bidrag/{pk}/beslut",
        {"beslutsdatum": "2025-01-20", "belopp": "10000.05", "villkor": "Återrapport i december"},
        content_type="application/json",
    )
    assert decided.json()["status"] == "beviljat"
    client.put(
        f"/api/bidrag/{pk}/utbetalning",
        {"datum": "2025-02-01", "belopp": "10000.05"},
        content_type="application/json",
    )
    totals = client.get("/api/bidrag/per-ar").json()
    assert totals == [
        {
            "ar": 2025,
            "forening": "Svenska kyrkan",
            "syfte": "sprak",
            "beviljat": "10000.05",
            "utbetalt": "10000.05",
        }
    ]


def test_persons_over_the_api_only_for_their_unit_and_logged(
    alingsas: Any, integration_user: Any
) -> None:
    person = mapped(integration_user)
    coordinator = samordnare(alingsas)
    assert api(coordinator).get(f"/api/personer/{person.pk}/praktikplatser").status_code == 403
    client = api(integration_user)
    place = api(coordinator).post(
        "/api/arbetsgivare",
        {"namn": "Kök AB", "orgnr": "5567778880"},
        content_type="application/json",
    )
    assert place.status_code == 201
    seat = (
        api(coordinator)
        .post(
            "/api/praktikplatser",
            {
                "arbetsgivare_id": place.json()["id"],
                "titel": "Kock",
                "ssyk": "5120",
                "ort": "Alingsås",
                "fran": "2024-01-01",
            },
            content_type="application/json",
        )
        .json()
    )
    PersonAccess.objects.all().delete()
    ranked = client.get(f"/api/personer/{person.pk}/praktikplatser").json()
    assert ranked[0]["plats_id"] == seat["id"]
    # Goal 40, place 15; sfi C is three levels above none, of which two count (10).
    assert ranked[0]["poang"] == 65
    assert {s["kriterium"] for s in ranked[0]["skal"]} == {"yrkesmal", "ort", "svenska"}
    assert PersonAccess.objects.filter(person=person, kanal="api").exists()
    consent = client.post(
        f"/api/personer/{person.pk}/samtycken",
        {"lamnat": "2025-01-01"},
        content_type="application/json",
    ).json()
    volunteer = (
        api(coordinator)
        .post(
            "/api/volontarer",
            {"namn": "Karin", "insatser": ["van"]},
            content_type="application/json",
        )
        .json()
    )
    match = client.post(
        f"/api/samtycken/{consent['id']}/matchningar",
        {"volontar_id": volunteer["id"], "insats": "van", "start": "2025-01-02"},
        content_type="application/json",
    )
    assert match.status_code == 201
    assert (
        api(coordinator)
        .get(f"/api/volontarer/{volunteer['id']}/matchningar")
        .json()[0]["person_id"]
        is None
    )  # the samordnare's unit does not have the person
    client.put(
        f"/api/samtycken/{consent['id']}/aterkallat",
        {"datum": "2025-02-01"},
        content_type="application/json",
    )
    rows = client.get(f"/api/volontarer/{volunteer['id']}/matchningar").json()
    assert rows[0]["person_id"] is None
    assert rows[0]["slut"] == "2025-02-01"


def test_persons_for_a_place_log_a_read_only_for_those_returned(
    alingsas: Any, integration_user: Any
) -> None:
    fits = mapped(integration_user, fornamn="Amina")
    too_little_swedish = mapped(integration_user, fornamn="Hawa", svenska="sfi_a")
    coordinator = samordnare(alingsas)
    employer = api(coordinator).post(
        "/api/arbetsgivare",
        {"namn": "Kök AB", "orgnr": "5567778880"},
        content_type="application/json",
    )
    seat = (
        api(coordinator)
        .post(
            "/api/praktikplatser",
            {
                "arbetsgivare_id": employer.json()["id"],
                "titel": "Kock",
                "ssyk": "5120",
                "ort": "Alingsås",
                "fran": "2024-01-01",
                "krav_svenska": "sfi_b",
            },
            content_type="application/json",
        )
        .json()
    )
    client = api(integration_user)
    PersonAccess.objects.all().delete()
    url = f"/api/praktikplatser/{seat['id']}/personer"
    returned = client.get(url).json()
    assert [r["person_id"] for r in returned] == [fits.pk]
    assert set(PersonAccess.objects.values_list("person_id", flat=True)) == {fits.pk}
    PersonAccess.objects.all().delete()
    with_excluded = client.get(url, {"hinder": "true"}).json()
    assert [r["person_id"] for r in with_excluded] == [fits.pk, too_little_swedish.pk]
    assert set(PersonAccess.objects.values_list("person_id", flat=True)) == {
        fits.pk,
        too_little_swedish.pk,
    }


def test_the_catalogue_is_edited_closed_reopened_and_deleted_over_the_api(
    alingsas: Any, integration_user: Any
) -> None:
    paths = Client().get("/api/openapi.json").json()["paths"]
    for path in ("/api/arbetsgivare/{pk}", "/api/foreningar/{pk}", "/api/motesplatser/{pk}"):
        assert set(paths[path]["patch"]["responses"]) >= {"200", "400", "401", "403", "404", "422"}
        assert "204" in paths[path]["delete"]["responses"]
    assert {"put", "delete"} <= set(paths["/api/volontarer/{pk}/avslutad"])
    assert "delete" in paths["/api/kontakter/{pk}"]
    client = api(samordnare(alingsas))
    employer = client.post(
        "/api/arbetsgivare",
        {"namn": "Kök AB", "orgnr": "5567778880"},
        content_type="application/json",
    ).json()
    contact = client.post(
        f"/api/arbetsgivare/{employer['id']}/kontakter",
        {"namn": "Eva"},
        content_type="application/json",
    ).json()
    seat = client.post(
        "/api/praktikplatser",
        {
            "arbetsgivare_id": employer["id"],
            "titel": "Kock",
            "ssyk": "5120",
            "ort": "Alingsås",
            "fran": "2024-01-01",
        },
        content_type="application/json",
    ).json()
    url = f"/api/praktikplatser/{seat['id']}"
    patched = client.patch(
        url, {"kapacitet": 3, "kontakt_id": contact["id"]}, content_type="application/json"
    )
    assert patched.status_code == 200, patched.json()
    assert (patched.json()["kapacitet"], patched.json()["titel"]) == (3, "Kock")
    assert patched.json()["kontakt_id"] == contact["id"]
    assert client.patch(url, {"titel": None}, content_type="application/json").status_code == 400
    assert client.patch(url, {"ssyk": "5a"}, content_type="application/json").status_code == 400
    # A case worker may read but not change the catalogue.
    assert (
        api(integration_user)
        .patch(url, {"titel": "X"}, content_type="application/json")
        .status_code
        == 403
    )
    refused = client.delete(f"/api/arbetsgivare/{employer['id']}")
    assert refused.status_code == 400
    assert "avslutas" in str(refused.json()["detail"])
    closed = client.put(
        f"/api/arbetsgivare/{employer['id']}/avslutad",
        {"datum": "2025-03-01"},
        content_type="application/json",
    )
    assert closed.json()["avslutad"] == "2025-03-01"
    assert client.get("/api/praktikplatser").json() == []
    assert [p["id"] for p in client.get("/api/praktikplatser", {"alla": "true"}).json()] == [
        seat["id"]
    ]
    # Reopening: the place waits for its employer; the employer is open again at once.
    assert client.delete(f"{url}/avslutad").status_code == 400
    reopened = client.delete(f"/api/arbetsgivare/{employer['id']}/avslutad")
    assert reopened.status_code == 200, reopened.json()
    assert reopened.json()["avslutad"] is None
    assert client.delete(f"/api/arbetsgivare/{employer['id']}/avslutad").status_code == 400
    assert client.delete(f"{url}/avslutad").json()["avslutad"] is None
    assert client.get("/api/praktikplatser").json()[0]["id"] == seat["id"]
    assert client.delete(f"/api/kontakter/{contact['id']}").status_code == 204
    assert client.delete(url).status_code == 204  # no internship depended on it
    assert client.delete(url).status_code == 404


@pytest.mark.parametrize("text", ["Kök\x00AB", "Kök\ud800AB"])
def test_text_that_cannot_be_stored_is_refused_with_400(alingsas: Any, text: str) -> None:
    # JSON escapes (\u0000, \ud800), as a client sends them.
    body = json.dumps({"namn": text, "orgnr": "5567778880"})
    response = api(samordnare(alingsas)).post(
        "/api/arbetsgivare", body, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert "namn" in response.json()["detail"]
    assert not Arbetsgivare.objects.exists()
