"""Issue 12 item 3: no developer words on a user's page. The pages are not a fixed list: the
test follows the links of the navigation and of the pages they lead to, as several roles, so a
new app's pages are checked as soon as the navigation reaches them. Only the text a person
reads counts (not attribute values, addresses or form values)."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from mottagning.accounts.services import user_create
from tests.factories import PASSWORD
from tests.fixtures import newcomer, unit
from tests.web.crawl import crawl

pytestmark = pytest.mark.django_db

# Words from the code, the seeds and the parameter files that mean nothing to a handläggare.
INTERNAL = (
    "seed 0",
    "domain-facts",
    "metadata.notes",
    ".yaml",
    "schablonersattning",
    "lokalt.",
    "asylansokan",
    "uppehallstillstand",
    "barn_och_unga",
    "ekonomiskt_bistand",
    "(alingsas)",
    "(vingaker)",
    "Prognos alingsas",
    "Jämförelse alingsas",
    "Traceback",
)
MAX_PAGES = 60


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)
        # What a screen reader says is read too.
        for name, value in attrs:
            if name in ("aria-label", "title", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _check(html: str) -> tuple[list[str], list[str]]:
    parser = _Text()
    parser.feed(html)
    text = " ".join(parser.parts)
    low = text.lower()
    bad = [
        " ".join(text[max(0, i - 40) : i + 40].split())
        for w in INTERNAL
        if (i := low.find(w.lower())) >= 0
    ]
    return bad, parser.links


@pytest.mark.parametrize(
    "roles", [("handlaggare",), ("enhetschef", "strateg", "ekonom"), ("revisor",)]
)
def test_no_page_shows_internal_words(alingsas: Any, roles: tuple[str, ...]) -> None:
    ia = unit(alingsas, "integrationsavdelningen")
    user = user_create(
        username="lasare",
        password=PASSWORD,
        municipality=alingsas,
        roles=list(roles),
        units=[ia],
        check_password=False,
    )
    writer = user_create(
        username="skrivare",
        password=PASSWORD,
        municipality=alingsas,
        roles=["handlaggare"],
        units=[ia],
        check_password=False,
    )
    person = newcomer(writer)
    client = Client()
    client.force_login(user)
    starts = ["/", f"/personer/{person.pk}/", f"/personer/{person.pk}/historik/"]
    starts += ["/planering/budget/?kommun=vingaker", "/planering/prognos/?scenarier=200"]
    found = crawl(client, starts, _check, max_pages=MAX_PAGES)
    assert not found, "\n".join(f"{path}: {words}" for path, words in found.items())


def test_the_check_would_catch_an_internal_word() -> None:
    parser = _Text()
    parser.feed('<p title="x">Källa: seed 002</p><a href="/a?typ=asylansokan">Asylansökan</a>')
    text = " ".join(parser.parts)
    assert "seed 0" in text
    assert "asylansokan" not in text  # an address is not text on the page
