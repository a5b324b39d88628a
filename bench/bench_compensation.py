"""Expected state compensation for a register (issue 10 item 8), measured in this one run.

* 100,000 persons (bench_web's three kinds of timeline, over the four municipalities) with a
  schooling for every second child and an actual cost for every tenth person: all items over
  eight years with `rules.compensation.compensation`, one call per municipality.
* The same engine called once per person (`person_items`) on a sample: the ratio of the rates.
* For comparison, `rules.periods.timeline` for the same register: the time engine the
  compensation engine asks (its candidate days and states) costs about as much on its own.

Target: the register in at most 2 seconds (best of three). The ratio is reported, not a target.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time
from decimal import Decimal

from bench.bench_web import MIX, _timeline
from mottagning.rules import periods
from mottagning.rules.compensation import Kostnad, compensation, pack_costs, person_items
from mottagning.rules.dates import days
from mottagning.rules.events import Person, pack, parse_person
from mottagning.rules.params import load_parameters
from mottagning.rules.profile import PROFILE_CODES, compiled

PERSONS = int(os.environ.get("BENCH_COMPENSATION_PERSONS", "100000"))
SAMPLE = 400
REPEAT = 3
START = dt.date(2017, 1, 1)
END = dt.date(2024, 12, 31)  # eight years
TARGET_SECONDS = 2.0


def _register() -> dict[str, list[tuple[Person, tuple[Kostnad, ...]]]]:
    rng = random.Random(2017)
    scale = PERSONS / sum(MIX.values())
    out: dict[str, list[tuple[Person, tuple[Kostnad, ...]]]] = {k: [] for k in PROFILE_CODES}
    pid = 0
    for kind, count in MIX.items():
        for _ in range(round(count * scale)):
            pid += 1
            kommun = PROFILE_CODES[pid % len(PROFILE_CODES)]
            born, alone, events = _timeline(kind, rng, kommun)
            first = dt.date.fromisoformat(events[0]["datum"])
            if pid % 2 == 0 and 7 <= (first - born).days // 365 <= 14:
                events.append(
                    {"typ": "skolgang", "datum": events[0]["datum"], "skolform": "grundskola"}
                )
            raw = {"fodelsedatum": born.isoformat(), "ensamkommande": alone, "handelser": events}
            costs: tuple[Kostnad, ...] = ()
            if pid % 10 == 0:
                costs = (
                    Kostnad(
                        "ekonomiskt_bistand_asyl",
                        first,
                        first + dt.timedelta(days=rng.randint(30, 200)),
                        Decimal(rng.randint(1_000, 90_000)),
                    ),
                )
            out[kommun].append((parse_person(raw), costs))
    return out


def main() -> bool:
    register = _register()
    n = sum(len(v) for v in register.values())
    print(f"  register: {n:,} personer, {START}–{END}")
    load_parameters()
    for kommun in PROFILE_CODES:
        periods.holders(compiled(kommun))  # compiling the tables is start-up, not the work
    packed = {
        k: (pack([p for p, _ in v], k), pack_costs([c for _, c in v])) for k, v in register.items()
    }

    def vectorised() -> tuple[int, Decimal]:
        count, total = 0, 0
        for kommun, (ev, costs) in packed.items():
            items = compensation(compiled(kommun), ev, days(START), days(END), costs=costs)
            count += items.size
            total += int(items.belopp.sum())
        return count, Decimal(total) / 100

    took = float("inf")
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        count, total = vectorised()
        took = min(took, time.perf_counter() - t0)
    rate = n / took
    print(
        f"  vektoriserat: {took:.2f} s = {rate:,.0f} personer/s ({count:,} poster, "
        f"summa {total:,.2f} kr; bäst av {REPEAT})"
    )

    # The floor under this engine: the time engine's own segments for the same register.
    floor = float("inf")
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        for kommun, (ev, _costs) in packed.items():
            periods.timeline(compiled(kommun), ev, days(START), days(END))
        floor = min(floor, time.perf_counter() - t0)
    print(f"  som jämförelse, rules.periods.timeline för samma register: {floor:.2f} s")

    sample = [(k, p, c) for k, v in register.items() for p, c in v[: SAMPLE // 4]]
    t0 = time.perf_counter()
    for kommun, p, c in sample:
        person_items(compiled(kommun), kommun, p, START, END, kostnader=c)
    single_rate = len(sample) / (time.perf_counter() - t0)
    print(
        f"  en person i taget: {single_rate:,.0f} personer/s ({len(sample)} st, "
        f"{1000 / single_rate:.2f} ms/person)"
    )
    print(f"  kvot vektoriserat/per person: {rate / single_rate:,.0f}x")
    ok = took <= TARGET_SECONDS
    print(f"  [{'OK' if ok else 'MISSAT'}] {n:,} personer över åtta år på högst {TARGET_SECONDS} s")
    return ok


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
