"""Deadlines for mapping and sfi that come from a municipality's own documents or from the
Education Act, read from `frister.yaml` (the one place these numbers live until the profiles
or `rules/parameters/` hold them). Date arithmetic is the rules core's (`add_months`)."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from mottagning.rules.events import add_months

FILE = Path(__file__).with_name("frister.yaml")
KINDS = ("kartlaggning", "pedagogisk_kartlaggning", "sfi_start")
ALL_MUNICIPALITIES = "alla"


@dataclass(frozen=True)
class Rule:
    kind: str
    kommun: str  # a municipality code, or "alla" for a national rule
    dagar: int | None
    manader: int | None
    fran_handelse: str
    galler_fran: dt.date
    kalla: str
    enhet: str | None = None  # the profile's unit id that does the work, where the seed names it

    def due(self, start: dt.date) -> dt.date:
        if self.manader is not None:
            return add_months(start, self.manader)
        assert self.dagar is not None  # checked when the file is read
        return start + dt.timedelta(days=self.dagar)

    def applies(self, start: dt.date) -> bool:
        return start >= self.galler_fran


def _rule(kind: str, kommun: str, data: dict[str, object]) -> Rule:
    allowed = {"dagar", "manader", "fran_handelse", "galler_fran", "kalla", "enhet"}
    unknown = set(data) - allowed
    where = f"{FILE.name}: {kind}.{kommun}"
    if unknown:
        raise ValueError(f"{where}: okänd nyckel {', '.join(sorted(unknown))}")
    dagar, manader = data.get("dagar"), data.get("manader")
    if (dagar is None) == (manader is None):
        raise ValueError(f"{where}: ange antingen dagar eller manader")
    for value in (dagar, manader):
        if value is not None and (not isinstance(value, int) or value <= 0):
            raise ValueError(f"{where}: fristen ska vara ett positivt heltal")
    galler_fran = data.get("galler_fran")
    if not isinstance(galler_fran, dt.date):
        raise ValueError(f"{where}: galler_fran ska vara ett datum ÅÅÅÅ-MM-DD")
    kalla, start = data.get("kalla"), data.get("fran_handelse")
    if not isinstance(kalla, str) or not kalla or not isinstance(start, str):
        raise ValueError(f"{where}: kalla och fran_handelse krävs")
    enhet = data.get("enhet")
    return Rule(
        kind=kind,
        kommun=kommun,
        dagar=dagar if isinstance(dagar, int) else None,
        manader=manader if isinstance(manader, int) else None,
        fran_handelse=start,
        galler_fran=galler_fran,
        kalla=kalla,
        enhet=enhet if isinstance(enhet, str) else None,
    )


@functools.cache
def rules() -> dict[tuple[str, str], Rule]:
    raw = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    found: dict[tuple[str, str], Rule] = {}
    for kind, per_kommun in raw.items():
        if kind not in KINDS:
            raise ValueError(f"{FILE.name}: okänd frist {kind}; kända: {', '.join(KINDS)}")
        for kommun, data in per_kommun.items():
            found[(kind, kommun)] = _rule(kind, kommun, data)
    return found


def rule_for(kind: str, kommun: str) -> Rule | None:
    """The municipality's own rule for `kind`, else the national one, else None (no deadline:
    we do not invent one where neither the municipality nor the law sets it). A deadline the
    municipality's profile holds (`frister`, read by the rules core too) comes from there."""
    from mottagning.rules.profile import load_profile

    for f in load_profile(kommun).frister:
        if f.id == kind:
            return Rule(
                kind=kind,
                kommun=kommun,
                dagar=f.dagar,
                manader=None,
                fran_handelse=f.fran,
                galler_fran=f.giltig_fran or dt.date.min,
                kalla=f.kalla,
                enhet=f.enhet,
            )
    table = rules()
    return table.get((kind, kommun)) or table.get((kind, ALL_MUNICIPALITIES))
