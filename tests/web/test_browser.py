"""The real pages in headless Chromium: a case worker's flow, and axe-core on every page.

Debian's chromium through Playwright's executable_path (Playwright cannot download browsers
here). Skipped with a message when no chromium is installed, unless MOTTAGNING_REQUIRE_BROWSER=1
(CI), where a missing browser is a failure.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from mottagning.accounts.services import user_create
from mottagning.register import services
from mottagning.register.models import Person, Unit
from tests.factories import PASSWORD
from tests.fixtures import newcomer, unit

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Playwright's sync API keeps an event loop in this thread; Django would then refuse ORM calls
# made by the test itself (the server runs in its own thread and is unaffected).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _chromium_or_skip() -> str:
    path = shutil.which("chromium") or (CHROMIUM if os.path.exists(CHROMIUM) else None)
    if path is None:
        message = (
            "Ingen chromium installerad (apt-get install chromium); webbläsartesterna hoppas över."
        )
        if os.environ.get("MOTTAGNING_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " MOTTAGNING_REQUIRE_BROWSER=1 kräver dem.")
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=path, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


def _axe(page: Any) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page)
    return [v for v in result.response["violations"] if v.get("impact") in ("serious", "critical")]


def _assert_accessible(page: Any, what: str) -> None:
    bad = _axe(page)
    assert not bad, f"{what}: " + "; ".join(
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in bad
    )


def _login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def _people(alingsas: Any) -> dict[str, Any]:
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
        for role in ("handlaggare", "enhetschef", "revisor", "administrator")
    }
    today = timezone.localdate()
    waiting = services.person_create(
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
    established = newcomer(users["handlaggare"], mottagen=today - dt.timedelta(days=700))
    return {"users": users, "waiting": waiting, "established": established, "unit": ia}


def test_case_worker_flow_receives_an_anvisad_person(
    page: Any, live_server: Any, alingsas: Any
) -> None:
    data = _people(alingsas)
    base = live_server.url
    _login(page, base, "handlaggare")
    # The start page is the unit's worklist, with the anvisning to receive.
    assert page.get_by_role("heading", level=1).inner_text().startswith("Arbetslista")
    page.get_by_role("link", name="Sara Mohammed").first.click()
    page.wait_for_load_state()
    table = page.locator("#responsibilities")
    boende = table.locator("tr", has_text="Boende").first
    assert "Migrationsverket" in boende.inner_text()

    page.get_by_role("link", name="Lägg till händelse").click()
    page.get_by_label("Händelse", exact=True).select_option("mottagande")
    page.get_by_label("Datum", exact=True).fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Spara händelse").click()
    page.wait_for_load_state()
    assert "Händelsen är sparad" in page.locator(".notices").inner_text()
    boende = page.locator("#responsibilities tr", has_text="Boende").first
    assert "Integrationsavdelningen" in boende.inner_text()
    assert "Etableringstiden (24 månader från mottagandet) tar slut" in page.content()
    assert Person.objects.get(pk=data["waiting"].pk).handelser.filter(typ="mottagande").exists()


def test_form_errors_are_announced_and_linked(page: Any, live_server: Any, alingsas: Any) -> None:
    data = _people(alingsas)
    _login(page, live_server.url, "handlaggare")
    page.goto(f"{live_server.url}/personer/{data['established'].pk}/handelser/ny/")
    page.get_by_label("Händelse", exact=True).select_option("uppehallstillstand")
    page.get_by_label("Datum", exact=True).fill("2025-01-01")
    page.locator("#id_tillstand").select_option("TUT")
    page.get_by_role("button", name="Spara händelse").click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    # Focus moves to the summary, so the errors are read first (site.js).
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_giltigt_till"
    _assert_accessible(page, "händelseformulär med fel")


def test_keyboard_skip_link_reaches_main(page: Any, live_server: Any, alingsas: Any) -> None:
    _people(alingsas)
    _login(page, live_server.url, "handlaggare")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Hoppa till innehållet" in focused
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_every_page_has_no_serious_accessibility_violations(
    page: Any, live_server: Any, alingsas: Any
) -> None:
    data = _people(alingsas)
    base = live_server.url
    ia: Unit = data["unit"]
    person = data["established"]

    page.goto(base + "/konto/logga-in/")
    _assert_accessible(page, "inloggning")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()
    _assert_accessible(page, "inloggning med fel")

    _login(page, base, "enhetschef")
    for path, what in [
        (f"/enheter/{ia.pk}/", "arbetslista"),
        (f"/enheter/{ia.pk}/oversikt/", "översikt med diagram"),
        ("/personer/", "personlista"),
        ("/personer/?q=Hassan", "sökning"),
        (f"/personer/{person.pk}/", "personsida"),
        (f"/personer/{person.pk}/historik/", "historik"),
        (f"/personer/{person.pk}/andra/", "ändra person"),
        (f"/personer/{person.pk}/handelser/ny/", "ny händelse"),
        (f"/personer/{person.pk}/identiteter/ny/", "ny identitet"),
        (
            f"/personer/{person.pk}/handelser/{person.handelser.first().pk}/ta-bort/",
            "ta bort händelse",
        ),
        ("/personer/ny/", "ny person"),
        ("/hushall/nytt/", "nytt hushåll"),
        ("/import/", "import"),
        ("/konto/tvastegsverifiering/", "tvåstegsverifiering"),
        ("/konto/api-nycklar/", "API-nycklar"),
    ]:
        response = page.goto(base + path)
        assert response.status == 200, path
        _assert_accessible(page, what)

    page.goto(base + "/personer/ny/")
    page.get_by_role("button", name="Registrera person").click()
    page.wait_for_load_state()
    _assert_accessible(page, "ny person med fel")

    page.goto(base + "/import/")
    page.set_input_files(
        "#id_fil",
        files=[
            {
                "name": "fel.csv",
                "mimeType": "text/csv",
                "buffer": b"ref;fornamn;efternamn;fodelsedatum\n1;;X;1990-13-01\n",
            }
        ],
    )
    page.get_by_role("button", name="Ladda upp och förhandsgranska").click()
    page.wait_for_load_state()
    assert "Ingenting har sparats" in page.content()
    _assert_accessible(page, "importförhandsvisning med fel")

    page.goto(base + "/konto/tvastegsverifiering/")
    page.get_by_role("button", name="Slå på tvåstegsverifiering").click()
    page.wait_for_load_state()
    assert page.get_by_role("img", name="QR-kod med nyckeln för din app").is_visible()
    _assert_accessible(page, "tvåstegsverifiering med nyckel")

    # English.
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    page.goto(f"{base}/personer/{person.pk}/")
    assert "Who is responsible for what today" in page.content()
    _assert_accessible(page, "personsida på engelska")

    page.context.clear_cookies()
    _login(page, base, "administrator")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Användare")
    _assert_accessible(page, "användare")
    page.get_by_role("button", name="Skapa konto").click()
    page.wait_for_load_state()
    _assert_accessible(page, "nytt konto med fel")

    page.context.clear_cookies()
    _login(page, base, "revisor")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Läslogg")
    _assert_accessible(page, "läslogg")


@pytest.mark.django_db(transaction=False)
def test_axe_check_would_catch_a_violation(page: Any) -> None:
    # Guards the guard: a page with an unlabelled input and an image without alt must fail.
    page.set_content('<html lang="sv"><title>t</title><main><img src="x.png"><input></main></html>')
    ids = {v["id"] for v in _axe(page)}
    assert {"image-alt", "label"} & ids
