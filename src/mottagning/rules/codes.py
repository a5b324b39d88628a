"""The vocabulary of the rules: codes that appear in JSON, YAML and numpy arrays.

Each enumeration is a tuple of Swedish codes; a code's position is its integer value in
the arrays the engine evaluates. Order is part of the contract of compiled tables, so new
codes are appended, never inserted.
"""

from __future__ import annotations

from typing import Final

# Rättslig status on a date. `tut_utgangen`: a TUT whose giltigt_till has passed with no new
# application; `tillstandssokande`: has had a TUT, applied again and may stay meanwhile
# (001 §3.1, footnote to the table). `atervant` ends the municipality's responsibility.
RATTSLIG_STATUS: Final = (
    "asylsokande",
    "put",
    "tut",
    "tut_utgangen",
    "tillstandssokande",
    "avslag",
    "atervant",
)

# Boendeform. `migrationsverket`: anläggningsboende; `ebo`: eget boende (001 §1);
# `anvisad`: kommunplacerad after anvisning (001 §1 "Kommunplacering"); the three placement
# forms are socialtjänstens (SoL 6 kap., LVU).
BOENDEFORM: Final = (
    "migrationsverket",
    "ebo",
    "anvisad",
    "hvb",
    "stodboende",
    "familjehem",
)

# Fas: asyltid; väntan på bosättning (permit granted, not yet received in a municipality);
# etableringstid = the 24 months from reception (2010:1122 10 §, 2017:584); efter etablering.
FAS: Final = ("asyltid", "vantar_bosattning", "etableringstid", "efter_etablering")

OMRADE: Final = (
    "boende",
    "forsorjning",
    "skola",
    "sfi",
    "samhallsorientering",
    "etablering",
    "barn_och_unga",
    "halsa",
)

HUVUDMAN: Final = (
    "kommun",
    "migrationsverket",
    "arbetsformedlingen",
    "forsakringskassan",
    "region",
    "lansstyrelsen",
)

ARBETE: Final = ("myndighetsutovning", "utforare")

PLACERINGSFORM: Final = ("hvb", "stodboende", "familjehem")

TILLSTAND: Final = ("PUT", "TUT")

# Legal ground of a placering: SoL 6 kap. (with consent; the default) or LVU (care without
# consent). After 18 it decides whether an asylum-seeking ensamkommande stays placed (001 §3.1.1).
PLACERINGSGRUND: Final = ("SoL", "LVU")

HANDELSETYPER: Final = (
    "asylansokan",
    "anvisning",
    "mottagande",
    "eget_boende",
    "uppehallstillstand",
    "avslag",
    "tillstandsansokan",
    "atervandande",
    "aldersbedomning",
    "placering",
    "gymnasiestudier",
    "utflyttning",
)


def code(vocabulary: tuple[str, ...], value: str) -> int:
    """Integer code of `value`; ValueError (caught by callers that know the place) if unknown."""
    return vocabulary.index(value)
