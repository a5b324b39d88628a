"""Swedish first, English through gettext: every string in the catalogue is translated."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

import mottagning
from tests.fixtures import newcomer

CATALOGUE = Path(mottagning.__file__).parent / "locale" / "en" / "LC_MESSAGES"


def test_english_catalogue_is_complete_and_compiled() -> None:
    po = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    entries = po.split("\n\n")[1:]
    untranslated = []
    for entry in entries:
        for block in re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', entry + "\n", re.M):
            if not "".join(re.findall(r'"(.*)"', block)):
                untranslated.append(entry)
    assert not untranslated, untranslated[:3]
    assert "#, fuzzy" not in po
    mo = CATALOGUE / "django.mo"
    assert mo.stat().st_mtime >= (CATALOGUE / "django.po").stat().st_mtime - 5


@pytest.mark.django_db
def test_person_page_in_english(integration_user) -> None:
    person = newcomer(integration_user)
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(integration_user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(reverse("web:person", args=[person.pk])).content.decode()
    assert "Who is responsible for what today" in html
    assert "Skip to content" in html
