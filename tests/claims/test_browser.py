"""The economy pages in headless Chromium with axe-core: no serious or critical accessibility
violations on any of them, one visit each. Uses the browser fixtures and checks of
tests/web/test_browser.py (Debian's chromium; skipped without it outside CI)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from mottagning.accounts.services import user_create
from mottagning.claims import services
from mottagning.claims.models import Ansokan
from mottagning.register.models import Unit
from tests.claims.helpers import cost
from tests.factories import PASSWORD
from tests.fixtures import ekb, user_in
from tests.web import test_browser as shared

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

browser = shared.browser
page = shared.page
D = dt.date


def test_every_economy_page_has_no_serious_accessibility_violations(
    page: Any, live_server: Any, alingsas: Any
) -> None:
    units = list(Unit.objects.filter(municipality=alingsas))
    me = user_create(
        username="ekonom",
        password=PASSWORD,
        municipality=alingsas,
        roles=["ekonom"],
        units=units,
        check_password=False,
    )
    child = ekb(
        user_in(alingsas, "integrationsavdelningen"), born=D(2012, 1, 1), asyl=D(2023, 11, 1)
    )
    cost(me, child, slag="ekonomiskt_bistand_asyl", fran=D(2024, 1, 5), till=D(2024, 1, 31))
    claim = services.ansokan_generate(
        actor=me, municipality=alingsas, typ="ekonomiskt_bistand_asyl", ar=2024, kvartal=1
    )
    assert isinstance(claim, Ansokan)
    base = live_server.url
    shared._login(page, base, "ekonom")
    page.get_by_role("link", name="Ekonomi").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Ekonomi")
    shared._assert_accessible(page, "ekonomi i år")
    for path, what in [
        ("/ekonomi/?ar=2024", "översikt 2024 med diagram"),
        (f"/ekonomi/ansokningar/{claim.pk}/", "ansökan"),
        ("/ekonomi/kostnader/?ar=2024", "kostnader"),
        ("/ekonomi/kostnader/ny/", "ny kostnad"),
        ("/ekonomi/import/", "import"),
        ("/ekonomi/avstamning/?ar=2024", "avstämning"),
        ("/ekonomi/antaganden/", "antaganden"),
    ]:
        response = page.goto(base + path)
        assert response.status == 200, path
        shared._assert_accessible(page, what)
