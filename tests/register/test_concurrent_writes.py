"""Concurrent writers with the production settings: 0 errors, 0 lost or duplicated writes, and
an import committed once however many requests arrive (security probe 2026-11-29, findings 1
and 2). Runs on SQLite always, and on PostgreSQL when the suite runs there (DATABASE_URL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(database_url: str) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MOTTAGNING_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="mottagning.config.settings.production",
        MOTTAGNING_SECRET_KEY="stress-" + "x" * 60,
        MOTTAGNING_ALLOWED_HOSTS="testserver",
        DATABASE_URL=database_url,
        PYTHONPATH=str(ROOT),
    )
    result = subprocess.run(
        [sys.executable, "-m", "tests.register.stress_writers"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def _check(report: dict[str, object]) -> None:
    assert report["writes"] > 20, report  # type: ignore[operator]
    assert report["errors"] == 0, report
    assert report["persons_stored"] == report["persons_acknowledged"], report
    assert report["events_stored"] == report["events_acknowledged"], report
    # One request imports, the others are told it is already done: never twice.
    assert report["import_committed"] is True, report
    assert report["imported_persons"] == report["expected_imported_persons"], report
    assert report["import_statuses"] == [302] * 4, report


def test_concurrent_writes_on_sqlite_with_production_settings(tmp_path: Path) -> None:
    report = _run(f"sqlite:///{tmp_path / 'stress.sqlite3'}")
    assert report["vendor"] == "sqlite"
    _check(report)


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="PostgreSQL: runs when the suite runs with DATABASE_URL=postgres://…",
)
def test_concurrent_writes_on_postgresql() -> None:
    import psycopg

    url = urlsplit(os.environ["DATABASE_URL"])
    name = f"{url.path.lstrip('/') or 'mottagning'}_stress"
    admin = urlunsplit(url._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        report = _run(urlunsplit(url._replace(path=f"/{name}")))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    assert report["vendor"] == "postgresql"
    _check(report)
