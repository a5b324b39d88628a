"""`budget`, `forecast`, `compare`: output formats, exports, and bad input → status 2."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from mottagning.planning.cli import register


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    register(sub)
    args = parser.parse_args(argv)
    status: int = args.handler(args)
    return status


def test_budget_json_has_years_and_the_source_line_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _run(["budget", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ar"] == list(range(2018, 2026))
    rader = {(r["avsnitt"], r["namn"]): r for r in data["rader"]}
    assert rader[("Kostnader", "Löner 2 lotsar")]["varden"] == [1081] * 8
    assert rader[("Intäkter", "Schablon 50 mottagna per år")]["varden"] == [6320] * 8
    assert rader[("Intäkter", "Glappersättning")]["varden"] == [250] * 8
    assert rader[("Kostnader", "Glappersättning")]["varden"] == [250] * 8
    assert rader[("Statsbidrag", "genomsnittligt statsbidr. vuxna 9 tkr")]["varden"][3] == 750.6
    assert {f["rad"] for f in data["kallkontroll"] if f["slag"] == "tryckfel"} == {
        "Löner 2 lotsar",
        "Schablon 50 mottagna per år",
    }
    assert any(p["namn"] == "schablonersattning[age>=0]" for p in data["parametrar"])


def test_budget_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["budget"]) == 0
    out = capsys.readouterr().out
    assert "Löner 2 lotsar" in out
    assert "år 8 (2025)" in out
    assert "tryckt '11081'" in out


def test_forecast_and_compare_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["forecast", "--scenarier", "500", "--seed", "4", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ar"] == [2018, 2019]
    assert data["scenarier"] == 500
    assert {"p5", "p50", "p95"} <= set(data["rader"][0])
    assert _run(["compare", "--format", "json", "--ar", "2019"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {p["perspektiv"] for p in data["perspektiv"]} == {
        "kostnad",
        "arbetsmiljö",
        "kvalitet",
        "likabehandling",
    }


def test_forecast_vingaker_with_ranges(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["forecast", "--kommun", "vingaker", "--vuxna", "20-40", "--andel-som-lamnar", "15-35%"]
    assert _run([*argv, "--scenarier", "300", "--seed", "1", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    netto = next(r for r in data["rader"] if r["namn"] == "Netto")
    assert netto["p5"][0] < netto["p50"][0] < netto["p95"][0]


def test_exports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xlsx, pdf = tmp_path / "budget.xlsx", tmp_path / "budget.pdf"
    assert _run(["budget", "--xlsx", str(xlsx), "--pdf", str(pdf)]) == 0
    wb = load_workbook(xlsx)
    ws = wb["Tabell 1"]
    rows = {row[0]: row[1:] for row in ws.iter_rows(values_only=True) if row and row[0]}
    assert rows["Löner 2 lotsar"][0] == 1081
    assert "Anmärkningar" in wb.sheetnames
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_mode & 0o044  # readable by others like any new file, not mkstemp's 0600
    assert (
        _run(["compare", "--pdf", str(tmp_path / "c.pdf"), "--xlsx", str(tmp_path / "c.xlsx")]) == 0
    )
    assert (tmp_path / "c.pdf").stat().st_size > 1000
    assert not list(tmp_path.glob(".mottagning-*"))  # no temporary files left behind


@pytest.mark.parametrize(
    ("argv", "falt"),
    [
        (["budget", "--vuxna=-5"], "--vuxna"),
        (["budget", "--barn", "tio"], "--barn"),
        (["budget", "--andel-som-lamnar", "1.2"], "--andel-som-lamnar"),
        (["budget", "--andel-som-lamnar", "120%"], "--andel-som-lamnar"),
        (["budget", "--start", "2012", "--ar", "3"], "år 2012"),
        (["budget", "--format", "xml"], "--format"),
        (["budget", "--kommun", "goteborg"], "--kommun"),
        (["forecast", "--scenarier", "0"], "--scenarier"),
        (["forecast", "--kommun", "alingsas", "--vuxna", "30"], "--vuxna"),
        (["compare", "--alternativ", "saknas.yaml"], "--alternativ"),
        (["compare", "--alternativ", "finns_inte"], "--alternativ"),
        (["compare", "--ar", "2030"], "--ar"),
        (["compare", "--kommun", "vingaker"], "vingaker.yaml"),
    ],
)
def test_bad_input_is_one_line_and_status_2(
    argv: list[str], falt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "ut.xlsx"
    assert _run([*argv, "--xlsx", str(target)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("fel: ")
    assert falt in lines[0]
    assert "Traceback" not in captured.err
    assert not target.exists()


def test_unknown_unit_in_an_alternative_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alt = tmp_path / "alt.yaml"
    alt.write_text(
        "alternativ:\n  id: x\n  namn: X\n  flytta:\n"
        "    - {fran: placeringsenheten, till: familjeratten, malgrupper: [ekb]}\n",
        encoding="utf-8",
    )
    pdf = tmp_path / "ut.pdf"
    assert _run(["compare", "--alternativ", str(alt), "--pdf", str(pdf)]) == 2
    err = capsys.readouterr().err
    assert "flytta[0].till" in err
    assert "okänd enhet 'familjeratten'" in err
    assert not pdf.exists()


def test_export_to_missing_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["budget", "--xlsx", str(tmp_path / "finns" / "inte.xlsx")]) == 2
    assert "--xlsx" in capsys.readouterr().err


def test_every_fault_of_a_typed_number_has_a_line() -> None:
    from mottagning.planning.cli import _FEL
    from mottagning.planning.underlag import INMATNINGSFEL

    assert set(_FEL) == set(INMATNINGSFEL)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["budget", "--vuxna", "-3"], "fel: --vuxna: kan inte vara negativt (-3)"),
        (["budget", "--barn", "tjugo"], "fel: --barn: 'tjugo' är inte ett tal"),
        (["budget", "--vuxna", "40-20"], "fel: --vuxna: min är större än max (40-20)"),
        (["budget", "--andel-som-lamnar", "120%"], "över 100 % (120%)"),
        (["budget", "--start", "2030,5"], "fel: --start: ett heltal väntades, fick '2030,5'"),
    ],
)
def test_a_typed_number_that_cannot_be_read(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(argv) == 2
    assert message in capsys.readouterr().err
