"""Cohort budget for an integration unit (issue 4 item 1; the model of seed 002 §3.3–3.4).

Yearly intake (adults, children, 65 and over), the share of each cohort that leaves, state
compensation from the dated parameters (schablonersättning by age band, grundersättning
until 2019), other income and cost lines, the net and its running sum (the balanskonto),
and the effect of residents on general state grants (002's rule of thumb).

One engine for one budget and for many scenarios: every quantity is an array of shape
(scenarios, years). Money is integer öre (int64); only head counts are floats, and they are
turned into öre by rounding to whole öre, never by carrying float kronor around.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from pydantic import Field, model_validator

from mottagning.planning.errors import PlaneringsFel
from mottagning.planning.underlag import (
    ANTAL_PER_AR_MAX,
    ORE_PER_KR,
    ORE_PER_TKR,
    Intervall,
    Strikt,
    Varde,
    fmt_tal,
    las_data,
    parameternamn,
    validera,
)
from mottagning.rules.params import STATUS_TEXT, ParameterError, ParameterSet, ParameterValue

Ore = npt.NDArray[np.int64]
Flyt = npt.NDArray[np.float64]

INTAKTER = "Intäkter"
KOSTNADER = "Kostnader"
RESULTAT = "Resultat"
STATSBIDRAG = "Statsbidrag"
SUMMA_INTAKTER = "Summa intäkter"
SUMMA_KOSTNADER = "Summa kostnader"
NETTO = "Netto"
KVARBOENDE = "Antal kvarboende"
ACKUMULERAT = "Ackumulerat netto (balanskontots förändring)"
BALANSKONTO = "Balanskonto vid årets slut"

# Schablonersättning is paid over 24 months from the month after reception (domain-facts
# §1.1). With receptions spread evenly over the year the cohort's amount falls 5.5, 12 and
# 6.5 months out of 24 in its first three calendar years.
FORDELNING_24_MANADER = (Decimal("5.5") / 24, Decimal(12) / 24, Decimal("6.5") / 24)


# --- input ---------------------------------------------------------------------------------


def _icke_negativ(v: Intervall, falt: str) -> None:
    if v.lo < 0:
        raise ValueError(f"{falt} kan inte vara negativt ({fmt_tal(v.lo)})")


def _andel(v: Intervall) -> None:
    if v.lo < 0:
        raise ValueError(f"andelen kan inte vara negativ ({fmt_tal(v.lo)})")
    if v.hi > 1:
        raise ValueError(f"andelen får inte vara över 100 % ({fmt_tal(v.hi * 100)} %)")


PerAr = Varde | list[Varde]


class Kontroll(Strikt):
    regel: Literal["halva_skolersattningen"]
    barn_aldrar: Varde
    kalla: str


class RadIn(Strikt):
    namn: str = Field(min_length=1)
    typ: Literal["belopp", "grundersattning", "schablon"]
    tkr: PerAr | None = None
    kalla: str = ""
    kontroll: Kontroll | None = None

    @model_validator(mode="after")
    def _tkr_bara_for_belopp(self) -> RadIn:
        if self.typ == "belopp" and self.tkr is None:
            raise ValueError("typ belopp kräver tkr")
        if self.typ != "belopp" and self.tkr is not None:
            raise ValueError(f"typ {self.typ} räknas ur parametrarna och tar inte tkr")
        return self


class Mottagna(Strikt):
    vuxna: PerAr
    barn: PerAr
    aldre: PerAr = Intervall(Decimal(0), Decimal(0))
    kalla: str = ""

    @model_validator(mode="after")
    def _inte_negativa(self) -> Mottagna:
        for namn in ("vuxna", "barn", "aldre"):
            value = getattr(self, namn)
            for v in value if isinstance(value, list) else [value]:
                _icke_negativ(v, f"antalet {namn}")
                if v.lo != int(v.lo) or v.hi != int(v.hi):
                    raise ValueError(f"antalet {namn} ska vara hela personer ({v.text()})")
                if v.hi > ANTAL_PER_AR_MAX:
                    raise ValueError(
                        f"antalet {namn} är högst {fmt_tal(ANTAL_PER_AR_MAX)} per år ({v.text()})"
                    )
        return self


class Avflyttning(Strikt):
    andel_efter_forsta_aret: Varde
    andel_per_ar_darefter: Varde = Intervall(Decimal(0), Decimal(0))
    narvaro_mottagningsaret: Decimal = Decimal("0.5")
    avrunda_till_personer: bool = False
    kalla: str = ""

    @model_validator(mode="after")
    def _andelar(self) -> Avflyttning:
        _andel(self.andel_efter_forsta_aret)
        _andel(self.andel_per_ar_darefter)
        _andel(Intervall(self.narvaro_mottagningsaret, self.narvaro_mottagningsaret))
        return self


class Effekt(Strikt):
    namn: str
    parameter: str
    kalla: str = ""


class Statsbidragseffekt(Strikt):
    per_invanare: Effekt | None = None
    per_vuxen: Effekt | None = None
    netto_inkl: str = "Netto inkl. effekt statsbidr. vuxna"


class KallRad(Strikt):
    avsnitt: str
    namn: str
    tryckt: list[str]


class Budgetunderlag(Strikt):
    rubrik: str
    kalla: str
    startar: int = Field(ge=1990, le=2100)
    startar_kalla: str = ""
    ar: int = Field(ge=1, le=30)
    prisar: int | None = Field(default=None, ge=1990, le=2100)
    prisar_kalla: str = ""
    mottagna: Mottagna
    avflyttning: Avflyttning
    schablon_utbetalning: Literal["mottagningsar", "24_manader"] = "mottagningsar"
    balanskonto_ingaende_tkr: Decimal | None = None
    intakter: list[RadIn]
    kostnader: list[RadIn]
    statsbidragseffekt: Statsbidragseffekt | None = None
    kalltabell: list[KallRad] = Field(default_factory=list)

    @model_validator(mode="after")
    def _listor_per_ar(self) -> Budgetunderlag:
        for falt, value in (
            ("mottagna.vuxna", self.mottagna.vuxna),
            ("mottagna.barn", self.mottagna.barn),
            ("mottagna.aldre", self.mottagna.aldre),
            *((f"intakter.{r.namn}.tkr", r.tkr) for r in self.intakter),
            *((f"kostnader.{r.namn}.tkr", r.tkr) for r in self.kostnader),
        ):
            if isinstance(value, list) and len(value) != self.ar:
                raise ValueError(f"{falt} har {len(value)} värden men budgeten har {self.ar} år")
        for rad in self.kalltabell:
            if len(rad.tryckt) != self.ar:
                raise ValueError(
                    f"kalltabell {rad.namn} har {len(rad.tryckt)} värden, inte {self.ar}"
                )
        return self


def per_ar(value: PerAr | None, ar: int) -> list[Intervall]:
    if value is None:
        return [Intervall(Decimal(0), Decimal(0))] * ar
    if isinstance(value, list):
        return list(value)
    return [value] * ar


@dataclass(frozen=True, slots=True)
class Andringar:
    """CLI overrides of a budget's assumptions; None keeps the source's value."""

    startar: int | None = None
    ar: int | None = None
    prisar: int | None = None
    lopande_priser: bool = False
    vuxna: Any = None
    barn: Any = None
    aldre: Any = None
    andel_som_lamnar: Any = None
    balanskonto_tkr: Decimal | None = None
    schablon_utbetalning: str | None = None
    #: The user's own cost lines (name, tkr per year), added after the source's.
    egna_kostnader: tuple[tuple[str, Decimal], ...] = ()

    def tillampa(self, data: dict[str, Any]) -> dict[str, Any]:
        out = dict(data)
        if self.startar is not None:
            out["startar"] = self.startar
        if self.ar is not None:
            out["ar"] = self.ar
            old = int(data.get("ar", self.ar))
            # A per-year list from the source no longer fits a new horizon: hold its last year.
            out["intakter"] = [_forlang(r, old, self.ar) for r in data.get("intakter", [])]
            out["kostnader"] = [_forlang(r, old, self.ar) for r in data.get("kostnader", [])]
            out["kalltabell"] = []
        if self.lopande_priser:
            out["prisar"] = None
        elif self.prisar is not None:
            out["prisar"] = self.prisar
        elif self.startar is not None and data.get("prisar") is not None:
            # Another start year uses that year's amounts, held fixed as the source does.
            out["prisar"] = self.startar
        mottagna = dict(data.get("mottagna", {}))
        for key, value in (("vuxna", self.vuxna), ("barn", self.barn), ("aldre", self.aldre)):
            if value is not None:
                mottagna[key] = value
        out["mottagna"] = mottagna
        if self.andel_som_lamnar is not None:
            avfl = dict(data.get("avflyttning", {}))
            avfl["andel_efter_forsta_aret"] = self.andel_som_lamnar
            out["avflyttning"] = avfl
        if self.balanskonto_tkr is not None:
            out["balanskonto_ingaende_tkr"] = self.balanskonto_tkr
        if self.schablon_utbetalning is not None:
            out["schablon_utbetalning"] = self.schablon_utbetalning
        if self.egna_kostnader:
            out["kostnader"] = [
                *out.get("kostnader", []),
                *(
                    {"namn": namn, "typ": "belopp", "tkr": tkr, "kalla": "angivet av användaren"}
                    for namn, tkr in self.egna_kostnader
                ),
            ]
        if (
            any(
                v is not None
                for v in (
                    self.startar,
                    self.prisar,
                    self.vuxna,
                    self.barn,
                    self.aldre,
                    self.andel_som_lamnar,
                    self.schablon_utbetalning,
                )
            )
            or self.lopande_priser
            or self.egna_kostnader
        ):
            # The printed table belongs to the source's own assumptions only.
            out["kalltabell"] = []
        return out


def _forlang(rad: Any, old: int, new: int) -> Any:
    if not isinstance(rad, dict) or not isinstance(rad.get("tkr"), list):
        return rad
    values = list(rad["tkr"])
    if len(values) != old:
        return rad
    values = values[:new] + [values[-1]] * max(0, new - len(values))
    return {**rad, "tkr": values}


def las_budget(kommun_eller_fil: str, andringar: Andringar | None = None) -> Budgetunderlag:
    data, namn = las_data(kommun_eller_fil, "budget")
    if andringar is not None:
        data = andringar.tillampa(data)
    return validera(Budgetunderlag, data, namn)


def grundbudget(
    kommun_namn: str, startar: int, andringar: Andringar | None = None
) -> Budgetunderlag:
    """A budget for a municipality whose seed gives no figures (Östersund, Ekerö, or any
    municipality without a file): the state's schablonersättning from the dated national
    parameters (2010:1122 10–11 §§) for the intake the user gives, and the user's own cost
    lines (`Andringar.egna_kostnader`). Nothing local is invented: the intake is the user's
    (zero until given), and no one is assumed to move away unless the user says so."""
    data: dict[str, Any] = {
        "rubrik": f"Budget för mottagandet, {kommun_namn}, tkr",
        "kalla": (
            "Statens schablonersättning enligt förordningen (2010:1122) 10–11 §§ och "
            "kommunens egna kostnader, angivna av användaren"
        ),
        "startar": startar,
        "ar": 5,
        "prisar": None,
        "mottagna": {"vuxna": 0, "barn": 0, "aldre": 0, "kalla": "angivet av användaren"},
        "avflyttning": {"andel_efter_forsta_aret": 0, "kalla": "angivet av användaren"},
        "schablon_utbetalning": "24_manader",
        "intakter": [
            {
                "namn": "Schablonersättning, {mottagna} mottagna per år",
                "typ": "schablon",
                "kalla": "2010:1122 10–11 §§",
            }
        ],
        "kostnader": [],
    }
    if andringar is not None:
        data = andringar.tillampa(data)
    return validera(Budgetunderlag, data, "budget")


# --- parameters resolved once per budget ---------------------------------------------------


@dataclass
class Konstanter:
    """Parameter amounts per budget year, in öre, resolved before any scenario is run."""

    ar: list[int]
    schablon_under_65: Ore
    schablon_65: Ore
    grund: Ore
    per_invanare: Ore
    per_vuxen: Ore
    parametrar: list[ParameterValue] = field(default_factory=list)
    anmarkningar: list[str] = field(default_factory=list)
    #: Budget years read with an amount carried forward as an antagande.
    antagande_ar: list[int] = field(default_factory=list)


def _dag(ar: int) -> dt.date:
    # The amounts of a year are those in force on 1 January (schablon, grundersättning and
    # prisbasbelopp change then); the date a budget year is read on.
    return dt.date(ar, 1, 1)


def konstanter(u: Budgetunderlag, params: ParameterSet) -> Konstanter:
    ar = [u.startar + i for i in range(u.ar)]
    prisar = [u.prisar if u.prisar is not None else a for a in ar]
    used: dict[tuple[str, dt.date], ParameterValue] = {}
    notes: list[str] = []
    antagna_prisar: set[int] = set()

    def _entry(entry: ParameterValue, a: int) -> int:
        used[(entry.name, entry.start)] = entry
        if entry.antagande:
            antagna_prisar.add(a)
        if entry.value is None:
            if entry.status == "NF":
                raise PlaneringsFel(
                    f"år {a}", f"inga parametrar för det året: {entry.name} ({entry.reference})"
                )
            return 0
        return int(entry.value * ORE_PER_KR)

    def _get(name: str, a: int, *, age: int | None = None) -> int:
        try:
            if age is None:
                entry = params.lookup(name, _dag(a))
            else:
                entry = params.lookup_bracket(name, _dag(a), age=age)
        except ParameterError as error:
            raise PlaneringsFel(f"år {a}", error.message) from error
        return _entry(entry, a)

    sch_u65 = np.array([_get("schablonersattning", p, age=0) for p in prisar], dtype=np.int64)
    sch_65 = np.array([_get("schablonersattning", p, age=65) for p in prisar], dtype=np.int64)
    grund = np.array([_get("grundersattning", p) for p in prisar], dtype=np.int64)
    effekt = u.statsbidragseffekt
    per_inv = np.zeros(len(ar), dtype=np.int64)
    per_vux = np.zeros(len(ar), dtype=np.int64)
    if effekt is not None and effekt.per_invanare is not None:
        per_inv = np.array([_get(effekt.per_invanare.parameter, p) for p in prisar], np.int64)
    if effekt is not None and effekt.per_vuxen is not None:
        per_vux = np.array([_get(effekt.per_vuxen.parameter, p) for p in prisar], np.int64)

    if any(r.typ == "grundersattning" for r in u.intakter):
        ended = [a for a, g in zip(ar, grund, strict=True) if g == 0]
        if ended:
            notes.append(
                "Grundersättning: 0 från "
                f"{ended[0]} – den betalas inte ut efter 2019 (2010:1122 9 §, "
                "Migrationsverket 2020-01-02)."
            )
    assumed = sorted(
        {
            f"{parameternamn(params, e.name)} från {e.start.isoformat()} (värdet från "
            f"{e.carried_from.isoformat() if e.carried_from else '?'} förs fram)"
            for e in used.values()
            if e.antagande
        }
    )
    if assumed:
        notes.append(
            "ANTAGANDE – inget känt belopp för året, senast kända värde används och kan "
            "ändras: " + "; ".join(assumed) + "."
        )
    uncertain = sorted(
        {
            f"{parameternamn(params, e.name)} från {e.start.isoformat()} ({STATUS_TEXT[e.status]})"
            for e in used.values()
            if e.uncertain and not e.antagande
        }
    )
    if uncertain:
        notes.append("Osäkra parametrar (härledda eller antagna): " + "; ".join(uncertain) + ".")
    return Konstanter(
        ar=ar,
        schablon_under_65=sch_u65,
        schablon_65=sch_65,
        grund=grund,
        per_invanare=per_inv,
        per_vuxen=per_vux,
        parametrar=sorted(used.values(), key=lambda e: (e.name, e.start)),
        anmarkningar=notes,
        antagande_ar=[a for a, p in zip(ar, prisar, strict=True) if p in antagna_prisar],
    )


# --- drawn inputs --------------------------------------------------------------------------


@dataclass
class Indata:
    """One row per scenario: what the Monte Carlo varies. A single budget is one row."""

    vuxna: Flyt  # (S, Y) persons received
    barn: Flyt
    aldre: Flyt
    lamnar_forsta: Flyt  # (S,)
    lamnar_darefter: Flyt  # (S,)
    intakter: list[Ore]  # per line (S, Y) öre; zeros for computed lines
    kostnader: list[Ore]

    @property
    def scenarier(self) -> int:
        return int(self.vuxna.shape[0])


def _per_ar_matris(
    values: list[Intervall], s: int, rng: np.random.Generator | None, *, heltal: bool
) -> Flyt:
    cols = []
    for v in values:
        if rng is None or v.exakt:
            cols.append(np.full(s, float(v.mitt)))
        else:
            cols.append(v.dra(rng, s, heltal=heltal))
    return np.stack(cols, axis=1)


def _skalar(v: Intervall, s: int, rng: np.random.Generator | None) -> Flyt:
    if rng is None or v.exakt:
        return np.full(s, float(v.mitt))
    return v.dra(rng, s, heltal=False)


def dra_indata(
    u: Budgetunderlag, scenarier: int = 1, rng: np.random.Generator | None = None
) -> Indata:
    """Inputs for `scenarier` scenarios; without `rng` every range is its midpoint."""
    s = scenarier
    y = u.ar

    def _belopp(rader: list[RadIn]) -> list[Ore]:
        out = []
        for rad in rader:
            if rad.typ != "belopp":
                out.append(np.zeros((s, y), dtype=np.int64))
                continue
            tkr = _per_ar_matris(per_ar(rad.tkr, y), s, rng, heltal=False)
            out.append(np.rint(tkr * ORE_PER_TKR).astype(np.int64))
        return out

    return Indata(
        vuxna=_per_ar_matris(per_ar(u.mottagna.vuxna, y), s, rng, heltal=True),
        barn=_per_ar_matris(per_ar(u.mottagna.barn, y), s, rng, heltal=True),
        aldre=_per_ar_matris(per_ar(u.mottagna.aldre, y), s, rng, heltal=True),
        lamnar_forsta=_skalar(u.avflyttning.andel_efter_forsta_aret, s, rng),
        lamnar_darefter=_skalar(u.avflyttning.andel_per_ar_darefter, s, rng),
        intakter=_belopp(u.intakter),
        kostnader=_belopp(u.kostnader),
    )


# --- the model, vectorised -----------------------------------------------------------------


@dataclass
class Utfall:
    """Every budget line for every scenario and year (öre, or persons for head counts)."""

    intakter: list[Ore]
    summa_intakter: Ore
    kostnader: list[Ore]
    summa_kostnader: Ore
    netto: Ore
    kvarboende: Flyt
    vuxna_kvar: Flyt
    per_invanare: Ore
    per_vuxen: Ore
    netto_inkl: Ore
    ackumulerat: Ore


def _kohortvikter(lamnar_forsta: Flyt, lamnar_darefter: Flyt, y: int, narvaro: float) -> Flyt:
    """(S, K): share of a cohort resident k years after its reception year (k = 0 … Y−1)."""
    k = np.arange(y)
    stay = (1.0 - lamnar_forsta)[:, None] * (1.0 - lamnar_darefter)[:, None] ** np.maximum(k - 1, 0)
    return np.where(k == 0, narvaro, stay)


def _summa(lines: list[Ore], shape: tuple[int, int]) -> Ore:
    total = np.zeros(shape, dtype=np.int64)
    for line in lines:
        total += line
    return total


def berakna(u: Budgetunderlag, k: Konstanter, ind: Indata) -> Utfall:
    s, y = ind.vuxna.shape
    mottagna = ind.vuxna + ind.barn + ind.aldre
    vikter = _kohortvikter(
        ind.lamnar_forsta, ind.lamnar_darefter, y, float(u.avflyttning.narvaro_mottagningsaret)
    )
    # contrib[s, c, t]: persons of cohort c resident in calendar year t (t ≥ c).
    c_idx, t_idx = np.meshgrid(np.arange(y), np.arange(y), indexing="ij")
    lag = t_idx - c_idx
    valid = lag >= 0
    contrib = mottagna[:, :, None] * vikter[:, np.clip(lag, 0, None)]
    if u.avflyttning.avrunda_till_personer:
        # 002 §3.4 counts whole persons per cohort: 50 × 0.75 = 37.5 → 38.
        contrib = np.floor(contrib + 0.5)
    contrib = np.where(valid[None, :, :], contrib, 0.0)
    kvarboende = contrib.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        andel_vuxna = np.where(mottagna > 0, ind.vuxna / np.where(mottagna > 0, mottagna, 1), 0.0)
    # 002 §3.4 applies the adult share of the intake to the residents of each cohort.
    vuxna_kvar = (contrib * andel_vuxna[:, :, None]).sum(axis=1)

    schablon_kohort = (ind.vuxna + ind.barn) * k.schablon_under_65[None, :] + ind.aldre * (
        k.schablon_65[None, :]
    )
    if u.schablon_utbetalning == "mottagningsar":
        schablon = np.rint(schablon_kohort).astype(np.int64)
    else:
        schablon_f = np.zeros((s, y))
        for lag_ar, andel in enumerate(FORDELNING_24_MANADER):
            if lag_ar < y:
                schablon_f[:, lag_ar:] += schablon_kohort[:, : y - lag_ar] * float(andel)
        schablon = np.rint(schablon_f).astype(np.int64)
    grund = np.broadcast_to(k.grund[None, :], (s, y)).astype(np.int64)

    intakter = []
    for rad, belopp in zip(u.intakter, ind.intakter, strict=True):
        if rad.typ == "schablon":
            intakter.append(schablon)
        elif rad.typ == "grundersattning":
            intakter.append(grund)
        else:
            intakter.append(belopp)
    kostnader = []
    for rad, belopp in zip(u.kostnader, ind.kostnader, strict=True):
        if rad.typ == "schablon":
            kostnader.append(schablon)
        elif rad.typ == "grundersattning":
            kostnader.append(grund)
        else:
            kostnader.append(belopp)
    summa_i = _summa(intakter, (s, y))
    summa_k = _summa(kostnader, (s, y))
    netto: Ore = summa_i - summa_k
    per_inv = np.rint(kvarboende * k.per_invanare[None, :]).astype(np.int64)
    per_vux = np.rint(vuxna_kvar * k.per_vuxen[None, :]).astype(np.int64)
    return Utfall(
        intakter=intakter,
        summa_intakter=summa_i,
        kostnader=kostnader,
        summa_kostnader=summa_k,
        netto=netto,
        kvarboende=kvarboende,
        vuxna_kvar=vuxna_kvar,
        per_invanare=per_inv,
        per_vuxen=per_vux,
        netto_inkl=netto + per_vux,
        ackumulerat=np.cumsum(netto, axis=1),
    )


def berakna_loop(u: Budgetunderlag, k: Konstanter, ind: Indata) -> Utfall:
    """The same model one scenario and one year at a time, in plain Python.

    The benchmark's yardstick, and a second implementation the tests hold the vectorised
    one to: both must give identical öre.
    """
    s, y = ind.vuxna.shape
    narvaro = float(u.avflyttning.narvaro_mottagningsaret)
    avrunda = u.avflyttning.avrunda_till_personer
    out_kvar = np.zeros((s, y))
    out_vux = np.zeros((s, y))
    out_sch = np.zeros((s, y), dtype=np.int64)
    for i in range(s):
        l1 = float(ind.lamnar_forsta[i])
        l2 = float(ind.lamnar_darefter[i])
        sch_f = [0.0] * y
        for c in range(y):
            vux = float(ind.vuxna[i, c])
            tot = vux + float(ind.barn[i, c]) + float(ind.aldre[i, c])
            andel = vux / tot if tot > 0 else 0.0
            for t in range(c, y):
                lag = t - c
                vikt = narvaro if lag == 0 else (1.0 - l1) * (1.0 - l2) ** max(lag - 1, 0)
                pers = tot * vikt
                if avrunda:
                    pers = float(np.floor(pers + 0.5))
                out_kvar[i, t] += pers
                out_vux[i, t] += pers * andel
            kohort = (float(ind.vuxna[i, c]) + float(ind.barn[i, c])) * float(
                k.schablon_under_65[c]
            ) + float(ind.aldre[i, c]) * float(k.schablon_65[c])
            if u.schablon_utbetalning == "mottagningsar":
                sch_f[c] += kohort
            else:
                for lag_ar, andel_ut in enumerate(FORDELNING_24_MANADER):
                    if c + lag_ar < y:
                        sch_f[c + lag_ar] += kohort * float(andel_ut)
        for t in range(y):
            out_sch[i, t] = int(np.rint(sch_f[t]))
    grund = np.broadcast_to(k.grund[None, :], (s, y)).astype(np.int64)
    lines_i = [
        out_sch if r.typ == "schablon" else grund if r.typ == "grundersattning" else b
        for r, b in zip(u.intakter, ind.intakter, strict=True)
    ]
    lines_k = [
        out_sch if r.typ == "schablon" else grund if r.typ == "grundersattning" else b
        for r, b in zip(u.kostnader, ind.kostnader, strict=True)
    ]
    summa_i = np.zeros((s, y), dtype=np.int64)
    summa_k = np.zeros((s, y), dtype=np.int64)
    per_inv = np.zeros((s, y), dtype=np.int64)
    per_vux = np.zeros((s, y), dtype=np.int64)
    ack = np.zeros((s, y), dtype=np.int64)
    for i in range(s):
        running = 0
        for t in range(y):
            si = sum(int(line[i, t]) for line in lines_i)
            sk = sum(int(line[i, t]) for line in lines_k)
            summa_i[i, t] = si
            summa_k[i, t] = sk
            per_inv[i, t] = int(np.rint(out_kvar[i, t] * float(k.per_invanare[t])))
            per_vux[i, t] = int(np.rint(out_vux[i, t] * float(k.per_vuxen[t])))
            running += si - sk
            ack[i, t] = running
    netto = summa_i - summa_k
    return Utfall(
        intakter=lines_i,
        summa_intakter=summa_i,
        kostnader=lines_k,
        summa_kostnader=summa_k,
        netto=netto,
        kvarboende=out_kvar,
        vuxna_kvar=out_vux,
        per_invanare=per_inv,
        per_vuxen=per_vux,
        netto_inkl=netto + per_vux,
        ackumulerat=ack,
    )


# --- a budget as named lines ---------------------------------------------------------------


@dataclass(frozen=True)
class Linje:
    avsnitt: str
    namn: str
    enhet: Literal["tkr", "personer"]
    varden: npt.NDArray[Any]  # (S, Y): öre (int64) for tkr, persons (float64)
    kalla: str = ""
    i_kallan: bool = True

    def tal(self, scenario: int = 0) -> list[Decimal]:
        """One scenario's values: exact tkr (öre / 100 000) or persons."""
        row = self.varden[scenario]
        if self.enhet == "tkr":
            return [Decimal(int(v)) / ORE_PER_TKR for v in row]
        return [Decimal(repr(float(v))) for v in row]


@dataclass
class Budget:
    kommun: str
    rubrik: str
    kalla: str
    ar: list[int]
    linjer: list[Linje]
    parametrar: list[ParameterValue]
    anmarkningar: list[str]
    underlag: Budgetunderlag
    antagande_ar: list[int] = field(default_factory=list)

    def linje(self, namn: str, avsnitt: str | None = None) -> Linje:
        for linje in self.linjer:
            if linje.namn == namn and (avsnitt is None or linje.avsnitt == avsnitt):
                return linje
        raise KeyError(namn)


def radnamn(u: Budgetunderlag, rad: RadIn) -> str:
    if "{mottagna}" not in rad.namn:
        return rad.namn
    totals = {
        sum(per_ar(getattr(u.mottagna, key), u.ar)[i].mitt for key in ("vuxna", "barn", "aldre"))
        for i in range(u.ar)
    }
    text = fmt_tal(totals.pop()) if len(totals) == 1 else "varierande antal"
    return rad.namn.replace("{mottagna}", text)


def linjer(u: Budgetunderlag, ut: Utfall) -> list[Linje]:
    out: list[Linje] = []
    for rad, arr in zip(u.intakter, ut.intakter, strict=True):
        out.append(Linje(INTAKTER, radnamn(u, rad), "tkr", arr, rad.kalla))
    out.append(Linje(INTAKTER, SUMMA_INTAKTER, "tkr", ut.summa_intakter))
    for rad, arr in zip(u.kostnader, ut.kostnader, strict=True):
        out.append(Linje(KOSTNADER, radnamn(u, rad), "tkr", arr, rad.kalla))
    out.append(Linje(KOSTNADER, SUMMA_KOSTNADER, "tkr", ut.summa_kostnader))
    out.append(Linje(RESULTAT, NETTO, "tkr", ut.netto))
    if u.balanskonto_ingaende_tkr is None:
        out.append(
            Linje(
                RESULTAT,
                ACKUMULERAT,
                "tkr",
                ut.ackumulerat,
                "summan av Netto; den ingående behållningen anges inte i källan",
                i_kallan=False,
            )
        )
    else:
        ingaende = int(u.balanskonto_ingaende_tkr * ORE_PER_TKR)
        out.append(
            Linje(
                RESULTAT,
                BALANSKONTO,
                "tkr",
                ut.ackumulerat + ingaende,
                f"ingående {fmt_tal(u.balanskonto_ingaende_tkr)} tkr + summan av Netto",
                i_kallan=False,
            )
        )
    effekt = u.statsbidragseffekt
    if effekt is not None:
        out.append(Linje(STATSBIDRAG, KVARBOENDE, "personer", ut.kvarboende, u.avflyttning.kalla))
        if effekt.per_invanare is not None:
            out.append(
                Linje(
                    STATSBIDRAG,
                    effekt.per_invanare.namn,
                    "tkr",
                    ut.per_invanare,
                    effekt.per_invanare.kalla,
                )
            )
        if effekt.per_vuxen is not None:
            out.append(
                Linje(
                    STATSBIDRAG, effekt.per_vuxen.namn, "tkr", ut.per_vuxen, effekt.per_vuxen.kalla
                )
            )
            out.append(Linje(STATSBIDRAG, effekt.netto_inkl, "tkr", ut.netto_inkl))
    return out


def _harledning(u: Budgetunderlag, k: Konstanter, ind: Indata) -> list[str]:
    """How the parameter lines of the first year were computed: the "why" of each amount."""
    notes = []
    pris = u.prisar if u.prisar is not None else u.startar
    for rad in [*u.intakter, *u.kostnader]:
        if rad.typ == "schablon":
            under = int(ind.vuxna[0, 0] + ind.barn[0, 0])
            over = int(ind.aldre[0, 0])
            antal = str(under) if ind.scenarier == 1 else "mottagna under 65"
            text = (
                f"{radnamn(u, rad)}: {antal} × "
                f"{fmt_tal(Decimal(int(k.schablon_under_65[0])) / 100)} kr"
            )
            if over and ind.scenarier == 1:
                text += f" + {over} × {fmt_tal(Decimal(int(k.schablon_65[0])) / 100)} kr (65 år och äldre)"
            text += f" (schablonersättning {pris}, 2010:1122 11 §)"
            if u.schablon_utbetalning == "24_manader":
                text += "; utbetalt över 24 månader från månaden efter mottagandet"
            else:
                text += "; hela beloppet bokas mottagningsåret, som i 002 §3.4"
            notes.append(text + ".")
        elif rad.typ == "grundersattning" and k.grund[0] > 0:
            notes.append(
                f"{rad.namn}: {fmt_tal(Decimal(int(k.grund[0])) / ORE_PER_KR)} kr = fem "
                f"prisbasbelopp ({pris}, 2010:1122 9 §)."
            )
    if u.prisar is not None:
        notes.append(f"Alla år räknas med {u.prisar} års belopp (fasta priser).")
    return notes


def _skolkontroll(u: Budgetunderlag, params: ParameterSet) -> list[str]:
    notes = []
    for rad in u.kostnader:
        if rad.kontroll is None or rad.typ != "belopp":
            continue
        kontroll = rad.kontroll
        ar = u.prisar if u.prisar is not None else u.startar
        on = _dag(ar)
        lo, hi = int(kontroll.barn_aldrar.lo), int(kontroll.barn_aldrar.hi)
        aldrar = list(range(lo, hi + 1))
        try:
            belopp = {
                form: params.get(f"skolersattning_asylsokande.{form}", on)
                for form in ("forskola", "forskoleklass", "grundskola", "gymnasieskola")
            }
        except ParameterError as error:
            notes.append(f"{rad.namn}: kan inte kontrolleras mot parametrarna ({error.message})")
            continue
        barn_per_ar: list[Decimal] = [per_ar(u.mottagna.barn, u.ar)[0].mitt]
        per_alder: Decimal = barn_per_ar[0] / len(aldrar)
        # 002 §1.2.2: BUN gets half the yearly amount for asylum-seeking children of the same
        # age, once, for each child that gets a permit; school form by age (domain-facts §1.7).
        skolform = {3: "forskola", 4: "forskola", 5: "forskola", 6: "forskoleklass"}
        skolform.update(dict.fromkeys(range(7, 16), "grundskola"))
        skolform.update(dict.fromkeys(range(16, 19), "gymnasieskola"))
        summa: Decimal = sum(
            (belopp[skolform[a]] / 2 * per_alder for a in aldrar if a in skolform), Decimal(0)
        )
        tkr = summa / 1000
        tryckt: Decimal = per_ar(rad.tkr, u.ar)[0].mitt
        if abs(tkr - tryckt) > 1:
            notes.append(
                f"{rad.namn}: källan anger {fmt_tal(tryckt)} tkr. Regeln i 002 §1.2.2 (halva "
                f"{ar} års ersättning för asylsökande barn i samma ålder) ger för "
                f"{fmt_tal(barn_per_ar[0])} barn jämnt fördelade {lo}–{hi} år "
                f"{fmt_tal(tkr.quantize(Decimal('0.1')))} tkr, {fmt_tal((tryckt - tkr).quantize(Decimal('0.1')))} tkr "
                "mindre; skillnaden förklaras inte av källan. Modellen räknar med källans belopp."
            )
    return notes


def budget(
    u: Budgetunderlag,
    params: ParameterSet,
    *,
    kommun: str,
    scenarier: int = 1,
    rng: np.random.Generator | None = None,
) -> Budget:
    """The budget for `u`: one scenario (ranges at their midpoints) or a Monte Carlo."""
    k = konstanter(u, params)
    ind = dra_indata(u, scenarier, rng)
    ut = berakna(u, k, ind)
    notes = list(k.anmarkningar)
    notes.extend(_harledning(u, k, ind))
    notes.extend(_skolkontroll(u, params))
    ranges = [
        r.namn for r in [*u.intakter, *u.kostnader] if any(not v.exakt for v in per_ar(r.tkr, u.ar))
    ]
    if scenarier == 1 and ranges:
        notes.append("Intervall räknas med mittvärdet: " + ", ".join(ranges) + ".")
    if scenarier == 1 and u.balanskonto_ingaende_tkr is None:
        low = int(ut.ackumulerat[0].min())
        if low < 0:
            notes.append(
                f"Balanskontot: nettot summerar till som lägst {fmt_tal(Decimal(low) / ORE_PER_TKR)} "
                f"tkr (år {int(ut.ackumulerat[0].argmin()) + 1}); för att medlen ska räcka hela "
                f"perioden krävs minst {fmt_tal(Decimal(-low) / ORE_PER_TKR)} tkr på balanskontot "
                "vid start. Källan anger inte behållningen."
            )
    return Budget(
        kommun=kommun,
        rubrik=u.rubrik,
        kalla=u.kalla,
        ar=k.ar,
        linjer=linjer(u, ut),
        parametrar=k.parametrar,
        anmarkningar=notes,
        underlag=u,
        antagande_ar=k.antagande_ar,
    )
