"""Planning benchmark (issue 4 item 7): 10,000 Monte Carlo scenarios × 8 years for each of the
four municipalities, vectorised, against a per-scenario Python loop over the same draws.

Workload per municipality: Alingsås, Östersund and Ekerö run their unit forecasts (the
seeds' ranges, 8 years from the first year of each seed); Vingåker runs its cohort budget
(002 §3.4) with ranges the seed does not give — intake 20–40 adults and 10–30 children a
year, 15–35 % leaving — chosen here only to make the scenarios differ.

Target: all four in at most 1 s (draws, model and percentiles). The loop computes the same
model from the same draws one scenario and one year at a time; the ratio is reported and
the two results are checked to agree.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import numpy as np

from mottagning.planning import budget as bm
from mottagning.planning import prognos as pm
from mottagning.rules.params import load_parameters

SCENARIER = 10_000
AR = 8
MAL_SEKUNDER = 1.0
SEED = 20_180_108  # the date of seed 001

VINGAKER_OSAKERHET = bm.Andringar(
    vuxna={"min": 20, "max": 40},
    barn={"min": 10, "max": 30},
    andel_som_lamnar={"min": Decimal("0.15"), "max": Decimal("0.35")},
)


def _tid(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> bool:
    params = load_parameters()  # YAML parsing happens once per process; not part of the run
    rng = np.random.default_rng(SEED)
    print(f"{SCENARIER} scenarier × {AR} år per kommun")

    def _prognos(kommun: str) -> Callable[[], Any]:
        p = pm.las_prognos(kommun)
        ar = pm.horisont(p, AR)

        def run() -> Any:
            k = pm.kompilera(p, params, ar)
            draw = pm.dra(k, SCENARIER, rng)
            arrays = pm.berakna(k, draw)
            pm.sammanfatta(arrays, k)
            return k, draw, arrays

        return run

    u = bm.las_budget("vingaker", VINGAKER_OSAKERHET)

    def _vingaker() -> Any:
        k = bm.konstanter(u, params)
        ind = bm.dra_indata(u, SCENARIER, rng)
        ut = bm.berakna(u, k, ind)
        for arr in (ut.summa_intakter, ut.summa_kostnader, ut.netto, ut.ackumulerat, ut.kvarboende):
            np.percentile(arr, pm.PERCENTILER, axis=0)
        return k, ind, ut

    fall: list[tuple[str, Callable[[], Any]]] = [
        *((kommun, _prognos(kommun)) for kommun in ("alingsas", "ostersund", "ekero")),
        ("vingaker", _vingaker),
    ]

    total_vec = 0.0
    total_loop = 0.0
    results: dict[str, Any] = {}
    for kommun, vec in fall:
        seconds, results[kommun] = _tid(vec)
        total_vec += seconds
        print(f"  {kommun:10} vektoriserat {seconds * 1000:8.1f} ms")
    ok_agree = True
    for kommun, _ in fall:
        if kommun == "vingaker":
            k, ind, ut = results[kommun]

            def loop_v(k: Any = k, ind: Any = ind) -> Any:
                loop = bm.berakna_loop(u, k, ind)
                np.percentile(loop.netto, pm.PERCENTILER, axis=0)
                return loop

            seconds, loop = _tid(loop_v)
            agree = bool(
                np.array_equal(loop.netto, ut.netto)
                and np.array_equal(loop.ackumulerat, ut.ackumulerat)
            )
        else:
            k, draw, arrays = results[kommun]

            def loop_p(k: Any = k, draw: Any = draw) -> Any:
                out = pm.berakna_loop(k, draw)
                for arr in out.values():
                    np.percentile(arr, pm.PERCENTILER, axis=0)
                return out

            seconds, loop_arrays = _tid(loop_p)
            agree = all(
                np.allclose(arrays[key], loop_arrays[key], rtol=1e-12, atol=1e-6) for key in arrays
            )
        ok_agree &= agree
        total_loop += seconds
        status = "samma resultat" if agree else "OLIKA RESULTAT"
        print(f"  {kommun:10} per scenario {seconds * 1000:8.1f} ms  {status}")

    ratio = total_loop / total_vec if total_vec > 0 else float("inf")
    ok_time = total_vec <= MAL_SEKUNDER
    print(
        f"Alla fyra kommuner: {total_vec * 1000:.1f} ms vektoriserat (mål ≤ {MAL_SEKUNDER * 1000:.0f} ms) "
        f"{'OK' if ok_time else 'MÅLET NÅS INTE'}; per-scenario-loop {total_loop:.2f} s; "
        f"{ratio:.0f}× snabbare"
    )
    return ok_time and ok_agree


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
