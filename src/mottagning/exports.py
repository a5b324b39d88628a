"""One way to write a list to a file people compute with (issue 12 item 4), used by every
export: the worklists, the register and the planning reports.

* CSV: UTF-8 with a BOM and semicolons, so Swedish Excel opens it in columns with å, ä, ö;
  dates as ÅÅÅÅ-MM-DD; a text that would run as a formula is kept as text.
* Excel: typed cells (numbers and amounts as numbers, dates as dates), a bold header row,
  frozen panes under it, an autofilter and column widths from the content. Amounts in kronor
  or tkr get a number format that shows the unit; the value stays a number.
* PDF (fpdf2): `pdf_font` gives every PDF the same font and the same fallback.

Plain Python (no Django), so the planning CLI writes the same files as the web.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

# openpyxl ships no type stubs and types-openpyxl is not in the lock file.
import openpyxl  # type: ignore[import-untyped]
from fpdf import FPDF
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

Slag = Literal["text", "datum", "tal", "kr", "tkr"]
Cell = str | int | Decimal | dt.date | None

# Excel number formats (',' is the format code's thousands separator; Swedish Excel shows a
# space); the unit is part of the format, so the cell stays a number.
FORMAT: dict[str, str] = {
    "datum": "yyyy-mm-dd",
    "tal": "General",
    "kr": '#,##0" kr"',
    "tkr": '#,##0.0" tkr"',
}
_SWEDISH_NUMBER = re.compile(r"[−-]?\d{1,3}(?: \d{3})*(?:,\d+)?|[−-]?\d+(?:,\d+)?")


@dataclass
class Blad:
    """One sheet: a title, the header and the rows; `slag` per column (text by default)."""

    titel: str
    rubriker: Sequence[str]
    rader: Iterable[Sequence[Cell]]
    slag: Sequence[Slag] = field(default_factory=tuple)
    # Lines above the header (a report's title and source), written as text.
    inledning: Sequence[str] = field(default_factory=tuple)


def safe_text(value: str) -> str:
    """A text starting with = + - @ would run as a formula when opened in a spreadsheet (CSV
    injection); a leading apostrophe keeps it text."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def tal(value: object) -> Decimal | None:
    """A number written the Swedish way ("1 199 996", "3,5", "−12") as a Decimal; None for
    anything else, such as a range "22 (18–26)" or a name."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if not isinstance(value, str):
        return None
    text = value.strip().replace("\u00a0", " ")
    if not _SWEDISH_NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text.replace(" ", "").replace(",", ".").replace("−", "-"))
    except InvalidOperation:
        return None


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return safe_text(str(value))


def csv_bytes(rubriker: Sequence[str], rader: Iterable[Sequence[Cell]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    if rubriker:
        writer.writerow([safe_text(h) for h in rubriker])
    for row in rader:
        writer.writerow([_csv_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx_cell(value: Cell, slag: Slag) -> Any:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    if slag in ("tal", "kr", "tkr"):
        number = tal(value)
        if number is not None:
            return number
    if isinstance(value, int | Decimal):
        return value
    # Control characters cannot be stored in an .xlsx; a record stored before the services
    # refused them must not break an export for good.
    return ILLEGAL_CHARACTERS_RE.sub("", safe_text(str(value)))


def xlsx_bytes(blad: Sequence[Blad]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for b in blad:
        sheet = workbook.create_sheet(_sheet_title(b.titel))
        for line in b.inledning:
            sheet.append([ILLEGAL_CHARACTERS_RE.sub("", line)])
            sheet.cell(row=sheet.max_row, column=1).font = Font(bold=line == b.inledning[0])
        header_row = sheet.max_row + 1 if b.inledning else 1
        sheet.append(list(b.rubriker))
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
        slag = list(b.slag) + ["text"] * max(0, len(b.rubriker) - len(b.slag))
        widths = [len(str(h)) for h in b.rubriker]
        for row in b.rader:
            kinds = slag + ["text"] * max(0, len(row) - len(slag))
            values = [_xlsx_cell(v, k) for v, k in zip(row, kinds, strict=False)]
            sheet.append(values)
            for i, (v, k) in enumerate(zip(values, kinds, strict=False)):
                cell = sheet.cell(row=sheet.max_row, column=i + 1)
                if isinstance(v, dt.date):
                    cell.number_format = FORMAT["datum"]
                elif isinstance(v, int | Decimal):
                    cell.number_format = FORMAT[k] if k in FORMAT and k != "datum" else "General"
                if i >= len(widths):
                    widths.append(0)
                extra = 4 if k in ("kr", "tkr") else 0
                widths[i] = max(widths[i], len(_csv_cell(row[i])) + extra)
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = min(60, max(8, width + 2))
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
        if b.rubriker and sheet.max_row > header_row:
            sheet.auto_filter.ref = (
                f"A{header_row}:{get_column_letter(len(b.rubriker))}{sheet.max_row}"
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    # Excel: at most 31 characters, none of []:*?/\
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Blad"


# Debian's DejaVu (fonts-dejavu-core) covers every character a name, a label or a source may
# have. Without it a PDF falls back to a core font, which has only Latin-1: the characters the
# pages use beyond it get a plain stand-in, and anything else becomes "?".
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DEJAVU_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
_LATIN1_STANDINS = str.maketrans(
    {
        "–": "-",
        "−": "-",
        "≈": "~",
        "•": "*",
        "≥": ">=",
        "≤": "<=",
        "”": '"',
        "“": '"',
        "’": "'",
        "…": "...",
    }
)


def _as_latin1(text: str) -> str:
    return text.translate(_LATIN1_STANDINS).encode("latin-1", "replace").decode("latin-1")


def _unchanged(text: str) -> str:
    return text


def pdf_font(pdf: FPDF) -> tuple[str, Callable[[str], str]]:
    """Registers DejaVu (regular and bold) in `pdf` when the system has it. Returns the font
    family to set and the function every text must pass through before it is written."""
    if DEJAVU.is_file() and DEJAVU_BOLD.is_file():
        pdf.add_font("dejavu", "", str(DEJAVU))
        pdf.add_font("dejavu", "B", str(DEJAVU_BOLD))
        return "dejavu", _unchanged
    return "helvetica", _as_latin1
