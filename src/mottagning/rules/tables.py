"""Decision tables: load, validate, compile to numpy lookups, evaluate.

How it works
------------
The inputs a row can test are few and discrete (status, ensamkommande, boendeform, fas,
age band, months-since-reception band, gymnasiestudier, nyanländ, LVU), so the whole input space
is a grid of some tens of thousands of cells. Compiling a table evaluates every row on every
cell once, for each period in which the set of valid rows is constant; evaluating a register
is then one index computation and one gather per person. The same grid makes validation
exhaustive: every cell a timeline can produce is checked for coverage and overlaps.

Hit policy (explicit, per område)
---------------------------------
* National rows are grouped by huvudman; profile rows by arbete (myndighetsutövning,
  utförare). Within a group the matching rows with the highest `prioritet` win (DMN
  "priority"); two winners that give different answers are an error, found on load.
* A national row with `huvudman: null` says "inget ansvar" and must not overlap any other
  national row of its område.
* Frivillig profile rows (work without a legal duty) are additive: each unit's voluntary
  work is its own group.
* Where a national row makes the municipality huvudman, the profile must answer; a profile
  row answering where the national table does not make the municipality huvudman is an error
  unless the row is `frivillig` (work without a legal duty, 002 §1.3's bracketed items).
* The result of an område is the state actors' rows plus the profile's rows, or the
  "inget ansvar" row.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import yaml
from pydantic import ValidationError

from mottagning.rules.codes import BOENDEFORM, FAS, OMRADE, RATTSLIG_STATUS
from mottagning.rules.errors import TableError
from mottagning.rules.events import NO_DATE, days, from_days
from mottagning.rules.schema import NationellRad, NationellTabell, Profil, ProfilRad, Villkor
from mottagning.rules.timeline import (
    ETABLERING_MANADER,
    LVU_SLUT_ALDER,
    MYNDIG_ALDER,
    States,
)

I16 = npt.NDArray[np.int16]
I32 = npt.NDArray[np.int32]
B = npt.NDArray[np.bool_]

PERMIT_STATUSES = ("put", "tut", "tut_utgangen", "tillstandssokande", "avslag")
DATA = resources.files("mottagning")


@dataclass(frozen=True)
class Row:
    """One row as the engine and the explanation need it."""

    index: int
    id: str
    fil: str
    nationell: bool
    omrade: tuple[str, ...]
    villkor: Villkor
    giltig_fran: dt.date | None
    giltig_till: dt.date | None
    prioritet: int
    huvudman: str | None
    arbete: str | None
    namnd_id: str | None
    namnd: str | None
    enhet_id: str | None
    enhet: str | None
    utforare: str | None
    beskrivning: str
    beskrivning_en: str
    lagar: tuple[str, ...]
    kalla: str
    frivillig: bool
    anmarkning: str | None

    @property
    def slot(self) -> str:
        if self.nationell:
            return self.huvudman or "ingen"
        if self.frivillig:
            # Voluntary work adds up: several units may each do something without a duty.
            return f"frivillig:{self.enhet_id}:{self.arbete}"
        return f"kommun:{self.arbete}"

    @property
    def signature(self) -> tuple[Any, ...]:
        if self.nationell:
            return (self.huvudman, self.arbete, self.beskrivning, self.lagar)
        return (self.namnd_id, self.enhet_id, self.arbete, self.utforare)


@dataclass(frozen=True)
class Grid:
    """The discretised input space shared by a national table and one profile."""

    alder_cuts: npt.NDArray[np.int64]
    manader_cuts: npt.NDArray[np.int64]

    @property
    def shape(self) -> tuple[int, ...]:
        return (
            len(RATTSLIG_STATUS),
            2,
            len(BOENDEFORM),
            len(FAS),
            len(self.alder_cuts),
            len(self.manader_cuts) + 1,
            2,
            2,
            2,
        )

    @property
    def size(self) -> int:
        return int(np.prod(self.shape))

    def cells(self, s: States) -> I32:
        """Cell index of every person's state (persons out of scope get a valid but unused cell)."""
        a = np.searchsorted(self.alder_cuts, np.maximum(s.alder, 0), side="right") - 1
        m = np.searchsorted(self.manader_cuts, s.manader, side="right")
        idx = np.ravel_multi_index(
            (
                np.maximum(s.status, 0),
                s.ensamkommande.astype(np.int8),
                s.boendeform,
                s.fas,
                a,
                m,
                s.gymnasiestudier.astype(np.int8),
                s.nyanland.astype(np.int8),
                s.lvu.astype(np.int8),
            ),
            self.shape,
        )
        return idx.astype(np.int32)

    def describe(self, cell: int) -> str:
        st, ek, bo, fa, a, m, gy, ny, lv = np.unravel_index(cell, self.shape)
        lo = int(self.alder_cuts[a])
        hi = int(self.alder_cuts[a + 1]) - 1 if a + 1 < len(self.alder_cuts) else None
        if m == 0:
            man = "ej mottagen"
        else:
            mlo = int(self.manader_cuts[m - 1])
            mhi = int(self.manader_cuts[m]) - 1 if m < len(self.manader_cuts) else None
            man = f"{mlo}–{mhi if mhi is not None else ''}"
        alder = f"{lo}" if hi == lo else f"{lo}–{hi if hi is not None else ''}"
        return (
            f"status={RATTSLIG_STATUS[st]}, ensamkommande={'ja' if ek else 'nej'}, "
            f"boendeform={BOENDEFORM[bo]}, fas={FAS[fa]}, ålder {alder} år, "
            f"månader sedan mottagande {man}, gymnasiestudier={'ja' if gy else 'nej'}, "
            f"nyanländ={'ja' if ny else 'nej'}, LVU={'ja' if lv else 'nej'}"
        )

    def row_mask(self, v: Villkor) -> B:
        """Boolean mask over all cells where the row's conditions hold."""
        axes: list[B] = [
            _cat(v.status, RATTSLIG_STATUS),
            _bool(v.ensamkommande),
            _cat(v.boendeform, BOENDEFORM),
            _cat(v.fas, FAS),
            _range(v.alder, self.alder_cuts, none_band=False),
            _range(v.manader, self.manader_cuts, none_band=True),
            _bool(v.gymnasiestudier),
            _bool(v.nyanland),
            _bool(v.lvu),
        ]
        mask: B = functools.reduce(np.multiply.outer, axes).ravel()
        return mask

    def values(self) -> dict[str, npt.NDArray[np.int64]]:
        """Per-cell representative values of each input (for consistency checks)."""
        grids = np.meshgrid(*[np.arange(n) for n in self.shape], indexing="ij")
        st, ek, bo, fa, a, m, gy, ny, lv = (g.ravel() for g in grids)
        man_lo = np.concatenate(([-1], self.manader_cuts))[m]
        return {
            "status": st,
            "ensamkommande": ek,
            "boendeform": bo,
            "fas": fa,
            "alder": self.alder_cuts[a],
            "manader": man_lo,
            "gymnasiestudier": gy,
            "nyanland": ny,
            "lvu": lv,
        }


def _cat(allowed: Sequence[str] | None, vocab: tuple[str, ...]) -> B:
    if allowed is None:
        return np.ones(len(vocab), dtype=np.bool_)
    return np.array([c in allowed for c in vocab], dtype=np.bool_)


def _bool(value: bool | None) -> B:
    if value is None:
        return np.ones(2, dtype=np.bool_)
    return np.array([not value, value], dtype=np.bool_)


def _range(
    rng: tuple[int | None, int | None] | None, cuts: npt.NDArray[np.int64], none_band: bool
) -> B:
    n = len(cuts) + (1 if none_band else 0)
    if rng is None:
        return np.ones(n, dtype=np.bool_)
    lo = -(2**62) if rng[0] is None else rng[0]
    hi = 2**62 if rng[1] is None else rng[1]
    band_lo = cuts
    band_hi = np.concatenate((cuts[1:], [2**62]))
    inside = (band_lo >= lo) & (band_hi <= hi)
    if none_band:
        # The "not received" band matches only a range left open downwards.
        inside = np.concatenate(([rng[0] is None], inside))
    return inside


@dataclass
class Epoch:
    """The compiled answer for one period in which the set of valid rows is constant."""

    start: int
    end: int  # exclusive; NO_DATE for open
    winners: I16  # (cells, områden, K) row indices, -1 = none


@dataclass
class Compiled:
    profil: Profil
    grid: Grid
    rows: list[Row]
    epochs: list[Epoch]
    consistent: B
    lagar: dict[str, tuple[str, str | None]]
    starts: npt.NDArray[np.int64] = field(init=False)
    winners: I16 = field(init=False)  # (epochs, cells, områden, K)

    def __post_init__(self) -> None:
        self.starts = np.array([e.start for e in self.epochs], dtype=np.int64)
        k = max(e.winners.shape[2] for e in self.epochs)
        self.winners = np.full(
            (len(self.epochs), self.grid.size, len(OMRADE), k), -1, dtype=np.int16
        )
        for i, e in enumerate(self.epochs):
            self.winners[i, :, :, : e.winners.shape[2]] = e.winners

    def evaluate(self, s: States) -> I16:
        """Winning row indices per person and område: (n, områden, K); -1 where none.

        Each person is answered by the rows valid on that person's date. Persons outside the
        municipality's scope (returned, moved away, before any event) get all -1: no table
        answers for them (see `States.i_omfang`).
        """
        return self.evaluate_cells(self.grid.cells(s), s.datum, s.i_omfang)

    def evaluate_cells(self, cells: I32, datum: I32, in_scope: B) -> I16:
        """`evaluate` for states already located in the grid: the rows valid on each date."""
        epoch = np.searchsorted(self.starts, datum, side="right") - 1
        out: I16 = self.winners[epoch, cells]
        out[~in_scope] = -1
        return out


# ---------------------------------------------------------------------------- loading


def _read_yaml(path: Path | Any, name: str) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise TableError(f"kan inte läsas som YAML: {exc}", name) from None
    except OSError as exc:
        raise TableError(f"kan inte öppnas: {exc.strerror}", name) from None


def _validation_message(exc: ValidationError, data: Any) -> tuple[str, str | None]:
    err = exc.errors()[0]
    loc = err["loc"]
    row: str | None = None
    if len(loc) >= 2 and loc[0] in ("rader", "regler", "frister") and isinstance(loc[1], int):
        try:
            row = str(data[loc[0]][loc[1]].get("id", f"nr {loc[1] + 1}"))
        except (KeyError, IndexError, TypeError, AttributeError):
            row = f"nr {loc[1] + 1}"
        loc = loc[2:]
    path = ".".join(str(p) for p in loc) or "(hela filen)"
    msg = err["msg"]
    if err["type"] == "extra_forbidden":
        msg = "okänd nyckel; kontrollera stavning och indrag"
    elif err["type"] == "missing" and loc == ("beskrivning_en",):
        msg = (
            "saknas; varje rad med beskrivning har också en engelsk text, beskrivning_en, "
            "som webben visar på engelska"
        )
    elif err["type"] == "missing":
        msg = "saknas"
    elif err["type"] == "literal_error":
        msg = f"ogiltigt värde {err.get('input')!r}; {err['msg'].replace('Input should be', 'ska vara')}"
    return f"{path}: {msg}", row


def load_national(path: Path | None = None) -> tuple[NationellTabell, str]:
    src: Any = path if path is not None else DATA / "rules" / "tables" / "nationell.yaml"
    name = str(path) if path is not None else "tables/nationell.yaml"
    data = _read_yaml(src, name)
    try:
        return NationellTabell.model_validate(data), name
    except ValidationError as exc:
        msg, row = _validation_message(exc, data)
        raise TableError(msg, name, row) from None


def load_profile_data(path: Path | Any, name: str) -> Profil:
    data = _read_yaml(path, name)
    try:
        return Profil.model_validate(data)
    except ValidationError as exc:
        msg, row = _validation_message(exc, data)
        raise TableError(msg, name, row) from None


# ---------------------------------------------------------------------------- compiling


def _rows(national: NationellTabell, nfile: str, profil: Profil, pfile: str) -> list[Row]:
    units = {e.id: e for e in profil.enheter}
    namnder = {n.id: n for n in profil.namnder}
    lagar = national.lagar
    for e in profil.enheter:
        if e.namnd not in namnder:
            raise TableError(
                f"enheten {e.id} hör till nämnden {e.namnd!r}, som inte finns bland namnder.",
                pfile,
                e.id,
            )
    rows: list[Row] = []
    seen: set[str] = set()

    def check_common(r: NationellRad | ProfilRad, file: str) -> None:
        if r.id in seen:
            raise TableError(f"rad-id {r.id} används mer än en gång.", file, r.id)
        seen.add(r.id)
        for lag in r.lagar:
            if lag not in lagar:
                raise TableError(
                    f"okänd lag {lag!r}; lägg till den under lagar i nationell.yaml eller "
                    f"använd en av {', '.join(sorted(lagar))}.",
                    file,
                    r.id,
                )
            i_kraft = lagar[lag].i_kraft
            if i_kraft is not None and (r.giltig_fran is None or r.giltig_fran < i_kraft):
                fran = r.giltig_fran.isoformat() if r.giltig_fran else "början"
                raise TableError(
                    f"citerar {lag}, som trädde i kraft {i_kraft}, men raden gäller från "
                    f"{fran}. Sätt giltig_fran: {i_kraft} och ge tiden före en egen rad med "
                    "den lag som gällde då.",
                    file,
                    r.id,
                )

    for r in national.rader:
        check_common(r, nfile)
        rows.append(
            Row(
                index=len(rows),
                id=r.id,
                fil=nfile,
                nationell=True,
                omrade=tuple(r.omrade),
                villkor=r.om,
                giltig_fran=r.giltig_fran,
                giltig_till=r.giltig_till,
                prioritet=r.prioritet,
                huvudman=r.huvudman,
                arbete=r.arbete,
                namnd_id=None,
                namnd=None,
                enhet_id=None,
                enhet=None,
                utforare=None,
                beskrivning=r.beskrivning,
                beskrivning_en=r.beskrivning_en,
                lagar=tuple(r.lagar),
                kalla=r.kalla,
                frivillig=False,
                anmarkning=r.anmarkning,
            )
        )
    for pr in profil.regler:
        check_common(pr, pfile)
        if pr.enhet not in units:
            raise TableError(
                f"okänd enhet {pr.enhet!r}; enheter i profilen: {', '.join(sorted(units))}.",
                pfile,
                pr.id,
            )
        namnd_id = pr.namnd or units[pr.enhet].namnd
        if namnd_id not in namnder:
            raise TableError(f"okänd nämnd {namnd_id!r}.", pfile, pr.id)
        rows.append(
            Row(
                index=len(rows),
                id=pr.id,
                fil=pfile,
                nationell=False,
                omrade=tuple(pr.omrade),
                villkor=pr.om,
                giltig_fran=pr.giltig_fran,
                giltig_till=pr.giltig_till,
                prioritet=pr.prioritet,
                huvudman="kommun",
                arbete=pr.arbete,
                namnd_id=namnd_id,
                namnd=namnder[namnd_id].namn,
                enhet_id=pr.enhet,
                enhet=units[pr.enhet].namn,
                utforare=pr.utforare,
                beskrivning=pr.beskrivning,
                beskrivning_en=pr.beskrivning_en,
                lagar=tuple(pr.lagar),
                kalla=pr.kalla,
                frivillig=pr.frivillig,
                anmarkning=pr.anmarkning,
            )
        )
    for f in profil.frister:
        if f.id in seen:
            raise TableError(f"frist-id {f.id} används redan av en rad eller frist.", pfile, None)
        seen.add(f.id)
        if f.enhet not in units:
            raise TableError(
                f"frist {f.id}: okänd enhet {f.enhet!r}; enheter i profilen: "
                f"{', '.join(sorted(units))}.",
                pfile,
            )
    return rows


def _grid(rows: Sequence[Row]) -> Grid:
    # 18 and 21 bound states the timeline derives (nyanländ excluding ensamkommande barn,
    # LVU care ending at 21); the consistency check needs those boundaries.
    alder = {0, MYNDIG_ALDER, LVU_SLUT_ALDER}
    # 24 months ends etableringstid (timeline.py); the consistency check needs that boundary.
    manader = {0, ETABLERING_MANADER}
    for r in rows:
        for bound in r.villkor.alder or ():
            if bound is not None:
                alder.add(bound)
        for bound in r.villkor.manader or ():
            if bound is not None:
                manader.add(bound)
    return Grid(np.array(sorted(alder), dtype=np.int64), np.array(sorted(manader), dtype=np.int64))


def _consistent(grid: Grid, profil: Profil) -> B:
    """Cells a timeline can produce (see timeline.py); checks run only over these."""
    v = grid.values()
    st, fa, bo, m, al = v["status"], v["fas"], v["boendeform"], v["manader"], v["alder"]
    ek, ny = v["ensamkommande"].astype(bool), v["nyanland"].astype(bool)
    lvu = v["lvu"].astype(bool)
    S = {s: i for i, s in enumerate(RATTSLIG_STATUS)}  # noqa: N806 (names mirror timeline.py)
    F = {f: i for i, f in enumerate(FAS)}  # noqa: N806
    H = {h: i for i, h in enumerate(BOENDEFORM)}  # noqa: N806
    permit = np.isin(st, [S[s] for s in PERMIT_STATUSES])
    no_permit = np.isin(st, [S["asylsokande"], S["avslag"]])
    ok = st != S["atervant"]
    ok &= np.where(fa == F["asyltid"], no_permit & (m < 0), True)
    ok &= np.where(fa == F["vantar_bosattning"], permit & (m < 0), True)
    ok &= np.where(fa == F["etableringstid"], permit & (m >= 0) & (m < ETABLERING_MANADER), True)
    ok &= np.where(fa == F["efter_etablering"], permit & (m >= ETABLERING_MANADER), True)
    ok &= np.where(
        bo == H["migrationsverket"], np.isin(fa, [F["asyltid"], F["vantar_bosattning"]]), True
    )
    ok &= np.where(
        bo == H["anvisad"],
        np.isin(fa, [F["etableringstid"], F["efter_etablering"]]) | (ek & (fa == F["asyltid"])),
        True,
    )
    placed = np.isin(bo, [H["hvb"], H["stodboende"], H["familjehem"]])
    # LVU only on a placement, and only before 21 (LVU 21 §).
    ok &= np.where(lvu, placed & (al < LVU_SLUT_ALDER), True)
    # An ensamkommande asylum seeker over 18 stays placed only on LVU (001 §3.1.1).
    ok &= np.where(ek & (fa == F["asyltid"]) & (al >= MYNDIG_ALDER) & placed, lvu, True)
    d = profil.nyanland.definition
    valid = np.isin(st, [S["put"], S["tut"]])
    if d == "forsta_tva_aren":
        ok &= ny == ((fa == F["etableringstid"]) & valid)
    elif d == "forsta_tva_aren_utom_ensamkommande_barn":
        ok &= ny == ((fa == F["etableringstid"]) & valid & ~(ek & (al < MYNDIG_ALDER)))
    elif d == "har_uppehallstillstand":
        ok &= ny == (fa != F["asyltid"])
    else:
        ok &= np.where(
            ny,
            (st == S["put"]) & ~ek & np.isin(fa, [F["etableringstid"], F["efter_etablering"]]),
            True,
        )
    result: B = ok
    return result


def _epochs(rows: Sequence[Row]) -> list[tuple[int, int]]:
    bounds = {-(2**31)}
    for r in rows:
        if r.giltig_fran:
            bounds.add(days(r.giltig_fran))
        if r.giltig_till:
            bounds.add(days(r.giltig_till) + 1)
    b = sorted(bounds)
    return [(b[i], b[i + 1] if i + 1 < len(b) else int(NO_DATE)) for i in range(len(b))]


def _active(r: Row, start: int, end: int) -> bool:
    if r.giltig_fran and days(r.giltig_fran) > start:
        return False
    return not (r.giltig_till and days(r.giltig_till) < end - 1)


def _period(start: int, end: int) -> str:
    a = "" if start <= -(2**31) else from_days(start).isoformat()
    b = "" if end >= int(NO_DATE) else from_days(end - 1).isoformat()
    return f"giltigt {a or 'från början'}–{b or 'tills vidare'}"


def _winners(
    rows: Sequence[Row], masks: npt.NDArray[np.bool_], cons: B, grid: Grid, where: str, omrade: str
) -> dict[str, tuple[npt.NDArray[np.int64], B]]:
    """Resolve the hit policy for one område: per slot, the winning row per cell (-1 = none)
    and where the slot answers at all."""
    by_slot: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_slot.setdefault(r.slot, []).append(i)
    result: dict[str, tuple[npt.NDArray[np.int64], B]] = {}
    for slot, idx in by_slot.items():
        m = masks[idx]  # (rows in slot, cells)
        prio = np.array([rows[i].prioritet for i in idx], dtype=np.int64)[:, None]
        ranked = np.where(m, prio, np.iinfo(np.int64).min)
        top = ranked.max(axis=0)
        at_top = m & (ranked == top)
        count = at_top.sum(axis=0)
        clash = (count > 1) & cons
        if clash.any():
            for cell in np.flatnonzero(clash):
                tied = [rows[idx[k]] for k in np.flatnonzero(at_top[:, cell])]
                sigs = {t.signature for t in tied}
                if len(sigs) > 1:
                    a, b = tied[0], tied[1]
                    raise TableError(
                        f"överlappar rad {b.id} med ett annat svar för område {omrade} i "
                        f"tillståndet {grid.describe(int(cell))} ({where}). Ge raderna olika "
                        "prioritet eller smalna av villkoren så att bara en gäller.",
                        a.fil,
                        a.id,
                    )
        first = np.argmax(at_top, axis=0)
        has = at_top.any(axis=0)
        global_idx = np.array([rows[i].index for i in idx], dtype=np.int64)
        result[slot] = (np.where(has, global_idx[first], -1), has)
    return result


def compile_profile(national: NationellTabell, nfile: str, profil: Profil, pfile: str) -> Compiled:
    """Compile and validate national table + one profile; TableError names file, row and state."""
    rows = _rows(national, nfile, profil, pfile)
    grid = _grid(rows)
    cons = _consistent(grid, profil)
    all_masks = np.stack([grid.row_mask(r.villkor) for r in rows])
    epochs: list[Epoch] = []
    for start, end in _epochs(rows):
        where = _period(start, end)
        active = np.array([_active(r, start, end) for r in rows])
        per_area: list[npt.NDArray[np.int64]] = []
        for omrade in OMRADE:
            n_idx = [
                r.index for r in rows if r.nationell and active[r.index] and omrade in r.omrade
            ]
            p_idx = [
                r.index for r in rows if not r.nationell and active[r.index] and omrade in r.omrade
            ]
            n_rows = [rows[i] for i in n_idx]
            n_slots = _winners(n_rows, all_masks[n_idx], cons, grid, where, omrade)
            none = np.zeros(grid.size, dtype=np.bool_)
            ingen = n_slots["ingen"][1] if "ingen" in n_slots else none
            statlig = functools.reduce(
                np.logical_or, (has for s, (_, has) in n_slots.items() if s != "ingen"), none
            )
            bad = ingen & statlig & cons
            if bad.any():
                cell = int(np.flatnonzero(bad)[0])
                ingen_row = next(
                    r for r in n_rows if r.huvudman is None and all_masks[r.index][cell]
                )
                other = next(
                    r for r in n_rows if r.huvudman is not None and all_masks[r.index][cell]
                )
                raise TableError(
                    f"säger 'inget ansvar' men rad {other.id} ger ansvar för område {omrade} i "
                    f"tillståndet {grid.describe(cell)} ({where}).",
                    nfile,
                    ingen_row.id,
                )
            hole = ~(ingen | statlig) & cons
            if hole.any():
                cell = int(np.flatnonzero(hole)[0])
                raise TableError(
                    f"ingen rad täcker område {omrade} i tillståndet {grid.describe(cell)} "
                    f"({where}). Lägg till en rad, eller en rad med huvudman: null som säger "
                    "varför ingen har ansvar.",
                    nfile,
                )
            kommun = n_slots["kommun"][1] if "kommun" in n_slots else none
            p_rows = [rows[i] for i in p_idx]
            p_slots = _winners(p_rows, all_masks[p_idx], cons, grid, where, omrade)
            answered = functools.reduce(np.logical_or, (has for _, has in p_slots.values()), none)
            missing = kommun & ~answered & cons
            if missing.any():
                cell = int(np.flatnonzero(missing)[0])
                need = next(
                    r for r in n_rows if r.huvudman == "kommun" and all_masks[r.index][cell]
                )
                raise TableError(
                    f"ingen rad i profilen svarar för område {omrade} i tillståndet "
                    f"{grid.describe(cell)} ({where}), där kommunen är huvudman enligt "
                    f"nationell rad {need.id}. Lägg till en rad som anger nämnd och enhet.",
                    pfile,
                )
            for r in p_rows:
                if r.frivillig:
                    continue
                stray = all_masks[r.index] & ~kommun & cons
                if stray.any():
                    cell = int(np.flatnonzero(stray)[0])
                    raise TableError(
                        f"svarar för område {omrade} i tillståndet {grid.describe(cell)} "
                        f"({where}), där kommunen inte är huvudman enligt nationell.yaml. Smalna av villkoren "
                        "eller markera raden frivillig: true om kommunen gör detta utan lagkrav.",
                        pfile,
                        r.id,
                    )
            # National kommun rows only say that the profile must answer; they are not answers.
            # The "inget ansvar" answer goes last, after the actors and the profile's units.
            cols = [w for s, (w, _) in n_slots.items() if s not in ("kommun", "ingen")]
            cols += [w for w, _ in p_slots.values()]
            if "ingen" in n_slots:
                cols.append(n_slots["ingen"][0])
            per_area.append(np.stack(cols, axis=1) if cols else np.full((grid.size, 0), -1))
        k = max(a.shape[1] for a in per_area)
        winners = np.full((grid.size, len(OMRADE), k), -1, dtype=np.int16)
        for ai, a in enumerate(per_area):
            # Pack each cell's hits to the left so K stays small and order is stable.
            order = np.argsort(a < 0, axis=1, kind="stable")
            packed = np.take_along_axis(a, order, axis=1)
            winners[:, ai, : a.shape[1]] = packed
        keep = int((winners >= 0).sum(axis=2).max())
        epochs.append(Epoch(start, end, np.ascontiguousarray(winners[:, :, : max(keep, 1)])))
    lagar = {k: (v.namn, v.sfs) for k, v in national.lagar.items()}
    return Compiled(profil, grid, rows, epochs, cons, lagar)
