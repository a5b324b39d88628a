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


def register_counts() -> dict[str, int]:
    from mottagning.register.models import Event, Household, Identity, Person

    models = (Person, Event, Identity, Household)
    counts = {m.__name__: m.objects.count() for m in models}
    counts |= {f"history.{m.__name__}": m.history.count() for m in models}  # type: ignore[attr-defined]
    return counts


@pytest.fixture
def unchanged(db: Any) -> Iterator[None]:
    before = register_counts()
    yield
    assert register_counts() == before, "a malformed input changed the register"
