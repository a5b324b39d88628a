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
    # Enrolment of an asylum-seeking child in förskola or school (2017:193 4 §): what the
    # school compensation is counted from; `form` carries the SKOLFORM code.
    "skolgang",
)

# School forms the school compensation for asylum-seeking children distinguishes (2017:193 4 §;
# domain-facts §1.7). Each names a child of parameters/skolersattning_asylsokande.yaml.
SKOLFORM: Final = ("forskola", "forskoleklass", "grundskola", "gymnasieskola")

# Compensation types of rules.compensation (docs/compensation.md), in the order items list.
ERSATTNINGSTYP: Final = (
    "schablon",
    "initiala_kostnader",
    "ekb_engang",
    "ekb_dygn",
    "ekb_dygn_18_20",
    "ekb_plats",
    "skola_asyl",
    "ekonomiskt_bistand_asyl",
    "ekonomiskt_bistand",
    "forsorjningsstod_18_20",
    "lvu_placering",
    "sol_placering",
    # The municipality's own, not a person's (compensation.grundersattning, for the ledger).
    "grundersattning",
)

# The actual-cost types: the municipality enters what it paid; the engine says what of it can
# be claimed, under which paragraph and by when. A subset of ERSATTNINGSTYP, same names.
KOSTNADSTYP: Final = (
    "ekonomiskt_bistand_asyl",
    "ekonomiskt_bistand",
    "forsorjningsstod_18_20",
    "lvu_placering",
    "sol_placering",
)

# Unit of an item's count: days, started four-week periods, persons, one-off amounts.
ENHET: Final = ("dygn", "period", "person", "engang")


def code(vocabulary: tuple[str, ...], value: str) -> int:
    """Integer code of `value`; ValueError (caught by callers that know the place) if unknown."""
    return vocabulary.index(value)
