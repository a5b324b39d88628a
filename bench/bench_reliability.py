"""Reliability benchmark (issue 9 item 9), on bench_web's 100,000-person register in PostgreSQL.

In one run, against gunicorn with the production settings on 127.0.0.1 (4 workers × 2 threads, as
docs/operations.md deploys it):

1. Mixed load for MOTTAGNING_BENCH_RELIABILITY_SECONDS (default 300) from a second process:
   person pages, the API state endpoint, a unit's worklist and event writes through the API.
   Throughput, p50/p95/p99 per kind, errors, and the server's memory (RSS of the master and its
   workers) at start and end.
2. Throughput of the API state endpoint against a minimal authenticated Django JSON view
   (bench/minimal.py: the API's token check and a constant answer) on the same server, loaded
   by wrk with 16 connections in alternating turns (COMPARE_ROUNDS rounds); the ratio is the
   median of the rounds'. With it, the CPU time gunicorn and PostgreSQL used per request. Each
   round also loads the state endpoint without its rules core (bench/minimal.py's
   person_read: the same reads and read log), which shows how much of the gap is the rules
   core and how much the read of the record and its log; and the budget the ratio target
   leaves the rules core, django-ninja's path and the JSON, against what they cost.
3. kill -9 of one worker during writes, then of the whole server (master and workers) during
   writes, restarted at once as a service manager would. Every write the server acknowledged
   (201 with the event's id) is looked up afterwards: the number missing is the count of lost
   writes. Time to recovery: from the kill until a request succeeds again.

Targets: 0 errors under load; memory at the end at most 20 % above the start; 0 acknowledged
writes lost; the state endpoint >= 500 requests/s and >= half the minimal view's rate.
Never run inside `make test`; `make bench` runs it (`python -m bench reliability` alone).
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import multiprocessing
import os
import random
import secrets
import shutil
import signal
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench import bench_web as web

SECONDS = int(os.environ.get("MOTTAGNING_BENCH_RELIABILITY_SECONDS", "300"))
THREADS = 8
# Relative weights of the request kinds in the mixed load: mostly reads, one in ten a write.
MIX = {"person": 3, "state": 4, "worklist": 2, "write": 1}
KILL_LOAD_SECONDS = 20
KILL_AFTER = 5.0
WRITERS = 4
SETTINGS = "bench.settings"
# As docs/operations.md deploys it (`--workers 4 --threads 2`): a thread waiting for PostgreSQL
# leaves the worker's other thread to run.
SERVER_THREADS = 2
# The comparison: COMPARE_ROUNDS rounds of turns (state endpoint, the same without its rules
# core, minimal view), each loaded by wrk for COMPARE_SECONDS after a warm-up; the ratio is the
# median of the rounds'.
COMPARE_ROUNDS = 5
COMPARE_SECONDS = 8
COMPARE_WARMUP_SECONDS = 3
TARGETS = {"state_rps": 500.0, "state_vs_minimal": 0.5, "memory_growth": 1.2}


def _rss_kib(pid: int) -> int:
    """Resident memory of a process and its children (gunicorn's master and workers)."""
    total = 0
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            continue
    return total


def _cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User and system CPU time each process has used so far (/proc/<pid>/stat)."""
    seconds = {}
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        seconds[p] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return seconds


def _cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU time used between two readings by the processes alive at the second; a process
    that ended in between (a database connection closed by its age) is left out, rather than
    subtracting all it had used."""
    return sum(t - before.get(p, 0.0) for p, t in after.items())


def _postgres_pids() -> list[int]:
    """The PostgreSQL server's processes on this machine (backends and background workers)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() in ("postgres", "postmaster"):
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except FileNotFoundError:
        return []
    return [int(c) for c in text.split()]


def _quantiles(samples: list[float]) -> tuple[float, float, float]:
    if len(samples) < 2:
        value = samples[0] if samples else float("nan")
        return value, value, value
    q = statistics.quantiles(samples, n=100, method="inclusive")
    return statistics.median(samples), q[94], q[98]


def _request(
    conn: http.client.HTTPConnection, method: str, path: str, headers: dict[str, str], body: Any
) -> tuple[int, bytes]:
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    return response.status, response.read()


def _write_body(today: dt.date) -> str:
    # Eget boende from today: a plain event every timeline in the bench register can take.
    return json.dumps({"typ": "eget_boende", "datum": today.isoformat()})


def _client_loop(
    port: int,
    plan: dict[str, Any],
    kinds: list[str],
    seconds: float,
    seed: int,
    out: dict[str, Any],
) -> None:
    """One client thread: requests of the given kinds until time is up, with latency and
    status of each; the ids of writes the server acknowledged."""
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    page = {"Cookie": plan["cookie"], "Host": "127.0.0.1"}
    api = {"Authorization": f"Bearer {plan['token']}", "Host": "127.0.0.1"}
    write_headers = {**api, "Content-Type": "application/json"}
    body = _write_body(dt.date.fromisoformat(plan["today"]))
    stop = time.time() + seconds
    while time.time() < stop:
        kind = rng.choice(kinds)
        args: tuple[str, str, dict[str, str], str | None]
        if kind == "person":
            args = ("GET", f"/personer/{rng.choice(plan['visible'])}/", page, None)
        elif kind == "state":
            path = f"/api/personer/{rng.choice(plan['visible'])}/ansvar?overgangar=false"
            args = ("GET", path, api, None)
        elif kind == "worklist":
            args = ("GET", f"/enheter/{plan['unit']}/", page, None)
        else:
            path = f"/api/personer/{rng.choice(plan['writable'])}/handelser"
            args = ("POST", path, write_headers, body)
        start = time.perf_counter()
        try:
            status, content = _request(conn, *args)
        except (OSError, http.client.HTTPException):
            status, content = 0, b""
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            time.sleep(0.05)  # a server that is down: don't spin, it needs the CPU to restart
        ms = (time.perf_counter() - start) * 1000
        expected = 201 if kind == "write" else 200
        with out["lock"]:
            if status == expected:
                out["ms"].setdefault(kind, []).append(ms)
                if kind == "write":
                    out["acked"].append(json.loads(content)["id"])
            else:
                out["errors"].setdefault(kind, []).append(status)


def _load(
    port: int, plan: dict[str, Any], kinds: list[str], seconds: float, threads: int, queue: Any
) -> None:
    """The second process: `threads` clients for `seconds`; results through `queue`."""
    out: dict[str, Any] = {"ms": {}, "errors": {}, "acked": [], "lock": threading.Lock()}
    workers = [
        threading.Thread(target=_client_loop, args=(port, plan, kinds, seconds, i, out))
        for i in range(threads)
    ]
    start = time.time()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    del out["lock"]
    out["seconds"] = time.time() - start
    queue.put(out)


def _spawn_load(
    port: int, plan: dict[str, Any], kinds: list[str], seconds: float, threads: int
) -> tuple[Any, Any]:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    process = ctx.Process(target=_load, args=(port, plan, kinds, seconds, threads, queue))
    process.start()
    return process, queue


def _wait_ok(port: int, plan: dict[str, Any], since: float, limit: float = 120.0) -> float:
    """Seconds from `since` until a state request succeeds (a fresh connection each try)."""
    headers = {"Authorization": f"Bearer {plan['token']}", "Host": "127.0.0.1"}
    path = f"/api/personer/{plan['visible'][0]}/ansvar?overgangar=false"
    while time.time() - since < limit:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            status, _ = _request(conn, "GET", path, headers, None)
            conn.close()
            if status == 200:
                return time.time() - since
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.05)
    return float("inf")


def _lost(acked: list[int]) -> int:
    from mottagning.register.models import Event

    found = set(Event.objects.filter(pk__in=acked).values_list("pk", flat=True))
    return len(set(acked) - found)


def _plan(report: list[str]) -> dict[str, Any]:
    from django.db.models import Max
    from django.utils import timezone

    from mottagning.accounts.models import User
    from mottagning.accounts.services import api_token_create, user_create
    from mottagning.cases.models import ResponsibilityPeriod
    from mottagning.register.models import Municipality, Person, Unit
    from mottagning.rules.events import HANDELSE_FRAMAT_AR, add_months

    alingsas = Municipality.objects.get(kod="alingsas")
    unit = Unit.objects.get(municipality=alingsas, kod="integrationsavdelningen")
    user = User.objects.filter(username="bench.handlaggare").first() or user_create(
        username="bench.handlaggare",
        password=secrets.token_urlsafe(16),
        municipality=alingsas,
        roles=["handlaggare"],
        units=[unit],
        check_password=False,
    )
    _token, secret = api_token_create(user=user, namn="bench reliability")
    visible = list(
        ResponsibilityPeriod.objects.filter(unit=unit, fran__lte=web.TODAY)
        .values_list("person_id", flat=True)
        .distinct()[:5000]
    )
    today = timezone.localdate()
    # Writes go to persons whose timeline a new event may join: the synthetic register has
    # some planned events further ahead than a write may place one (rules/events.py).
    writable = list(
        Person.objects.filter(pk__in=visible)
        .annotate(last=Max("handelser__datum"))
        .filter(last__lt=add_months(today, 12 * HANDELSE_FRAMAT_AR))
        .values_list("pk", flat=True)
    )
    report.append(
        f"{len(visible)} synliga personer för bench.handlaggare, {len(writable)} av dem tar skrivningar."
    )
    return {
        "cookie": web._session_cookie(user),
        "token": secret,
        "visible": visible,
        "writable": writable,
        "unit": unit.pk,
        "today": today.isoformat(),
    }


def _mixed(port: int, server: Any, plan: dict[str, Any], report: list[str]) -> dict[str, float]:
    kinds = [k for k, weight in MIX.items() for _ in range(weight)]
    warm, queue = _spawn_load(port, plan, kinds, 10, THREADS)
    queue.get(timeout=200)
    warm.join()
    memory_start = _rss_kib(server.pid)
    process, queue = _spawn_load(port, plan, kinds, SECONDS, THREADS)
    out = queue.get(timeout=SECONDS + 300)
    process.join()
    memory_end = _rss_kib(server.pid)
    total = sum(len(v) for v in out["ms"].values())
    errors = sum(len(v) for v in out["errors"].values())
    report.append(
        f"Blandad last {out['seconds']:.0f} s, {THREADS} klienttrådar i en andra process: "
        f"{total / out['seconds']:.0f} anrop/s, {errors} fel"
        + (f" ({ {k: sorted(set(v)) for k, v in out['errors'].items()} })" if errors else "")
    )
    for kind, samples in sorted(out["ms"].items()):
        p50, p95, p99 = _quantiles(samples)
        report.append(
            f"  {kind:9} {len(samples):6} anrop  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  p99 {p99:6.1f} ms"
        )
    growth = memory_end / memory_start
    report.append(
        f"Serverns minne (RSS, master och arbetare): {memory_start / 1024:.0f} MiB i början, "
        f"{memory_end / 1024:.0f} MiB i slutet ({growth:.2f}×)"
    )
    return {
        "mixed_rps": total / out["seconds"],
        "mixed_errors": float(errors),
        "memory_growth": growth,
        "mixed_lost": float(_lost(out["acked"])),
    }


def _compare(port: int, server: Any, plan: dict[str, Any], report: list[str]) -> dict[str, float]:
    """State endpoint and minimal view in turns: on a shared machine a neighbour's burst
    lands in one turn of one pair instead of deciding the whole ratio. Beside throughput, the
    CPU time the server and PostgreSQL spent per answered request, which a neighbour's load
    moves much less than it moves throughput."""
    if shutil.which("wrk") is None:
        report.append(
            "wrk saknas (Debian: apt-get install wrk): jämförelsen med minimal vy görs inte."
        )
        return {"state_rps": 0.0, "minimal_rps": 0.0, "state_vs_minimal": 0.0}
    persons = plan["visible"][:2000]
    kinds = {
        "state": [f"/api/personer/{p}/ansvar?overgangar=false" for p in persons],
        "read": [f"/bench/personer/{p}/" for p in persons],
        "minimal": ["/bench/minimal/"],
    }
    # Every worker's connection prepares its statements on their fifth use (settings/database).
    for paths in kinds.values():
        web._wrk_load(port, plan["token"], paths, seconds=COMPARE_WARMUP_SECONDS)
    done = dict.fromkeys(kinds, 0)
    seconds = dict.fromkeys(kinds, 0.0)
    cpu = {k: [0.0, 0.0] for k in kinds}  # server, PostgreSQL
    ratios: dict[str, list[float]] = {"state": [], "read": []}
    errors = 0
    for _ in range(COMPARE_ROUNDS):
        rates = {}
        for kind, paths in kinds.items():
            gunicorn = [server.pid, *_children(server.pid)]
            before = (_cpu_seconds(gunicorn), _cpu_seconds(_postgres_pids()))
            n, err, secs = web._wrk_load(port, plan["token"], paths, COMPARE_SECONDS)
            cpu[kind][0] += _cpu_used(before[0], _cpu_seconds(gunicorn))
            cpu[kind][1] += _cpu_used(before[1], _cpu_seconds(_postgres_pids()))
            done[kind] += n
            seconds[kind] += secs
            rates[kind] = n / secs
            errors += err
        for kind in ratios:
            ratios[kind].append(rates[kind] / rates["minimal"])
    rps = {k: done[k] / seconds[k] for k in kinds}
    ratio = {k: statistics.median(v) for k, v in ratios.items()}
    ms = {k: [1000 * c / max(done[k], 1) for c in cpu[k]] for k in kinds}
    total = {k: sum(v) for k, v in ms.items()}  # gunicorn + PostgreSQL, ms per request
    allowed = total["minimal"] / TARGETS["state_vs_minimal"]
    report.append(
        f"API:s state-anrop {rps['state']:.0f} anrop/s, minimal autentiserad Django-vy "
        f"{rps['minimal']:.0f} anrop/s ({errors} fel): kvot {ratio['state']:.2f} (median av "
        f"{COMPARE_ROUNDS} omgångar, {min(ratios['state']):.2f}–{max(ratios['state']):.2f}; "
        f"wrk, {web.LOAD_THREADS} förbindelser, {COMPARE_SECONDS} s per tur)"
    )
    report.append(
        f"  state-anropet utan regelkärnan (samma läsning och läslogg, fast svar): "
        f"{rps['read']:.0f} anrop/s, kvot mot minimal vy {ratio['read']:.2f} "
        f"({min(ratios['read']):.2f}–{max(ratios['read']):.2f})"
    )
    report.append(
        "CPU per besvarat anrop (gunicorn + PostgreSQL): "
        + ", ".join(
            f"{label} {ms[k][0]:.2f} + {ms[k][1]:.2f} ms"
            for k, label in (
                ("state", "state"),
                ("read", "utan regelkärnan"),
                ("minimal", "minimal vy"),
            )
        )
        + f": kvot state mot minimal {total['minimal'] / total['state']:.2f}"
    )
    # What the ratio target leaves for the part the endpoint adds to its read (django-ninja's
    # path, the rules core and the JSON) against what that part costs: docs/operations.md.
    budget = allowed - total["read"]
    report.append(
        f"  Vid kvot {TARGETS['state_vs_minimal']:.1f} får state-anropet kosta "
        f"{allowed:.2f} ms; utan regelkärnan kostar det {total['read']:.2f} ms, så regelkärnan, ninja och JSON får {budget:.2f} ms och "
        f"kostar {total['state'] - total['read']:.2f} ms"
    )
    return {
        "state_rps": rps["state"],
        "minimal_rps": rps["minimal"],
        "state_vs_minimal": ratio["state"],
        "read_rps": rps["read"],
        "read_vs_minimal": ratio["read"],
        "compare_errors": float(errors),
        "state_cpu_ms": total["state"],
        "read_cpu_ms": total["read"],
        "minimal_cpu_ms": total["minimal"],
        "rules_budget_ms": budget,
    }


def _kill_worker(port: int, server: Any, plan: dict[str, Any], report: list[str]) -> float:
    process, queue = _spawn_load(port, plan, ["write"], KILL_LOAD_SECONDS, WRITERS)
    time.sleep(KILL_AFTER)
    victim = _children(server.pid)[0]
    killed = time.time()
    os.kill(victim, signal.SIGKILL)
    recovery = _wait_ok(port, plan, killed)
    out = queue.get(timeout=KILL_LOAD_SECONDS + 120)
    process.join()
    lost = _lost(out["acked"])
    failed = sum(len(v) for v in out["errors"].values())
    report.append(
        f"kill -9 av en arbetare under skrivningar: {len(out['acked'])} bekräftade skrivningar, "
        f"{lost} förlorade; {failed} anrop utan svar (de som arbetaren höll); nästa lyckade "
        f"anrop {recovery:.2f} s efter"
    )
    return float(lost)


def _kill_server(
    url: str, port: int, server: Any, static_root: str, plan: dict[str, Any], report: list[str]
) -> tuple[float, Any]:
    process, queue = _spawn_load(port, plan, ["write"], KILL_LOAD_SECONDS, WRITERS)
    time.sleep(KILL_AFTER)
    killed = time.time()
    os.killpg(server.pid, signal.SIGKILL)
    server.wait(timeout=30)
    # Restarted at once, as systemd's Restart=always does (docs/operations.md).
    server = web._start_gunicorn(
        url, port, static_root, settings=SETTINGS, collect=False, threads=SERVER_THREADS
    )
    recovery = _wait_ok(port, plan, killed)
    out = queue.get(timeout=KILL_LOAD_SECONDS + 180)
    process.join()
    lost = _lost(out["acked"])
    failed = sum(len(v) for v in out["errors"].values())
    report.append(
        f"kill -9 av hela servern under skrivningar, omstart direkt: {len(out['acked'])} "
        f"bekräftade skrivningar, {lost} förlorade; {failed} misslyckade försök medan den var nere; "
        f"första lyckade anrop {recovery:.1f} s efter kill"
    )
    return float(lost), server


def main() -> bool:
    url = os.environ.get("MOTTAGNING_BENCH_DATABASE_URL", web.DEFAULT_URL)
    try:
        web._ensure_database(url)
    except Exception as exc:  # psycopg raises several kinds; any of them means no PostgreSQL
        print(
            f"Ingen PostgreSQL på {url}: {exc}. Starta den eller sätt MOTTAGNING_BENCH_DATABASE_URL."
        )
        return False
    web._setup_django(url)
    from django.core.management import call_command

    from mottagning.profiles import PROFILE_CODES
    from mottagning.register.services import municipality_load_profile

    report = [
        f"Start {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, belastning före: {os.getloadavg()[0]:.1f}"
    ]
    call_command("migrate", interactive=False, verbosity=0)
    for kod in PROFILE_CODES:
        municipality_load_profile(kod=kod)
    web._load_register(report)
    web._work_done(report)
    plan = _plan(report)
    port = web._free_port()
    static_root = tempfile.mkdtemp(prefix="mottagning-static-")
    server = web._start_gunicorn(url, port, static_root, settings=SETTINGS, threads=SERVER_THREADS)
    results: dict[str, float] = {}
    try:
        results |= _mixed(port, server, plan, report)
        results |= _compare(port, server, plan, report)
        results["worker_lost"] = _kill_worker(port, server, plan, report)
        results["server_lost"], server = _kill_server(url, port, server, static_root, plan, report)
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        except ProcessLookupError:
            pass
        shutil.rmtree(static_root, ignore_errors=True)
    report.append(
        f"Slut {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, belastning: {os.getloadavg()[0]:.1f}"
    )
    for line in report:
        print(line)
    print(json.dumps({k: round(v, 2) for k, v in results.items()}))
    met = (
        results["mixed_errors"] == 0
        and results["memory_growth"] <= TARGETS["memory_growth"]
        and results["mixed_lost"] == 0
        and results.get("compare_errors", 0) == 0
        and results["worker_lost"] == 0
        and results["server_lost"] == 0
        and results["state_rps"] >= TARGETS["state_rps"]
        and results["state_vs_minimal"] >= TARGETS["state_vs_minimal"]
    )
    print(
        "Marginal mot målen (>1 är uppfyllt): "
        f"state {results['state_rps'] / TARGETS['state_rps']:.2f}×, "
        f"mot minimal vy {results['state_vs_minimal'] / TARGETS['state_vs_minimal']:.2f}×, "
        f"minne {TARGETS['memory_growth'] / results['memory_growth']:.2f}×"
    )
    print(
        "Mål: 0 fel, minnet platt (≤ 1,2×), 0 förlorade bekräftade skrivningar, state ≥ 500 "
        "anrop/s och ≥ halva den minimala vyns takt: " + ("uppfyllda" if met else "EJ uppfyllda")
    )
    return met


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
