"""A claim as Excel and PDF, and the ledger as Excel: numbers as numbers (typed cells, kronor
format), a header row, frozen panes.

The claim's sheet has one row per person and item in the order Migrationsverket's e-service
asks for a specification (person, identity, period, count, amount, paragraph), so it can be
copied across column by column.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

# openpyxl ships no type stubs and types-openpyxl is not in the lock file.
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]

from mottagning.claims.models import AnsokanRad
from mottagning.claims.selectors import ClaimView
from mottagning.claims.types import ATTACHMENTS, label
from mottagning.exports import pdf_font
from mottagning.planning.underlag import citera

KRONOR = '#,##0.00 "kr"'


def _identity(rad: AnsokanRad) -> str:
    ids = list(rad.person.identiteter.all())
    return f"{ids[0].typ} {ids[0].varde}" if ids else ""


def _safe(text: str) -> str:
    # A cell beginning with = + - @ would be read as a formula by a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _sheet(
    title: str, header: list[str], rows: Iterable[list[Any]], money_columns: Iterable[int]
) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_safe(c) if isinstance(c, str) else c for c in row])
    for col in money_columns:
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.number_format = KRONOR
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


CLAIM_HEADER = (
    "Personnummer eller annat nummer",
    "Efternamn",
    "Förnamn",
    "Från",
    "Till",
    "Antal",
    "Enhet",
    "Belopp",
    "Författning",
    "Regel",
    "Antagande",
)


def claim_xlsx(view: ClaimView) -> bytes:
    rows = [
        [
            _identity(r),
            r.person.efternamn,
            r.person.fornamn,
            r.fran,
            r.till,
            r.antal,
            r.enhet,
            r.belopp,
            r.forfattning,
            r.regel,
            _("ja") if r.antagande else "",
        ]
        for r in view.rader
    ]
    return _sheet(str(view.ansokan), list(CLAIM_HEADER), rows, money_columns=[8])


def claim_pdf(view: ClaimView) -> bytes:
    a = view.ansokan
    pdf = FPDF(orientation="L", format="A4")
    family, clean = pdf_font(pdf)

    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    pdf.set_font(family, "B", 13)
    title = f"{label(a.typ)} {a.ar} kv {a.kvartal} ({a.fran.isoformat()}–{a.till.isoformat()})"
    pdf.multi_cell(0, 7, clean(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(family, "", 9)
    facts = [
        f"{_('Status')}: {a.get_status_display()}",
        f"{_('Ansökt belopp')}: {a.belopp_ansokt} kr",
        f"{_('Ansök senast')}: {a.ansok_senast.isoformat() if a.ansok_senast else _('okänd')}",
    ]
    for line in facts:
        pdf.multi_cell(0, 5, clean(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    attachments = ATTACHMENTS.get(a.typ, ())
    if attachments:
        pdf.set_font(family, "B", 9)
        pdf.multi_cell(0, 5, clean(_("Bilagor")), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(family, "", 8)
        for text, source in attachments:
            pdf.multi_cell(
                0, 4, clean(f"- {text} ({citera(source)})"), new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
    pdf.ln(2)
    pdf.set_font(family, "", 7)
    with pdf.table(text_align="LEFT", first_row_as_headings=True) as table:
        header = table.row()
        for h in CLAIM_HEADER:
            header.cell(clean(h))
        for r in view.rader:
            cells = table.row()
            for c in (
                _identity(r),
                r.person.efternamn,
                r.person.fornamn,
                r.fran.isoformat(),
                r.till.isoformat(),
                str(r.antal),
                r.enhet,
                f"{r.belopp} kr",
                r.forfattning,
                r.regel,
                _("ja") if r.antagande else "",
            ):
                cells.cell(clean(c))
    return bytes(pdf.output())


def ledger_xlsx(rows: list[dict[str, Any]]) -> bytes:
    header = ["År", "Kvartal", "Post", "Typ", "Enhet", "Belopp", "Antagande", "Källa"]
    body = [
        [
            r["ar"],
            r["kvartal"],
            r["post"],
            r["typ"],
            r["enhet"],
            Decimal(r["belopp"]),
            _("ja") if r["antagande"] else "",
            citera(r["kalla"]),
        ]
        for r in rows
    ]
    return _sheet(_("Huvudbok"), header, body, money_columns=[6])
