"""Swedish 400/403/404/500 pages with the site's header and a way back (issue 9, item 6)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.fixtures import user_in

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _assert_page(response, code: int, heading: str) -> None:
    page = response.content.decode()
    assert response.status_code == code
    assert 'class="site-header"' in page
    assert heading in page
    assert f"Felkod: {code}" in page
    assert 'href="/"' in page  # the way back to the start page


def test_404_is_swedish_with_header_and_way_back(integration_user) -> None:
    response = _client(integration_user).get("/personer/999999/")
    _assert_page(response, 404, "Sidan finns inte")


def test_403_is_swedish_with_header_and_way_back(alingsas) -> None:
    strateg = user_in(alingsas, "integrationsavdelningen", roles=("strateg",))
    _assert_page(_client(strateg).get(reverse("web:person_search")), 403, "inte behörighet")


def test_400_is_swedish_with_header_and_way_back(integration_user) -> None:
    response = _client(integration_user).get("/", HTTP_HOST="inte-en-var-vard.example")
    _assert_page(response, 400, "begäran var felaktig")


def test_500_is_swedish_with_header_and_way_back(integration_user, monkeypatch) -> None:
    from mottagning.web import views

    def broken(**kwargs):
        raise RuntimeError("simulated")

    monkeypatch.setattr(views.reg, "person_list", broken)
    response = _client(integration_user).get(reverse("web:person_search"))
    _assert_page(response, 500, "Något gick fel hos oss")
