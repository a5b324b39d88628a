"""The shared export (issue 12 item 4): CSV for Swedish Excel and typed Excel cells."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from fpdf import FPDF
from openpyxl import load_workbook  # type: ignore[import-untyped]

from mottagning import exports


def test_csv_has_a_bom_semicolons_swedish_decimals_and_no_formulas() -> None:
    data = exports.csv_bytes(
        ["Namn", "Datum", "Belopp"],
        [["=HYPERLINK()", dt.date(2026, 1, 31), Decimal("1234.5")], ["Åsa", None, 7]],
    )
    assert data.startswith("\ufeff".encode())
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Namn;Datum;Belopp"
    assert lines[1] == "'=HYPERLINK();2026-01-31;1234,5"
    assert lines[2] == "Åsa;;7"


def test_swedish_numbers_are_read_as_numbers_and_ranges_are_not() -> None:
    assert exports.tal("1 199 996") == Decimal(1199996)
    assert exports.tal("3,5") == Decimal("3.5")
    assert exports.tal("−12") == Decimal(-12)
    assert exports.tal("22 (18–26)") is None
    assert exports.tal("Lokaler") is None
    assert exports.tal(True) is None


def test_excel_cells_are_typed_with_header_frozen_panes_and_widths() -> None:
    content = exports.xlsx_bytes(
        [
            exports.Blad(
                "Budget: tkr/år",
                ["Rad", "Datum", "Belopp", "Antal"],
                [
                    ["Lokaler", dt.date(2026, 1, 1), "1 199 996", "3,5"],
                    ["Intervall", None, Decimal(250), "22 (18–26)"],
                ],
                ["text", "datum", "tkr", "tal"],
                inledning=["Budget"],
            )
        ]
    )
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert sheet.title == "Budget  tkr år"
    assert sheet["A1"].value == "Budget"
    assert [c.value for c in sheet[2]] == ["Rad", "Datum", "Belopp", "Antal"]
    assert sheet["A2"].font.bold
    assert sheet.freeze_panes == "A3"
    assert sheet["C3"].value == 1199996
    assert "tkr" in sheet["C3"].number_format
    assert sheet["B3"].number_format == "yyyy-mm-dd"
    assert sheet["D3"].value == 3.5
    assert sheet["D4"].value == "22 (18–26)"  # a range stays text
    assert sheet.column_dimensions["A"].width >= len("Intervall")
    assert sheet.auto_filter.ref == "A2:D4"


def test_pdf_font_is_dejavu_when_the_system_has_it(monkeypatch: pytest.MonkeyPatch) -> None:
    font = Path(__file__)  # any existing file stands for the font here; nothing is drawn
    monkeypatch.setattr(exports, "DEJAVU", font)
    monkeypatch.setattr(exports, "DEJAVU_BOLD", font)
    monkeypatch.setattr(FPDF, "add_font", lambda self, *args, **kwargs: None)
    family, clean = exports.pdf_font(FPDF())
    assert family == "dejavu"
    assert clean("Ålder ≥ 18 – “Ansökan” • 3…") == "Ålder ≥ 18 – “Ansökan” • 3…"


def test_without_dejavu_a_pdf_text_keeps_latin1_and_plain_stand_ins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(exports, "DEJAVU", Path("/saknas/DejaVuSans.ttf"))
    family, clean = exports.pdf_font(FPDF())
    assert family == "helvetica"
    assert clean("Ålder ≥ 18 – “Ansökan” • 3…") == 'Ålder >= 18 - "Ansökan" * 3...'
    assert clean("Nguyễn") == "Nguy?n"  # outside Latin-1 and without a stand-in
