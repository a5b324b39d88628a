"""Responsibility over time (issue 8 item 6), all measured in this one run.

* 100,000 persons (the web benchmark's three kinds of timeline, 1,000,000 events, spread over
  the four municipalities) from their events: periods and changes over ten years with
  `rules.periods` (timeline, holder periods, transitions with handovers and deadlines).
* The same derivation one person at a time, as the application did it before rules.periods
  (bench/_legacy_derivation.py, mottagning @ c3cfc19), on a sample; the ratio of the rates.
* For information: the new function called once per person (what a single event write costs).

Target: at least 50x the per-person derivation. The whole register loaded into PostgreSQL and
derived is measured by bench_web (target there: under 90 seconds).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time
from typing import Any

from bench._legacy_derivation import analyse as legacy_analyse
from bench._legacy_derivation import answer_many
from bench.bench_web import MIX, _timeline
from mottagning.rules import periods
from mottagning.rules.dates import days
from mottagning.rules.events import Person, pack, parse_person
from mottagning.rules.profile import PROFILE_CODES, compiled

PERSONS = int(os.environ.get("BENCH_PERIOD_PERSONS", "100000"))
LEGACY_SAMPLE = 600
REPEAT = 3
START = dt.date(2015, 1, 1)
END = dt.date(2025, 1, 1)  # ten years
TARGET_RATIO = 50.0


def _register() -> dict[str, list[tuple[Person, dict[str, Any]]]]:
    rng = random.Random(2018)
    scale = PERSONS / sum(MIX.values())
    out: dict[str, list[tuple[Person, dict[str, Any]]]] = {k: [] for k in PROFILE_CODES}
    pid = 0
    for kind, count in MIX.items():
        for _ in range(round(count * scale)):
            pid += 1
            kommun = PROFILE_CODES[pid % len(PROFILE_CODES)]
            born, alone, events = _timeline(kind, rng, kommun)
            raw = {"fodelsedatum": born.isoformat(), "ensamkommande": alone, "handelser": events}
            out[kommun].append((parse_person(raw), raw))
    return out


def main() -> bool:
    register = _register()
    n = sum(len(v) for v in register.values())
    events = sum(len(p.handelser) for v in register.values() for p, _ in v)
    print(f"  register: {n:,} personer, {events:,} händelser, {START}–{END}")
    for kommun in PROFILE_CODES:
        periods.holders(compiled(kommun))  # compiling the tables is start-up, not derivation

    packed = {k: pack([p for p, _ in v], k) for k, v in register.items()}

    def vectorised() -> tuple[int, int]:
        n_periods = n_changes = 0
        for kommun, ev in packed.items():
            c = compiled(kommun)
            tl = periods.timeline(c, ev, days(START), days(END))
            n_periods += periods.holder_periods(tl).person.size
            n_changes += periods.changes(tl, days(START) - 1, days(END)).seg.size
            n_changes += periods.deadlines(tl, days(START), days(END)).person.size
        return n_periods, n_changes

    # Best of REPEAT for both sides, as bench_rules does: the machine's noise is not the code's.
    took = float("inf")
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        n_periods, n_changes = vectorised()
        took = min(took, time.perf_counter() - t0)
    rate = n / took
    print(
        f"  vektoriserat (rules.periods): {took:.2f} s = {rate:,.0f} personer/s "
        f"({n_periods:,} innehavsperioder, {n_changes:,} övergångar och frister; "
        f"bäst av {REPEAT})"
    )

    # The application before rules.periods: one person at a time, its own candidate dates.
    sample = [(k, raw) for k, v in register.items() for _p, raw in v[: LEGACY_SAMPLE // 4]]
    units = {
        k: {e.id: e.id for e in compiled(k).profil.enheter}
        | {e.namn: e.id for e in compiled(k).profil.enheter}
        for k in PROFILE_CODES
    }
    today = END - dt.timedelta(days=400)  # its horizon: today + 400 days = END
    legacy_took = float("inf")
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        for kommun, raw in sample:
            legacy_analyse(
                answer_many=answer_many,
                kommun=kommun,
                fodelsedatum=dt.date.fromisoformat(raw["fodelsedatum"]),
                ensamkommande=raw["ensamkommande"],
                events=raw["handelser"],
                units=units[kommun],
                today=today,
            )
        legacy_took = min(legacy_took, time.perf_counter() - t0)
    legacy_rate = len(sample) / legacy_took
    ratio = rate / legacy_rate
    print(
        f"  per person som före rules.periods: {legacy_rate:,.0f} personer/s "
        f"({len(sample)} st, {1000 / legacy_rate:.2f} ms/person)"
    )
    print(f"  kvot vektoriserat/per person: {ratio:,.0f}x")

    one_by_one = [(k, p) for k, v in register.items() for p, _raw in v[: LEGACY_SAMPLE // 4]]
    t0 = time.perf_counter()
    for kommun, p in one_by_one:
        tl = periods.timeline(compiled(kommun), pack([p], kommun), days(START), days(END))
        periods.holder_periods(tl)
        periods.changes(tl, days(START) - 1, days(END))
        periods.deadlines(tl, days(START), days(END))
    single_ms = (time.perf_counter() - t0) / len(one_by_one) * 1000
    print(f"  rules.periods för en person i taget: {single_ms:.2f} ms/person (en händelse skrivs)")

    ok = ratio >= TARGET_RATIO
    print(f"  [{'OK' if ok else 'MISSAT'}] minst {TARGET_RATIO:.0f}x per-person-härledningen")
    return ok


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
