"""The pages of issue 9 in headless Chromium with axe-core: the error pages, a person page with a
hidden household member, begäran om uppgifter, an account, access grants and the one-time
password link. Same recipe and skip rule as test_browser.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from mottagning.accounts.services import user_create
from mottagning.audit.models import IdentityConflict
from mottagning.register import services
from tests.factories import PASSWORD, personnummer
from tests.fixtures import newcomer, unit

# The browser fixtures and axe helpers are shared with test_browser.py (imported fixtures look
# unused and redefined to ruff).
from tests.web.test_browser import _assert_accessible, _login, browser, page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _setup(alingsas: Any) -> dict[str, Any]:
    ia = unit(alingsas, "integrationsavdelningen")
    placering = unit(alingsas, "placeringsenheten")

    def make(name: str, role: str, where: Any) -> Any:
        return user_create(
            username=name,
            password=PASSWORD,
            municipality=alingsas,
            roles=[role],
            units=[where],
            check_password=False,
        )

    users = {
        "handlaggare": make("handlaggare", "handlaggare", ia),
        "chef": make("chef", "enhetschef", ia),
        "chef2": make("chef2", "enhetschef", placering),
        "admin": make("admin", "administrator", ia),
        "admin2": make("admin2", "administrator", ia),
        "revisor": make("revisor", "revisor", ia),
    }
    other = make("placering", "handlaggare", placering)
    household = services.household_create(actor=users["handlaggare"], unit=ia, beteckning="Familj")
    seen = newcomer(users["handlaggare"], household=household)
    number = personnummer("19700101")
    services.person_create(
        actor=other,
        unit=placering,
        fornamn="Dold",
        efternamn="Person",
        fodelsedatum=dt.date(1970, 1, 1),
        household=household,
        identity_list=[("personnummer", number)],
    )
    client = Client()
    client.force_login(users["handlaggare"])
    client.post(
        reverse("web:identity_create", args=[seen.pk]), {"typ": "personnummer", "varde": number}
    )
    return {"users": users, "seen": seen, "conflict": IdentityConflict.objects.get()}


def test_new_pages_have_no_serious_accessibility_violations(
    page: Any,  # noqa: F811 - the shared fixture imported above
    live_server: Any,
    alingsas: Any,
) -> None:
    data = _setup(alingsas)
    base = live_server.url
    _login(page, base, "handlaggare")
    page.goto(f"{base}/personer/{data['seen'].pk}/")
    assert "1 person som du inte har behörighet att se" in page.content()
    _assert_accessible(page, "personsida med dold hushållsmedlem")
    response = page.goto(base + "/personer/99999999/")
    assert response.status == 404
    _assert_accessible(page, "404")
    response = page.goto(base + "/logg/")
    assert response.status == 403
    _assert_accessible(page, "403")

    page.context.clear_cookies()
    _login(page, base, "chef")
    page.goto(base + "/begaran/")
    _assert_accessible(page, "begäran om uppgifter")
    page.goto(f"{base}/begaran/ny/{data['conflict'].pk}/")
    page.get_by_role("button", name="Skicka begäran").click()
    page.wait_for_load_state()
    _assert_accessible(page, "ny begäran med fel")
    page.get_by_label("Rättslig grund").select_option("osl_10_2")
    page.get_by_label("Varför behövs uppgifterna?").fill("Samma person söker försörjningsstöd.")
    page.get_by_role("button", name="Skicka begäran").click()
    page.wait_for_load_state()
    assert "Begäran är skickad" in page.content()

    page.context.clear_cookies()
    _login(page, base, "chef2")
    page.goto(base + "/begaran/")
    page.get_by_role("link", name="Pröva").first.click()
    page.wait_for_load_state()
    _assert_accessible(page, "pröva begäran")

    page.context.clear_cookies()
    _login(page, base, "admin")
    page.goto(base + "/konto/anvandare/")
    page.get_by_label("Användarnamn").fill("ny.person")
    page.get_by_label("Handläggare").check()
    page.get_by_label("Varför behöver personen behörigheten?").fill("Ny tjänst")
    page.get_by_role("button", name="Skapa konto").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Kontot ny.person"
    _assert_accessible(page, "konto")
    page.goto(base + "/konto/behorigheter/")
    _assert_accessible(page, "behörigheter")

    page.context.clear_cookies()
    _login(page, base, "admin2")
    page.goto(base + "/konto/behorigheter/")
    page.get_by_role("button", name="Godkänn").first.click()
    page.wait_for_load_state()
    assert "Beslutet är sparat" in page.content()
    page.goto(base + "/konto/anvandare/")
    page.get_by_role("link", name="ny.person").click()
    page.get_by_role("button", name="Skapa engångslänk").click()
    page.wait_for_load_state()
    link = page.locator(".notice code").inner_text()

    page.context.clear_cookies()
    page.goto(link)
    _assert_accessible(page, "välj lösenord")
