"""Schemas of the YAML data: national table, municipality profiles and the law list.

pydantic with `extra="forbid"` everywhere, so a misplaced or misspelt key fails loudly with
its path instead of silently meaning nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from mottagning.rules.codes import ARBETE, BOENDEFORM, FAS, HUVUDMAN, OMRADE, RATTSLIG_STATUS

Status = Literal[
    "asylsokande", "put", "tut", "tut_utgangen", "tillstandssokande", "avslag", "atervant"
]
Boende = Literal["migrationsverket", "ebo", "anvisad", "hvb", "stodboende", "familjehem"]
Fas = Literal["asyltid", "vantar_bosattning", "etableringstid", "efter_etablering"]
Omrade = Literal[
    "boende",
    "forsorjning",
    "skola",
    "sfi",
    "samhallsorientering",
    "etablering",
    "barn_och_unga",
    "halsa",
]
Huvudman = Literal[
    "kommun",
    "migrationsverket",
    "arbetsformedlingen",
    "forsakringskassan",
    "region",
    "lansstyrelsen",
]
Arbete = Literal["myndighetsutovning", "utforare"]

# The Literals above must say the same as the vocabularies the arrays are indexed by.
assert Status.__args__ == RATTSLIG_STATUS  # type: ignore[attr-defined]
assert Boende.__args__ == BOENDEFORM  # type: ignore[attr-defined]
assert Fas.__args__ == FAS  # type: ignore[attr-defined]
assert Omrade.__args__ == OMRADE  # type: ignore[attr-defined]
assert Huvudman.__args__ == HUVUDMAN  # type: ignore[attr-defined]
assert Arbete.__args__ == ARBETE  # type: ignore[attr-defined]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Villkor(Strict):
    """Inputs a row matches. Absent = any value. Ranges are [från, till): till is exclusive."""

    status: list[Status] | None = None
    ensamkommande: bool | None = None
    boendeform: list[Boende] | None = None
    fas: list[Fas] | None = None
    alder: tuple[int | None, int | None] | None = None
    manader: tuple[int | None, int | None] | None = None
    gymnasiestudier: bool | None = None
    nyanland: bool | None = None
    # An active placement on the date rests on LVU (care without consent; LVU 1 §, 21 §).
    lvu: bool | None = None

    @field_validator("alder", "manader")
    @classmethod
    def _range(
        cls, v: tuple[int | None, int | None] | None
    ) -> tuple[int | None, int | None] | None:
        if v is not None:
            lo, hi = v
            if lo is not None and lo < 0:
                raise ValueError("ett intervall börjar på 0 eller senare")
            if lo is not None and hi is not None and hi <= lo:
                raise ValueError(f"intervallet [{lo}, {hi}) är tomt: till ska vara större än från")
        return v


class Giltighet(Strict):
    giltig_fran: dt.date | None = None
    giltig_till: dt.date | None = None

    @model_validator(mode="after")
    def _order(self) -> Giltighet:
        if self.giltig_fran and self.giltig_till and self.giltig_till < self.giltig_fran:
            raise ValueError("giltig_till ligger före giltig_fran")
        return self


class NationellRad(Giltighet):
    id: str
    omrade: list[Omrade] = Field(min_length=1)
    om: Villkor = Villkor()
    # None = "inget ansvar": no actor is responsible in this area for this state, and why.
    huvudman: Huvudman | None
    arbete: Arbete | None = None
    beskrivning: str
    # The same text in English, for the web interface in English; the CLI and API say
    # `beskrivning` only.
    beskrivning_en: str
    lagar: list[str] = Field(default_factory=list)
    kalla: str
    prioritet: int = 0
    # A reading of the law where the seeds are silent, shown with the answer.
    anmarkning: str | None = None

    @model_validator(mode="after")
    def _ingen(self) -> NationellRad:
        if self.huvudman is None and self.arbete is not None:
            raise ValueError("en rad utan huvudman (inget ansvar) har inget arbete")
        if self.huvudman is not None and self.huvudman != "kommun" and self.arbete is None:
            raise ValueError("en statlig rad anger arbete: myndighetsutovning eller utforare")
        return self


class Lag(Strict):
    namn: str
    sfs: str | None = None
    # Day the law entered into force. Given for laws that began within the period the tables
    # describe; a row citing the law may not be valid before it (checked on load).
    i_kraft: dt.date | None = None


class NationellTabell(Strict):
    beskrivning: str
    traffpolicy: str
    lagar: dict[str, Lag]
    rader: list[NationellRad]


class Namnd(Strict):
    id: str
    namn: str
    forvaltning: str | None = None
    kalla: str


class Enhet(Strict):
    id: str
    namn: str
    namnd: str
    kalla: str
    anmarkning: str | None = None


class Roll(Strict):
    id: str
    namn: str
    enhet: str
    uppgifter: list[str]
    kalla: str


class ProfilRad(Giltighet):
    id: str
    omrade: list[Omrade] = Field(min_length=1)
    om: Villkor = Villkor()
    enhet: str
    # The committee, when it is not the unit's own (an organisation change moves a unit).
    namnd: str | None = None
    arbete: Arbete
    # For myndighetsutövning rows: who carries out the decision when no utförare row names a
    # unit of ours (a bought place, a family home, another organisation).
    utforare: str | None = None
    beskrivning: str
    beskrivning_en: str
    lagar: list[str] = Field(default_factory=list)
    kalla: str
    prioritet: int = 0
    # Work the municipality does without a legal duty (002 §1.3 prints these in brackets).
    frivillig: bool = False
    anmarkning: str | None = None


class NyanlandDef(Strict):
    definition: Literal[
        "forsta_tva_aren",
        "har_uppehallstillstand",
        "put_fran_anlaggningsboende",
        "forsta_tva_aren_utom_ensamkommande_barn",
    ]
    text: str
    kalla: str


class EtableringDef(Strict):
    fran: Literal["mottagande", "uppehallstillstand"]
    text: str
    kalla: str


class Begrepp(Strict):
    term: str
    text: str
    kalla: str


class Frist(Strict):
    """A deadline the municipality sets itself, counted in days from a dated event.

    Only data here: the case layer turns it into a date on the worklist. `om` limits it to
    persons whose state matches (the same conditions as a row).
    """

    id: str
    beskrivning: str
    beskrivning_en: str
    fran: Literal["mottagande", "anvisning", "uppehallstillstand"]
    dagar: int = Field(gt=0)
    enhet: str
    kalla: str
    om: Villkor | None = None
    # The first day of the counted-from event the frist applies to (e.g. from when the unit
    # that does the work exists); earlier events give no deadline.
    giltig_fran: dt.date | None = None


class Profil(Strict):
    kod: str
    namn: str
    lan: str
    kalla: str
    nyanland: NyanlandDef
    etableringsperiod: EtableringDef
    namnder: list[Namnd]
    enheter: list[Enhet]
    roller: list[Roll] = Field(default_factory=list)
    begrepp: list[Begrepp] = Field(default_factory=list)
    regler: list[ProfilRad]
    frister: list[Frist] = Field(default_factory=list)
