"""Issue 12 item 2: every page reflows at a phone's width without the page scrolling sideways
(WCAG 1.4.10), the main pages fit at 1,280 px, and print media gives the record without the
site around it, with a header saying what, when and by whom.

The phone check is not a fixed list: it follows the links of the navigation and of the pages
they lead to, so a new app's pages are covered as soon as the navigation links to them. One
page visit per address; addresses that differ only in a row id count once."""

from __future__ import annotations

import re
from collections import deque
from typing import Any
from urllib.parse import urlsplit

import pytest

from mottagning.accounts.services import user_create
from tests.factories import PASSWORD
from tests.web import test_browser as shared

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

browser = shared.browser
page = shared.page

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Downloads, state changes and the language switch are not pages to look at.
SKIP = re.compile(r"(export|\.csv|\.xlsx|\.pdf|xlsx|pdf|logga-ut|/api/|/static/|/media/|mall)")
MAX_PAGES = 40


def _overflow(page: Any) -> int:
    """How many CSS pixels the page is wider than the window (0 when it reflows)."""
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def _links(page: Any, base: str) -> list[str]:
    hrefs: list[str] = page.eval_on_selector_all(
        "header a[href], main a[href]", "els => els.map(e => e.getAttribute('href'))"
    )
    out = []
    for href in hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if SKIP.search(parts.path + "?" + parts.query):
            continue
        out.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return out


def _user(alingsas: Any, data: dict[str, Any]) -> None:
    user_create(
        username="overallt",
        password=PASSWORD,
        municipality=alingsas,
        roles=["enhetschef", "strateg"],
        units=[data["unit"]],
        check_password=False,
    )


def test_every_reachable_page_reflows_at_390_px(page: Any, live_server: Any, alingsas: Any) -> None:
    data = shared._people(alingsas)
    _user(alingsas, data)
    base = live_server.url
    page.set_viewport_size(PHONE)
    shared._login(page, base, "overallt")
    start = urlsplit(page.url).path
    queue = deque([start, f"/personer/{data['established'].pk}/"])
    seen: set[str] = set()
    wide: list[str] = []
    visited = 0
    while queue and visited < MAX_PAGES:
        path = queue.popleft()
        if _shape(urlsplit(path).path) in seen:
            continue
        seen.add(_shape(urlsplit(path).path))
        response = page.goto(base + path)
        visited += 1
        if response is None or response.status != 200:
            continue
        extra = _overflow(page)
        if extra > 1:
            wide.append(f"{path} (+{extra} px)")
        queue.extend(_links(page, base))
    assert visited >= 10, f"bara {visited} sidor nåddes: {sorted(seen)}"
    assert not wide, "sidan rullar i sidled vid 390 px: " + ", ".join(wide)


def test_main_pages_fit_at_1280_px_and_tables_scroll_in_a_named_region(
    page: Any, live_server: Any, alingsas: Any
) -> None:
    data = shared._people(alingsas)
    _user(alingsas, data)
    base = live_server.url
    page.set_viewport_size(DESKTOP)
    shared._login(page, base, "overallt")
    for path in (
        f"/personer/{data['established'].pk}/",
        "/import/",
        "/planering/budget/",
        "/planering/prognos/",
        "/planering/jamfor/",
    ):
        page.goto(base + path)
        assert _overflow(page) <= 1, path
    # Every table sits in a region named after it, so a table wider than a phone scrolls
    # on its own and a screen reader can say which table that is.
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/personer/{data['established'].pk}/")
    regions = page.locator("main .table-scroll[role=region]")
    assert regions.count() == page.locator("main table").count() > 0
    for i in range(regions.count()):
        assert (regions.nth(i).get_attribute("aria-label") or "").strip()


def test_a_person_page_prints_without_the_site_and_with_a_header(
    page: Any, live_server: Any, alingsas: Any
) -> None:
    data = shared._people(alingsas)
    _user(alingsas, data)
    base = live_server.url
    shared._login(page, base, "overallt")
    person = data["established"]
    page.goto(f"{base}/personer/{person.pk}/")
    assert not page.locator(".print-header").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert (
        not page.locator("main form").first.is_visible() or page.locator("main form").count() == 0
    )
    header = page.locator(".print-header")
    assert header.is_visible()
    text = header.inner_text()
    assert str(person) in text
    assert "overallt" in text
    assert "Utskrivet" in text
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_interactive_api_docs_render_under_our_csp(page: Any, live_server: Any) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(live_server.url + "/api/docs/")
    page.locator(".swagger-ui .info").wait_for(timeout=15000)
    assert "mottagning" in page.locator(".swagger-ui .info").inner_text()
    assert not [e for e in errors if "Content Security Policy" in e], errors
