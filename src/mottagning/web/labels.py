"""Readable Swedish (and, through gettext, English) names for the rules core's codes."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from mottagning.rules.errors import InputError
from mottagning.rules.profile import beskrivning_en, load_profile
from mottagning.rules.timeline import ETABLERING_MANADER

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


def _english() -> bool:
    return (get_language() or "").startswith("en")


def rule_text(kommun: object, regel: object, beskrivning: object) -> str:
    """A rule row's description in the page's language: the row's `beskrivning_en` in English,
    else the Swedish `beskrivning` the rules core answered with."""
    swedish = "" if beskrivning is None else str(beskrivning)
    if not kommun or not regel or not _english():
        return swedish
    try:
        return beskrivning_en(str(kommun), str(regel)) or swedish
    except InputError:
        return swedish


#: The rules core's transition and deadline sentences by code (rules.periods `_reason` and
#: `DEADLINE_TYPES`), marked here because makemessages does not read the rules core.
TRANSITION_TEXTS: dict[str, Promise] = {
    "tut_upphor": _("Det tillfälliga uppehållstillståndet upphör"),
    "regelandring": _("Ändrad organisation eller lagstiftning"),
    "start": _("Början av perioden"),
    "anmal_fortsatt_ansvar": _(
        "Anmäl fortsatt ansvar till Migrationsverket (senast tre veckor före 18-årsdagen; "
        "annars upphör det registrerade ansvaret vid 18 år)"
    ),
    "anvisning_mottagande": _("Ta emot anvisad person (inom två månader från anvisningen)"),
}


def transition_text(typ: object, beskrivning: object, kommun: Callable[[], str | None]) -> str:
    """A transition's or deadline's sentence in the page's language, made from its code; the
    stored Swedish sentence where the page is Swedish or the code is not one we know.
    `kommun` is asked only for a municipality's own deadline (`frister`)."""
    swedish = "" if beskrivning is None else str(beskrivning)
    code = "" if typ is None else str(typ)
    if not code or not _english():
        return swedish
    if code in TRANSITION_TEXTS:
        return str(TRANSITION_TEXTS[code])
    if code == "etableringstid_slut":
        return gettext("Etableringstiden (%(n)d månader från mottagandet) tar slut") % {
            "n": ETABLERING_MANADER
        }
    if m := re.fullmatch(r"fyller_(\d+)", code):
        return gettext("Fyller %(n)d år") % {"n": int(m[1])}
    if m := re.fullmatch(r"manader_(\d+)", code):
        n = int(m[1])
        return ngettext("%(n)d månad sedan mottagandet", "%(n)d månader sedan mottagandet", n) % {
            "n": n
        }
    if "handelse" not in LABELS:
        _choices()
    events = LABELS["handelse"]
    if code in events:
        return str(events[code])
    ended = code.removesuffix("_slut")
    if ended != code and ended in events:
        return gettext("%(handelse)s upphör") % {"handelse": events[ended]}
    kod = kommun()
    if kod:
        try:
            frist = next((f for f in load_profile(kod).frister if f.id == code), None)
        except InputError:
            frist = None
        if frist is not None:
            return gettext("%(vad)s (inom %(dagar)d dagar)") % {
                "vad": frist.beskrivning_en,
                "dagar": frist.dagar,
            }
    return swedish


#: Why the tables do not answer for a person (rules.api `_utanfor`), by legal status: a person
#: who has returned, or one who lives in another municipality.
OUTSIDE_TEXTS: dict[str, Promise] = {
    "atervant": _(
        "Personen har återvänt. Kommunens och statens ansvar enligt tabellerna har upphört."
    ),
    "": _(
        "Personen bor inte i kommunen (utflyttad, eller anvisad eller mottagen i en annan "
        "kommun). Ansvaret ligger hos den kommun där personen bor."
    ),
}


def outside_text(result: dict[str, Any]) -> str:
    """Why the municipality's tables do not answer for the person, in the page's language."""
    swedish = str((result.get("utanfor_kommunens_ansvar") or {}).get("orsak") or "")
    if not swedish or not _english():
        return swedish
    status = (result.get("tillstand") or {}).get("rattslig_status")
    return str(OUTSIDE_TEXTS["atervant" if status == "atervant" else ""])
