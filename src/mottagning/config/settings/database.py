"""Database: SQLite file in var/ by default, PostgreSQL (or any URL) from DATABASE_URL."""

import os

import dj_database_url

from mottagning.config.settings.paths import VAR_DIR

_url = os.environ.get("DATABASE_URL", "")

if _url:
    DATABASES = {"default": dj_database_url.parse(_url, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("MOTTAGNING_SQLITE", str(VAR_DIR / "mottagning.sqlite3")),
        }
    }

# Whatever the URL, SQLite always gets these (production.py requires DATABASE_URL, so a
# `sqlite:///` there must not lose them: without them half of concurrent writes failed with
# "database is locked", security probe 2026-11-29 finding 2).
SQLITE_OPTIONS = {
    # IMMEDIATE takes the write lock when a transaction starts, so two writers wait for each
    # other instead of failing with "database is locked" halfway through.
    "transaction_mode": "IMMEDIATE",
    # Seconds a writer waits for the lock before giving up.
    "timeout": 20,
    # WAL lets readers go on while one request writes.
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
    # A persistent SQLite connection across threads gains nothing and holds the file open.
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# PostgreSQL plans a statement every time it gets one as text; prepared once per connection,
# it does not (issue 9 item 9: planning cost the database five times the CPU of running the
# state endpoint's query, pgbench -M simple against -M prepared). psycopg prepares a statement
# on its fifth use in a connection, which needs server-side parameters. Connections live
# CONN_MAX_AGE seconds, so the prepared statements are reused for as long. A pooler in
# transaction mode (PgBouncer before 1.21) cannot carry them: docs/operations.md.
POSTGRESQL_OPTIONS = {"server_side_binding": True, "prepare_threshold": 5}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(POSTGRESQL_OPTIONS)
