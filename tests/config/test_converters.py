"""Row ids in page addresses (config/converters.py): an id beyond the database's 64-bit
integers names no page (404) on every route, instead of reaching a query that overflows."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter

from mottagning.config.converters import MAX_ID, local_path, parse_id, whole_number
from tests.fixtures import newcomer, user_in

pytestmark = pytest.mark.django_db


def _patterns(
    patterns: list[URLPattern | URLResolver], prefix: str = ""
) -> list[tuple[str, URLPattern]]:
    out: list[tuple[str, URLPattern]] = []
    for p in patterns:
        if isinstance(p, URLResolver):
            out += _patterns(p.url_patterns, prefix + str(p.pattern))
        else:
            out.append((prefix + str(p.pattern), p))
    return out


def test_no_page_takes_an_id_through_the_unbounded_int_converter() -> None:
    # The API (django-ninja) checks its own ids; every page route names rows by <id:...>.
    unbounded = [
        route
        for route, p in _patterns(get_resolver().url_patterns)
        if not route.startswith("api/")
        and any(isinstance(c, IntConverter) for c in getattr(p.pattern, "converters", {}).values())
    ]
    assert unbounded == []


@pytest.mark.parametrize(
    "address",
    [
        "/personer/9223372036854775808/plan/",
        "/personer/9223372036854775808/arenden/",
        "/personer/18446744073709551616/matchning/",
        "/personer/1000000000000000000000000000000/praktik/ny/",
        "/arenden/9223372036854775808/",
        "/planering/scenarier/9223372036854775808/",
    ],
)
def test_an_id_beyond_64_bits_is_404(alingsas: Any, address: str) -> None:
    user = user_in(alingsas, "integrationsavdelningen")
    newcomer(user)
    client = Client()
    client.force_login(user)
    assert client.get(address).status_code == 404


@pytest.mark.parametrize(
    ("text", "number"),
    [("12", 12), ("0", 0), ("", None), ("²", None), ("١٢", None), ("-1", None), ("1e3", None)],
)
def test_a_whole_number_is_written_in_ascii_digits(text: str, number: int | None) -> None:
    # "²" and Arabic-Indic digits pass str.isdigit; int() refuses the first (it was a 500).
    assert whole_number(text) == number


@pytest.mark.parametrize(
    ("text", "row"),
    [("1", 1), (str(MAX_ID), MAX_ID), ("0", None), (str(MAX_ID + 1), None), ("²", None)],
)
def test_an_id_names_a_row_only_within_the_databases_integers(text: str, row: int | None) -> None:
    assert parse_id(text) == row


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("/personer/?q=Hassan", True),
        ("abc", False),
        ("web:start", False),
        ("//evil.example/", False),
        ("https://evil.example/", False),
        ("", False),
    ],
)
def test_only_a_path_on_this_site_is_a_way_back(url: str, kept: bool) -> None:
    request = RequestFactory().get("/")
    assert local_path(request, url) == (url if kept else "")
