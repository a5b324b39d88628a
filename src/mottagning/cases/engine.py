"""One person on many dates in one vectorised call of the rules core.

The rules core evaluates arrays of persons, each on their own date (`compute_states` takes one
date per person). A person's history is that person repeated once per date of interest, so the
whole history costs one pass of the engine instead of one `route` call per date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np

from mottagning.profiles import compiled
from mottagning.rules.api import answers
from mottagning.rules.events import days, pack, parse_person
from mottagning.rules.timeline import compute_states

# What the derivation needs of each answer: who holds which area, as the rules core says it.
Ansvar = list[dict[str, Any]]


def answer_many(kommun: str, person: dict[str, Any], on: Sequence[dt.date]) -> list[Ansvar | None]:
    """The `ansvar` list of `route` for the person on each date; None where the rules give no
    answer (a date before the first event with a legal status). The person must be valid (the
    services validate every timeline with `route` before storing it)."""
    if not on:
        return []
    c = compiled(kommun)
    parsed = parse_person(person)
    ev = pack([parsed] * len(on), kommun)
    when = np.asarray([days(d) for d in on], dtype=np.int32)
    states = compute_states(ev, when, c.profil.nyanland.definition, c.profil.etableringsperiod.fran)
    hits = c.evaluate(states)
    out: list[Ansvar | None] = []
    for i in range(len(on)):
        if int(states.status[i]) < 0:
            out.append(None)
        else:
            out.append(answers(c, hits[i])[0])
    return out
