"""The rules core's responsibility over time, in the shape cases stores it.

Pure and thin: `rules.periods` decides when responsibility changes, who holds what, which
deadlines fall due and which unit must act; this module only turns its answer into the plain
records `cases.services` writes (unit ids instead of holder keys, open periods as `till=None`).
It works on a whole register at once; one person is a register of one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from mottagning.rules import periods
from mottagning.rules.codes import OMRADE
from mottagning.rules.dates import NO_DATE, days, from_days
from mottagning.rules.events import EventArrays
from mottagning.rules.malgrupp import MALGRUPP, target_groups
from mottagning.rules.tables import Compiled
from mottagning.rules.timeline import States

#: How far past today the stored periods and transitions reach: the worklists look 90 days
#: ahead, and a unit may see a person 90 days before responsibility moves to it.
HORIZON_DAYS = 400


@dataclass(frozen=True)
class Holder:
    """Who holds an area: a unit of the municipality (enhet_id) or a state authority."""

    omrade: str
    enhet_id: str | None
    namnd_id: str | None
    text: str  # the unit's name, or the huvudman's code for a state authority
    arbete: str


@dataclass
class HandoverInfo:
    omrade: str
    fran: Holder | None
    till: Holder | None


@dataclass
class TransitionInfo:
    typ: str
    datum: dt.date
    beskrivning: str
    kalla: str
    acting_unit: str | None
    handovers: list[HandoverInfo] = field(default_factory=list)


@dataclass
class PeriodInfo:
    enhet_id: str
    namnd_id: str | None
    omrade: str
    arbete: str
    fran: dt.date
    till: dt.date | None  # exclusive; None = still open at the horizon


@dataclass
class Analysis:
    periods: list[PeriodInfo] = field(default_factory=list)
    transitions: list[TransitionInfo] = field(default_factory=list)
    malgrupp: str = "ovriga"


def _holder(c: Compiled, key: periods.HolderKey | None, omrade: str) -> Holder | None:
    if key is None:
        return None
    if key.enhet_id is None:
        return Holder(omrade, None, None, key.huvudman, key.arbete or "")
    names = {e.id: e.namn for e in c.profil.enheter}
    return Holder(omrade, key.enhet_id, key.namnd_id, names[key.enhet_id], key.arbete or "")


def first_event_days(ev: EventArrays) -> npt.NDArray[np.int32]:
    """Each person's first event (the start of their stored history); NO_DATE without events."""
    first = np.full(ev.n, NO_DATE, dtype=np.int32)
    if ev.person.size:
        np.minimum.at(first, ev.person, ev.datum)
    return first


@dataclass(frozen=True)
class Derived:
    """A register's derived rows as columns (persons are indices into the arrays given):
    the municipality's units' periods, every transition with its handovers, and the state and
    target group today. Periods whose `till` is past `end` are still open at the horizon."""

    compiled: Compiled
    keys: tuple[periods.HolderKey, ...]
    held: periods.HolderPeriods
    transitions: periods.TransitionTable
    end: int
    states: States
    malgrupp: npt.NDArray[np.int8]


def derive(c: Compiled, ev: EventArrays, today: dt.date) -> Derived:
    """Everything cases stores for the persons of `ev`, from the first event of each to
    HORIZON_DAYS past today, in one vectorised pass of the rules core."""
    end = days(today) + HORIZON_DAYS
    start = np.minimum(first_event_days(ev), end).astype(np.int32)
    tl = periods.timeline(c, ev, start, end)
    keys = periods.holders(c).keys
    held = periods.holder_periods(tl)
    municipal = np.array([k.municipal for k in keys], dtype=np.bool_)[held.holder]
    mine = periods.HolderPeriods(
        person=held.person[municipal],
        omrade=held.omrade[municipal],
        holder=held.holder[municipal],
        fran=held.fran[municipal],
        till=held.till[municipal],
    )
    now = periods.states_on(c, ev, days(today))
    return Derived(
        compiled=c,
        keys=keys,
        held=mine,
        transitions=periods.transition_table(tl, start - 1, end),
        end=end,
        states=now,
        malgrupp=target_groups(now),
    )


def analyse(c: Compiled, ev: EventArrays, today: dt.date) -> tuple[list[Analysis], States]:
    """`derive` as one record per person (for reading one person's result, and for tests)."""
    d = derive(c, ev, today)
    out = [Analysis(malgrupp=MALGRUPP[int(g)]) for g in d.malgrupp.tolist()]
    hp = d.held
    for p, area, h, fran, till in zip(
        hp.person.tolist(),
        hp.omrade.tolist(),
        hp.holder.tolist(),
        hp.fran.tolist(),
        hp.till.tolist(),
        strict=True,
    ):
        key = d.keys[h]
        out[p].periods.append(
            PeriodInfo(
                enhet_id=key.enhet_id or "",
                namnd_id=key.namnd_id,
                omrade=OMRADE[area],
                arbete=key.arbete or "",
                fran=from_days(fran),
                till=None if till > d.end else from_days(till),
            )
        )
    t = d.transitions
    infos = []
    for i, (p, day, acting) in enumerate(
        zip(t.person.tolist(), t.datum.tolist(), t.acting.tolist(), strict=True)
    ):
        info = TransitionInfo(
            typ=t.typ[i],
            datum=from_days(day),
            beskrivning=t.beskrivning[i],
            kalla=t.kalla[i],
            acting_unit=d.keys[acting].enhet_id if acting >= 0 else None,
        )
        out[p].transitions.append(info)
        infos.append(info)
    for row, area, fran, till in zip(
        t.h_row.tolist(), t.h_omrade.tolist(), t.h_fran.tolist(), t.h_till.tolist(), strict=True
    ):
        omrade = OMRADE[area]
        infos[row].handovers.append(
            HandoverInfo(
                omrade,
                _holder(c, d.keys[fran] if fran >= 0 else None, omrade),
                _holder(c, d.keys[till] if till >= 0 else None, omrade),
            )
        )
    return out, d.states
