"""Login throttling behind the trusted proxy: a user name is locked only from the address that
failed, and one address has a rate limit over all user names (security probe, finding 9)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _login(username: str, password: str, *, remote: str, forwarded: str = "") -> int:
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    response = Client().post(
        reverse("accounts:login"), {"username": username, "password": password}, **meta
    )
    return response.status_code


def test_behind_the_proxy_an_attacker_locks_the_name_only_from_their_own_address() -> None:
    user = UserFactory()
    for _ in range(5):
        _login(user.username, "fel", remote="127.0.0.1", forwarded="203.0.113.9")
    assert _login(user.username, PASSWORD, remote="127.0.0.1", forwarded="203.0.113.9") in (
        403,
        429,
    )
    # The real user, elsewhere, behind the same proxy: logged in (redirect to the start page).
    assert _login(user.username, PASSWORD, remote="127.0.0.1", forwarded="198.51.100.7") == 302


def test_a_client_cannot_escape_by_forging_the_header() -> None:
    user = UserFactory()
    for i in range(5):
        _login(user.username, "fel", remote="192.0.2.50", forwarded=f"10.0.0.{i}")
    # 192.0.2.50 is not a trusted proxy, so its X-Forwarded-For is ignored.
    assert _login(user.username, PASSWORD, remote="192.0.2.50", forwarded="10.0.0.99") in (
        403,
        429,
    )


def test_one_address_is_rate_limited_over_all_user_names(settings) -> None:
    settings.MOTTAGNING_LOGIN_FAILURES_PER_ADDRESS = 6
    victims = [UserFactory() for _ in range(3)]
    for victim in victims:
        for _ in range(2):
            _login(victim.username, "fel", remote="127.0.0.1", forwarded="203.0.113.9")
    fresh = UserFactory()
    assert _login(fresh.username, PASSWORD, remote="127.0.0.1", forwarded="203.0.113.9") == 429
    assert _login(fresh.username, PASSWORD, remote="127.0.0.1", forwarded="198.51.100.7") == 302
