"""Swedish first, English through gettext: every string in the catalogue is translated."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

import mottagning
from mottagning.rules import periods
from mottagning.web.labels import transition_text
from tests.fixtures import ekb, newcomer

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


def _responsibilities(html: str) -> str:
    return html.split('id="responsibilities"', 1)[1].split("</table>", 1)[0]


@pytest.mark.django_db
def test_person_page_explains_responsibility_in_the_pages_language(integration_user) -> None:
    """A rule row's description follows the page's language: `beskrivning_en` from the tables
    in English, the row's Swedish `beskrivning` in Swedish (national N-HA-02, Alingsås's
    ALI-SF-01)."""
    from mottagning.cases.selectors import person_overview

    person = newcomer(integration_user)
    ansvar = person_overview(person=person).result["ansvar"]  # type: ignore[index]
    assert {"N-HA-02", "ALI-SF-01"} <= {a["regel"] for a in ansvar}
    swedish = ("Hälso- och sjukvård som för andra invånare", "Svenskundervisning för invandrare")
    english = ("Health and medical care as for other residents", "Swedish for immigrants (sfi)")
    url = reverse("web:person", args=[person.pk])

    client = Client()
    client.force_login(integration_user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    table = _responsibilities(client.get(url).content.decode())
    assert all(text in table for text in english)
    assert not any(text in table for text in swedish)
    # The area and the huvudman come from codes and are translated by gettext.
    assert "<td>Health</td>" in table
    assert "<td>The municipality</td>" in table
    # A state actor named in the unit column (N-HA-02's region) is said from its code too.
    assert "<td>Regionen</td>" not in table
    assert table.count("<td>The region</td>") == 2

    client.post("/i18n/setlang/", {"language": "sv", "next": "/"})
    table = _responsibilities(client.get(url).content.decode())
    assert all(text in table for text in swedish)
    assert not any(text in table for text in english)
    assert table.count("<td>Regionen</td>") == 2


@pytest.mark.django_db
def test_person_page_says_transitions_and_tasks_in_the_pages_language(integration_user) -> None:
    """The rules core says "Fyller 18 år"; the English page says it from the code."""
    today = timezone.localdate()
    born = today.replace(year=today.year - 18) + dt.timedelta(days=60)
    person = ekb(integration_user, born=born, asyl=today - dt.timedelta(days=200))
    url = reverse("web:person", args=[person.pk])
    client = Client()
    client.force_login(integration_user)

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(url).content.decode()
    coming = html.split('id="transitions"', 1)[1].split("</table>", 1)[0]
    # The sources cited under it may quote Swedish; the sentence itself is English.
    assert "<td>Turns 18<br>" in coming
    assert "<td>Fyller 18 år<br>" not in coming
    tasks = html.split('id="tasks"', 1)[1].split("</table>", 1)[0]
    assert "Report continued responsibility to Migrationsverket" in tasks
    assert "Anmäl fortsatt ansvar" not in tasks

    client.post("/i18n/setlang/", {"language": "sv", "next": "/"})
    html = client.get(url).content.decode()
    assert "<td>Fyller 18 år<br>" in html.split('id="transitions"', 1)[1].split("</table>", 1)[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typ", "english"),
    [
        ("utflyttning", "The person does not live in the municipality"),
        ("atervandande", "The person has returned"),
    ],
)
def test_why_the_tables_do_not_answer_is_said_in_the_pages_language(
    integration_user, typ: str, english: str
) -> None:
    from mottagning.cases.selectors import person_overview
    from mottagning.web.labels import OUTSIDE_TEXTS

    mottagen = dt.date(2024, 3, 1)
    events = [
        {"typ": "asylansokan", "datum": mottagen - dt.timedelta(days=400)},
        {
            "typ": "uppehallstillstand",
            "datum": mottagen - dt.timedelta(days=60),
            "tillstand": "PUT",
        },
        {"typ": "anvisning", "datum": mottagen - dt.timedelta(days=30), "kommun": "alingsas"},
        {"typ": "mottagande", "datum": mottagen},
        {"typ": typ, "datum": mottagen + dt.timedelta(days=100)},
    ]
    person = newcomer(integration_user, events=events)
    swedish = person_overview(person=person).result["utanfor_kommunens_ansvar"]["orsak"]  # type: ignore[index]
    with translation.override("sv"):
        # The marked sentence is the rules core's, word for word.
        assert swedish in {str(text) for text in OUTSIDE_TEXTS.values()}
    url = reverse("web:person", args=[person.pk])
    client = Client()
    client.force_login(integration_user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(url).content.decode()
    assert english in html
    assert swedish not in html
    client.post("/i18n/setlang/", {"language": "sv", "next": "/"})
    assert swedish in client.get(url).content.decode()


REASONS = [
    periods._reason("tut_upphor", 0),
    periods._reason("alder", 18),
    periods._reason("manader", 1),
    periods._reason("manader", 6),
    periods._reason("manader", 24),
    periods._reason("regel", 0),
    periods._reason("start", 0),
    *(periods._event_reason(o, typ) for typ in periods.HANDELSE_TEXT for o in ("handelse", "slut")),
    *(periods.Reason(code, text) for code, text, _ in periods.DEADLINE_TYPES),
]


@pytest.mark.parametrize("reason", REASONS, ids=[r.typ for r in REASONS])
def test_every_transition_sentence_of_the_rules_core_has_an_english_text(
    reason: periods.Reason,
) -> None:
    with translation.override("en"):
        english = transition_text(reason.typ, reason.beskrivning, lambda: None)
    with translation.override("sv"):
        assert transition_text(reason.typ, reason.beskrivning, lambda: None) == reason.beskrivning
    assert english
    assert english != reason.beskrivning


def test_a_municipalitys_own_deadline_is_said_from_its_english_text() -> None:
    swedish = "Första kartläggningen på Centrum för nyanlända (inom 21 dagar)"
    with translation.override("en"):
        assert transition_text("kartlaggning", swedish, lambda: "ekero") == (
            "The first mapping at Centrum för nyanlända (within 21 days)"
        )
        # Another municipality has no such deadline: its stored sentence stands.
        assert transition_text("kartlaggning", swedish, lambda: "alingsas") == swedish


SOURCE = Path(mottagning.__file__).parent
# The parts makemessages skips (see README's i18n step): rules core, profiles, planning engine.
NOT_TRANSLATED = ("rules", "profiles", "planning", "migrations")
TEMPLATE_STRING = re.compile(r"""\{%\s*translate\s+(["'])(.+?)\1""")
PYTHON_STRING = re.compile(r"""\b_\(\s*(["'])((?:(?!\1).)+)\1\s*[,)]""")


def _msgids() -> set[str]:
    po = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    ids = set()
    for block in re.findall(r'^msgid ((?:".*"\n)+)', po, re.M):
        text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block))
        ids.add(text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\"))
    return ids


def _marked() -> dict[str, str]:
    """Every single-literal string marked for translation in a template or in Python code."""
    found: dict[str, str] = {}
    for path in SOURCE.rglob("*"):
        rel = path.relative_to(SOURCE)
        if rel.parts[0] in NOT_TRANSLATED or "migrations" in rel.parts or not path.is_file():
            continue
        if path.suffix == ".html":
            pattern = TEMPLATE_STRING
        elif path.suffix == ".py":
            pattern = PYTHON_STRING
        else:
            continue
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match[2], str(rel))
    return found


def test_every_marked_string_is_in_the_english_catalogue() -> None:
    """The catalogue is made from the marked strings (makemessages): a string marked after the
    catalogue was last made would show in Swedish on an English page."""
    ids = _msgids()
    missing = {text: where for text, where in _marked().items() if text not in ids}
    assert not missing, "kör makemessages (README) och översätt: " + repr(
        sorted(missing.items())[:5]
    )
    assert len(_marked()) > 200  # the scan finds the strings at all
