"""A placement from decision to follow-up in headless Chromium, with axe-core on every page of
case work (the recipe and the skip rule of tests/web/test_browser.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from mottagning.accounts.services import user_create
from mottagning.arenden.models import Arende, FristKlar
from mottagning.placements.models import Placering
from mottagning.register.models import Event
from tests.factories import PASSWORD
from tests.fixtures import ekb, unit
from tests.web.test_browser import _assert_accessible, _login
from tests.web.test_browser import browser as browser
from tests.web.test_browser import page as page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def team(alingsas: Any) -> Iterator[dict[str, Any]]:
    pe = unit(alingsas, "placeringsenheten")
    handlaggare = user_create(
        username="socialsekreterare",
        password=PASSWORD,
        municipality=alingsas,
        roles=["handlaggare"],
        units=[pe],
        check_password=False,
    )
    chef = user_create(
        username="chef",
        password=PASSWORD,
        municipality=alingsas,
        roles=["enhetschef"],
        units=[pe],
        check_password=False,
    )
    today = timezone.localdate()
    child = ekb(
        handlaggare,
        born=today - dt.timedelta(days=int(15.2 * 365.25)),
        asyl=today - dt.timedelta(days=40),
        fornamn="Yonas",
        efternamn="Tesfaye",
    )
    return {"handlaggare": handlaggare, "chef": chef, "child": child, "unit": pe, "today": today}


def test_placement_from_decision_to_follow_up(page: Any, live_server: Any, team: Any) -> None:
    base = live_server.url
    child, today = team["child"], team["today"]
    _login(page, base, "socialsekreterare")

    # From the person page to the person's cases, and a new placement case.
    page.goto(f"{base}/personer/{child.pk}/")
    page.get_by_role("link", name="Ärenden, beslut, journal och dokument").click()
    page.wait_for_load_state()
    _assert_accessible(page, "personens ärenden")
    page.get_by_role("link", name="Nytt ärende").click()
    page.wait_for_load_state()
    _assert_accessible(page, "nytt ärende")
    page.get_by_label("Typ av ärende").select_option("placering")
    page.get_by_role("button", name="Öppna ärende").click()
    page.wait_for_load_state()
    arende = Arende.objects.get(person=child)
    assert arende.handlaggare == team["handlaggare"]
    _assert_accessible(page, "ärende")

    # The decision, with an error first, then the letter.
    page.get_by_role("link", name="Nytt beslut").click()
    page.wait_for_load_state()
    _assert_accessible(page, "nytt beslut")
    page.get_by_role("button", name="Spara beslut").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    _assert_accessible(page, "nytt beslut med fel")
    page.get_by_label("Beslutet gäller").fill("Placering i HVB")
    page.get_by_label("Beslut", exact=True).select_option("bifall")
    page.get_by_label("Lag", exact=True).select_option("SoL")
    page.get_by_label("Lagrum").fill("4 kap. 1 §")
    page.get_by_label("Motivering").fill("Du behöver ett tryggt boende med vuxna som stöd.")
    page.get_by_label("Överklagande").select_option("forvaltningsbesvar")
    page.get_by_role("button", name="Spara beslut").click()
    page.wait_for_load_state()
    assert "Beslutet är sparat" in page.locator(".notices").inner_text()
    href = page.get_by_role("link", name="Beslutsbrev").get_attribute("href")
    letter = page.request.get(base + href)
    assert letter.headers["content-type"] == "application/pdf"

    # The placement: writes the rules core's event and puts the deadlines on the worklist.
    page.get_by_role("link", name="Ny placering").click()
    page.wait_for_load_state()
    _assert_accessible(page, "ny placering")
    page.get_by_label("Form", exact=True).select_option("hvb")
    page.locator("#id_beslut").select_option(index=1)
    page.get_by_label("Anordnare").fill("Solhem Omsorg AB")
    page.get_by_label("Plats", exact=True).fill("HVB Solgården")
    page.get_by_label("Kostnad per dygn (kr)").fill("1409")
    page.get_by_role("button", name="Spara placering").click()
    page.wait_for_load_state()
    placering = Placering.objects.get(person=child)
    assert Event.objects.filter(person=child, typ="placering", form="hvb", datum=today).exists()
    _assert_accessible(page, "placering")
    assert "Upprätta vårdplan: HVB Solgården" in page.content()

    # A journal note, a correction and a document.
    page.goto(f"{base}/arenden/{arende.pk}/anteckningar/ny/")
    _assert_accessible(page, "ny anteckning")
    page.get_by_label("Anteckning").fill("Inskrivningsmöte på HVB Solgården.")
    page.get_by_role("button", name="Spara anteckning").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Rätta").first.click()
    page.wait_for_load_state()
    page.get_by_label("Anteckning").fill("Mötet hölls med god man närvarande.")
    page.get_by_role("button", name="Spara anteckning").click()
    page.wait_for_load_state()
    assert "Rättelse av anteckningen" in page.content()
    page.goto(f"{base}/personer/{child.pk}/dokument/nytt/?arende={arende.pk}")
    _assert_accessible(page, "nytt dokument")
    for path, what in [
        (f"/arenden/{arende.pk}/handlaggare/", "byt handläggare"),
        (f"/arenden/{arende.pk}/avsluta/", "avsluta ärende"),
        (f"/placeringar/{placering.pk}/avsluta/", "avsluta placering"),
        (f"/arbete/enheter/{team['unit'].pk}/", "enhetens frister"),
    ]:
        assert page.goto(base + path).status == 200, path
        _assert_accessible(page, what)

    # Follow-up from the worklist: mark the care plan done with a note.
    page.goto(f"{base}/arbete/")
    _assert_accessible(page, "mitt arbete")
    row = page.locator("#deadlines tr", has_text="Upprätta vårdplan")
    row.get_by_role("link", name="Markera klar").click()
    page.wait_for_load_state()
    _assert_accessible(page, "markera klar")
    page.get_by_label("Notering").fill("Vårdplan upprättad med god man och HVB.")
    page.get_by_role("button", name="Markera klar").click()
    page.wait_for_load_state()
    assert "Fristen är markerad som klar" in page.locator(".notices").inner_text()
    assert FristKlar.objects.filter(nyckel=f"vardplan:{placering.pk}").exists()
    page.goto(f"{base}/placeringar/{placering.pk}/")
    assert "Vårdplan upprättad med god man och HVB." in page.locator("#placement-done").inner_text()

    # The enhetschef's list of what is overdue.
    page.context.clear_cookies()
    _login(page, base, "chef")
    page.goto(f"{base}/arbete/forsenat/")
    _assert_accessible(page, "försenat på mina enheter")
