"""The follow-up pages in headless Chromium with axe-core: no serious or critical
accessibility violations on any of them. Uses the browser fixtures and checks of
tests/web/test_browser.py (Debian's chromium; skipped without it outside CI)."""

from __future__ import annotations

from typing import Any

import pytest

from mottagning.accounts.services import user_create
from mottagning.followup import demo
from mottagning.followup.models import Handlingsplan, Indikator
from mottagning.register.models import Unit
from tests.factories import PASSWORD
from tests.web import test_browser as shared

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

browser = shared.browser
page = shared.page


def test_every_follow_up_page_has_no_serious_accessibility_violations(
    page: Any, live_server: Any, alingsas: Any
) -> None:
    user = user_create(
        username="strateg",
        password=PASSWORD,
        municipality=alingsas,
        roles=["strateg", "enhetschef", "revisor"],
        units=[Unit.objects.get(municipality=alingsas, kod="integrationsavdelningen")],
        check_password=False,
    )
    demo._alingsas(alingsas, user)
    from mottagning.followup.services import bedomning_set, omrade_create

    area = omrade_create(actor=user, namn="Riktlinjer")
    bedomning_set(actor=user, omrade=area, ar=2017, niva=3, grunder="Mindre iakttagelser")
    indikator = Indikator.objects.filter(municipality=alingsas).first()
    assert indikator is not None
    plan = Handlingsplan.objects.get(municipality=alingsas)
    base = live_server.url
    shared._login(page, base, "strateg")
    page.get_by_role("link", name="Uppföljning").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Uppföljning"
    shared._assert_accessible(page, "uppföljning")
    for path, what in [
        (f"/uppfoljning/indikatorer/{indikator.pk}/", "indikator"),
        (f"/uppfoljning/indikatorer/{indikator.pk}/personer/?ar=2018", "personerna bakom"),
        (f"/uppfoljning/handlingsplaner/{plan.pk}/", "handlingsplan"),
        ("/uppfoljning/granskning/", "granskning"),
        ("/uppfoljning/rapport/?ar=2018&period=bokslut", "rapport"),
        ("/uppfoljning/rapport/?ar=tjugo&period=bokslut", "rapport med fel"),
        ("/uppfoljning/kolada/", "Kolada-import"),
        ("/uppfoljning/mal/ny/", "nytt mål"),
    ]:
        response = page.goto(base + path)
        assert response.status in (200, 400), path
        shared._assert_accessible(page, what)
