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
    add_months,
    anniversaries,
    birthday,
    days,
    from_days,
)
from mottagning.rules.events import EventArrays
from mottagning.rules.tables import Compiled, Row
from mottagning.rules.timeline import ETABLERING_MANADER, States, compute_states

I8 = npt.NDArray[np.int8]
I16 = npt.NDArray[np.int16]
I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
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
}


# ------------------------------------------------------------------------------ holders


@dataclass(frozen=True)
class HolderKey:
    """Who holds an area: a state authority, or a municipal unit under a committee."""

    huvudman: str
    namnd_id: str | None
    enhet_id: str | None
    arbete: str | None


@dataclass(frozen=True)
class Holders:
    keys: tuple[HolderKey, ...]
    of_row: I32  # (rows, 2): the holders a row names (its own, and an explicit provider); -1 pad


_HOLDERS: dict[int, tuple[Compiled, Holders]] = {}


def holders(c: Compiled) -> Holders:
    """The distinct holders the compiled rows name (remembered per compiled profile)."""
    cached = _HOLDERS.get(id(c))
    if cached is not None and cached[0] is c:
        return cached[1]
    units = {e.id: e for e in c.profil.enheter} | {e.namn: e for e in c.profil.enheter}
    keys: dict[HolderKey, int] = {}
    of_row = np.full((len(c.rows), 2), -1, dtype=np.int32)
    for r in c.rows:
        if r.huvudman is None:
            continue
        own = HolderKey(r.huvudman, r.namnd_id, r.enhet_id, r.arbete)
        of_row[r.index, 0] = keys.setdefault(own, len(keys))
        provider = units.get(r.utforare or "")
        if provider is not None and provider.id != r.enhet_id:
            key = HolderKey("kommun", provider.namnd, provider.id, "utforare")
            of_row[r.index, 1] = keys.setdefault(key, len(keys))
    result = Holders(tuple(keys), of_row)
    _HOLDERS[id(c)] = (c, result)
    return result


def _holder_sets(h: Holders, hits: I16) -> I32:
    """(m, områden, K) winning rows -> (m, områden, 2K) holder ids, sorted, -1 first."""
    safe = np.where(hits >= 0, hits, 0)
    ids = np.where((hits >= 0)[..., None], h.of_row[safe], -1)
    flat = ids.reshape(*hits.shape[:2], -1)
    out: I32 = np.sort(flat, axis=-1).astype(np.int32)
    return out


# --------------------------------------------------------------------------- candidates


def _take(ev: EventArrays, persons: I64) -> EventArrays:
    """The events of the given persons (repeats allowed): copy j is person `persons[j]`."""
    counts = np.bincount(ev.person, minlength=ev.n).astype(np.int64)
    offsets = np.concatenate(([0], np.cumsum(counts)))
    per = counts[persons]
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
    )


def states_on(c: Compiled, ev: EventArrays, on: int | I32) -> States:
    """The state of every person on one date (or one date each), by the profile's definitions."""
    return compute_states(ev, on, c.profil.nyanland.definition, c.profil.etableringsperiod.fran)


_states = states_on


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
    parts.append(
        (e_person[ends & ~permit], after[ends & ~permit], _O["slut"], e_index[ends & ~permit])
    )
    parts.append(
        (e_person[ends & permit], after[ends & permit], _O["tut_upphor"], e_index[ends & permit])
    )

    assessed = (ev.typ == _T["aldersbedomning"]) & (ev.nytt_fodelsedatum != NO_DATE)
    born_person = np.concatenate((everyone, e_person[assessed]))
    born = np.concatenate((ev.fodelsedatum, ev.nytt_fodelsedatum[assessed])).astype(np.int32)
    for age in c.grid.alder_cuts:
        if age > 0:
            parts.append((born_person, anniversaries(born, 12 * int(age)), _O["alder"], int(age)))

    # The months since reception count from a date fixed once the person has both a permit and
    # a reception (timeline.py), so the state at the end of the interval gives it.
    mottagen = _states(c, ev, end).mottagningsdatum
    received = mottagen != NO_DATE
    cuts = sorted({int(k) for k in c.grid.manader_cuts if k > 0} | {ETABLERING_MANADER})
    for months in cuts:
        parts.append(
            (everyone[received], anniversaries(mottagen[received], months), _O["manader"], months)
        )
    for epoch_start in c.starts[1:]:
        parts.append((everyone, np.full(n, epoch_start, dtype=np.int64), _O["regel"], 0))

    person = np.concatenate([p[0] for p in parts])
    datum = np.concatenate([np.asarray(p[1], dtype=np.int64) for p in parts])
    orsak = np.concatenate([np.full(p[0].size, p[2], dtype=np.int8) for p in parts])
    arg = np.concatenate(
        [np.broadcast_to(np.asarray(p[3], dtype=np.int32), p[0].shape) for p in parts]
    )
    inside = (datum >= start[person]) & (datum <= end[person])
    person, datum, orsak, arg = person[inside], datum[inside], orsak[inside], arg[inside]
    order = np.lexsort((orsak, datum, person))
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
    after a return, while living elsewhere); `holders` the same as sorted holder ids.
    """

    compiled: Compiled
    events: EventArrays
    person: I32
    fran: I32
    till: I32
    orsak: I8
    arg: I32  # the event's index (events' reasons), the age or the months; 0 otherwise
    hits: I16  # (m, områden, K)
    holders: I32  # (m, områden, 2K)
    status: I8
    bounds: I64

    @property
    def n(self) -> int:
        return int(self.bounds.size - 1)

    def changed(self) -> B:
        """(m, områden): the area's holders differ from the person's previous segment."""
        out = np.zeros(self.holders.shape[:2], dtype=np.bool_)
        if self.person.size > 1:
            same = self.person[1:] == self.person[:-1]
            diff = (self.holders[1:] != self.holders[:-1]).any(axis=-1)
            out[1:] = diff & same[:, None]
        return out


def timeline(
    c: Compiled, ev: EventArrays, start: int | I32, end: int | I32, chunk: int = 20_000
) -> Timeline:
    """Responsibility of every person in `ev` over [start, end] (day numbers, inclusive; one
    for all or one per person), as segments of constant answers.

    Persons are evaluated `chunk` at a time so a register of any size needs bounded memory.
    """
    n = ev.n
    start_p = np.broadcast_to(np.asarray(start, dtype=np.int32), (n,)).astype(np.int32)
    end_p = np.broadcast_to(np.asarray(end, dtype=np.int32), (n,)).astype(np.int32)
    h = holders(c)
    pieces: list[tuple[I32, I32, I8, I32, I16, I8]] = []
    e_bounds = np.searchsorted(ev.person, np.arange(0, n + chunk, chunk).clip(max=n))
    for k, lo in enumerate(range(0, max(n, 1), chunk)):
        hi = min(lo + chunk, n)
        if hi <= lo:
            break
        e_lo, e_hi = int(e_bounds[k]), int(e_bounds[k + 1])
        part = EventArrays(
            fodelsedatum=ev.fodelsedatum[lo:hi],
            ensamkommande=ev.ensamkommande[lo:hi],
            person=(ev.person[e_lo:e_hi] - lo).astype(np.int32),
            typ=ev.typ[e_lo:e_hi],
            datum=ev.datum[e_lo:e_hi],
            slut=ev.slut[e_lo:e_hi],
            form=ev.form[e_lo:e_hi],
            nytt_fodelsedatum=ev.nytt_fodelsedatum[e_lo:e_hi],
            egen=ev.egen[e_lo:e_hi],
        )
        cand = _candidates(c, part, start_p[lo:hi], end_p[lo:hi])
        states = _states(c, _take(part, cand.person), cand.datum)
        hits = c.evaluate(states)
        keep = np.ones(cand.person.size, dtype=np.bool_)
        if cand.person.size > 1:
            same_person = cand.person[1:] == cand.person[:-1]
            same_rows = (hits[1:] == hits[:-1]).all(axis=(1, 2))
            keep[1:] = ~(same_person & same_rows)
        arg = cand.arg[keep].copy()
        from_event = cand.orsak[keep] <= _O["tut_upphor"]
        arg[from_event] += e_lo  # event indices into the whole register's arrays
        pieces.append(
            (
                (cand.person[keep] + lo).astype(np.int32),
                cand.datum[keep],
                cand.orsak[keep],
                arg,
                hits[keep],
                states.status[keep],
            )
        )
    if pieces:
        person, fran, orsak, arg, hits, status = (
            np.concatenate([p[i] for p in pieces]) for i in range(6)
        )
    else:
        k_width = c.winners.shape[-1]
        person, fran, arg = (np.zeros(0, dtype=np.int32) for _ in range(3))
        orsak, status = np.zeros(0, dtype=np.int8), np.zeros(0, dtype=np.int8)
        hits = np.zeros((0, len(OMRADE), k_width), dtype=np.int16)
    till = np.empty_like(fran)
    if fran.size:
        till[:-1] = np.where(person[1:] == person[:-1], fran[1:], end_p[person[:-1]] + 1)
        till[-1] = end_p[person[-1]] + 1
    bounds = np.searchsorted(person, np.arange(n + 1)).astype(np.int64)
    return Timeline(
        compiled=c,
        events=ev,
        person=person.astype(np.int32),
        fran=fran.astype(np.int32),
        till=till.astype(np.int32),
        orsak=orsak.astype(np.int8),
        arg=arg.astype(np.int32),
        hits=hits,
        holders=_holder_sets(h, hits),
        status=status.astype(np.int8),
        bounds=bounds,
    )


# ------------------------------------------------------------------------ transitions


@dataclass(frozen=True)
class Reason:
    typ: str
    beskrivning: str


def reason(tl: Timeline, seg: int) -> Reason:
    """Why segment `seg` starts, as a worklist code and a sentence."""
    orsak = ORSAK[int(tl.orsak[seg])]
    arg = int(tl.arg[seg])
    if orsak == "handelse":
        typ = HANDELSETYPER[int(tl.events.typ[arg])]
        return Reason(typ, HANDELSE_TEXT[typ])
    if orsak == "slut":
        typ = HANDELSETYPER[int(tl.events.typ[arg])]
        ended = from_days(int(tl.events.slut[arg]))
        return Reason(f"{typ}_slut", f"{HANDELSE_TEXT[typ]} slutade {ended.isoformat()}")
    if orsak == "tut_upphor":
        ended = from_days(int(tl.events.slut[arg]))
        return Reason(
            "tut_upphor", f"Det tillfälliga uppehållstillståndet gick ut {ended.isoformat()}"
        )
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
        return Reason(
            "regelandring",
            f"Ändrad organisation eller lagstiftning från {from_days(int(tl.fran[seg])).isoformat()}",
        )
    return Reason("start", "Början av perioden")


def _row_sources(rows: Sequence[Row]) -> str:
    seen: dict[str, None] = {}
    for r in rows:
        seen.setdefault(r.kalla, None)
    return "; ".join(seen)


def rows_of(tl: Timeline, seg: int, area: int) -> list[Row]:
    """The winning rows of one area in one segment, in the engine's order."""
    return [tl.compiled.rows[int(i)] for i in tl.hits[seg, area] if i >= 0]


def change_sources(tl: Timeline, seg: int, areas: Sequence[int]) -> str:
    """The sources of a change: the rows that start applying in the changed areas, or, where
    responsibility just ends, the rows that stop applying."""
    came: list[Row] = []
    gone: list[Row] = []
    for a in areas:
        before = {r.index for r in rows_of(tl, seg - 1, a)}
        after = rows_of(tl, seg, a)
        came += [r for r in after if r.index not in before and r.huvudman is not None]
        now = {r.index for r in after}
        gone += [r for r in rows_of(tl, seg - 1, a) if r.index not in now]
    return _row_sources(came or gone)


@dataclass(frozen=True)
class Deadline:
    """A dated task that moves nobody: `person`, day number `datum`, code and sentence."""

    person: int
    datum: int
    typ: str
    beskrivning: str
    kalla: str


def deadlines(
    tl: Timeline, start: int | npt.NDArray[np.integer[Any]], end: int | npt.NDArray[np.integer[Any]]
) -> list[Deadline]:
    """Tasks in [start, end] that follow from the timeline without changing responsibility.

    * `anmal_fortsatt_ansvar`: from 2020-10-01, the report of continued responsibility for an
      unaccompanied child, three weeks before the 18th birthday, while the municipality holds
      the child (domain-facts §1.6).
    * `anvisning_mottagande`: an adult or family anvisad to this municipality and not yet
      received is to be received within two months (bosättningslagen 2016:38).
    """
    ev = tl.events
    n = ev.n
    start_p = np.broadcast_to(np.asarray(start, dtype=np.int64), (n,))
    end_p = np.broadcast_to(np.asarray(end, dtype=np.int64), (n,))
    out: list[Deadline] = []
    # The birth date the report is counted from is the one in force on the day of the report;
    # an åldersbedömning later than the report cannot move a report already due.
    for p in np.flatnonzero(ev.ensamkommande).tolist():
        born = _birth_date(ev, p)
        report = birthday(born, 18) - dt.timedelta(days=ANMALAN_18_DAGAR)
        when = days(report)
        if report < ANMALAN_18_FRAN or not start_p[p] <= when <= end_p[p]:
            continue
        seg = segment_at(tl, p, when)
        if seg < 0 or not (tl.hits[seg] >= 0).any():
            continue
        out.append(
            Deadline(
                p,
                when,
                "anmal_fortsatt_ansvar",
                "Anmäl fortsatt ansvar till Migrationsverket (senast tre veckor före "
                "18-årsdagen; annars upphör det registrerade ansvaret vid 18 år)",
                "Migrationsverket, frågor och svar om statlig ersättning (från 2020-10-01)",
            )
        )
    anvisad = (ev.typ == _T["anvisning"]) & ev.egen & ~ev.ensamkommande[ev.person]
    received = (ev.typ == _T["mottagande"]) & ev.egen
    anvisad &= ev.datum >= days(BOSATTNINGSLAGEN_FRAN)
    for i in np.flatnonzero(anvisad).tolist():
        p = int(ev.person[i])
        mine = ev.person == p
        if (received & mine & (ev.datum >= ev.datum[i])).any():
            continue
        due = days(add_months(from_days(int(ev.datum[i])), ANVISNING_MANADER))
        if start_p[p] <= due <= end_p[p]:
            out.append(
                Deadline(
                    p,
                    due,
                    "anvisning_mottagande",
                    "Ta emot anvisad person (inom två månader från anvisningen)",
                    "bosättningslagen (2016:38); förordning (2016:39); Migrationsverket: "
                    "två månader är bosättningslagens tidsgräns",
                )
            )
    out.sort(key=lambda d: (d.person, d.datum, d.typ))
    return out


def _birth_date(ev: EventArrays, p: int) -> dt.date:
    mine = (ev.person == p) & (ev.typ == _T["aldersbedomning"]) & (ev.nytt_fodelsedatum != NO_DATE)
    idx = np.flatnonzero(mine)
    value = ev.nytt_fodelsedatum[idx[-1]] if idx.size else ev.fodelsedatum[p]
    return from_days(int(value))


def segment_at(tl: Timeline, person: int, day: int) -> int:
    """Index of the person's segment that contains `day`, or -1 outside the interval."""
    lo, hi = int(tl.bounds[person]), int(tl.bounds[person + 1])
    if lo == hi or day < tl.fran[lo] or day >= tl.till[hi - 1]:
        return -1
    return lo + int(np.searchsorted(tl.fran[lo:hi], day, side="right")) - 1


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
    """Merge the segments into each holder's periods (vectorised over the whole register)."""
    seg, area_at, slot = np.nonzero(tl.holders >= 0)
    cols: list[I64] = [
        tl.person[seg].astype(np.int64),
        area_at.astype(np.int64),
        tl.holders[seg, area_at, slot].astype(np.int64),
        tl.fran[seg].astype(np.int64),
        tl.till[seg].astype(np.int64),
    ]
    order = np.lexsort((cols[3], cols[2], cols[1], cols[0]))
    cols = [x[order] for x in cols]
    person, area, hid, fran, _till = cols
    same_key = np.zeros(person.size, dtype=np.bool_)
    if person.size > 1:
        same_key[1:] = (person[1:] == person[:-1]) & (area[1:] == area[:-1]) & (hid[1:] == hid[:-1])
    # A holder named twice in one segment (by two rows of an area) is one holding.
    keep = np.ones(person.size, dtype=np.bool_)
    keep[1:] = ~(same_key[1:] & (fran[1:] == fran[:-1]))
    cols = [x[keep] for x in cols]
    person, area, hid, fran, till = cols
    same_key = same_key[keep]
    new = np.ones(person.size, dtype=np.bool_)
    if person.size > 1:
        new[1:] = ~(same_key[1:] & (fran[1:] == till[:-1]))
    group = np.cumsum(new) - 1
    starts = np.flatnonzero(new)
    last = np.append(starts[1:] - 1, person.size - 1) if starts.size else starts
    return HolderPeriods(
        person=person[starts].astype(np.int32),
        omrade=area[starts].astype(np.int8),
        holder=hid[starts].astype(np.int32),
        fran=fran[starts].astype(np.int32),
        till=till[last].astype(np.int32) if group.size else till[:0].astype(np.int32),
    )


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


def _municipal(keys: Sequence[HolderKey], ids: npt.NDArray[Any]) -> list[HolderKey]:
    return [keys[int(i)] for i in ids if i >= 0 and keys[int(i)].enhet_id is not None]


def _first_unit(tl: Timeline, seg: int, areas: Sequence[str]) -> HolderKey | None:
    if seg < 0:
        return None
    keys = holders(tl.compiled).keys
    for name in areas:
        found = _municipal(keys, tl.holders[seg, OMRADE.index(name)])
        if found:
            return found[0]
    return None


def transitions(tl: Timeline, after: int | I32, until: int | I32) -> list[Transition]:
    """Every day in (after, until] on which some area's holders change, each once, with the
    handovers per area and the unit that must act; and the deadlines in that window."""
    n = tl.n
    after_p = np.broadcast_to(np.asarray(after, dtype=np.int64), (n,))
    until_p = np.broadcast_to(np.asarray(until, dtype=np.int64), (n,))
    keys = holders(tl.compiled).keys
    changed = tl.changed()
    out: list[Transition] = []
    segs = np.flatnonzero(changed.any(axis=1))
    segs = segs[
        (tl.fran[segs] > after_p[tl.person[segs]]) & (tl.fran[segs] <= until_p[tl.person[segs]])
    ]
    for seg in segs.tolist():
        areas = [ai for ai in _AREA_INDEX if changed[seg, ai]]
        handovers = []
        for ai in areas:
            before = set(tl.holders[seg - 1, ai].tolist())
            now = set(tl.holders[seg, ai].tolist())
            gone = [keys[i] for i in tl.holders[seg - 1, ai].tolist() if i >= 0 and i not in now]
            came = [keys[i] for i in tl.holders[seg, ai].tolist() if i >= 0 and i not in before]
            handovers.append(
                Handover(OMRADE[ai], gone[0] if gone else None, came[0] if came else None)
            )
        acting = next((h.fran for h in handovers if h.fran and h.fran.enhet_id), None)
        acting = acting or next((h.till for h in handovers if h.till and h.till.enhet_id), None)
        acting = acting or _first_unit(tl, seg - 1, AREA_ORDER)
        r = reason(tl, seg)
        out.append(
            Transition(
                int(tl.person[seg]),
                from_days(int(tl.fran[seg])),
                r.typ,
                r.beskrivning,
                change_sources(tl, seg, areas),
                tuple(handovers),
                acting,
            )
        )
    due = deadlines(tl, after_p + 1, until_p)
    reception = _after_reception(tl, [d for d in due if d.typ == "anvisning_mottagande"])
    for d in due:
        if d.typ == "anvisning_mottagande":
            # Receiving is prepared by whoever will hold the person's housing once received.
            acting = reception.get((d.person, d.datum))
        else:
            acting = _first_unit(tl, segment_at(tl, d.person, d.datum), ACTING_AREAS)
            acting = acting or _first_unit(tl, segment_at(tl, d.person, d.datum), AREA_ORDER)
        out.append(
            Transition(d.person, from_days(d.datum), d.typ, d.beskrivning, d.kalla, (), acting)
        )
    out.sort(key=lambda t: (t.person, t.datum, t.typ))
    return out


def _after_reception(
    tl: Timeline, due: Sequence[Deadline]
) -> dict[tuple[int, int], HolderKey | None]:
    """For each anvisning deadline, the unit that would hold the person's housing (or, failing
    that, the first area a case worker reads) if the person were received that day."""
    if not due:
        return {}
    ev = tl.events
    persons = np.array([d.person for d in due], dtype=np.int64)
    when = np.array([d.datum for d in due], dtype=np.int32)
    base = _take(ev, persons)
    k = persons.size
    typ = np.concatenate((base.typ, np.full(k, _T["mottagande"], dtype=np.int8)))
    owner = np.concatenate((base.person, np.arange(k, dtype=np.int32)))
    datum = np.concatenate((base.datum, when))
    order = np.lexsort((np.arange(owner.size), datum, owner))
    extra = EventArrays(
        fodelsedatum=base.fodelsedatum,
        ensamkommande=base.ensamkommande,
        person=owner[order].astype(np.int32),
        typ=typ[order],
        datum=datum[order].astype(np.int32),
        slut=np.concatenate((base.slut, np.full(k, NO_DATE, dtype=np.int32)))[order],
        form=np.concatenate((base.form, np.full(k, -1, dtype=np.int8)))[order],
        nytt_fodelsedatum=np.concatenate(
            (base.nytt_fodelsedatum, np.full(k, NO_DATE, dtype=np.int32))
        )[order],
        egen=np.concatenate((base.egen, np.ones(k, dtype=np.bool_)))[order],
    )
    c = tl.compiled
    hits = c.evaluate(_states(c, extra, when))
    ids = _holder_sets(holders(c), hits)
    keys = holders(c).keys
    out: dict[tuple[int, int], HolderKey | None] = {}
    for j, d in enumerate(due):
        found = None
        for name in ("boende", *AREA_ORDER):
            units = _municipal(keys, ids[j, OMRADE.index(name)])
            if units:
                found = units[0]
                break
        out[(d.person, d.datum)] = found
    return out
