"""The malformed-input corpus (issue 9): data files beside this one, one case per line or file.

Each test sends every case and asserts the contract for bad input: an answer, never a server
error or a traceback, and nothing written (the register's row counts, with history, unchanged).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures import *  # noqa: F403 - shared fixtures for the Django apps

HERE = Path(__file__).parent


def cases(name: str) -> list[dict[str, Any]]:
    with (HERE / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def text(value: Any) -> str:
    """A case's text; {"nest": [open, middle, close, n]} stands for deep nesting, which would
    make the data files megabytes."""
    if isinstance(value, dict):
        open_, middle, close, n = value["nest"]
        return str(open_) * n + str(middle) + str(close) * n
    return str(value)


def register_counts(skip: tuple[str, ...] = ()) -> dict[str, int]:
    """Rows of every model of the application, history included, but the models in `skip`;
    the read and conflict logs (audit) are left out, since an attempt may be recorded whatever
    its outcome."""
    from django.apps import apps

    return {
        m._meta.label: m._default_manager.count()
        for config in apps.get_app_configs()
        if config.name.startswith("mottagning.") and config.label != "audit"
        for m in config.get_models()
        if m._meta.label not in skip
    }


@pytest.fixture
def unchanged(request: pytest.FixtureRequest, db: Any) -> Iterator[None]:
    # A test module names in WRITTEN_BY_DESIGN the models its cases write whatever the input
    # (an upload keeps its batch until the clean-up removes it).
    skip = getattr(request.module, "WRITTEN_BY_DESIGN", ())
    before = register_counts(skip)
    yield
    assert register_counts(skip) == before, "a malformed input changed the register"
