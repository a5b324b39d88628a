"""`make bench`: run every bench/bench_*.py module's main() and report whether targets were met.

Each module prints its own report (rates and ratios measured in the same run) and returns
True when every target it names was met. Benchmarks never assert in tests; this is where
performance lives.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    only = sys.argv[1:]
    failed: list[str] = []
    for name in names:
        if only and name.removeprefix("bench_") not in only and name not in only:
            continue
        print(f"\n=== {name} ===", flush=True)
        module = importlib.import_module(f"bench.{name}")
        if not module.main():
            failed.append(name)
    print()
    if failed:
        print("Mål som inte nåddes i: " + ", ".join(failed))
        return 1
    print("Alla benchmark-mål nåddes.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
