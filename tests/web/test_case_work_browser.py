"""Case work in headless Chromium (issue #11): a newcomer from assignment through reception,
mapping and plan to a home, seen again in the quota year; and axe-core on every page of the
plans and housing apps and the person list's filters. Uses test_browser.py's fixtures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from mottagning.accounts.services import user_create
from mottagning.housing.models import Boende, Kontrakt
from mottagning.plans.models import Aktivitet, IndividuellPlan, Kartlaggning
from mottagning.register import services
from tests.factories import PASSWORD
from tests.fixtures import unit
from tests.web import test_browser as shared

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

browser = shared.browser
page = shared.page


def _setup(alingsas: Any) -> dict[str, Any]:
    ia = unit(alingsas, "integrationsavdelningen")
    users = {
        role: user_create(
            username=role,
            password=PASSWORD,
            municipality=alingsas,
            roles=[role],
            units=[ia],
            check_password=False,
        )
        for role in ("handlaggare", "enhetschef")
    }
    today = timezone.localdate()
    sara = services.person_create(
        actor=users["handlaggare"],
        unit=ia,
        fornamn="Sara",
        efternamn="Mohammed",
        fodelsedatum=dt.date(1985, 1, 1),
        events=[
            {"typ": "asylansokan", "datum": today - dt.timedelta(days=400)},
            {
                "typ": "uppehallstillstand",
                "datum": today - dt.timedelta(days=60),
                "tillstand": "PUT",
            },
            {"typ": "anvisning", "datum": today - dt.timedelta(days=30), "kommun": "alingsas"},
        ],
    )
    return {"users": users, "sara": sara, "unit": ia, "today": today}


def _save(page: Any, button: str) -> None:
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()


def test_a_newcomer_from_assignment_to_housing(page: Any, live_server: Any, alingsas: Any) -> None:
    data = _setup(alingsas)
    today: dt.date = data["today"]
    base = live_server.url
    shared._login(page, base, "handlaggare")

    # The anvisning is on the worklist; the person is received.
    page.get_by_role("link", name="Sara Mohammed").first.click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Lägg till händelse").click()
    page.get_by_label("Händelse", exact=True).select_option("mottagande")
    page.get_by_label("Datum", exact=True).fill(today.isoformat())
    _save(page, "Spara händelse")

    # Mapping.
    page.get_by_role("link", name="Kartläggning, individuell plan och boende").click()
    page.wait_for_load_state()
    shared._assert_accessible(page, "kartläggning och plan, tom")
    page.get_by_role("link", name="Ny kartläggning").click()
    page.wait_for_load_state()
    assert page.get_by_label("Mottagen").input_value() == today.isoformat()
    page.locator("#id_utbildning").fill("Gymnasium, 12 år")
    page.locator("#id_sprak").fill("Arabiska, engelska")
    page.locator("#id_korkort").fill("B")
    _save(page, "Spara kartläggning")
    assert "Kartläggningen är sparad" in page.locator(".notices").inner_text()

    # The individual plan and its sfi, with the errors shown first.
    page.get_by_role("link", name="Ny individuell plan").click()
    page.wait_for_load_state()
    page.get_by_label("Mål").fill("Arbete som undersköterska")
    _save(page, "Upprätta plan")
    page.get_by_role("link", name="Ny aktivitet").click()
    page.wait_for_load_state()
    page.get_by_label("Aktivitet", exact=True).select_option("sfi")
    page.get_by_label("Förfallodatum").fill((today + dt.timedelta(days=400)).isoformat())
    _save(page, "Spara aktivitet")
    assert page.locator(".error-summary").is_visible()
    shared._assert_accessible(page, "aktivitet med fel")
    page.get_by_label("Ansvarig enhet").select_option(label="Campus Alingsås")
    page.get_by_label("Ansökan").fill(today.isoformat())
    _save(page, "Spara aktivitet")
    assert "Campus Alingsås" in page.locator("main").inner_text()

    # A home with a contract, and Sara moves in.
    page.get_by_role("link", name="Bostäder", exact=True).click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Ny bostad").click()
    page.wait_for_load_state()
    page.get_by_label("Adress").fill("Kungsgatan 5")
    page.get_by_label("Hyresvärd").fill("Alingsåshem")
    _save(page, "Registrera bostad")
    page.get_by_role("link", name="Nytt kontrakt").click()
    page.wait_for_load_state()
    page.get_by_label("Kontraktsform").select_option("andrahand")
    page.get_by_label("Hyra per månad (kr)").fill("6 450,50")
    page.get_by_label("Start").fill(today.isoformat())
    _save(page, "Spara kontrakt")
    page.get_by_role("link", name="Inflyttning").first.click()
    page.wait_for_load_state()
    page.get_by_label("Person").select_option(label="Mohammed, Sara (1985-01-01)")
    _save(page, "Spara inflyttning")
    assert "Inflyttningen är sparad" in page.locator(".notices").inner_text()
    assert "Sara Mohammed" in page.locator("main").inner_text()
    shared._assert_accessible(page, "bostad med boende")

    # The quota year counts her: anvisad, received within two months, housed.
    page.get_by_role("link", name="Kommuntal", exact=True).click()
    page.wait_for_load_state()
    page.get_by_label("År", exact=True).select_option(str((today - dt.timedelta(days=30)).year))
    _save(page, "Visa")
    rows = page.locator("table tbody")
    for label in ("Anvisade", "Mottagna", "Mottagna inom två månader", "Bosatta i bostad"):
        assert rows.locator("tr", has_text=label).first.locator("td").inner_text() == "1"

    sara = data["sara"]
    assert Kartlaggning.objects.get(person=sara).sprak == "Arabiska, engelska"
    assert Aktivitet.objects.get(plan__person=sara).ansokan == today
    assert IndividuellPlan.objects.get(person=sara).handlaggare == data["users"]["handlaggare"]
    assert Kontrakt.objects.get().hyra == Decimal("6450.50")
    assert Boende.objects.get().person == sara


def test_every_case_work_page_has_no_serious_accessibility_violations(
    page: Any, live_server: Any, alingsas: Any
) -> None:
    from mottagning.housing import services as housing
    from mottagning.plans import services as plans

    data = _setup(alingsas)
    chef = data["users"]["enhetschef"]
    sara = data["sara"]
    today: dt.date = data["today"]
    mapping = plans.kartlaggning_create(
        actor=chef, person=sara, enhet=data["unit"], mottagen=today, slag="pedagogisk"
    )
    plan = plans.plan_create(
        actor=chef, person=sara, enhet=data["unit"], upprattad=today, mal="Studier"
    )
    activity = plans.aktivitet_create(
        actor=chef, plan=plan, slag="praktik", partner="Arbetsförmedlingen", forfaller=today
    )
    home = housing.bostad_create(
        actor=chef, enhet=data["unit"], adress="Kungsgatan 5", hyresvard="Alingsåshem"
    )
    contract = housing.kontrakt_create(
        actor=chef,
        bostad=home,
        slag="tidsbegransat",
        hyra=Decimal("5000"),
        start=today - dt.timedelta(days=10),
        slut=today + dt.timedelta(days=30),
    )
    residence = housing.boende_create(
        actor=chef, person=sara, kontrakt=contract, fran=today - dt.timedelta(days=10)
    )
    housing.kommuntal_set(
        actor=chef, municipality=alingsas, ar=today.year, antal=40, kalla="Länsstyrelsen"
    )
    base = live_server.url
    shared._login(page, base, "enhetschef")
    for path, what in [
        (f"/personer/{sara.pk}/plan/", "kartläggning och plan"),
        (f"/personer/{sara.pk}/kartlaggning/ny/", "ny kartläggning"),
        (f"/kartlaggningar/{mapping.pk}/", "ändra kartläggning"),
        (f"/personer/{sara.pk}/plan/ny/", "ny plan"),
        (f"/planer/{plan.pk}/", "ändra plan"),
        (f"/planer/{plan.pk}/aktiviteter/ny/", "ny aktivitet"),
        (f"/aktiviteter/{activity.pk}/", "ändra aktivitet"),
        ("/bostader/", "bostäder"),
        ("/bostader/ny/", "ny bostad"),
        (f"/bostader/{home.pk}/", "bostad"),
        (f"/bostader/{home.pk}/kontrakt/nytt/", "nytt kontrakt"),
        (f"/kontrakt/{contract.pk}/slut/", "förläng kontrakt"),
        (f"/kontrakt/{contract.pk}/boende/nytt/", "inflyttning"),
        (f"/boenden/{residence.pk}/utflyttning/", "utflyttning"),
        ("/kommuntal/", "kommuntal"),
        ("/kommuntal/nytt/", "nytt kommuntal"),
        ("/personer/?frist=snart&sortera=frist", "personlista med frister"),
        ("/personer/?malgrupp=nyanlanda&sortera=namn&riktning=ner", "personlista filtrerad"),
        ("/personer/?fas=okand", "personlista med fel"),
    ]:
        response = page.goto(base + path)
        assert response.status == 200, path
        shared._assert_accessible(page, what)
    page.goto(base + "/personer/?frist=snart&sortera=frist")
    assert "Sara" in page.locator("table").inner_text()
    page.get_by_role("link", name="Namn").click()
    page.wait_for_load_state()
    assert page.locator("th[aria-sort=ascending]").inner_text().startswith("Namn")
    page.goto(base + f"/bostader/{home.pk}/kontrakt/nytt/")
    _save(page, "Spara kontrakt")
    shared._assert_accessible(page, "nytt kontrakt med fel")
