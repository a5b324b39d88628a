"""The matching app's vocabularies and number checks, once, without Django.

Each vocabulary is a tuple of codes with its source; the Swedish labels, translated, are in
matching.labels. Levels are ordered: a person meets a requirement when their level's
position is at least the requirement's.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Final

import yaml
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr

# Swedish language, lowest first: the four sfi courses (Skolverket's kursplan for sfi, SKOLFS
# 2017:91, kurs A–D), then svenska som andraspråk in kommunal vuxenutbildning (skollagen
# 2010:800 20 kap.), then Swedish as a first or fluent language.
SVENSKA: Final = (
    "ingen",
    "sfi_a",
    "sfi_b",
    "sfi_c",
    "sfi_d",
    "sva_grund",
    "sva_gymnasial",
    "flytande",
)

# Highest completed education, by SCB's levels of education (SUN 2020, utbildningsnivå).
UTBILDNING: Final = (
    "ingen",
    "forgymnasial",
    "gymnasial",
    "eftergymnasial",
)

# Driving licence classes, körkortslagen (1998:488) 2 kap. 2 §. A licence for a heavier class
# is not assumed to include B here: the requirement names the class the employer needs.
KORKORT: Final = (
    "AM",
    "A1",
    "A2",
    "A",
    "B",
    "BE",
    "C1",
    "C1E",
    "C",
    "CE",
    "D1",
    "D1E",
    "D",
    "DE",
)

# What a volunteer offers (Östersund's vägvisare and vän/språkvän, 003 "Integrationsfrämjande
# insatser"; Vingåker's språkcafé and språkvän, 002 §3.1; läxhjälp, issue 14).
VOLONTARINSATSER: Final = (
    "van",
    "vagvisare",
    "laxhjalp",
)

# How an internship ended (issue 14): in work, in studies, or the search goes on.
PRAKTIK_UTFALL: Final = (
    "arbete",
    "studier",
    "fortsatt_sokande",
)

# The grant process for integration projects (Ekerö's support to associations, 004 "Kultur-
# och fritid"): the states and which move to which. matching.services enforces it.
BIDRAG_STATUS: Final = (
    "ansokt",
    "beviljat",
    "avslaget",
    "utbetalt",
    "aterrapporterat",
)
BIDRAG_OVERGANGAR: Final[dict[str, tuple[str, ...]]] = {
    "ansokt": ("beviljat", "avslaget"),
    "beviljat": ("utbetalt",),
    "utbetalt": ("aterrapporterat",),
    "avslaget": (),
    "aterrapporterat": (),
}

# Purposes a grant can be given for, from the seeds' integration efforts: meeting places
# (004 "Kultur- och fritid", 003 "Integrationsfrämjande insatser"), Swedish practice
# (språkcafé, studiecirklar: 002 §1.3), sport and leisure (004), parent groups (003).
BIDRAG_SYFTE: Final = (
    "motesplats",
    "sprak",
    "fritid",
    "foraldrastod",
    "samhallsinformation",
    "annat",
)

# How a volunteer and a person met; deliberately no free text (matching.models.Traff).
TRAFF_SLAG: Final = (
    "fysiskt",
    "telefon",
    "aktivitet",
)

# What a person consents to: being matched with a volunteer (issue 14, item 2).
SAMTYCKE_ANDAMAL: Final = ("volontar",)

# An extract from the criminal-records register for work with children is accepted for one
# year from its date (Polismyndigheten, "Utdrag för arbete med barn"; the same year as
# skollagen 2010:800 2 kap. 31 §).
BELASTNINGSREGISTER_GILTIGT_DAGAR: Final = 365

_SSYK = re.compile(r"^[0-9]{1,4}$")


def level(vocabulary: tuple[str, ...], code: str) -> int:
    """The position of `code` in an ordered vocabulary; ValueError for an unknown code."""
    return vocabulary.index(code)


@cache
def _ssyk() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = yaml.safe_load(
        (Path(__file__).with_name("ssyk2012.yaml")).read_text(encoding="utf-8")
    )
    return data


def ssyk_error(code: str) -> str | None:
    """None for a well-formed SSYK 2012 code (1–4 digits: major group to unit group); else
    the reason, in Swedish."""
    if not _SSYK.match(code):
        return f"SSYK-koden {code!r} ska vara en till fyra siffror, till exempel 5120 (SCB, SSYK 2012)."
    return None


def ssyk_name(code: str) -> str:
    """SCB's name for the code when the list has it, else the major group's name."""
    data = _ssyk()
    return data["yrken"].get(code) or data["yrkesomraden"].get(code[:1], "")


def ssyk_known() -> dict[str, str]:
    return dict(_ssyk()["yrken"])


def orgnr_error(number: str) -> str | None:
    """None for a valid Swedish organisation number, else the reason in Swedish.

    python-stdnum checks the form and the Luhn digit (stdnum.se.orgnr); Skatteverket's rule
    that the third digit is at least 2 (SKV 709, "Organisationsnummer": the "month" is 20 or
    more, so that it never is a personnummer) is checked here."""
    try:
        digits = orgnr.validate(number)
    except StdnumError:
        return (
            f"Organisationsnumret {number!r} är inte giltigt: skriv tio siffror, till exempel "
            "802012-3454, och kontrollera den sista siffran."
        )
    if int(digits[2]) < 2:
        return (
            f"Organisationsnumret {number!r} liknar ett personnummer (tredje siffran är "
            "lägre än 2). Enskilda firmor registreras inte här; kontrollera numret."
        )
    return None


def orgnr_format(number: str) -> str:
    digits = orgnr.compact(number)
    return f"{digits[:6]}-{digits[6:]}"


def ssyk_split(text: str) -> list[str]:
    """SSYK codes written with commas or spaces between them."""
    return [c for c in re.split(r"[\s,;]+", text.strip()) if c]


def korkort_parse(text: str) -> frozenset[str]:
    """The licence classes named in the mapping's free text (plans.Kartlaggning.korkort, e.g.
    "B", "B, CE" or "saknas"): every word that is a class of körkortslagen."""
    words = re.split(r"[\s,;/]+", text.upper())
    return frozenset(w for w in words if w in KORKORT)
