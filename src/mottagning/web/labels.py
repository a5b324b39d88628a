"""Readable Swedish (and, through gettext, English) names for the rules core's codes."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mottagning.rules.errors import InputError
from mottagning.rules.profile import beskrivning_en

LABELS: dict[str, dict[str, Promise]] = {
    "omrade": {
        "boende": _("Boende"),
        "forsorjning": _("Försörjning"),
        "skola": _("Skola"),
        "sfi": _("Sfi"),
        "samhallsorientering": _("Samhällsorientering"),
        "etablering": _("Etablering"),
        "barn_och_unga": _("Barn och unga"),
        "halsa": _("Hälsa"),
    },
    "huvudman": {
        "kommun": _("Kommunen"),
        "migrationsverket": _("Migrationsverket"),
        "arbetsformedlingen": _("Arbetsförmedlingen"),
        "forsakringskassan": _("Försäkringskassan"),
        "region": _("Regionen"),
        "lansstyrelsen": _("Länsstyrelsen"),
    },
    "arbete": {
        "myndighetsutovning": _("Myndighetsutövning"),
        "utforare": _("Utförare"),
    },
    "rattslig_status": {
        "asylsokande": _("Asylsökande"),
        "put": _("Permanent uppehållstillstånd"),
        "tut": _("Tillfälligt uppehållstillstånd"),
        "tut_utgangen": _("Tillfälligt tillstånd har gått ut"),
        "tillstandssokande": _("Har sökt fortsatt tillstånd"),
        "avslag": _("Avslag"),
        "atervant": _("Återvänt"),
    },
    "fas": {
        "asyltid": _("Asyltid"),
        "vantar_bosattning": _("Väntar på bosättning"),
        "etableringstid": _("Etableringstid"),
        "efter_etablering": _("Efter etablering"),
    },
    "boendeform": {
        "migrationsverket": _("Migrationsverkets boende"),
        "ebo": _("Eget boende (EBO)"),
        "anvisad": _("Anvisad bostad"),
        "hvb": _("HVB"),
        "stodboende": _("Stödboende"),
        "familjehem": _("Familjehem"),
    },
}


def _choices() -> None:
    # Model choices by code, so a template asks gettext once per value shown; Django's
    # get_FOO_display hashes every lazy choice, which asks gettext for all of them each time.
    from mottagning.register.models import (
        EVENT_TYPES,
        PERMIT_GROUNDS,
        PLACEMENT_FORMS,
        SCHOOL_FORMS,
    )

    LABELS["handelse"] = dict(EVENT_TYPES)
    LABELS["placeringsform"] = dict(PLACEMENT_FORMS)
    LABELS["skolform"] = dict(SCHOOL_FORMS)
    LABELS["grund"] = dict(PERMIT_GROUNDS)


def label(kind: str, code: object) -> str:
    if kind not in LABELS:
        _choices()
    if code is None or code == "":
        return "–"
    return str(LABELS.get(kind, {}).get(str(code), code))


def rule_text(kommun: object, regel: object, beskrivning: object) -> str:
    """A rule row's description in the page's language: the row's `beskrivning_en` in English,
    else the Swedish `beskrivning` the rules core answered with."""
    swedish = "" if beskrivning is None else str(beskrivning)
    if not kommun or not regel or not (get_language() or "").startswith("en"):
        return swedish
    try:
        return beskrivning_en(str(kommun), str(regel)) or swedish
    except InputError:
        return swedish
