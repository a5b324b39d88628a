"""Issue 12 item 3: a source is cited as a person cites it, on pages and in every export, from
one place (`planning.underlag.citera`)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from mottagning.claims.exports import ledger_xlsx
from mottagning.planning.underlag import citera
from tests.planning.test_planning_cli import _run


@pytest.mark.parametrize(
    ("kalla", "citat"),
    [
        (
            "seed 002 §3.4",
            "Vingåkers kommun, Organisering av och ansvar för integrationsarbetet (2017) §3.4",
        ),
        (
            "001 §2 (Fyller 18 år); 004 fotnot 2",
            "Alingsås kommun, Handlingsplan EFFEKT #2.1 (2018-01-08) §2 (Fyller 18 år); "
            "Ekerö kommun, Ett effektivt integrationsarbete (Dnr KS15/66-133, 2015) fotnot 2",
        ),
        (
            "domain-facts §1.4: villkoret studier i gymnasieskola (2010:1122 20 §)",
            "förordning (2010:1122): villkoret studier i gymnasieskola (2010:1122 20 §)",
        ),
        (
            "domain-facts §1.4–§1.6: faktiska kostnader",
            "förordning (2010:1122): faktiska kostnader",
        ),
        (
            "seed 001 §4; se metadata.notes om åren",
            "Alingsås kommun, Handlingsplan EFFEKT #2.1 (2018-01-08) §4",
        ),
        # A statute's number is no document number, and neither is a year in a date.
        ("2010:1122 10 §", "2010:1122 10 §"),
        ("SoL 6 kap.; 2017:193 4 §", "SoL 6 kap.; 2017:193 4 §"),
    ],
)
def test_citera(kalla: str, citat: str) -> None:
    assert citera(kalla) == citat


def test_planning_exports_cite_the_documents(tmp_path: Path) -> None:
    xlsx = tmp_path / "b.xlsx"
    assert _run(["budget", "--xlsx", str(xlsx)]) == 0
    texts = [
        str(cell)
        for ws in load_workbook(xlsx).worksheets
        for row in ws.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    ]
    assert not [t for t in texts if "seed 0" in t or "metadata.notes" in t]
    assert any("Vingåkers kommun, Organisering av och ansvar" in t for t in texts)


def test_the_ledger_export_cites_sources_not_code() -> None:
    rad = {
        "ar": 2024,
        "kvartal": 1,
        "post": "Kostnad",
        "typ": "LVU-placering",
        "enhet": "",
        "belopp": "1000.00",
        "antagande": False,
        "kalla": "domain-facts §1.6: LVU-placeringar",
    }
    ws = load_workbook(io.BytesIO(ledger_xlsx([rad]))).active
    header, row = list(ws.iter_rows(values_only=True))[:2]
    assert row[header.index("Källa")] == "förordning (2017:193): LVU-placeringar"
