"""Saved planning scenarios through the pages: save what a page shows, open it again exactly,
save new versions with their history, archive; only the municipality's planners see them."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from mottagning.scenarios.models import BUDGET, JAMFOR, PROGNOS, Scenario, ScenarioBelopp
from tests.fixtures import user_in

pytestmark = pytest.mark.django_db

BUDGET_QUERY = "kommun=vingaker&start=2026&ar=6&vuxna=40&egna_kostnader=Lokaler%3B+250"


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ekonom(alingsas: Any) -> Any:
    return user_in(alingsas, roles=("ekonom",))


@pytest.fixture
def client(ekonom: Any) -> Client:
    return client_for(ekonom)


def _html(response: Any) -> str:
    assert response.status_code == 200
    return str(response.content.decode())


def _budget_table(html: str) -> str:
    start = html.index('id="budget-table"')
    return html[start : html.index("</table>", start)]


def _spara(client: Client, sida: str, query: str, namn: str, **extra: str) -> Any:
    return client.post(
        reverse("planering:scenario_spara"),
        {"sida": sida, "query": query, "namn": namn, "atgard": "ny", **extra},
    )


def test_a_result_can_be_saved_and_opened_exactly_as_it_was(client: Client) -> None:
    page = _html(client.get(reverse("planering:budget") + "?" + BUDGET_QUERY))
    assert 'id="spara-scenario"' in page
    # The first amount the budget uses, replaced by the user's own.
    with_own = f"{BUDGET_QUERY}&belopp-0=170000,50"
    page = _html(client.get(reverse("planering:budget") + "?" + with_own))
    response = _spara(client, BUDGET, with_own, "Hög mottagning")
    s = Scenario.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("planering:scenario", args=[s.pk])
    v = s.senaste()
    assert v.falt["vuxna"] == ["40"]
    assert v.falt["egna_kostnader"] == ["Lokaler; 250"]
    belopp = ScenarioBelopp.objects.get(version=v)
    assert belopp.belopp == Decimal("170000.50")

    opened = client.get(reverse("planering:scenario_oppna", args=[s.pk]))
    assert opened.status_code == 302
    query = parse_qs(urlsplit(opened["Location"]).query)
    assert query["scenario"] == [str(s.pk)]
    assert query["belopp-0"] == ["170000.50"]
    again = _html(client.get(opened["Location"]))
    assert "Sidan visar scenariot ”Hög mottagning”, version 1." in again
    assert _budget_table(again) == _budget_table(page)
    assert 'value="170000.50"' in again


def test_saving_again_is_a_new_version_listed_with_who_and_what_changed(
    client: Client, ekonom: Any
) -> None:
    _spara(client, BUDGET, BUDGET_QUERY, "Plan")
    s = Scenario.objects.get()
    changed = BUDGET_QUERY.replace("vuxna=40", "vuxna=45")
    response = _spara(client, BUDGET, changed, "Plan", atgard="uppdatera", scenario=str(s.pk))
    assert response.status_code == 302
    assert [v.nummer for v in s.versioner.all()] == [2, 1]
    html = _html(client.get(reverse("planering:scenario", args=[s.pk])))
    assert "Version 2, sparad" in html
    assert ekonom.username in html or ekonom.get_full_name() in html
    row = re.search(r"<th scope=\"row\">Mottagna vuxna per år</th><td>40</td><td>45</td>", html)
    assert row, "the change is listed with the field's label, before and after"
    old = client.get(reverse("planering:scenario_oppna", args=[s.pk]) + "?version=1")
    assert parse_qs(urlsplit(old["Location"]).query)["vuxna"] == ["40"]

    # Unchanged: no new version, and the page says why.
    response = _spara(client, BUDGET, changed, "Plan", atgard="uppdatera", scenario=str(s.pk))
    assert s.versioner.count() == 2
    html = _html(client.get(response["Location"]))
    assert "Inget har ändrats sedan version 2" in html


def test_forecast_and_comparison_scenarios_keep_their_fields(client: Client) -> None:
    _spara(client, PROGNOS, "kommun=alingsas&start=2027&ar=8&scenarier=200", "Prognos 2027")
    jamfor = (
        "kommun=alingsas&alternativ=eget&flytt_1_fran=boende_unga"
        "&flytt_1_till=integrationsavdelningen&flytt_1_uppgifter=hvb_ekb&ar=2026"
    )
    _spara(client, JAMFOR, jamfor, "Eget alternativ")
    prognos = Scenario.objects.get(sida=PROGNOS).senaste()
    assert prognos.falt == {
        "ar": ["8"],
        "kommun": ["alingsas"],
        "scenarier": ["200"],
        "start": ["2027"],
    }
    s = Scenario.objects.get(sida=JAMFOR)
    assert s.senaste().falt["flytt_1_uppgifter"] == ["hvb_ekb"]
    opened = client.get(reverse("planering:scenario_oppna", args=[s.pk]))
    assert opened["Location"].startswith(reverse("planering:compare"))
    html = _html(client.get(opened["Location"]))
    assert "eget HVB med fast personalkostnad i alternativet" in html
    assert "Sidan visar scenariot ”Eget alternativ”" in html

    # The history names the move's units and tasks, not their codes.
    andrad = jamfor.replace(
        "flytt_1_till=integrationsavdelningen", "flytt_1_till=placeringsenheten"
    )
    _spara(client, JAMFOR, andrad, "Eget alternativ", atgard="uppdatera", scenario=str(s.pk))
    html = _html(client.get(reverse("planering:scenario", args=[s.pk])))
    table = html[html.index("Ändrat i version 2") : html.index("</table>", html.index("Ändrat i"))]
    assert "Integrationsavdelningen" in table
    assert "Barn och unga, Placeringsenheten" in table
    assert "placeringsenheten" not in table
    assert "flytt_1" not in table


def test_the_history_names_municipalities_not_codes(client: Client) -> None:
    _spara(client, BUDGET, BUDGET_QUERY, "Plan")
    s = Scenario.objects.get()
    andrad = BUDGET_QUERY.replace("kommun=vingaker", "kommun=alingsas")
    _spara(client, BUDGET, andrad, "Plan", atgard="uppdatera", scenario=str(s.pk))
    html = _html(client.get(reverse("planering:scenario", args=[s.pk])))
    assert '<th scope="row">Kommun</th><td>Vingåkers kommun</td><td>Alingsås kommun</td>' in html


def test_a_page_with_errors_is_not_saved(client: Client) -> None:
    response = _spara(client, BUDGET, "kommun=vingaker&vuxna=-1", "Fel")
    assert response.status_code == 302
    assert not Scenario.objects.exists()
    html = _html(client.get(response["Location"]))
    assert "rätta dem på sidan först" in html


def test_the_list_shows_the_municipalitys_scenarios_and_archiving_moves_one_out(
    client: Client, alingsas: Any, vingaker: Any
) -> None:
    _spara(client, BUDGET, BUDGET_QUERY, "Vår plan")
    strateg = client_for(user_in(alingsas, roles=("strateg",)))
    html = _html(strateg.get(reverse("planering:scenarier")))
    assert "Vår plan" in html
    s = Scenario.objects.get()
    response = strateg.post(reverse("planering:scenario_arkivera", args=[s.pk]))
    assert response.status_code == 302
    html = _html(strateg.get(reverse("planering:scenarier")))
    assert 'id="scenarier"' not in html
    assert "Arkiverade scenarier" in html
    assert "Inga scenarier är sparade ännu" in html
    detail = _html(strateg.get(reverse("planering:scenario", args=[s.pk])))
    assert "Arkiverat" in detail
    assert "Version 1" in detail

    annan = client_for(user_in(vingaker, roles=("ekonom",)))
    assert "Vår plan" not in _html(annan.get(reverse("planering:scenarier")))
    for name in ("planering:scenario", "planering:scenario_oppna"):
        assert annan.get(reverse(name, args=[s.pk])).status_code == 404
    assert annan.post(reverse("planering:scenario_arkivera", args=[s.pk])).status_code == 404
    assert annan.post(reverse("planering:scenario_aterstall", args=[s.pk])).status_code == 404
    restored = strateg.post(reverse("planering:scenario_aterstall", args=[s.pk]), follow=True)
    assert "Scenariot ”Vår plan” är återställt." in _html(restored)
    assert 'id="scenarier"' in _html(strateg.get(reverse("planering:scenarier")))
    response = _spara(
        annan, BUDGET, BUDGET_QUERY, "Vår plan", atgard="uppdatera", scenario=str(s.pk)
    )
    assert response.status_code == 404
    response = _spara(annan, BUDGET, BUDGET_QUERY, "X", atgard="uppdatera", scenario="1; drop")
    assert response.status_code == 404


def test_only_planners_keep_scenarios(alingsas: Any) -> None:
    handlaggare = client_for(user_in(alingsas, roles=("handlaggare",)))
    assert handlaggare.get(reverse("planering:scenarier")).status_code == 403
    assert _spara(handlaggare, BUDGET, BUDGET_QUERY, "X").status_code == 403
    assert not Scenario.objects.exists()


def test_ids_and_versions_that_are_no_numbers_are_not_found_or_ignored(client: Client) -> None:
    # "²" is a digit to str.isdigit and not to int(): each of these was a 500.
    _spara(client, BUDGET, BUDGET_QUERY, "Plan")
    s = Scenario.objects.get()
    update = _spara(client, BUDGET, BUDGET_QUERY, "Plan", atgard="uppdatera", scenario="²")
    assert update.status_code == 404
    opened = client.get(reverse("planering:scenario_oppna", args=[s.pk]) + "?version=²")
    assert opened.status_code == 302  # the latest version
    page = client.get(reverse("planering:budget") + "?" + BUDGET_QUERY + "&scenario=²")
    assert page.status_code == 200
