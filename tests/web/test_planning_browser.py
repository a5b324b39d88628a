"""The planning pages in headless Chromium with axe-core: each page, with a result and with
errors, has no serious or critical accessibility violations. Uses the browser fixtures and
checks of test_browser.py (Debian's chromium; skipped without it outside CI)."""

from __future__ import annotations

from typing import Any

import pytest

from mottagning.accounts.services import user_create
from tests.factories import PASSWORD
from tests.web import test_browser as shared

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

browser = shared.browser
page = shared.page


def _strateg(alingsas: Any) -> None:
    user_create(
        username="strateg",
        password=PASSWORD,
        municipality=alingsas,
        roles=["strateg"],
        units=[],
        check_password=False,
    )


def test_every_planning_page_has_no_serious_accessibility_violations(
    page: Any, live_server: Any, alingsas: Any
) -> None:
    _strateg(alingsas)
    base = live_server.url
    shared._login(page, base, "strateg")
    page.get_by_role("link", name="Planering").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Planering"
    shared._assert_accessible(page, "planering")
    for path, what in [
        ("/planering/budget/?kommun=vingaker&start=2018", "budget Vingåker"),
        (
            "/planering/budget/?vuxna=30&barn=10&egna_kostnader=Lokaler%3B+250",
            "budget för den egna kommunen med antaganden och egna belopp",
        ),
        ("/planering/prognos/?scenarier=1000", "prognos Alingsås"),
        ("/planering/prognos/?kommun=vingaker&scenarier=1000&vuxna=20-40", "prognos Vingåker"),
        ("/planering/jamfor/", "jämförelse"),
        ("/planering/boende/", "boende"),
    ]:
        response = page.goto(base + path)
        assert response.status == 200, path
        assert page.locator("svg.chart title").count() or "jamfor" in path, path
        shared._assert_accessible(page, what)


def test_planning_errors_are_announced_linked_and_accessible(
    page: Any, live_server: Any, alingsas: Any
) -> None:
    _strateg(alingsas)
    base = live_server.url
    shared._login(page, base, "strateg")

    page.goto(base + "/planering/budget/")
    page.get_by_label("Mottagna vuxna per år").fill("-5")
    page.get_by_label("Andel av en årskull som flyttar efter första året (%)").fill("120")
    page.get_by_role("button", name="Räkna").click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert "Antalet kan inte vara negativt" in summary.inner_text()
    assert "får inte vara över 100 %" in summary.inner_text()
    assert page.locator("svg.chart").count() == 0
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_vuxna"
    shared._assert_accessible(page, "budget med fel")

    page.goto(base + "/planering/jamfor/?alternativ=eget&flytt_1_fran=boende_unga")
    assert "Välj enheten som något flyttas till" in page.locator(".error-summary").inner_text()
    shared._assert_accessible(page, "eget alternativ med fel")

    page.goto(base + "/planering/boende/?ar=2021")
    assert "2018 och 2019" in page.locator(".error-summary").inner_text()
    shared._assert_accessible(page, "boende med fel")

    page.goto(base + "/planering/prognos/?scenarier=0")
    shared._assert_accessible(page, "prognos med fel")


def test_own_alternative_in_the_browser(page: Any, live_server: Any, alingsas: Any) -> None:
    _strateg(alingsas)
    base = live_server.url
    shared._login(page, base, "strateg")
    page.goto(base + "/planering/jamfor/")
    page.locator("#id_alternativ").select_option("eget")
    page.get_by_label("Flytt 1: från enhet").select_option("boende_unga")
    page.get_by_label("Flytt 1: till enhet").select_option("integrationsavdelningen")
    page.locator("#id_flytt_1_malgrupper").get_by_label("Ensamkommande barn och unga (EKB)").check()
    page.get_by_role("button", name="Jämför").click()
    page.wait_for_load_state()
    table = page.locator("#jamforelse")
    assert "eget HVB med fast personalkostnad i alternativet" in table.inner_text()
    shared._assert_accessible(page, "eget alternativ")


def test_saving_opening_and_archiving_a_scenario_in_the_browser(
    page: Any, live_server: Any, alingsas: Any
) -> None:
    _strateg(alingsas)
    base = live_server.url
    shared._login(page, base, "strateg")
    page.goto(base + "/planering/budget/?kommun=vingaker&vuxna=40&belopp-0=170000")
    shared._assert_accessible(page, "budget med spara-formuläret")
    page.get_by_label("Namn på scenariot").fill("Hög mottagning")
    page.get_by_role("button", name="Spara som nytt scenario").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Scenario: Hög mottagning"
    assert "är sparat som version 1" in page.locator(".notice").first.inner_text()
    shared._assert_accessible(page, "scenariots versioner")

    page.get_by_role("link", name="Öppna senaste versionen").click()
    page.wait_for_load_state()
    assert page.locator("#id_vuxna").input_value() == "40"
    assert page.locator("#id_belopp-0").input_value() == "170000"
    assert "Sidan visar scenariot ”Hög mottagning”" in page.locator(".notice").first.inner_text()
    page.locator("#id_vuxna").fill("45")
    page.get_by_role("button", name="Räkna").click()
    page.wait_for_load_state()
    shared._assert_accessible(page, "budget ur ett sparat scenario")
    page.get_by_role("button", name="Spara som ny version").click()
    page.wait_for_load_state()
    assert "Version 2, sparad" in page.locator("main").inner_text()
    shared._assert_accessible(page, "scenario med två versioner")

    page.get_by_role("link", name="Sparade scenarier").first.click()
    page.wait_for_load_state()
    assert "Hög mottagning" in page.locator("#scenarier").inner_text()
    shared._assert_accessible(page, "sparade scenarier")
    page.locator("#scenarier").get_by_role("link", name="Hög mottagning", exact=True).click()
    page.get_by_role("button", name="Arkivera scenariot").click()
    page.wait_for_load_state()
    assert "Arkiverade scenarier" in page.locator("main").inner_text()
    shared._assert_accessible(page, "sparade scenarier med ett arkiverat")
