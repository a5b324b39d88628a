"""The REST API: token auth, pagination, the route JSON, and the pages' permissions."""

import datetime as dt

import pytest
from django.test import Client

from mottagning.accounts.services import api_token_create, api_token_revoke
from mottagning.audit.models import PersonAccess
from mottagning.register.models import Event
from tests.fixtures import newcomer, unit, user_in

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    _token, secret = api_token_create(user=user, namn="test")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_openapi_schema_is_published() -> None:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/personer/{person_id}/ansvar" in paths
    assert "/api/enheter/{unit_id}/arbetslista" in paths


def test_interactive_docs_are_served_from_our_own_static_files() -> None:
    response = Client().get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="sv"' in html
    assert "<title>" in html
    assert "/static/ninja/swagger-ui-bundle.js" in html
    # No CDN: every script and stylesheet comes from this site, so the CSP is unchanged.
    assert "https://" not in html
    assert "//cdn" not in html
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert Client().get("/static/ninja/swagger-ui-bundle.js").status_code == 200


def test_bad_or_revoked_token_is_refused(integration_user) -> None:
    assert Client(headers={"Authorization": "Bearer fel"}).get("/api/personer").status_code == 401
    token, secret = api_token_create(user=integration_user, namn="x")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    assert client.get("/api/personer").status_code == 200
    api_token_revoke(user=integration_user, token_id=token.pk)
    assert client.get("/api/personer").status_code == 401


def test_token_of_deactivated_user_is_refused_at_once(integration_user) -> None:
    token, secret = api_token_create(user=integration_user, namn="x")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    assert client.get("/api/personer").status_code == 200
    token.refresh_from_db()
    assert token.senast_anvand is not None  # the key's use is visible on the account page
    integration_user.is_active = False
    integration_user.save(update_fields=["is_active"])
    assert client.get("/api/personer").status_code == 401


def test_person_list_is_paginated_and_filtered_by_access(alingsas, integration_user) -> None:
    for i in range(53):
        newcomer(integration_user, fornamn=f"P{i:02d}", events=[])
    outsider_person = newcomer(user_in(alingsas, "vuxenenheten"), fornamn="Annan", events=[])
    client = api(integration_user)
    first = client.get("/api/personer").json()
    assert first["count"] == 53
    assert len(first["items"]) == 50
    second = client.get("/api/personer", {"page": 2}).json()
    assert len(second["items"]) == 3
    ids = {p["id"] for p in first["items"] + second["items"]}
    assert outsider_person.pk not in ids


def test_state_endpoint_returns_the_route_json_and_logs_the_read(integration_user) -> None:
    person = newcomer(integration_user, mottagen=dt.date(2024, 3, 1))
    response = api(integration_user).get(
        f"/api/personer/{person.pk}/ansvar", {"datum": "2024-06-01"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["datum"] == "2024-06-01"
    assert body["kommun"] == "alingsas"
    assert body["tillstand"]["fas"] == "etableringstid"
    assert {
        "omrade",
        "huvudman",
        "namnd",
        "enhet",
        "enhet_id",
        "utforare",
        "arbete",
        "lagar",
        "regel",
        "kalla",
    } <= set(body["ansvar"][0])
    log = PersonAccess.objects.get()
    assert log.kanal == "api"
    assert log.sokvag.startswith(f"/api/personer/{person.pk}/ansvar")


def test_other_units_person_is_404_and_not_logged(alingsas, integration_user) -> None:
    person = newcomer(integration_user)
    outsider = user_in(alingsas, "vuxenenheten")
    assert api(outsider).get(f"/api/personer/{person.pk}").status_code == 404
    assert not PersonAccess.objects.exists()


def test_strateg_cannot_read_persons(alingsas, integration_user) -> None:
    person = newcomer(integration_user)
    strateg = user_in(alingsas, "integrationsavdelningen", roles=("strateg",))
    assert api(strateg).get(f"/api/personer/{person.pk}").status_code == 403
    assert api(strateg).get("/api/personer").status_code == 403


def test_create_person_and_event_with_validation(integration_user, alingsas) -> None:
    client = api(integration_user)
    created = client.post(
        "/api/personer",
        {
            "enhet_id": unit(alingsas, "integrationsavdelningen").pk,
            "fornamn": "Rami",
            "efternamn": "Saleh",
            "fodelsedatum": "1995-04-04",
            "identitetstyp": "dossiernummer",
            "identitet": "1234567",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pid = created.json()["id"]
    ok = client.post(
        f"/api/personer/{pid}/handelser",
        {"typ": "asylansokan", "datum": "2024-01-01"},
        content_type="application/json",
    )
    assert ok.status_code == 201
    bad = client.post(
        f"/api/personer/{pid}/handelser",
        {"typ": "uppehallstillstand", "datum": "2024-05-01", "tillstand": "TUT"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert "giltigt_till" in bad.json()["detail"]
    assert Event.objects.filter(person_id=pid).count() == 1
    events = client.get(f"/api/personer/{pid}/handelser").json()
    assert [e["typ"] for e in events] == ["asylansokan"]


def test_worklist_endpoint(alingsas) -> None:
    user = user_in(alingsas, "integrationsavdelningen")
    from mottagning.register import services

    services.person_create(
        actor=user,
        unit=unit(alingsas, "integrationsavdelningen"),
        fornamn="Sara",
        efternamn="M",
        fodelsedatum=dt.date(1985, 1, 1),
        events=[
            {"typ": "asylansokan", "datum": dt.date(2024, 1, 10)},
            {"typ": "uppehallstillstand", "datum": dt.date(2025, 1, 10), "tillstand": "PUT"},
            {"typ": "anvisning", "datum": dt.date(2025, 2, 1), "kommun": "alingsas"},
        ],
    )
    ia = unit(alingsas, "integrationsavdelningen").pk
    body = api(user).get(f"/api/enheter/{ia}/arbetslista", {"datum": "2025-03-01"}).json()
    assert [t["typ"] for t in body["anvisningar"]] == ["anvisning_mottagande"]
    assert body["anvisningar"][0]["datum"] == "2025-04-01"
    other = unit(alingsas, "placeringsenheten").pk
    assert api(user).get(f"/api/enheter/{other}/arbetslista").status_code == 403
