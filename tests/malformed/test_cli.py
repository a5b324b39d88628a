"""Malformed CLI input (cli.jsonl): exit status 2 and one line on standard error starting with
"fel", never a traceback (the contract of docs/cli.md)."""

from __future__ import annotations

import io
import sys
from typing import Any

import pytest

from mottagning.cli import main
from tests.malformed.conftest import HERE, cases, text

CASES = cases("cli.jsonl")


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c["note"] + " " + c["args"][0] for c in CASES])
def test_malformed_cli_input(
    case: dict[str, Any], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [a.replace("{data}", str(HERE)) for a in case["args"]]
    monkeypatch.setattr(sys, "stdin", io.StringIO(text(case["stdin"])))
    status = main(args)
    out = capsys.readouterr()
    assert status == 2, (status, out.err[-300:])
    lines = out.err.strip().splitlines()
    assert len(lines) == 1, out.err[-500:]
    assert lines[0].startswith("fel")
    assert "Traceback" not in out.err
    assert out.out == ""
