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


def analyse(c: Compiled, ev: EventArrays, today: dt.date) -> tuple[list[Analysis], States]:
    """Per person of `ev`: responsibility periods held by the municipality's units from the
    first event to HORIZON_DAYS past today, every transition in that time, and the target
    group today; and everyone's state today."""
    n = ev.n
    end = days(today) + HORIZON_DAYS
    first = first_event_days(ev)
    start = np.minimum(first, end).astype(np.int32)
    tl = periods.timeline(c, ev, start, end)
    keys = periods.holders(c).keys
    out = [Analysis() for _ in range(n)]

    hp = periods.holder_periods(tl)
    municipal = np.array([k.municipal for k in keys], dtype=np.bool_)
    for i in np.flatnonzero(municipal[hp.holder]).tolist():
        key = keys[int(hp.holder[i])]
        till = int(hp.till[i])
        out[int(hp.person[i])].periods.append(
            PeriodInfo(
                enhet_id=key.enhet_id or "",
                namnd_id=key.namnd_id,
                omrade=OMRADE[int(hp.omrade[i])],
                arbete=key.arbete or "",
                fran=from_days(int(hp.fran[i])),
                till=None if till > end else from_days(till),
            )
        )
    for t in periods.transitions(tl, start - 1, end):
        out[t.person].transitions.append(
            TransitionInfo(
                typ=t.typ,
                datum=t.datum,
                beskrivning=t.beskrivning,
                kalla=t.kalla,
                acting_unit=t.acting.enhet_id if t.acting else None,
                handovers=[
                    HandoverInfo(
                        h.omrade, _holder(c, h.fran, h.omrade), _holder(c, h.till, h.omrade)
                    )
                    for h in t.handovers
                ],
            )
        )
    now = periods.states_on(c, ev, days(today))
    groups = target_groups(now)
    for p in range(n):
        out[p].malgrupp = MALGRUPP[int(groups[p])]
    return out, now
