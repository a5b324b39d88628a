"""The kinds of actual cost and the claims for actual costs they are reclaimed through, each
with its source, the deadline parameter and the attachments a source asks for.

Actual costs are reclaimed from Migrationsverket after application, per quarter in arrears
(../shared/reference/domain-facts.md §1.4–§1.6). Interpreter costs are recorded for the ledger
but have no claim of their own: the schablon covers interpretation (2010:1122 10 §, §1.1).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Kinds of cost (Kostnad.slag).
EKONOMISKT_BISTAND = "ekonomiskt_bistand"
FORSORJNINGSSTOD_18_20 = "forsorjningsstod_18_20"
PLACERING = "placering"
TOLK = "tolk"
COST_KINDS = [
    (EKONOMISKT_BISTAND, _("Ekonomiskt bistånd till asylsökande")),
    (FORSORJNINGSSTOD_18_20, _("Försörjningsstöd 18–20 år i gymnasieskola")),
    (PLACERING, _("Placering (faktura)")),
    (TOLK, _("Tolk")),
]

# Claims for actual costs (Ansokan.typ).
EKONOMISKT_BISTAND_ASYL = "ekonomiskt_bistand_asyl"
FORSORJNINGSSTOD_20 = "forsorjningsstod_20"
VARD_ANNAT_HEM = "vard_annat_hem"


@dataclass(frozen=True)
class ClaimType:
    code: str
    label: Promise
    cost_kinds: tuple[str, ...]
    forfattning: str
    kalla: str
    # Months after the quarter's end (rules/parameters/ansokningstid.yaml); None where no
    # source gives the deadline: shown as unknown, never guessed.
    deadline_parameter: str | None
    attachments: tuple[tuple[Promise, str], ...]
    # Placements registered in the placements app feed this type (issue #11).
    from_placements: bool = False


CLAIM_TYPES: dict[str, ClaimType] = {
    t.code: t
    for t in (
        ClaimType(
            code=EKONOMISKT_BISTAND_ASYL,
            label=_("Ekonomiskt bistånd till asylsökande"),
            cost_kinds=(EKONOMISKT_BISTAND,),
            forfattning="2017:193",
            kalla="domain-facts §1.5 (2017:193 19 §)",
            deadline_parameter="ansokningstid.asylsokande",
            attachments=(
                (
                    _("Specifikation av utbetalt bistånd per person och period"),
                    "domain-facts §1.5: ersättning efter ansökan, kvartalsvis i efterskott",
                ),
            ),
        ),
        ClaimType(
            code=FORSORJNINGSSTOD_20,
            label=_("Försörjningsstöd 18–20 år i gymnasieskola"),
            cost_kinds=(FORSORJNINGSSTOD_18_20,),
            forfattning="2010:1122 20 §",
            kalla="domain-facts §1.4 (SFS 2010:1441)",
            deadline_parameter=None,
            attachments=(
                (
                    _("Specifikation av utbetalt försörjningsstöd per person och månad"),
                    "domain-facts §1.4: 2010:1122 20 §",
                ),
                (
                    _("Intyg om studier i gymnasieskola"),
                    "domain-facts §1.4: villkoret studier i gymnasieskola (2010:1122 20 §)",
                ),
            ),
        ),
        ClaimType(
            code=VARD_ANNAT_HEM,
            label=_("Vård i annat hem än det egna (SoL/LVU), faktisk kostnad"),
            cost_kinds=(PLACERING,),
            forfattning="2010:1122 29 §; 2017:193",
            kalla="domain-facts §1.6 (Migrationsverket, frågor och svar) och §1.4 (29 §)",
            deadline_parameter="ansokningstid.ekb_vard",
            attachments=(
                (
                    _("Fakturor eller kostnadsunderlag per placering och period"),
                    "domain-facts §1.6: faktiska kostnader efter ansökan",
                ),
                (
                    _(
                        "Beslut om vård enligt LVU, eller SoL-beslut som visar motsvarande vårdbehov"
                    ),
                    "domain-facts §1.6: LVU-placeringar eller SoL-placeringar med motsvarande vårdbehov",
                ),
            ),
            from_placements=True,
        ),
    )
}
CLAIM_TYPE_CHOICES = [(t.code, t.label) for t in CLAIM_TYPES.values()]


def claim_type_for_cost(kind: str) -> ClaimType | None:
    for claim_type in CLAIM_TYPES.values():
        if kind in claim_type.cost_kinds:
            return claim_type
    return None
