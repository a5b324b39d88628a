"""Organisational alternatives on the seeds' four perspectives (issue 4 item 4; 001 §5).

An organisation is units with tasks; a task serves one need (behov) for one target group
(målgrupp) with staff per competence. An alternative moves tasks between units. It is
compared with today on:

* **kostnad** – an HVB for unaccompanied children cut off from the HVB for other placed
  children becomes a separate HVB with a fixed staff cost (`planning.boende`), and moved
  fractions of positions cost more if rounded up to whole positions;
* **arbetsmiljö** – fractional positions created, competence groups with no one to cover
  an absence (under two årsarbetare), groups under a minimum size, staff per competence;
* **kvalitet** – a specialist competence spread over more administrations;
* **likabehandling** – the same need handled by two administrations for different groups.

Where a unit also serves other residents and the seed does not say with how many staff
(`personal: okänd`), the competence group is larger than the known share: it is not counted
as fractional or small. That is the seeds' own argument: the shares are small only once they
are cut out of the unit that holds them today.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, model_validator

from mottagning.planning import boende
from mottagning.planning.errors import PlaneringsFel
from mottagning.planning.prognos import Arsvarde, arsserie
from mottagning.planning.underlag import Intervall, Strikt, fmt_tal, las_data, validera
from mottagning.rules.params import ParameterSet

Malgrupp = Literal["asylsokande", "nyanlanda", "ekb", "ovriga"]


class UppgiftIn(Strikt):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    namn: str
    behov: str
    malgrupp: Malgrupp
    personal: dict[str, Arsvarde | Literal["okänd"]]
    hvb_platser: Arsvarde | None = None


class EnhetOrg(Strikt):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    namn: str
    forvaltning: str
    uppgifter: list[UppgiftIn] = Field(default_factory=list)


class NyEnhet(Strikt):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    namn: str
    forvaltning: str


class Flytt(Strikt):
    fran: str
    till: str
    malgrupper: list[Malgrupp] = Field(default_factory=list)
    uppgifter: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _vad(self) -> Flytt:
        if not self.malgrupper and not self.uppgifter:
            raise ValueError("ange malgrupper eller uppgifter som ska flyttas")
        return self


class AlternativIn(Strikt):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    namn: str
    kalla: str = ""
    nya_enheter: list[NyEnhet] = Field(default_factory=list)
    flytta: list[Flytt] = Field(min_length=1)
    slutsats_i_kallan: str = ""


class Kostnadsvarde(Strikt):
    varde: Decimal
    kalla: str


class OrganisationIn(Strikt):
    kalla: str
    ar: list[int] = Field(min_length=1)
    kostnad_per_arsarbetare_tkr: Kostnadsvarde
    enheter: list[EnhetOrg] = Field(min_length=1)
    alternativ: list[AlternativIn] = Field(default_factory=list)


def las_organisation(kommun_eller_fil: str) -> OrganisationIn:
    data, namn = las_data(kommun_eller_fil, "organisation")
    org = validera(OrganisationIn, data, namn)
    for alt in org.alternativ:
        tillampa(org, alt, f"{namn}.alternativ.{alt.id}")
    return org


def las_alternativ(org: OrganisationIn, namn_eller_fil: str) -> AlternativIn:
    for alt in org.alternativ:
        if alt.id == namn_eller_fil:
            return alt
    if not namn_eller_fil.endswith((".yaml", ".yml")):
        kanda = ", ".join(a.id for a in org.alternativ) or "inga"
        raise PlaneringsFel(
            "--alternativ",
            f"okänt alternativ '{namn_eller_fil}'; kända: {kanda}, eller en YAML-fil",
        )
    data, namn = las_data(namn_eller_fil, "alternativ", "--alternativ")
    return validera(AlternativIn, data, namn)


# --- applying an alternative ---------------------------------------------------------------


@dataclass
class Organisation:
    enheter: dict[str, tuple[str, str]]  # id → (namn, förvaltning)
    uppgifter: dict[str, list[UppgiftIn]]  # unit id → tasks


def idag(org: OrganisationIn) -> Organisation:
    return Organisation(
        enheter={e.id: (e.namn, e.forvaltning) for e in org.enheter},
        uppgifter={e.id: list(e.uppgifter) for e in org.enheter},
    )


def tillampa(org: OrganisationIn, alt: AlternativIn, falt: str = "alternativ") -> Organisation:
    """Today's organisation with the alternative's moves made; bad references are errors."""
    o = idag(org)
    for i, ny in enumerate(alt.nya_enheter):
        if ny.id in o.enheter:
            raise PlaneringsFel(f"{falt}.nya_enheter[{i}].id", f"enheten '{ny.id}' finns redan")
        o.enheter[ny.id] = (ny.namn, ny.forvaltning)
        o.uppgifter[ny.id] = []
    kanda = ", ".join(o.enheter)
    for i, flytt in enumerate(alt.flytta):
        for key, unit in (("fran", flytt.fran), ("till", flytt.till)):
            if unit not in o.enheter:
                raise PlaneringsFel(
                    f"{falt}.flytta[{i}].{key}", f"okänd enhet '{unit}'; kända: {kanda}"
                )
        if flytt.fran == flytt.till:
            raise PlaneringsFel(f"{falt}.flytta[{i}]", "fran och till är samma enhet")
        ids = {u.id for u in o.uppgifter[flytt.fran]}
        for uid in flytt.uppgifter:
            if uid not in ids:
                raise PlaneringsFel(
                    f"{falt}.flytta[{i}].uppgifter",
                    f"'{uid}' finns inte i {flytt.fran} (finns: {', '.join(sorted(ids))})",
                )
        moved = [
            u
            for u in o.uppgifter[flytt.fran]
            if u.malgrupp in flytt.malgrupper or u.id in flytt.uppgifter
        ]
        if not moved:
            raise PlaneringsFel(
                f"{falt}.flytta[{i}]",
                f"inget i {flytt.fran} matchar målgrupperna eller uppgifterna",
            )
        o.uppgifter[flytt.fran] = [u for u in o.uppgifter[flytt.fran] if u not in moved]
        o.uppgifter[flytt.till] = [*o.uppgifter[flytt.till], *moved]
    return o


# --- measuring an organisation -------------------------------------------------------------


@dataclass(frozen=True)
class Grupp:
    enhet: str
    forvaltning: str
    kompetens: str
    arsarbetare: Decimal
    oppen: bool  # the unit also serves others with staff the seed does not count


def grupper(o: Organisation, ar: int) -> list[Grupp]:
    out = []
    for uid, tasks in o.uppgifter.items():
        namn, forv = o.enheter[uid]
        fte: dict[str, Decimal] = {}
        oppen: dict[str, bool] = {}
        for t in tasks:
            for komp, value in t.personal.items():
                fte.setdefault(komp, Decimal(0))
                if value == "okänd":
                    oppen[komp] = True
                    continue
                fte[komp] += arsserie(value, [ar], f"{uid}.{t.id}.personal.{komp}")[0].mitt
        for komp, v in fte.items():
            out.append(Grupp(namn, forv, komp, v, oppen.get(komp, False)))
    return out


def _parallella(o: Organisation) -> dict[str, list[str]]:
    """Need → administrations that handle it (for some target group)."""
    where: dict[str, set[str]] = {}
    for uid, tasks in o.uppgifter.items():
        for t in tasks:
            where.setdefault(t.behov, set()).add(o.enheter[uid][1])
    return {b: sorted(f) for b, f in sorted(where.items()) if len(f) > 1}


def _spridd(gs: list[Grupp]) -> dict[str, list[str]]:
    """Competence → 'förvaltning (årsarbetare)' where it sits in more than one."""
    where: dict[str, dict[str, tuple[Decimal, bool]]] = {}
    for g in gs:
        fte, oppen = where.setdefault(g.kompetens, {}).get(g.forvaltning, (Decimal(0), False))
        where[g.kompetens][g.forvaltning] = (fte + g.arsarbetare, oppen or g.oppen)
    out: dict[str, list[str]] = {}
    for k, forv in sorted(where.items()):
        if len(forv) < 2:
            continue
        parts = []
        for f, (v, o) in sorted(forv.items()):
            known = fmt_tal(v)
            amount = (f"{known} + okänt antal" if v else "okänt antal") if o else known
            parts.append(f"{f} ({amount})")
        out[k] = parts
    return out


def _hvb(o: Organisation, ar: int) -> tuple[Intervall, bool] | None:
    """EKB HVB places that year, and whether they share a unit with other placed children."""
    for uid, tasks in o.uppgifter.items():
        for t in tasks:
            if t.behov == "hvb" and t.malgrupp == "ekb" and t.hvb_platser is not None:
                platser = arsserie(t.hvb_platser, [ar], f"{uid}.{t.id}.hvb_platser")[0]
                integrerad = any(u.behov == "hvb" and u.malgrupp != "ekb" for u in tasks)
                return platser, integrerad
    return None


@dataclass(frozen=True)
class Matt:
    perspektiv: Literal["kostnad", "arbetsmiljö", "kvalitet", "likabehandling"]
    namn: str
    idag: str
    alternativ: str
    detaljer: list[str] = field(default_factory=list)


@dataclass
class Jamforelse:
    kommun: str
    alternativ: AlternativIn
    ar: int
    matt: list[Matt]
    hvb: list[boende.PlatsRad]
    anmarkningar: list[str]


def _ord(nyckel: str) -> str:
    """A key from the source's data (`ekonomiskt_bistand`) as words on a page."""
    return nyckel.replace("_", " ")


def _grupptext(g: Grupp) -> str:
    if g.oppen:
        amount = f"{fmt_tal(g.arsarbetare)} + okänt antal" if g.arsarbetare else "okänt antal"
    else:
        amount = fmt_tal(g.arsarbetare)
    return f"{g.enhet}: {_ord(g.kompetens)} {amount}"


def jamfor(
    org: OrganisationIn,
    alt: AlternativIn,
    params: ParameterSet,
    *,
    kommun: str,
    ar: int,
    minsta_grupp: Decimal = Decimal(1),
) -> Jamforelse:
    if ar not in org.ar:
        raise PlaneringsFel("--ar", f"underlaget gäller {', '.join(map(str, org.ar))}, inte {ar}")
    if minsta_grupp < 0:
        raise PlaneringsFel("--minsta-grupp", "kan inte vara negativt")
    fore = idag(org)
    efter = tillampa(org, alt)
    g_fore = grupper(fore, ar)
    g_efter = grupper(efter, ar)
    fore_set = {(g.enhet, g.kompetens, g.arsarbetare, g.oppen) for g in g_fore}
    nya = [g for g in g_efter if (g.enhet, g.kompetens, g.arsarbetare, g.oppen) not in fore_set]

    def _slutna(gs: list[Grupp]) -> list[Grupp]:
        return [g for g in gs if not g.oppen]

    def _delade(gs: list[Grupp]) -> list[Grupp]:
        return [g for g in _slutna(gs) if g.arsarbetare != g.arsarbetare.to_integral_value()]

    def _utan(gs: list[Grupp]) -> list[Grupp]:
        return [g for g in _slutna(gs) if g.arsarbetare < 2]

    def _sma(gs: list[Grupp]) -> list[Grupp]:
        return [g for g in _slutna(gs) if g.arsarbetare < minsta_grupp]

    matt: list[Matt] = []
    notes: list[str] = []

    # kostnad: housing
    hvb_rows: list[boende.PlatsRad] = []
    hv_fore, hv_efter = _hvb(fore, ar), _hvb(efter, ar)
    if hv_fore and hv_efter:
        lage = boende.hvb_lage(params, ar)
        platser = hv_efter[0]

        def _kostnad(integrerad: bool) -> Intervall:
            if integrerad:
                return Intervall(
                    platser.lo * lage.integrerad_per_plats * lage.manader,
                    platser.hi * lage.integrerad_per_plats * lage.manader,
                )
            fast = lage.fast_per_manad.hi * lage.manader
            return Intervall(fast, fast)

        k_fore, k_efter = _kostnad(hv_fore[1]), _kostnad(hv_efter[1])

        def _manad(integrerad: bool, n: Decimal) -> Decimal:
            return n * lage.integrerad_per_plats if integrerad else lage.fast_per_manad.hi

        # The same places on both sides: the difference is taken place count by place count.
        skillnad = sorted(
            (_manad(hv_efter[1], n) - _manad(hv_fore[1], n)) * lage.manader
            for n in (platser.lo, platser.hi)
        )
        matt.append(
            Matt(
                "kostnad",
                f"HVB för EKB, {lage.manader} mån från {lage.fran.isoformat()} (kr)",
                k_fore.text(),
                k_efter.text(),
                [
                    f"{platser.text()} platser; "
                    + ("integrerat" if hv_fore[1] else "eget HVB")
                    + " idag, "
                    + ("integrerat" if hv_efter[1] else "eget HVB med fast personalkostnad")
                    + " i alternativet",
                    f"skillnad {Intervall(skillnad[0], skillnad[1]).text()} kr",
                ],
            )
        )
        hvb_rows = boende.tabell(lage)
        notes.extend(boende.anmarkningar([lage]))
    per_fte = org.kostnad_per_arsarbetare_tkr.varde
    avrundning = sum(
        (Decimal(math.ceil(g.arsarbetare)) - g.arsarbetare for g in _delade(nya)), Decimal(0)
    )
    matt.append(
        Matt(
            "kostnad",
            "Handläggning: om delade tjänster rundas upp till hela (tkr)",
            "0",
            fmt_tal((avrundning * per_fte).quantize(Decimal(1))),
            [
                f"{fmt_tal(avrundning)} årsarbetare × {fmt_tal(per_fte)} tkr "
                f"({org.kostnad_per_arsarbetare_tkr.kalla})"
            ]
            if avrundning
            else [],
        )
    )

    # arbetsmiljö
    for namn, fn in (
        ("Delade tjänster eller deltider (grupper med bråkdel av en tjänst)", _delade),
        ("Kompetensgrupper utan ersättare vid frånvaro (under 2 årsarbetare)", _utan),
        (f"Grupper under minsta storlek ({fmt_tal(minsta_grupp)} årsarbetare)", _sma),
    ):
        f, e = fn(g_fore), fn(g_efter)
        matt.append(
            Matt(
                "arbetsmiljö",
                namn,
                str(len(f)),
                str(len(e)),
                [f"ny: {_grupptext(g)}" for g in e if g in nya],
            )
        )
    matt.append(
        Matt(
            "arbetsmiljö",
            "Personal per kompetens i grupper som ändras (årsarbetare)",
            "–",
            str(len(nya)),
            [_grupptext(g) for g in nya],
        )
    )

    # kvalitet
    s_fore, s_efter = _spridd(g_fore), _spridd(g_efter)
    matt.append(
        Matt(
            "kvalitet",
            "Specialistkompetens spridd på flera förvaltningar",
            str(len(s_fore)),
            str(len(s_efter)),
            [f"ny: {_ord(k)}: {' och '.join(v)}" for k, v in s_efter.items() if k not in s_fore],
        )
    )

    # likabehandling
    p_fore, p_efter = _parallella(fore), _parallella(efter)
    matt.append(
        Matt(
            "likabehandling",
            "Samma behov handläggs av två förvaltningar",
            str(len(p_fore)),
            str(len(p_efter)),
            [
                f"{_ord(b)}: {' och '.join(v)}" + (" (redan idag)" if b in p_fore else "")
                for b, v in p_efter.items()
            ],
        )
    )
    if alt.slutsats_i_kallan:
        notes.insert(0, "Källans slutsats: " + alt.slutsats_i_kallan)
    return Jamforelse(
        kommun=kommun, alternativ=alt, ar=ar, matt=matt, hvb=hvb_rows, anmarkningar=notes
    )


def som_dict(j: Jamforelse) -> dict[str, Any]:
    return {
        "kommun": j.kommun,
        "ar": j.ar,
        "alternativ": {
            "id": j.alternativ.id,
            "namn": j.alternativ.namn,
            "kalla": j.alternativ.kalla,
        },
        "perspektiv": [
            {
                "perspektiv": m.perspektiv,
                "matt": m.namn,
                "idag": m.idag,
                "alternativ": m.alternativ,
                "detaljer": m.detaljer,
            }
            for m in j.matt
        ],
        "hvb_platspris": [
            {
                "platser": r.platser,
                "eget_hvb_per_plats_kr": r.egen_per_plats,
                "integrerad_per_plats_kr": r.integrerad_per_plats,
                "merkostnad_per_manad_kr": r.merkostnad_per_manad,
            }
            for r in j.hvb
        ],
        "anmarkningar": j.anmarkningar,
    }


def kallans_ar(org: OrganisationIn, ar: int) -> int:
    """The source year whose figures stand for `ar`: the year itself, or after it the last
    earlier year in the source, carried forward as an antagande. Before the source's first
    year there is nothing to carry forward."""
    earlier = [a for a in org.ar if a <= ar]
    if not earlier:
        raise PlaneringsFel("--ar", f"underlaget gäller {', '.join(map(str, org.ar))}, inte {ar}")
    return earlier[-1]


@dataclass
class Arsjamforelse:
    ar: int
    kallans_ar: int
    jamforelse: Jamforelse

    @property
    def antagande(self) -> bool:
        return self.ar != self.kallans_ar


def jamfor_over_ar(
    org: OrganisationIn,
    alt: AlternativIn,
    params: ParameterSet,
    *,
    kommun: str,
    ar: list[int],
    minsta_grupp: Decimal = Decimal(1),
) -> list[Arsjamforelse]:
    """The comparison for each of `ar`; a year after the source is the last source year's
    comparison under the year's own name, with an ANTAGANDE note saying so."""
    out = []
    for year in ar:
        kalla = kallans_ar(org, year)
        j = jamfor(org, alt, params, kommun=kommun, ar=kalla, minsta_grupp=minsta_grupp)
        if year != kalla:
            j = replace(
                j,
                ar=year,
                anmarkningar=[
                    f"ANTAGANDE: underlaget har inga uppgifter för {year}; {kalla} års "
                    "organisation, personal och priser förs fram oförändrade.",
                    *j.anmarkningar,
                ],
            )
        out.append(Arsjamforelse(year, kalla, j))
    return out
