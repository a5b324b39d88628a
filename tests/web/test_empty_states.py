"""Issue 12 item 3: every list that can be empty says so and says what to do next. The test
follows the links of a municipality without any people or data, as several roles, and fails
on a table without rows, or on an empty list ("Inga …", "Ingen …", "Inget …") that is not
marked `empty-state` or gives no next step (a link, or a second sentence)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from mottagning.accounts.services import user_create
from tests.factories import PASSWORD
from tests.fixtures import unit
from tests.web.crawl import crawl

pytestmark = pytest.mark.django_db

MAX_PAGES = 50
EMPTY = re.compile(r"^(Inga|Ingen|Inget) ")
VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col"}


class _Lists(HTMLParser):
    """The page's tables with their body rows, and its empty-list texts with their class."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.problems: list[str] = []
        self._tables: list[list[Any]] = []  # [caption text, rows, in tbody]
        self._open: list[list[Any]] = []  # [tag, class, text parts, has link]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a":
            if a.get("href"):
                self.links.append(str(a["href"]))
            for el in self._open:
                el[3] = True
        if tag == "table":
            self._tables.append(["", 0])
        elif tag == "tr" and self._tables and self._in_body:
            self._tables[-1][1] += 1
        if tag in ("p", "td", "li") and tag not in VOID:
            self._open.append([tag, a.get("class") or "", [], False])
        if tag == "tbody":
            self._in_body = True
        if tag == "thead":
            self._in_body = False

    _in_body = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._tables:
            caption, rows = self._tables.pop()
            if rows == 0:
                self.problems.append(f"a table without rows ({caption.strip() or 'no caption'})")
            self._in_body = True
        if self._open and self._open[-1][0] == tag:
            _tag, cls, parts, link = self._open.pop()
            text = " ".join("".join(parts).split())
            if EMPTY.match(text) and not self._guides(cls, text, link):
                self.problems.append(f"an empty list without guidance: {text!r}")

    @staticmethod
    def _guides(cls: str, text: str, link: bool) -> bool:
        sentences = [s for s in re.split(r"(?<=[.!?:])\s+", text) if s]
        return "empty-state" in cls.split() and (link or len(sentences) > 1)

    def handle_data(self, data: str) -> None:
        for el in self._open:
            el[2].append(data)
        if self._tables and self.lasttag == "caption":
            self._tables[-1][0] += data


def _check(html: str) -> tuple[list[str], list[str]]:
    parser = _Lists()
    parser.feed(html)
    return parser.problems, parser.links


@pytest.mark.parametrize(
    "roles",
    [
        ("handlaggare",),
        ("enhetschef", "strateg", "ekonom"),
        ("revisor",),
        ("administrator", "samordnare"),
    ],
)
def test_every_empty_list_says_what_to_do(alingsas: Any, roles: tuple[str, ...]) -> None:
    user = user_create(
        username="ny",
        password=PASSWORD,
        municipality=alingsas,
        roles=list(roles),
        units=[unit(alingsas, "integrationsavdelningen")],
        check_password=False,
    )
    client = Client()
    client.force_login(user)
    found = crawl(client, ["/"], _check, max_pages=MAX_PAGES)
    assert not found, "\n".join(f"{path}: {problems}" for path, problems in found.items())


def test_the_check_would_catch_an_empty_table_and_a_bare_empty_text() -> None:
    parser = _Lists()
    parser.feed(
        "<table><caption>Frister</caption><thead><tr><th>Dag</th></tr></thead><tbody></tbody>"
        "</table><p>Inga frister.</p>"
        '<p class="empty-state">Inga ärenden ännu. <a href="/ny/">Registrera en person</a>.</p>'
    )
    assert parser.problems == [
        "a table without rows (Frister)",
        "an empty list without guidance: 'Inga frister.'",
    ]
