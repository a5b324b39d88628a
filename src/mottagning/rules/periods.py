"""Responsibility over time: who holds what for a person between two dates, and when it changes.

`route` answers for one date. Everything the municipality does next depends on the answer over
an interval: which persons a unit may see (it held or holds responsibility), the handovers on
the worklists, the deadlines, and the compensation paid per day in a state. This module gives
that answer for one person or a whole register at once, with the same engine as `route`.

How it works
------------
A person's answer can only change on a day on which one of the engine's inputs changes. Those
days are read from the data, never listed by hand:

* the person's events (their dates; the day after a placement, studies or a TUT end);
* every birthday at which the compiled table's age bands change (`Grid.alder_cuts`), from the
  birth date and from every åldersbedömning;
* every day at which the months since reception cross one of the table's month bands
  (`Grid.manader_cuts`), counted as the timeline counts them (`dates.anniversaries`);
* every day on which the set of valid rows changes (`Compiled.starts`: a row's giltig_fran or
  the day after its giltig_till, which is how organisation and law changes are written).

So a new row, age band or month band in a YAML file needs no code change. The person is
evaluated on each of those days in one vectorised call (`compute_states` takes one date per
person), and consecutive days with the same winning rows merge into one segment. Between two
segment starts nothing the tables can see changes; a property test compares the segments with
a day-by-day scan of `route` (tests/rules/test_periods.py).

Who holds an area is the row's huvudman, nämnd, enhet and kind of work (a change of committee
for the same unit is a change of responsibility, 001 §5). A *transition* is a day on which the
holders of at least one area change; it lists, per such area, the rows the day before and on
the day. Deadlines that move nobody (the report three weeks before an unaccompanied child's
18th birthday, receiving an anvisad person within two months) are computed here too, so the
constants live in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from mottagning.rules.codes import HANDELSETYPER, OMRADE
from mottagning.rules.dates import (
    NO_DATE,
    anniversaries,
    birthday,
    days,
    deadlines_after,
    from_days,
)
from mottagning.rules.events import EventArrays
from mottagning.rules.schema import Frist
from mottagning.rules.tables import Compiled, Row
from mottagning.rules.timeline import ETABLERING_MANADER, MYNDIG_ALDER, States, compute_states

I8 = npt.NDArray[np.int8]
I16 = npt.NDArray[np.int16]
I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]
B = npt.NDArray[np.bool_]

#: Why a segment starts, in the order that names a day on which several things happen at once
#: (an event is the most specific explanation; a row's validity the least).
ORSAK: Final = ("handelse", "slut", "tut_upphor", "alder", "manader", "regel", "start")
_O = {name: np.int8(i) for i, name in enumerate(ORSAK)}

#: From this date the municipality must report continued responsibility for an unaccompanied
#: child to Migrationsverket at least three weeks before the 18th birthday (domain-facts §1.6,
#: Migrationsverket's questions and answers on state compensation).
ANMALAN_18_FRAN: Final = dt.date(2020, 10, 1)
ANMALAN_18_DAGAR: Final = 21
#: Bosättningslagen (2016:38), in force from 2016-03-01: an anvisad person is to be received
#: within two months (domain-facts §3.2; the time limit is set under förordning 2016:39).
ANVISNING_MANADER: Final = 2
BOSATTNINGSLAGEN_FRAN: Final = dt.date(2016, 3, 1)

_T = {name: np.int8(i) for i, name in enumerate(HANDELSETYPER)}

#: How a transition caused by an event is described (the event types of codes.HANDELSETYPER).
HANDELSE_TEXT: Final = {
    "asylansokan": "Asylansökan",
    "anvisning": "Anvisning till kommun",
    "mottagande": "Mottagande i kommunen",
    "eget_boende": "Eget boende (EBO)",
    "uppehallstillstand": "Uppehållstillstånd",
    "avslag": "Avslag",
    "tillstandsansokan": "Ansökan om fortsatt tillstånd",
    "atervandande": "Återvändande",
    "aldersbedomning": "Åldersbedömning",
    "placering": "Placering",
    "gymnasiestudier": "Gymnasiestudier",
    "utflyttning": "Utflyttning",
    "skolgang": "Skolgång",
}


# ------------------------------------------------------------------------------ holders


@dataclass(frozen=True)
class HolderKey:
    """Who holds an area: a state authority, or a municipal unit under a committee."""

    huvudman: str
    namnd_id: str | None
    enhet_id: str | None
    arbete: str | None

    @property
    def municipal(self) -> bool:
        return self.enhet_id is not None


@dataclass(frozen=True)
class Holders:
    """The distinct holders the compiled rows name, and each row's holders as a bit set.

    A set of holders is `words` uint64 words (bit h of the set = holder h), so comparing who
    holds an area on two days is comparing two integers, for a whole register at once.
    """

    keys: tuple[HolderKey, ...]
    row_bits: U64  # (rows, words)
    municipal_bits: U64  # (words,)
    table: U64  # (epochs, cells, områden, words): the compiled answers as holder bits


_HOLDERS: dict[int, tuple[Compiled, Holders]] = {}


def holders(c: Compiled) -> Holders:
    """The holders of a compiled profile (remembered per compiled profile)."""
    cached = _HOLDERS.get(id(c))
    if cached is not None and cached[0] is c:
        return cached[1]
    units = {e.id: e for e in c.profil.enheter} | {e.namn: e for e in c.profil.enheter}
    keys: dict[HolderKey, int] = {}
    named: list[list[int]] = []
    for r in c.rows:
        ids: list[int] = []
        if r.huvudman is not None:
            ids.append(
                keys.setdefault(HolderKey(r.huvudman, r.namnd_id, r.enhet_id, r.arbete), len(keys))
            )
            provider = units.get(r.utforare or "")
            if provider is not None and provider.id != r.enhet_id:
                key = HolderKey("kommun", provider.namnd, provider.id, "utforare")
                ids.append(keys.setdefault(key, len(keys)))
        named.append(ids)
    # The units a profile's own deadlines name act on them (see `deadlines`).
    for f in c.profil.frister:
        unit = units[f.enhet]
        keys.setdefault(HolderKey("kommun", unit.namnd, unit.id, "myndighetsutovning"), len(keys))
    words = max(1, -(-len(keys) // 64))
    row_bits = np.zeros((len(c.rows), words), dtype=np.uint64)
    for row, ids in enumerate(named):
        for h in ids:
            row_bits[row, h // 64] |= np.uint64(1) << np.uint64(h % 64)
    municipal = np.zeros(words, dtype=np.uint64)
    for key, h in keys.items():
        if key.municipal:
            municipal[h // 64] |= np.uint64(1) << np.uint64(h % 64)
    table = _rows_to_bits(row_bits, c.winners)
    result = Holders(tuple(keys), row_bits, municipal, table)
    _HOLDERS[id(c)] = (c, result)
    return result


def _rows_to_bits(row_bits: U64, hits: npt.NDArray[np.int16]) -> U64:
    """(..., K) winning rows -> (..., words): the holders they name together, as bits."""
    words = row_bits.shape[1]
    # A zero row at the end: "no row" (-1) gathers the empty set without a branch.
    padded = np.vstack((row_bits, np.zeros((1, words), dtype=np.uint64)))
    out: U64 = np.zeros((*hits.shape[:-1], words), dtype=np.uint64)
    for w in range(words):
        for k in range(hits.shape[-1]):
            out[..., w] |= padded[hits[..., k], w]
    return out


def _holder_bits(h: Holders, hits: I16) -> U64:
    """(m, områden, K) winning rows -> (m, områden, words): who holds each area, as bits."""
    return _rows_to_bits(h.row_bits, hits)


def _lowest(bits: U64) -> I32:
    """The lowest holder id in each set of `bits` (..., words); -1 for an empty set."""
    out = np.full(bits.shape[:-1], -1, dtype=np.int32)
    for w in range(bits.shape[-1] - 1, -1, -1):
        word = bits[..., w]
        low = word & (~word + np.uint64(1))
        found = word != 0
        pos = np.log2(np.where(found, low, 1).astype(np.float64)).astype(np.int32) + 64 * w
        out = np.where(found, pos, out)
    return out


# --------------------------------------------------------------------------- candidates


def _take(ev: EventArrays, persons: I64, upto: I32 | None = None) -> EventArrays:
    """The events of the given persons (repeats allowed): copy j is person `persons[j]`, with
    only the events dated on or before `upto[j]` when given (later ones cannot matter to the
    state on that day, and leaving them out halves the work)."""
    counts = np.bincount(ev.person, minlength=ev.n).astype(np.int64)
    offsets = np.concatenate(([0], np.cumsum(counts)))
    if upto is None:
        per = counts[persons]
    else:
        # Events are sorted by person and date: one search over (person, date) keys counts them.
        keys = ev.person.astype(np.int64) * 2**32 + ev.datum.astype(np.int64)
        wanted = persons * 2**32 + upto.astype(np.int64)
        per = np.searchsorted(keys, wanted, side="right") - offsets[persons]
    total = int(per.sum())
    owner = np.repeat(np.arange(persons.size, dtype=np.int64), per)
    within = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(per) - per, per)
    idx = offsets[persons][owner] + within
    return EventArrays(
        fodelsedatum=ev.fodelsedatum[persons],
        ensamkommande=ev.ensamkommande[persons],
        person=owner.astype(np.int32),
        typ=ev.typ[idx],
        datum=ev.datum[idx],
        slut=ev.slut[idx],
        form=ev.form[idx],
        nytt_fodelsedatum=ev.nytt_fodelsedatum[idx],
        egen=ev.egen[idx],
        lvu=None if ev.lvu is None else ev.lvu[idx],
    )


def states_on(c: Compiled, ev: EventArrays, on: int | I32) -> States:
    """The state of every person on one date (or one date each), by the profile's definitions."""
    return compute_states(ev, on, c.profil.nyanland.definition, c.profil.etableringsperiod.fran)


@dataclass(frozen=True)
class _Candidates:
    person: I64
    datum: I32
    orsak: I8
    arg: I32


def _candidates(c: Compiled, ev: EventArrays, start: I32, end: I32) -> _Candidates:
    """Every day in [start, end] on which a person's answer can change, once, with its reason."""
    n = ev.n
    everyone = np.arange(n, dtype=np.int64)
    e_person = ev.person.astype(np.int64)
    e_index = np.arange(ev.typ.size, dtype=np.int32)
    parts: list[tuple[I64, npt.NDArray[Any], np.int8, npt.NDArray[Any] | int]] = [
        (everyone, start, _O["start"], 0),
        (e_person, ev.datum, _O["handelse"], e_index),
    ]
    ends = ev.slut != NO_DATE
    permit = ev.typ == _T["uppehallstillstand"]
    after = ev.slut.astype(np.int64) + 1
    for which, why in ((ends & ~permit, "slut"), (ends & permit, "tut_upphor")):
        parts.append((e_person[which], after[which], _O[why], e_index[which]))

    assessed = (ev.typ == _T["aldersbedomning"]) & (ev.nytt_fodelsedatum != NO_DATE)
    born_person = np.concatenate((everyone, e_person[assessed]))
    born = np.concatenate((ev.fodelsedatum, ev.nytt_fodelsedatum[assessed])).astype(np.int32)
    ages = c.grid.alder_cuts[c.grid.alder_cuts > 0].astype(np.int64)
    parts.append(
        (
            np.repeat(born_person, ages.size),
            anniversaries(np.repeat(born, ages.size), np.tile(12 * ages, born.size)),
            _O["alder"],
            np.tile(ages, born.size),
        )
    )

    # The months since reception count from a date fixed once the person has both a permit and
    # a reception (timeline.py), so the state at the end of the interval gives it.
    mottagen = states_on(c, ev, end).mottagningsdatum
    received = np.flatnonzero(mottagen != NO_DATE)
    cuts = np.array(
        sorted({int(k) for k in c.grid.manader_cuts if k > 0} | {ETABLERING_MANADER}),
        dtype=np.int64,
    )
    parts.append(
        (
            np.repeat(received, cuts.size),
            anniversaries(np.repeat(mottagen[received], cuts.size), np.tile(cuts, received.size)),
            _O["manader"],
            np.tile(cuts, received.size),
        )
    )
    for epoch_start in c.starts[1:]:
        inside = (start <= epoch_start) & (epoch_start <= end)
        parts.append((everyone[inside], np.full(int(inside.sum()), epoch_start), _O["regel"], 0))

    person = np.concatenate([p[0] for p in parts])
    datum = np.concatenate([np.asarray(p[1], dtype=np.int64) for p in parts])
    orsak = np.concatenate([np.full(p[0].size, p[2], dtype=np.int8) for p in parts])
    arg = np.concatenate(
        [np.broadcast_to(np.asarray(p[3], dtype=np.int32), p[0].shape) for p in parts]
    )
    inside = (datum >= start[person]) & (datum <= end[person])
    person, datum, orsak, arg = person[inside], datum[inside], orsak[inside], arg[inside]
    # One sort key: person, day, reason (an event names the day before a birthday does).
    order = np.argsort((person * 2**32 + datum) * 8 + orsak, kind="stable")
    person, datum, orsak, arg = person[order], datum[order], orsak[order], arg[order]
    first = np.ones(person.size, dtype=np.bool_)
    first[1:] = (person[1:] != person[:-1]) | (datum[1:] != datum[:-1])
    return _Candidates(person[first], datum[first].astype(np.int32), orsak[first], arg[first])


# ----------------------------------------------------------------------------- timeline


@dataclass(frozen=True)
class Timeline:
    """Per person, consecutive segments [fran, till) in which no area's winning rows change.

    Sorted by person and `fran`; the segments of person p are `bounds[p]:bounds[p + 1]` and
    together cover the asked interval exactly. `hits` are the rows as `Compiled.evaluate`
    gives them (all -1 where the municipality's tables do not answer: before any status,
    after a return, while living elsewhere); `holders` who holds each area, as bit sets.
    """

    compiled: Compiled
    events: EventArrays
    person: I32
    fran: I32
    till: I32
    orsak: I8
    arg: I32  # the event's index (events' reasons), the age or the months; 0 otherwise
    hits: I16  # (m, områden, K)
    holders: U64  # (m, områden, words)
    status: I8
    bounds: I64

    @property
    def n(self) -> int:
        return int(self.bounds.size - 1)

    @property
    def in_scope(self) -> B:
        """Segments in which the municipality's tables answer for the person."""
        out: B = np.asarray((self.hits >= 0).any(axis=(1, 2)), dtype=np.bool_)
        return out

    def changed(self) -> B:
        """(m, områden): the area's holders differ from the person's previous segment."""
        out = np.zeros(self.holders.shape[:2], dtype=np.bool_)
        if self.person.size > 1:
            same = self.person[1:] == self.person[:-1]
            diff = (self.holders[1:] != self.holders[:-1]).any(axis=-1)
            out[1:] = diff & same[:, None]
        return out

    def segment_at(self, person: I64, day: npt.NDArray[Any]) -> I64:
        """The segment of each (person, day) pair; -1 outside the person's interval."""
        keys = self.person.astype(np.int64) * 2**32 + self.fran.astype(np.int64)
        seg = np.searchsorted(keys, person * 2**32 + day.astype(np.int64), side="right") - 1
        safe = np.maximum(seg, 0)
        ok = (seg >= 0) & (self.person[safe] == person) & (day < self.till[safe])
        out: I64 = np.where(ok, seg, -1)
        return out


def _chunk(ev: EventArrays, lo: int, hi: int, e_lo: int, e_hi: int) -> EventArrays:
    return EventArrays(
        fodelsedatum=ev.fodelsedatum[lo:hi],
        ensamkommande=ev.ensamkommande[lo:hi],
        person=(ev.person[e_lo:e_hi] - lo).astype(np.int32),
        typ=ev.typ[e_lo:e_hi],
        datum=ev.datum[e_lo:e_hi],
        slut=ev.slut[e_lo:e_hi],
        form=ev.form[e_lo:e_hi],
        nytt_fodelsedatum=ev.nytt_fodelsedatum[e_lo:e_hi],
        egen=ev.egen[e_lo:e_hi],
        lvu=None if ev.lvu is None else ev.lvu[e_lo:e_hi],
    )


def timeline(
    c: Compiled, ev: EventArrays, start: int | I32, end: int | I32, chunk: int = 4_000
) -> Timeline:
    """Responsibility of every person in `ev` over [start, end] (day numbers, inclusive; one
    for all or one per person), as segments of constant answers.

    Persons are evaluated `chunk` at a time so a register of any size needs bounded memory; a
    few thousand at a time keeps the per-candidate work arrays in the processor's cache
    (measured with bench_periods: 4,000 persons a chunk took 2.4 s for 100,000, 20,000 took 2.8).
    """
    n = ev.n
    start_p = np.broadcast_to(np.asarray(start, dtype=np.int32), (n,)).astype(np.int32)
    end_p = np.broadcast_to(np.asarray(end, dtype=np.int32), (n,)).astype(np.int32)
    table = holders(c).table
    pieces: list[tuple[npt.NDArray[Any], ...]] = []
    e_bounds = np.searchsorted(ev.person, np.arange(0, n + chunk, chunk).clip(max=n))
    for k, lo in enumerate(range(0, n, chunk)):
        hi = min(lo + chunk, n)
        e_lo, e_hi = int(e_bounds[k]), int(e_bounds[k + 1])
        part = _chunk(ev, lo, hi, e_lo, e_hi)
        cand = _candidates(c, part, start_p[lo:hi], end_p[lo:hi])
        # On the first day of a row's validity the state is that of the day before; only the
        # rows change. So the state is computed on the other candidate days only (and on each
        # person's first day, which may be such a day).
        moves = cand.orsak != _O["regel"]
        moves[np.flatnonzero(np.diff(cand.person, prepend=-1))] = True
        at = np.flatnonzero(moves)
        s = states_on(c, _take(part, cand.person[at], cand.datum[at]), cand.datum[at])
        last_move = np.maximum.accumulate(np.where(moves, np.arange(moves.size), 0))
        source = np.searchsorted(at, last_move)
        cells = c.grid.cells(s)[source]
        status = s.status[source]
        in_scope = s.i_omfang[source]
        hits = c.evaluate_cells(cells, cand.datum, in_scope)
        keep = np.ones(cand.person.size, dtype=np.bool_)
        if cand.person.size > 1:
            same_person = cand.person[1:] == cand.person[:-1]
            same_rows = (hits[1:] == hits[:-1]).all(axis=(1, 2))
            keep[1:] = ~(same_person & same_rows)
        arg = cand.arg[keep].copy()
        arg[cand.orsak[keep] <= _O["tut_upphor"]] += e_lo  # event indices into `ev`
        epoch = np.searchsorted(c.starts, cand.datum[keep], side="right") - 1
        held = table[epoch, cells[keep]]
        held[~in_scope[keep]] = 0
        pieces.append(
            (
                cand.person[keep] + lo,
                cand.datum[keep],
                cand.orsak[keep],
                arg,
                hits[keep],
                status[keep],
                held,
            )
        )
    if pieces:
        person, fran, orsak, arg, hits, status, held_bits = (
            np.concatenate([p[i] for p in pieces]) for i in range(7)
        )
    else:
        person = fran = arg = np.zeros(0, dtype=np.int32)
        orsak = status = np.zeros(0, dtype=np.int8)
        hits = np.zeros((0, len(OMRADE), c.winners.shape[-1]), dtype=np.int16)
        held_bits = np.zeros((0, len(OMRADE), table.shape[-1]), dtype=np.uint64)
    till = np.empty(fran.size, dtype=np.int32)
    if fran.size:
        till[:-1] = np.where(person[1:] == person[:-1], fran[1:], end_p[person[:-1]] + 1)
        till[-1] = end_p[person[-1]] + 1
    return Timeline(
        compiled=c,
        events=ev,
        person=person.astype(np.int32),
        fran=fran.astype(np.int32),
        till=till,
        orsak=orsak.astype(np.int8),
        arg=arg.astype(np.int32),
        hits=hits.astype(np.int16),
        holders=held_bits,
        status=status.astype(np.int8),
        bounds=np.searchsorted(person, np.arange(n + 1)).astype(np.int64),
    )


# ------------------------------------------------------------------- holders over time


@dataclass(frozen=True)
class HolderPeriods:
    """Per person, area and holder, the periods [fran, till) in which the holder held the area."""

    person: I32
    omrade: I8
    holder: I32
    fran: I32
    till: I32


def holder_periods(tl: Timeline) -> HolderPeriods:
    """Each holder's periods, from the segments (vectorised over the whole register): a period
    starts in a segment where the holder comes and ends with one after which it leaves."""
    m = tl.person.size
    same = np.zeros(m, dtype=np.bool_)
    same[1:] = tl.person[1:] == tl.person[:-1]
    before = np.zeros_like(tl.holders)
    before[same] = tl.holders[np.flatnonzero(same) - 1]
    after = np.zeros_like(tl.holders)
    follows = np.flatnonzero(same) - 1  # segments followed by one of the same person
    after[follows] = tl.holders[follows + 1]
    n_holders = len(holders(tl.compiled).keys)
    s_seg, s_area, s_holder = _explode(tl.holders & ~before, n_holders)
    e_seg, e_area, e_holder = _explode(tl.holders & ~after, n_holders)
    # Starts and ends of one person's area and holder alternate, so sorting both the same way
    # pairs each start with its end.
    width = np.int64(max(m, 1))

    def order(seg: I64, area: I64, holder: I64) -> I64:
        key = ((tl.person[seg].astype(np.int64) * len(OMRADE) + area) * n_holders + holder) * width
        out: I64 = np.argsort(key + seg, kind="stable")
        return out

    so = order(s_seg, s_area, s_holder)
    eo = order(e_seg, e_area, e_holder)
    return HolderPeriods(
        person=tl.person[s_seg[so]].astype(np.int32),
        omrade=s_area[so].astype(np.int8),
        holder=s_holder[so].astype(np.int32),
        fran=tl.fran[s_seg[so]].astype(np.int32),
        till=tl.till[e_seg[eo]].astype(np.int32),
    )


def _explode(bits: U64, n_holders: int) -> tuple[I64, I64, I64]:
    """(segment, area, holder) for every bit set in (m, områden, words) holder bits."""
    seg, area = np.nonzero((bits != 0).any(axis=-1))
    words = bits[seg, area]
    parts = []
    for h in range(n_holders):
        has = ((words[:, h // 64] >> np.uint64(h % 64)) & np.uint64(1)).astype(np.bool_)
        parts.append((seg[has], area[has], np.full(int(has.sum()), h, dtype=np.int64)))
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    return (
        np.concatenate([p[0] for p in parts]).astype(np.int64),
        np.concatenate([p[1] for p in parts]).astype(np.int64),
        np.concatenate([p[2] for p in parts]),
    )


# ------------------------------------------------------------------------ transitions

#: Areas in the order a case worker reads them; also the order in which the unit that must act
#: on a transition is sought (the person page, handovers and worklists follow it).
AREA_ORDER: Final = (
    "barn_och_unga",
    "boende",
    "forsorjning",
    "etablering",
    "skola",
    "sfi",
    "samhallsorientering",
    "halsa",
)
_AREA_INDEX = [OMRADE.index(a) for a in AREA_ORDER]
#: Where no area changes holder (a deadline), the unit holding the first of these acts: the
#: social services for an unaccompanied child, the housing or reception unit for others.
ACTING_AREAS: Final = ("barn_och_unga", "boende", "forsorjning", "etablering")


@dataclass(frozen=True)
class Changes:
    """The days on which some area's holders change (vectorised): segment `seg` starts the
    change; per area whether it changes, the first holder that leaves and the first that comes
    (lowest holder id, -1 none); and the municipal unit that must act."""

    seg: I64
    areas: B  # (T, A)
    gone: I32  # (T, A)
    came: I32  # (T, A)
    acting: I32  # (T,)


def changes(tl: Timeline, after: int | npt.NDArray[Any], until: int | npt.NDArray[Any]) -> Changes:
    """Every day in (after, until] on which some area's holders change, each once."""
    n = tl.n
    after_p = np.broadcast_to(np.asarray(after, dtype=np.int64), (n,))
    until_p = np.broadcast_to(np.asarray(until, dtype=np.int64), (n,))
    changed = tl.changed()
    seg = np.flatnonzero(changed.any(axis=1))
    who = tl.person[seg]
    seg = seg[(tl.fran[seg] > after_p[who]) & (tl.fran[seg] <= until_p[who])]
    areas = changed[seg]
    # Only the areas that change hand anything over: work on those (seg, area) pairs alone.
    t_at, a_at = np.nonzero(areas)
    before, now = tl.holders[seg[t_at] - 1, a_at], tl.holders[seg[t_at], a_at]
    gone_bits, came_bits = before & ~now, now & ~before
    municipal = holders(tl.compiled).municipal_bits
    shape = areas.shape
    gone, came, gone_unit, came_unit = (np.full(shape, -1, dtype=np.int32) for _ in range(4))
    gone[t_at, a_at] = _lowest(gone_bits)
    came[t_at, a_at] = _lowest(came_bits)
    gone_unit[t_at, a_at] = _lowest(gone_bits & municipal)
    came_unit[t_at, a_at] = _lowest(came_bits & municipal)
    acting = np.full(seg.size, -1, dtype=np.int32)
    # The unit handing an area over acts; else the one taking it over; else the unit that held
    # the person the day before: each sought in the order a case worker reads the areas.
    for candidates in (gone_unit, came_unit):
        for ai in _AREA_INDEX:
            pick = (acting < 0) & (candidates[:, ai] >= 0)
            acting[pick] = candidates[pick, ai]
    rest = np.flatnonzero(acting < 0)
    held_before = _lowest(tl.holders[seg[rest] - 1] & municipal)
    for ai in _AREA_INDEX:
        pick = (acting[rest] < 0) & (held_before[:, ai] >= 0)
        acting[rest[pick]] = held_before[pick, ai]
    return Changes(seg, areas, gone, came, acting)


@dataclass(frozen=True)
class Deadlines:
    """Dated tasks that move nobody (vectorised): person, day, kind (DEADLINE_TYPES), the
    municipal unit that must act (-1 none)."""

    person: I64
    datum: I32
    typ: I8
    acting: I32


#: The deadlines `deadlines` finds: code, sentence and source.
DEADLINE_TYPES: Final = (
    (
        "anmal_fortsatt_ansvar",
        "Anmäl fortsatt ansvar till Migrationsverket (senast tre veckor före 18-årsdagen; "
        "annars upphör det registrerade ansvaret vid 18 år)",
        "Migrationsverket, frågor och svar om statlig ersättning (från 2020-10-01)",
    ),
    (
        "anvisning_mottagande",
        "Ta emot anvisad person (inom två månader från anvisningen)",
        "bosättningslagen (2016:38); förordning (2016:39); Migrationsverket: två månader är "
        "bosättningslagens tidsgräns",
    ),
)


def anmalan_18(born: dt.date) -> dt.date | None:
    """The last day to report continued responsibility for an unaccompanied child: three weeks
    before the 18th birthday, from 2020-10-01 (None before then). `deadlines` uses the same."""
    due = birthday(born, MYNDIG_ALDER) - dt.timedelta(days=ANMALAN_18_DAGAR)
    return due if due >= ANMALAN_18_FRAN else None


def deadline_types(c: Compiled) -> list[tuple[str, str, str]]:
    """Code, sentence and source of each deadline kind: the law's (DEADLINE_TYPES), then the
    profile's own (`frister`, e.g. Ekerö's first mapping within three weeks, 004)."""
    return [
        *DEADLINE_TYPES,
        *((f.id, f"{f.beskrivning} (inom {f.dagar} dagar)", f.kalla) for f in c.profil.frister),
    ]


def deadlines(
    tl: Timeline, start: int | npt.NDArray[Any], end: int | npt.NDArray[Any]
) -> Deadlines:
    """Tasks in [start, end] that follow from the timeline without changing responsibility.

    * `anmal_fortsatt_ansvar`: from 2020-10-01, the report of continued responsibility for an
      unaccompanied child, three weeks before the 18th birthday (by the latest åldersbedömning),
      while the municipality's tables answer for the child (domain-facts §1.6).
    * `anvisning_mottagande`: a person anvisad to this municipality from 2016-03-01 (not an
      unaccompanied child, who is received at the anvisning, 001 §2) and not received on or
      after it is to be received within two months (bosättningslagen 2016:38).
    * the profile's `frister`: `dagar` days from the first event of the kind `fran` in this
      municipality, when the person's state that day meets the frist's conditions; the unit
      the frist names acts.
    """
    ev = tl.events
    n = ev.n
    start_p = np.broadcast_to(np.asarray(start, dtype=np.int64), (n,))
    end_p = np.broadcast_to(np.asarray(end, dtype=np.int64), (n,))
    h = holders(tl.compiled)

    assessed = (ev.typ == _T["aldersbedomning"]) & (ev.nytt_fodelsedatum != NO_DATE)
    latest = np.full(n, -1, dtype=np.int64)
    np.maximum.at(latest, ev.person[assessed], np.flatnonzero(assessed))
    # A sentinel at the end: -1 ("no assessment") gathers without a branch, also with no events.
    assessed_born = np.append(ev.nytt_fodelsedatum, NO_DATE)[latest]
    born = np.where(latest >= 0, assessed_born, ev.fodelsedatum)
    report = anniversaries(born.astype(np.int32), 12 * MYNDIG_ALDER) - ANMALAN_18_DAGAR
    child = np.flatnonzero(
        ev.ensamkommande
        & (report >= days(ANMALAN_18_FRAN))
        & (report >= start_p)
        & (report <= end_p)
    ).astype(np.int64)
    seg = tl.segment_at(child, report[child])
    answered = np.zeros(child.size, dtype=np.bool_)
    answered[seg >= 0] = tl.in_scope[seg[seg >= 0]]
    child, seg, report_day = child[answered], seg[answered], report[child][answered]
    acting_child = np.full(child.size, -1, dtype=np.int32)
    unit = _lowest(tl.holders[seg] & h.municipal_bits)
    for name in (*ACTING_AREAS, *AREA_ORDER):
        pick = (acting_child < 0) & (unit[:, OMRADE.index(name)] >= 0)
        acting_child[pick] = unit[pick, OMRADE.index(name)]

    anvisad = (
        (ev.typ == _T["anvisning"])
        & ev.egen
        & ~ev.ensamkommande[ev.person]
        & (ev.datum >= days(BOSATTNINGSLAGEN_FRAN))
    )
    received = (ev.typ == _T["mottagande"]) & ev.egen
    last_received = np.full(n, -1, dtype=np.int64)
    np.maximum.at(last_received, ev.person[received], ev.datum[received].astype(np.int64))
    waiting = np.flatnonzero(anvisad & (last_received[ev.person] < ev.datum))
    due = deadlines_after(ev.datum[waiting], ANVISNING_MANADER)
    who = ev.person[waiting].astype(np.int64)
    inside = (due >= start_p[who]) & (due <= end_p[who])
    who, due = who[inside], due[inside]
    acting_reception = _after_reception(tl, who, due)

    persons = [child, who]
    dates = [report_day.astype(np.int32), due.astype(np.int32)]
    kinds = [np.zeros(child.size, dtype=np.int8), np.ones(who.size, dtype=np.int8)]
    acting = [acting_child, acting_reception]
    for j, f in enumerate(tl.compiled.profil.frister):
        p, day, frist_unit = _profile_deadline(tl, f, start_p, end_p)
        persons.append(p)
        dates.append(day)
        kinds.append(np.full(p.size, len(DEADLINE_TYPES) + j, dtype=np.int8))
        acting.append(np.full(p.size, frist_unit, dtype=np.int32))
    return Deadlines(
        person=np.concatenate(persons),
        datum=np.concatenate(dates).astype(np.int32),
        typ=np.concatenate(kinds),
        acting=np.concatenate(acting).astype(np.int32),
    )


def _profile_deadline(
    tl: Timeline, f: Frist, start_p: npt.NDArray[Any], end_p: npt.NDArray[Any]
) -> tuple[I64, I32, int]:
    """Persons and days one of the profile's own deadlines falls due, and the acting unit."""
    c, ev = tl.compiled, tl.events
    first = np.full(ev.n, NO_DATE, dtype=np.int32)
    mine = (ev.typ == _T[f.fran]) & ev.egen
    np.minimum.at(first, ev.person[mine], ev.datum[mine])
    since = days(f.giltig_fran) if f.giltig_fran is not None else np.iinfo(np.int32).min
    who = np.flatnonzero((first != NO_DATE) & (first >= since)).astype(np.int64)
    due = (first[who].astype(np.int64) + f.dagar).astype(np.int32)
    inside = (due >= start_p[who]) & (due <= end_p[who])
    who, due = who[inside], due[inside]
    s = states_on(c, _take(ev, who, first[who]), first[who])
    holds = s.i_omfang.copy()
    if f.om is not None:
        holds &= c.grid.row_mask(f.om)[c.grid.cells(s)]
    unit = next(u for u in c.profil.enheter if u.id == f.enhet)
    key = HolderKey("kommun", unit.namnd, unit.id, "myndighetsutovning")
    return who[holds], due[holds], holders(c).keys.index(key)


def _after_reception(tl: Timeline, persons: I64, when: I32) -> I32:
    """The unit that would hold each person's housing (or, failing that, the first area a case
    worker reads) if the person were received on that day: it prepares the reception."""
    out = np.full(persons.size, -1, dtype=np.int32)
    if not persons.size:
        return out
    base = _take(tl.events, persons)
    k = persons.size
    owner = np.concatenate((base.person, np.arange(k, dtype=np.int32)))
    datum = np.concatenate((base.datum, when.astype(np.int32)))
    order = np.lexsort((np.arange(owner.size), datum, owner))

    def add(values: npt.NDArray[Any], extra: Any, dtype: Any) -> npt.NDArray[Any]:
        return np.concatenate((values, np.full(k, extra, dtype=dtype)))[order]

    received = EventArrays(
        fodelsedatum=base.fodelsedatum,
        ensamkommande=base.ensamkommande,
        person=owner[order].astype(np.int32),
        typ=add(base.typ, _T["mottagande"], np.int8),
        datum=datum[order].astype(np.int32),
        slut=add(base.slut, NO_DATE, np.int32),
        form=add(base.form, -1, np.int8),
        nytt_fodelsedatum=add(base.nytt_fodelsedatum, NO_DATE, np.int32),
        egen=add(base.egen, True, np.bool_),
        lvu=None if base.lvu is None else add(base.lvu, False, np.bool_),
    )
    c = tl.compiled
    h = holders(c)
    unit = _lowest(_holder_bits(h, c.evaluate(states_on(c, received, when))) & h.municipal_bits)
    for name in ("boende", *AREA_ORDER):
        pick = (out < 0) & (unit[:, OMRADE.index(name)] >= 0)
        out[pick] = unit[pick, OMRADE.index(name)]
    return out


# ------------------------------------------------------------------ as records, for people


@dataclass(frozen=True)
class Reason:
    typ: str
    beskrivning: str


def reason(tl: Timeline, seg: int) -> Reason:
    """Why segment `seg` starts, as a worklist code and a sentence. The sentence never holds a
    date (the transition carries it) and is tense-neutral, so it reads right before and after."""
    orsak = ORSAK[int(tl.orsak[seg])]
    arg = int(tl.arg[seg])
    if orsak in ("handelse", "slut"):
        return _event_reason(orsak, HANDELSETYPER[int(tl.events.typ[arg])])
    return _reason(orsak, arg)


def _event_reason(orsak: str, typ: str) -> Reason:
    if orsak == "slut":
        return Reason(f"{typ}_slut", f"{HANDELSE_TEXT[typ]} upphör")
    return Reason(typ, HANDELSE_TEXT[typ])


def _reason(orsak: str, arg: int) -> Reason:
    if orsak == "tut_upphor":
        return Reason("tut_upphor", "Det tillfälliga uppehållstillståndet upphör")
    if orsak == "alder":
        return Reason(f"fyller_{arg}", f"Fyller {arg} år")
    if orsak == "manader":
        if arg == ETABLERING_MANADER:
            return Reason(
                "etableringstid_slut",
                f"Etableringstiden ({ETABLERING_MANADER} månader från mottagandet) tar slut",
            )
        unit = "månad" if arg == 1 else "månader"
        return Reason(f"manader_{arg}", f"{arg} {unit} sedan mottagandet")
    if orsak == "regel":
        return Reason("regelandring", "Ändrad organisation eller lagstiftning")
    return Reason("start", "Början av perioden")


def rows_of(tl: Timeline, seg: int, area: int) -> list[Row]:
    """The winning rows of one area in one segment, in the engine's order."""
    return [tl.compiled.rows[int(i)] for i in tl.hits[seg, area] if i >= 0]


def change_sources(tl: Timeline, seg: int, areas: Sequence[int]) -> str:
    """The sources of a change: the rows that start applying in the changed areas, or, where
    responsibility just ends, the rows that stop applying (remembered: registers repeat the
    same few changes)."""
    key = (id(tl.compiled), tl.hits[seg - 1, areas].tobytes(), tl.hits[seg, areas].tobytes())
    found = _SOURCES.get(key)
    if found is None:
        came: dict[str, None] = {}
        gone: dict[str, None] = {}
        for a in areas:
            before = {r.index for r in rows_of(tl, seg - 1, a)}
            after = rows_of(tl, seg, a)
            now = {r.index for r in after}
            for r in after:
                if r.index not in before and r.huvudman is not None:
                    came.setdefault(r.kalla)
            for r in rows_of(tl, seg - 1, a):
                if r.index not in now:
                    gone.setdefault(r.kalla)
        found = "; ".join(came or gone)
        _SOURCES[key] = found
    return found


_SOURCES: dict[tuple[int, bytes, bytes], str] = {}


@dataclass(frozen=True)
class Handover:
    omrade: str
    fran: HolderKey | None
    till: HolderKey | None


@dataclass(frozen=True)
class Transition:
    """A day on which some area's holders change, or a deadline; for one person."""

    person: int
    datum: dt.date
    typ: str
    beskrivning: str
    kalla: str
    handovers: tuple[Handover, ...]
    acting: HolderKey | None  # the municipal unit that must act, if any
    seg: int = -1  # the segment that starts the change (-1 for a deadline)


@dataclass(frozen=True)
class TransitionTable:
    """The changes and deadlines of a whole register as columns, sorted by person and day.

    Row i: `person`, `datum`, `typ`, `beskrivning`, `kalla`, the acting holder (-1 none) and
    the segment that starts the change (-1 for a deadline). Handovers: one row per changed
    area, `h_row` naming the transition, with the first holder leaving and coming (-1 none).
    The texts are worked out once per distinct kind of change, not once per row."""

    person: I64
    datum: I32
    typ: list[str]
    beskrivning: list[str]
    kalla: list[str]
    acting: I32
    seg: I64
    uppgift: B  # someone must act on it (see `transition_table`)
    h_row: I64
    h_omrade: I8
    h_fran: I32
    h_till: I32


def transition_table(
    tl: Timeline, after: int | npt.NDArray[Any], until: int | npt.NDArray[Any]
) -> TransitionTable:
    """The changes in (after, until] and the deadlines in that window.

    `uppgift` says whether someone must act on the row: a deadline, or a change the calendar
    brings (a birthday, the months since reception, a permit or placement running out). A change
    that a recorded event or a new organisation brings is not: whoever recorded the event acted,
    and the handover itself is listed with the unit's handovers."""
    ch = changes(tl, after, until)
    seg = ch.seg
    typ: list[str] = []
    text: list[str] = []
    if seg.size:
        # The reason: the event's type, or the age, months or nothing, with the kind of reason.
        orsak = tl.orsak[seg].astype(np.int64)
        from_event = orsak <= _O["slut"]
        counted = (orsak == _O["alder"]) | (orsak == _O["manader"])  # the age or the months
        arg = np.where(
            from_event,
            tl.events.typ[np.where(from_event, tl.arg[seg], 0)],
            np.where(counted, tl.arg[seg], 0),
        )
        kinds, which = np.unique(orsak * 1_000 + arg, return_inverse=True)
        labels = [
            _event_reason(ORSAK[k // 1_000], HANDELSETYPER[k % 1_000])
            if k // 1_000 <= _O["slut"]
            else _reason(ORSAK[k // 1_000], k % 1_000)
            for k in kinds.tolist()
        ]
        typ = [labels[i].typ for i in which.tolist()]
        text = [labels[i].beskrivning for i in which.tolist()]
        # The sources: one per distinct pair of rows before and after in the changed areas.
        key = np.concatenate(
            (
                tl.hits[seg - 1].reshape(seg.size, -1),
                tl.hits[seg].reshape(seg.size, -1),
                ch.areas.astype(np.int16),
            ),
            axis=1,
        )
        first, inverse = _distinct_rows(key)
        sources = [
            change_sources(tl, int(seg[i]), [a for a in _AREA_INDEX if ch.areas[i, a]])
            for i in first.tolist()
        ]
        kalla = [sources[i] for i in inverse.ravel().tolist()]
    else:
        kalla = []
    t_row, area = np.nonzero(ch.areas)
    after_p = np.asarray(after, dtype=np.int64) + 1
    due = deadlines(tl, after_p, until)
    texts = deadline_types(tl.compiled)
    person = np.concatenate((tl.person[seg].astype(np.int64), due.person))
    datum = np.concatenate((tl.fran[seg], due.datum)).astype(np.int32)
    typ += [texts[k][0] for k in due.typ.tolist()]
    ranks = {t: i for i, t in enumerate(sorted(set(typ)))}
    order = np.lexsort((np.array([ranks[t] for t in typ], dtype=np.int64), datum, person))
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    # Handovers in the order of their transitions, and within one in the order areas are read.
    area_rank = np.array([_AREA_INDEX.index(a) for a in range(len(OMRADE))])[area]
    h_order = np.argsort(rank[t_row] * len(OMRADE) + area_rank, kind="stable")
    pick = order.tolist()
    text += [texts[k][1] for k in due.typ.tolist()]
    kalla += [texts[k][2] for k in due.typ.tolist()]
    return TransitionTable(
        person=person[order],
        datum=datum[order],
        typ=[typ[i] for i in pick],
        beskrivning=[text[i] for i in pick],
        kalla=[kalla[i] for i in pick],
        acting=np.concatenate((ch.acting, due.acting)).astype(np.int32)[order],
        seg=np.concatenate((seg, np.full(due.person.size, -1, dtype=np.int64)))[order],
        uppgift=np.concatenate(
            (
                (tl.orsak[seg] != _O["handelse"]) & (tl.orsak[seg] != _O["regel"]),
                np.ones(due.person.size, dtype=np.bool_),
            )
        )[order],
        h_row=rank[t_row][h_order].astype(np.int64),
        h_omrade=area[h_order].astype(np.int8),
        h_fran=ch.gone[t_row, area][h_order].astype(np.int32),
        h_till=ch.came[t_row, area][h_order].astype(np.int32),
    )


def _distinct_rows(key: npt.NDArray[np.int16]) -> tuple[I64, I64]:
    """For the rows of `key`: the index of the first row of each distinct value, and for every
    row the number of its value. A 64-bit hash of each row groups them (np.unique over whole
    rows sorts them as bytes, which took seconds for a register); the grouping is then checked
    row by row, and the exact method is used should two different rows ever share a hash."""
    weights = np.random.default_rng(0).integers(1, 2**62, size=key.shape[1], dtype=np.int64)
    with np.errstate(over="ignore"):
        hashed = (key.astype(np.int64) * weights).sum(axis=1)
    _, first, inverse = np.unique(hashed, return_index=True, return_inverse=True)
    inverse = inverse.ravel()
    if not (key == key[first[inverse]]).all():
        _, first, inverse = np.unique(key, axis=0, return_index=True, return_inverse=True)
        inverse = inverse.ravel()
    return first.astype(np.int64), inverse.astype(np.int64)


def transitions(
    tl: Timeline, after: int | npt.NDArray[Any], until: int | npt.NDArray[Any]
) -> list[Transition]:
    """The transition table as records: for the person page, the API and explain."""
    keys = holders(tl.compiled).keys
    table = transition_table(tl, after, until)
    handovers: list[list[Handover]] = [[] for _ in table.typ]
    for row, area, fran, till in zip(
        table.h_row.tolist(),
        table.h_omrade.tolist(),
        table.h_fran.tolist(),
        table.h_till.tolist(),
        strict=True,
    ):
        handovers[row].append(
            Handover(
                OMRADE[area], keys[fran] if fran >= 0 else None, keys[till] if till >= 0 else None
            )
        )
    return [
        Transition(
            person=p,
            datum=from_days(day),
            typ=table.typ[i],
            beskrivning=table.beskrivning[i],
            kalla=table.kalla[i],
            handovers=tuple(handovers[i]),
            acting=keys[acting] if acting >= 0 else None,
            seg=seg,
        )
        for i, (p, day, acting, seg) in enumerate(
            zip(
                table.person.tolist(),
                table.datum.tolist(),
                table.acting.tolist(),
                table.seg.tolist(),
                strict=True,
            )
        )
    ]
