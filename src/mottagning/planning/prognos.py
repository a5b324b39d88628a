"""Volumes, staff and costs per unit and year, with uncertainty (issue 4 item 2; seed 001 §4).

Figures the seeds give as ranges ("16–28 stycken", "18–19 mkr", "1–2 administrativ
personal") are drawn uniformly inside the range; whole counts (clients, places) as whole
numbers. A vectorised Monte Carlo over (scenarios, lines, years) gives percentiles of the
number of clients, the staff (årsarbetare), the cost and the number of contacts per unit.

Vingåker has a budget rather than units (002 §3.4): its forecast is the cohort budget run
over scenarios (`planning.budget`), with ranges for intake and leaving share from the CLI.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

import numpy as np
import numpy.typing as npt
from pydantic import Field, model_validator

from mottagning.planning import budget as budgetmodell
from mottagning.planning.errors import PlaneringsFel
from mottagning.planning.underlag import (
    ORE_PER_KR,
    ORE_PER_TKR,
    Intervall,
    Strikt,
    Varde,
    fmt_tal,
    las_data,
    parameternamn,
    till_intervall,
    validera,
)
from mottagning.rules.params import ParameterError, ParameterSet

Flyt = npt.NDArray[np.float64]
Ore = npt.NDArray[np.int64]

PERCENTILER = (5, 50, 95)
VECKOR_PER_AR = 52

Arsvarde = Varde | dict[int, Varde]


class BrukareIn(Strikt):
    namn: str
    antal: Arsvarde
    kalla: str = ""


class PersonalIn(Strikt):
    roll: str
    kompetens: str = ""
    arsarbetare: Arsvarde
    kalla: str = ""


class KostnadIn(Strikt):
    namn: str
    tkr: Arsvarde
    kalla: str = ""


class PlatsIn(Strikt):
    brukare: str
    namn: str
    parameter: str
    manader: int = Field(ge=1, le=12)
    kalla: str = ""


class KontaktIn(Strikt):
    brukare: str
    namn: str
    per_vecka: Arsvarde
    kalla: str = ""


class EnhetIn(Strikt):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    namn: str
    forvaltning: str
    kalla: str = ""
    brukare: list[BrukareIn] = Field(default_factory=list)
    brukare_tryckt_summa: dict[int, str] = Field(default_factory=dict)
    personal: list[PersonalIn] = Field(default_factory=list)
    kostnader: list[KostnadIn] = Field(default_factory=list)
    platser: list[PlatsIn] = Field(default_factory=list)
    kontakter: list[KontaktIn] = Field(default_factory=list)
    anmarkningar: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _referenser(self) -> EnhetIn:
        namn = {b.namn for b in self.brukare}
        for ref in [*(p.brukare for p in self.platser), *(k.brukare for k in self.kontakter)]:
            if ref not in namn:
                raise ValueError(f"okänd brukargrupp '{ref}' (finns: {', '.join(sorted(namn))})")
        for v in self._alla_varden():
            if v.lo < 0:
                raise ValueError(f"värden kan inte vara negativa ({v.text()})")
        return self

    def _alla_varden(self) -> list[Intervall]:
        out: list[Intervall] = []
        values: list[Arsvarde] = [
            *(b.antal for b in self.brukare),
            *(p.arsarbetare for p in self.personal),
            *(k.tkr for k in self.kostnader),
            *(k.per_vecka for k in self.kontakter),
        ]
        for value in values:
            out.extend(value.values() if isinstance(value, dict) else [value])
        return out


class PrognosUnderlag(Strikt):
    kalla: str
    ar: list[int] = Field(min_length=1)
    framskrivning: str
    enheter: list[EnhetIn] = Field(min_length=1)

    @model_validator(mode="after")
    def _unika(self) -> PrognosUnderlag:
        ids = [e.id for e in self.enheter]
        if len(ids) != len(set(ids)):
            raise ValueError("enheternas id måste vara unika")
        if self.ar != sorted(set(self.ar)):
            raise ValueError("åren måste vara stigande")
        return self


def arsserie(value: Arsvarde, ar: list[int], falt: str) -> list[Intervall]:
    """A value per calendar year; after the source's last year its last value holds."""
    if not isinstance(value, dict):
        return [value] * len(ar)
    known = sorted(value)
    out = []
    for year in ar:
        earlier = [k for k in known if k <= year]
        if not earlier:
            raise PlaneringsFel(falt, f"ingen uppgift för {year} (första år i källan: {known[0]})")
        out.append(value[earlier[-1]])
    return out


# --- compiled form: every uncertain figure as a (lines, years) table of ranges ----------------


Matt = Literal["brukare", "årsarbetare", "kostnad", "kontakter"]
ENHET: dict[Matt, str] = {
    "brukare": "personer",
    "årsarbetare": "årsarbetare",
    "kostnad": "tkr",
    "kontakter": "träffar per år",
}


@dataclass
class Kompilerad:
    ar: list[int]
    lo: Flyt  # (L, Y)
    hi: Flyt
    heltal: npt.NDArray[np.bool_]  # (L,)
    # (unit index, measure, line index, factor): measure += draw[line] * factor[year]
    termer: list[tuple[int, Matt, int, Flyt]]
    # place costs: (unit index, count line, öre per place and month per year, months)
    platser: list[tuple[int, int, Ore, int]]
    enheter: list[EnhetIn]
    anmarkningar: list[str] = field(default_factory=list)


def kompilera(p: PrognosUnderlag, params: ParameterSet, ar: list[int]) -> Kompilerad:
    lo: list[list[float]] = []
    hi: list[list[float]] = []
    heltal: list[bool] = []
    termer: list[tuple[int, Matt, int, Flyt]] = []
    platser: list[tuple[int, int, Ore, int]] = []
    ett = np.ones(len(ar))

    def _rad(serie: list[Intervall], whole: bool) -> int:
        lo.append([float(v.lo) for v in serie])
        hi.append([float(v.hi) for v in serie])
        heltal.append(whole)
        return len(lo) - 1

    for ei, enhet in enumerate(p.enheter):
        brukarrad: dict[str, int] = {}
        for b in enhet.brukare:
            i = _rad(arsserie(b.antal, ar, f"{enhet.id}.brukare.{b.namn}"), True)
            brukarrad[b.namn] = i
            termer.append((ei, "brukare", i, ett))
        for pers in enhet.personal:
            i = _rad(arsserie(pers.arsarbetare, ar, f"{enhet.id}.personal.{pers.roll}"), False)
            termer.append((ei, "årsarbetare", i, ett))
        for kost in enhet.kostnader:
            i = _rad(arsserie(kost.tkr, ar, f"{enhet.id}.kostnader.{kost.namn}"), False)
            termer.append((ei, "kostnad", i, ett * ORE_PER_TKR))
        for kontakt in enhet.kontakter:
            # contacts = clients × contacts per client and week × 52: a product of two draws,
            # so the per-week figure is its own line multiplied in below.
            i = _rad(arsserie(kontakt.per_vecka, ar, f"{enhet.id}.kontakter.{kontakt.namn}"), False)
            termer.append((ei, "kontakter", i, ett * VECKOR_PER_AR))
        for plats in enhet.platser:
            pris = []
            for year in ar:
                try:
                    kr = params.get(plats.parameter, dt.date(year, 1, 1))
                except ParameterError as error:
                    raise PlaneringsFel(
                        f"{enhet.id}.platser.{plats.namn}", error.message
                    ) from error
                pris.append(int(kr * ORE_PER_KR))
            platser.append((ei, brukarrad[plats.brukare], np.array(pris, np.int64), plats.manader))
    return Kompilerad(
        ar=ar,
        lo=np.array(lo, dtype=np.float64).reshape(len(lo), len(ar)),
        hi=np.array(hi, dtype=np.float64).reshape(len(hi), len(ar)),
        heltal=np.array(heltal, dtype=np.bool_),
        termer=termer,
        platser=platser,
        enheter=p.enheter,
    )


def _kontaktpar(k: Kompilerad) -> dict[int, int]:
    """Line index of a contacts-per-week figure → line index of the clients it multiplies."""
    out: dict[int, int] = {}
    line = 0
    for enhet in k.enheter:
        brukarrad: dict[str, int] = {}
        for b in enhet.brukare:
            brukarrad[b.namn] = line
            line += 1
        line += len(enhet.personal) + len(enhet.kostnader)
        for kontakt in enhet.kontakter:
            out[line] = brukarrad[kontakt.brukare]
            line += 1
    return out


def dra(k: Kompilerad, scenarier: int, rng: np.random.Generator) -> Flyt:
    """(S, L, Y) draws: uniform reals in [lo, hi], uniform whole numbers lo..hi for counts.

    Only lines with a range in some year are drawn; exact figures are copied.
    """
    lines, years = k.lo.shape
    out = np.empty((scenarier, lines, years))
    span = k.hi - k.lo
    for line in range(lines):
        if not (span[line] > 0).any():
            out[:, line, :] = k.lo[line]
            continue
        u = rng.random((scenarier, years))
        if k.heltal[line]:
            # lo + floor(u × (span + 1)) gives each whole number lo..hi the same chance.
            out[:, line, :] = k.lo[line] + np.floor(u * (span[line] + 1))
        else:
            out[:, line, :] = k.lo[line] + u * span[line]
    return out


def berakna(k: Kompilerad, draw: Flyt) -> dict[tuple[int, Matt], Flyt]:
    """Measures per unit: (S, Y) arrays; cost in öre (as float64 holding whole öre)."""
    s = draw.shape[0]
    y = len(k.ar)
    par = _kontaktpar(k)
    out: dict[tuple[int, Matt], Flyt] = {}
    for ei, matt, line, factor in k.termer:
        value = draw[:, line, :] * factor[None, :]
        if matt == "kostnad":
            value = np.rint(value)
        if matt == "kontakter":
            value = value * draw[:, par[line], :]
        key = (ei, matt)
        out[key] = out.get(key, np.zeros((s, y))) + value
    for ei, line, pris, manader in k.platser:
        value = draw[:, line, :] * (pris * manader)[None, :].astype(np.float64)
        key = (ei, "kostnad")
        out[key] = out.get(key, np.zeros((s, y))) + value
    return out


def berakna_loop(k: Kompilerad, draw: Flyt) -> dict[tuple[int, Matt], Flyt]:
    """The same, one scenario and one year at a time: the benchmark's yardstick."""
    s = draw.shape[0]
    y = len(k.ar)
    par = _kontaktpar(k)
    out: dict[tuple[int, Matt], Flyt] = {}
    for i in range(s):
        for t in range(y):
            sums: dict[tuple[int, Matt], float] = {}
            for ei, matt, line, factor in k.termer:
                value = float(draw[i, line, t]) * float(factor[t])
                if matt == "kostnad":
                    value = float(round(value))
                if matt == "kontakter":
                    value = value * float(draw[i, par[line], t])
                sums[(ei, matt)] = sums.get((ei, matt), 0.0) + value
            for ei, line, pris, manader in k.platser:
                value = float(draw[i, line, t]) * float(int(pris[t]) * manader)
                sums[(ei, "kostnad")] = sums.get((ei, "kostnad"), 0.0) + value
            for key, value in sums.items():
                if key not in out:
                    out[key] = np.zeros((s, y))
                out[key][i, t] = value
    return out


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrognosRad:
    enhet: str
    enhet_namn: str
    matt: str
    enhet_matt: str
    percentiler: dict[int, list[Decimal]]  # 5, 50, 95 → one value per year


@dataclass
class Prognos:
    kommun: str
    kalla: str
    ar: list[int]
    scenarier: int
    rader: list[PrognosRad]
    anmarkningar: list[str]
    #: Years whose figures no source gives: carried forward from the last known year or amount
    #: (an *antagande*), to be flagged wherever the year is shown.
    antagande_ar: list[int] = field(default_factory=list)


_DECIMALER: dict[str, int] = {"brukare": 1, "årsarbetare": 2, "kontakter": 0}


def _decimal(value: float, matt: str) -> Decimal:
    if matt == "kostnad":
        return (Decimal(round(value)) / ORE_PER_TKR).quantize(Decimal("0.1"))
    rounded = Decimal(repr(round(float(value), _DECIMALER.get(matt, 2))))
    return rounded.quantize(Decimal(1)) if rounded == rounded.to_integral_value() else rounded


def sammanfatta(arrays: dict[tuple[int, Matt], Flyt], k: Kompilerad) -> list[PrognosRad]:
    rows: list[PrognosRad] = []
    totals: dict[Matt, Flyt] = {}
    for (ei, matt), arr in sorted(
        arrays.items(), key=lambda kv: (kv[0][0], list(ENHET).index(kv[0][1]))
    ):
        enhet = k.enheter[ei]
        rows.append(_rad(enhet.id, enhet.namn, matt, arr))
        totals[matt] = totals.get(matt, np.zeros_like(arr)) + arr
    if len(k.enheter) > 1:
        # Clients and contacts are not added across units: one person can be a client of
        # several (a newcomer seeking housing at Stöd- och försörjning is also counted by
        # Integrationsavdelningen). Staff and cost add up.
        for matt in ("årsarbetare", "kostnad"):
            if matt in totals:
                rows.append(_rad("totalt", "Alla enheter", matt, totals[matt]))
    return rows


def _rad(enhet_id: str, namn: str, matt: Matt, arr: Flyt) -> PrognosRad:
    q = np.percentile(arr, PERCENTILER, axis=0)
    return PrognosRad(
        enhet=enhet_id,
        enhet_namn=namn,
        matt=matt,
        enhet_matt=ENHET[matt],
        percentiler={
            p: [_decimal(float(v), matt) for v in q[i]] for i, p in enumerate(PERCENTILER)
        },
    )


def _summakontroll(enhet: EnhetIn) -> list[str]:
    """Compare the totals a source prints with the sum of its parts; try swapped digits."""
    notes = []
    for year, text in sorted(enhet.brukare_tryckt_summa.items()):
        try:
            tryckt = till_intervall(_intervalltext(text))
        except ValueError:
            notes.append(f"{enhet.namn} {year}: summan '{text}' kan inte läsas.")
            continue
        delar = [arsserie(b.antal, [year], enhet.id)[0] for b in enhet.brukare]
        lo = sum((d.lo for d in delar), Decimal(0))
        hi = sum((d.hi for d in delar), Decimal(0))
        if (lo, hi) == (tryckt.lo, tryckt.hi):
            continue
        text_delar = " + ".join(
            f"{d.text()} {b.namn}" for d, b in zip(delar, enhet.brukare, strict=True)
        )
        note = (
            f"{enhet.namn} {year}: källan anger totalt {tryckt.text()}, men delarna "
            f"{text_delar} ger {Intervall(lo, hi).text()}."
        )
        if tryckt.exakt and all(d.exakt for d in delar):
            kravs = [
                f"{fmt_tal(tryckt.lo - (lo - d.lo))} {b.namn}"
                for d, b in zip(delar, enhet.brukare, strict=True)
            ]
            note += " För att summan ska stämma skulle det krävas " + " eller ".join(kravs) + "."
        notes.append(note)
    return notes


def _intervalltext(text: str) -> object:
    parts = text.replace("–", "-").split("-")
    if len(parts) == 2:
        return {"min": Decimal(parts[0].strip()), "max": Decimal(parts[1].strip())}
    return Decimal(text.strip())


def las_prognos(kommun_eller_fil: str) -> PrognosUnderlag:
    data, namn = las_data(kommun_eller_fil, "prognos")
    return validera(PrognosUnderlag, data, namn)


def horisont(p: PrognosUnderlag, ar: int | None, start: int | None = None) -> list[int]:
    """The calendar years to forecast: the source's own years, or `ar` years from `start`
    (the source's first year when not given). A year before the source has nothing to carry
    forward from and is refused."""
    if ar is None and start is None:
        return list(p.ar)
    if ar is not None and (ar < 1 or ar > 30):
        raise PlaneringsFel("--ar", f"antalet år ska vara 1–30, fick {ar}")
    forsta = p.ar[0] if start is None else start
    if forsta < p.ar[0]:
        raise PlaneringsFel(
            "--start", f"underlaget börjar {p.ar[0]}; ett tidigare år har inga uppgifter"
        )
    return [forsta + i for i in range(ar if ar is not None else len(p.ar))]


def prognos_enheter(
    p: PrognosUnderlag,
    params: ParameterSet,
    *,
    kommun: str,
    scenarier: int,
    rng: np.random.Generator,
    ar: int | None = None,
    start: int | None = None,
) -> Prognos:
    if scenarier < 1:
        raise PlaneringsFel("--scenarier", f"minst ett scenario behövs, fick {scenarier}")
    years = horisont(p, ar, start)
    k = kompilera(p, params, years)
    arrays = berakna(k, dra(k, scenarier, rng))
    notes = []
    later = [y for y in years if y > p.ar[-1]]
    if later:
        span = str(later[0]) if len(later) == 1 else f"{later[0]}–{later[-1]}"
        notes.append(f"{span}: {p.framskrivning}")
    for enhet in p.enheter:
        notes.extend(_summakontroll(enhet))
        notes.extend(f"{enhet.namn}: {a}" for a in enhet.anmarkningar)
        for plats in enhet.platser:
            notes.append(
                f"{enhet.namn}: kostnaden för {plats.namn} = antal {plats.brukare} × "
                f"{parameternamn(params, plats.parameter)} × {plats.manader} månader."
            )
    return Prognos(
        kommun=kommun,
        kalla=p.kalla,
        ar=years,
        scenarier=scenarier,
        rader=sammanfatta(arrays, k),
        anmarkningar=notes,
        antagande_ar=later,
    )


# --- Vingåker: the cohort budget over scenarios ---------------------------------------------

BUDGETMATT = (
    budgetmodell.KVARBOENDE,
    budgetmodell.SUMMA_INTAKTER,
    budgetmodell.SUMMA_KOSTNADER,
    budgetmodell.NETTO,
    budgetmodell.ACKUMULERAT,
    budgetmodell.BALANSKONTO,
)


def prognos_budget(
    u: budgetmodell.Budgetunderlag,
    params: ParameterSet,
    *,
    kommun: str,
    scenarier: int,
    rng: np.random.Generator,
) -> Prognos:
    if scenarier < 1:
        raise PlaneringsFel("--scenarier", f"minst ett scenario behövs, fick {scenarier}")
    b = budgetmodell.budget(u, params, kommun=kommun, scenarier=scenarier, rng=rng)
    rows = []
    for linje in b.linjer:
        if linje.namn not in BUDGETMATT and linje.avsnitt != budgetmodell.STATSBIDRAG:
            continue
        arr = linje.varden.astype(np.float64)
        q = np.percentile(arr, PERCENTILER, axis=0)
        if linje.enhet == "tkr":
            values = {
                p: [(Decimal(round(v)) / ORE_PER_TKR).quantize(Decimal("0.1")) for v in q[i]]
                for i, p in enumerate(PERCENTILER)
            }
        else:
            values = {
                p: [Decimal(repr(round(float(v), 1))) for v in q[i]]
                for i, p in enumerate(PERCENTILER)
            }
        rows.append(
            PrognosRad(
                enhet="integrationsenheten",
                enhet_namn=u.rubrik,
                matt=linje.namn,
                enhet_matt=linje.enhet,
                percentiler=values,
            )
        )
    osakra = [
        f"{namn} {v.text()}"
        for namn, v in (
            ("mottagna vuxna", budgetmodell.per_ar(u.mottagna.vuxna, u.ar)[0]),
            ("mottagna barn", budgetmodell.per_ar(u.mottagna.barn, u.ar)[0]),
            ("andel som lämnar", u.avflyttning.andel_efter_forsta_aret),
        )
        if not v.exakt
    ]
    notes = [n for n in b.anmarkningar if not n.startswith("Balanskontot")]
    if osakra:
        notes.insert(
            0, "Osäkerhet (dras likformigt per scenario och år): " + ", ".join(osakra) + "."
        )
    else:
        notes.insert(
            0,
            "Källan anger inga intervall, så alla scenarier blir lika; ange till exempel "
            "--vuxna 20-40 --barn 10-30 --andel-som-lamnar 0.15-0.35.",
        )
    return Prognos(
        kommun=kommun,
        kalla=u.kalla,
        ar=b.ar,
        scenarier=scenarier,
        rader=rows,
        anmarkningar=notes,
        antagande_ar=b.antagande_ar,
    )


def kr_text(ore: int) -> str:
    return fmt_tal(Decimal(ore) / ORE_PER_KR)
