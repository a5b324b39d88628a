"""The matching pages in headless Chromium with axe-core: every page once (the public calendar
without login), and a place's ranked persons with their reasons. Uses tests/web/test_browser.py's
fixtures and skips like it when no chromium is installed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from mottagning.accounts.services import user_create
from mottagning.matching import services
from tests.factories import PASSWORD
from tests.fixtures import unit
from tests.matching.helpers import mapped
from tests.web import test_browser as shared

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

browser = shared.browser
page = shared.page


def test_every_matching_page_has_no_serious_accessibility_violations(
    page: Any, live_server: Any, alingsas: Any
) -> None:
    chef = user_create(
        username="enhetschef",
        password=PASSWORD,
        municipality=alingsas,
        roles=["enhetschef"],
        units=[unit(alingsas, "integrationsavdelningen")],
        check_password=False,
    )
    today = timezone.localdate()
    person = mapped(chef, fornamn="Layla", mal="5120")
    mapped(chef, fornamn="Noor", mal="5120")
    employer = services.arbetsgivare_create(actor=chef, namn="Restaurang Sjön", orgnr="5560360793")
    contact = services.kontaktperson_create(
        actor=chef, arbetsgivare=employer, namn="Eva Kock", roll="Kökschef"
    )
    seat = services.praktikplats_create(
        actor=chef,
        arbetsgivare=employer,
        titel="Kockpraktik",
        ssyk="5120",
        ort="Alingsås",
        fran=today - dt.timedelta(days=10),
        krav_korkort="B",
        kapacitet=2,
    )
    internship = services.praktik_create(
        actor=chef,
        plats=seat,
        person=person,
        start=today,
        handledare="Eva Kock",
        uppfoljningar=[today + dt.timedelta(days=14)],
    )
    volunteer = services.volontar_create(
        actor=chef, namn="Karin Volontär", insatser=["van", "laxhjalp"]
    )
    consent = services.samtycke_create(actor=chef, person=person, lamnat=today)
    match = services.volontarmatchning_create(
        actor=chef, volontar=volunteer, samtycke=consent, insats="van", start=today
    )
    club = services.forening_create(
        actor=chef, namn="Föreningen Vingåker växer", orgnr="8024001235"
    )
    application = services.bidrag_apply(
        actor=chef,
        forening=club,
        projekt="Språkcafé",
        syfte="sprak",
        inkom=today,
        sokt_belopp=Decimal("8000"),
        budget="Lokal 3000\nFika 5000",
    )
    meeting_place = services.motesplats_create(
        actor=chef, namn="Mötesplatsen", arrangorer="Svenska kyrkan"
    )
    services.arrangemang_create(
        actor=chef,
        motesplats=meeting_place,
        titel="Språkcafé",
        datum=today + dt.timedelta(days=1),
        borjar=dt.time(17),
        slutar=dt.time(19),
    )
    services.natverksmote_create(
        actor=chef,
        namn="Integrationsnätverket",
        datum=today,
        overenskommelser="Gemensam kalender",
        foreningar=[club],
    )
    base = live_server.url
    page.goto(base + "/kalender/alingsas/")
    assert "Språkcafé" in page.locator("table").inner_text()
    shared._assert_accessible(page, "öppen kalender")
    shared._login(page, base, "enhetschef")
    for path, what in [
        ("/praktikbank/", "praktikbank"),
        ("/praktikbank/arbetsgivare/ny/", "ny arbetsgivare"),
        (f"/praktikbank/arbetsgivare/{employer.pk}/kontakt/", "ny kontaktperson"),
        ("/praktikbank/platser/ny/", "ny praktikplats"),
        (f"/praktikbank/platser/{seat.pk}/", "praktikplats"),
        (f"/personer/{person.pk}/matchning/", "personens matchning"),
        (f"/personer/{person.pk}/matchning/profil/", "kompetensprofil"),
        (f"/personer/{person.pk}/praktik/ny/", "ny praktik"),
        (f"/praktik/{internship.pk}/avsluta/", "avsluta praktik"),
        (f"/uppfoljningar/{internship.uppfoljningar.get().pk}/genomford/", "uppföljning genomförd"),
        (f"/personer/{person.pk}/samtycke/nytt/", "nytt samtycke"),
        (f"/samtycken/{consent.pk}/matcha/", "matcha med volontär"),
        (f"/samtycken/{consent.pk}/aterkalla/", "återkalla samtycke"),
        ("/volontarer/", "volontärer"),
        ("/volontarer/ny/", "ny volontär"),
        (f"/volontarer/{volunteer.pk}/", "volontär"),
        (f"/volontarer/{volunteer.pk}/utdrag/", "utdrag"),
        (f"/volontarmatchningar/{match.pk}/traff/", "träff"),
        ("/foreningar/", "föreningar och bidrag"),
        ("/foreningar/ny/", "ny förening"),
        (f"/foreningar/{club.pk}/kontakt/", "kontakt i förening"),
        ("/bidrag/ny/", "ny ansökan"),
        (f"/bidrag/{application.pk}/", "ansökan"),
        (f"/bidrag/{application.pk}/beslut/", "beslut"),
        ("/motesplatser/", "mötesplatser"),
        ("/motesplatser/ny/", "ny mötesplats"),
        ("/motesplatser/aktivitet/ny/", "ny aktivitet"),
        ("/natverksmoten/ny/", "nytt nätverksmöte"),
        ("/matchning/uppfoljning/", "uppföljning"),
        ("/matchning/uppfoljning/?fran=2020-2&till=2020-1", "uppföljning med fel period"),
        (f"/praktikbank/arbetsgivare/{employer.pk}/andra/", "ändra arbetsgivare"),
        (f"/praktikbank/arbetsgivare/{employer.pk}/avsluta/", "avsluta arbetsgivare"),
        (f"/praktikbank/arbetsgivare/{employer.pk}/ta-bort/", "ta bort arbetsgivare"),
        (f"/praktikbank/platser/{seat.pk}/andra/", "ändra praktikplats"),
        (f"/volontarer/{volunteer.pk}/andra/", "ändra volontär"),
        (f"/volontarer/{volunteer.pk}/avsluta/", "avsluta volontär"),
        (f"/foreningar/{club.pk}/andra/", "ändra förening"),
        (f"/foreningar/{club.pk}/ta-bort/", "ta bort förening"),
        (f"/motesplatser/{meeting_place.pk}/andra/", "ändra mötesplats"),
        (f"/kontakter/{contact.pk}/ta-bort/", "ta bort kontaktperson"),
    ]:
        response = page.goto(base + path)
        assert response.status == 200, path
        shared._assert_accessible(page, what)
    # The place ranks Noor: her goal is the place's occupation; the licence B is required
    # and her mapping says B. Layla is already there, and the page says so.
    page.goto(base + f"/praktikbank/platser/{seat.pk}/")
    assert "Yrkesmålet 5120" in page.locator("tr", has_text="Noor").inner_text()
    already = page.locator("tr", has_text="Layla").inner_text()
    assert "Personen gör redan praktik på platsen" in already
    # A refused organisation number is said at its field, accessibly.
    page.goto(base + "/foreningar/ny/")
    page.get_by_label("Namn").fill("Fel")
    page.get_by_label("Organisationsnummer").fill("123")
    page.get_by_role("button", name="Registrera förening").click()
    page.wait_for_load_state()
    assert "tio siffror" in page.content()
    shared._assert_accessible(page, "ny förening med fel")
    # Deleting an association with an application is refused with the reason, accessibly.
    page.goto(base + f"/foreningar/{club.pk}/ta-bort/")
    page.get_by_label("Ja, ta bort den helt").check()
    page.get_by_role("button", name="Ta bort").click()
    page.wait_for_load_state()
    assert "kan avslutas" in page.content()
    shared._assert_accessible(page, "ta bort förening som vägras")
