"""The economy's vocabularies as the Django app shows them. The codes are the rules core's
(rules.codes.ERSATTNINGSTYP and KOSTNADSTYP); which types need an application, under which
paragraph and by when, is the engine's (rules.compensation.RULES). Here: labels, and the
attachments a source asks for with each claim.

Interpreter costs (`tolk`) are recorded for the ledger only: the schablon covers
interpretation (2010:1122 10 §, domain-facts §1.1), so they have no claim of their own.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mottagning.rules.codes import ERSATTNINGSTYP, KOSTNADSTYP
from mottagning.rules.compensation import RULES

TOLK = "tolk"

TYPE_LABELS: dict[str, Promise] = {
    "schablon": _("Schablonersättning"),
    "initiala_kostnader": _("Initiala kostnader för ekonomiskt bistånd"),
    "ekb_engang": _("Engångsbelopp för ensamkommande barn"),
    "ekb_dygn": _("Dygnsersättning för ensamkommande barn"),
    "ekb_dygn_18_20": _("Dygnsersättning för ensamkommande unga 18–20 år"),
    "ekb_plats": _("Platsersättning för ensamkommande barn (före 2017-07-01)"),
    "skola_asyl": _("Skolersättning för asylsökande barn"),
    "ekonomiskt_bistand_asyl": _("Ekonomiskt bistånd till asylsökande"),
    "ekonomiskt_bistand": _("Ekonomiskt bistånd till nyanlända"),
    "forsorjningsstod_18_20": _("Försörjningsstöd 18–20 år i gymnasieskola"),
    "lvu_placering": _("Vård enligt LVU, faktisk kostnad"),
    "sol_placering": _("Vård enligt SoL med motsvarande vårdbehov, faktisk kostnad"),
    "grundersattning": _("Grundersättning"),
}
assert set(TYPE_LABELS) == set(ERSATTNINGSTYP)

COST_KINDS = [(code, TYPE_LABELS[code]) for code in KOSTNADSTYP] + [(TOLK, _("Tolk"))]
PLACEMENT_KINDS = ("lvu_placering", "sol_placering")

# The types for which a claim is made: those with a rule that needs an application.
CLAIM_TYPES = tuple(
    t for t in ERSATTNINGSTYP if any(r.typ == t and r.ansokan for r in RULES.values())
)
CLAIM_TYPE_CHOICES = [(t, TYPE_LABELS[t]) for t in CLAIM_TYPES]
TYPE_CHOICES = [(t, TYPE_LABELS[t]) for t in ERSATTNINGSTYP]

_COST_SPEC = (
    _("Specifikation av de faktiska kostnaderna per person och period"),
    "domain-facts §1.4–§1.6: faktiska kostnader ersätts efter ansökan",
)
# What a source says must go with each claim; a type without a listed source has only the
# claim's own lines (the specification this app prints).
ATTACHMENTS: dict[str, tuple[tuple[Promise, str], ...]] = {
    "ekonomiskt_bistand_asyl": (_COST_SPEC,),
    "ekonomiskt_bistand": (_COST_SPEC,),
    "forsorjningsstod_18_20": (
        _COST_SPEC,
        (
            _("Intyg om studier i gymnasieskola"),
            "domain-facts §1.4: villkoret studier i gymnasieskola (2010:1122 20 §)",
        ),
    ),
    "lvu_placering": (
        _COST_SPEC,
        (_("Beslut om vård enligt LVU"), "domain-facts §1.6: LVU-placeringar"),
    ),
    "sol_placering": (
        _COST_SPEC,
        (
            _("SoL-beslut som visar motsvarande vårdbehov"),
            "domain-facts §1.6: SoL-placeringar med motsvarande vårdbehov",
        ),
    ),
    "skola_asyl": (
        (
            _("Uppgift om skolform och inskrivningsperioder per barn"),
            "domain-facts §1.7; 2017:193 4 §: en tiondel per påbörjad fyraveckorsperiod",
        ),
    ),
    "ekb_plats": (),
}


def label(typ: str) -> str:
    return str(TYPE_LABELS.get(typ, typ))
