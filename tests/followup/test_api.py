"""The follow-up's REST API: same permissions as the pages, suppressed figures, OpenAPI."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from mottagning.accounts.services import api_token_create
from mottagning.register.models import Committee
from tests.fixtures import newcomer, user_in

pytestmark = pytest.mark.django_db


def api(user: Any) -> Client:
    _token, secret = api_token_create(user=user, namn="test")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_openapi_describes_the_follow_up() -> None:
    paths = Client().get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/uppfoljning/mal",
        "/api/uppfoljning/indikatorer",
        "/api/uppfoljning/indikatorer/{pk}/utfall",
        "/api/uppfoljning/indikatorer/{pk}/malvarden",
        "/api/uppfoljning/handlingsplaner",
        "/api/uppfoljning/handlingsplaner/{pk}",
        "/api/uppfoljning/handlingsplaner/{pk}/aktiviteter",
        "/api/uppfoljning/bedomningar",
        "/api/uppfoljning/rapport",
    ):
        assert path in paths, path


def test_goals_indicators_plans_and_the_report(alingsas: Any, integration_user: Any) -> None:
    strateg = api(user_in(alingsas, roles=("strateg",)))
    un = Committee.objects.get(municipality=alingsas, kod="un")
    goal = strateg.post(
        "/api/uppfoljning/mal",
        {
            "niva": "langsiktigt",
            "titel": "Snabb etablering",
            "giltig_fran": "2018-01-01",
            "agare_namnd_id": un.pk,
        },
        content_type="application/json",
    )
    assert goal.status_code == 201, goal.content
    bad = strateg.post(
        "/api/uppfoljning/mal",
        {
            "niva": "delmal",
            "titel": "Utan överordnat",
            "giltig_fran": "2018-01-01",
            "agare_namnd_id": un.pk,
        },
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert "overordnat" in bad.json()["detail"]
    indikator = strateg.post(
        "/api/uppfoljning/indikatorer",
        {
            "mal_id": goal.json()["id"],
            "namn": "Kartlagda",
            "enhet": "procent",
            "riktning": "hogre",
            "kalla_typ": "beraknad",
            "berakning": "kartlaggning_tre_veckor",
        },
        content_type="application/json",
    )
    assert indikator.status_code == 201, indikator.content
    assert "21 dagar" in indikator.json()["berakning_beskrivning"]
    pk = indikator.json()["id"]
    target = strateg.post(
        f"/api/uppfoljning/indikatorer/{pk}/malvarden",
        {"ar": 2024, "varde": "90"},
        content_type="application/json",
    )
    assert target.status_code == 201
    newcomer(integration_user, mottagen=dt.date(2024, 3, 1))
    outcome = strateg.get(f"/api/uppfoljning/indikatorer/{pk}/utfall?ar=2024").json()
    # One newcomer: the share is suppressed, never shown as 0 of 1.
    assert outcome[0]["undertryckt"] is True
    assert outcome[0]["varde"] is None
    assert outcome[0]["namnare"] is None
    plan = strateg.post(
        "/api/uppfoljning/handlingsplaner",
        {"ar": 2024, "namn": "EFFEKT", "namnd_id": un.pk},
        content_type="application/json",
    ).json()
    activity = strateg.post(
        f"/api/uppfoljning/handlingsplaner/{plan['id']}/aktiviteter",
        {
            "titel": "Utreda",
            "grund": "lokalt_initiativ",
            "niva": "strategisk",
            "forfaller": "2024-12-31",
            "ansvarig_namnd_id": un.pk,
        },
        content_type="application/json",
    )
    assert activity.status_code == 201
    elected = api(user_in(alingsas, roles=("fortroendevald",)))
    report = elected.get(f"/api/uppfoljning/rapport?ar=2024&namnd_id={un.pk}")
    assert report.status_code == 200
    body = report.json()
    assert body["troskel"] == 5
    assert body["rader"][0]["utfall"]["undertryckt"] is True
    assert body["aktiviteter"][0]["titel"] == "Utreda"
    assert (
        elected.post(
            "/api/uppfoljning/mal",
            {
                "niva": "langsiktigt",
                "titel": "X",
                "giltig_fran": "2018-01-01",
                "agare_namnd_id": un.pk,
            },
            content_type="application/json",
        ).status_code
        == 403
    )
    assert elected.get("/api/uppfoljning/rapport?ar=1999").status_code == 422


def test_assessments_are_written_by_revisorer(alingsas: Any, vingaker: Any) -> None:
    from mottagning.followup.services import omrade_create

    revisor_user = user_in(alingsas, roles=("revisor",))
    area = omrade_create(actor=revisor_user, namn="Riktlinjer")
    revisor = api(revisor_user)
    response = revisor.post(
        "/api/uppfoljning/bedomningar",
        {"omrade_id": area.pk, "ar": 2017, "niva": 4, "grunder": "Följts"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["niva_text"] == "Tillfredsställande"
    strateg = api(user_in(alingsas, roles=("strateg",)))
    assert (
        strateg.post(
            "/api/uppfoljning/bedomningar",
            {"omrade_id": area.pk, "ar": 2018, "niva": 1, "grunder": "x"},
            content_type="application/json",
        ).status_code
        == 403
    )
    foreign = api(user_in(vingaker, roles=("revisor",)))
    assert (
        foreign.post(
            "/api/uppfoljning/bedomningar",
            {"omrade_id": area.pk, "ar": 2018, "niva": 1, "grunder": "x"},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert foreign.get("/api/uppfoljning/bedomningar").json() == []


def test_unstorable_text_is_refused_with_a_message(alingsas: Any) -> None:
    strateg = api(user_in(alingsas, roles=("strateg",)))
    un = Committee.objects.get(municipality=alingsas, kod="un")
    response = strateg.post(
        "/api/uppfoljning/mal",
        {
            "niva": "langsiktigt",
            "titel": "Mål\x00",
            "giltig_fran": "2018-01-01",
            "agare_namnd_id": un.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "titel" in response.json()["detail"]
