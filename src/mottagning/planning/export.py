"""Excel and PDF export of a planning report: the same tables and notes as the terminal.

Both files are written to a temporary name next to the target and renamed into place only
when every requested file has been produced, so a failure leaves nothing half-written.
"""

from __future__ import annotations

import os
import tempfile
from decimal import Decimal
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.errors import FPDFException

from mottagning.exports import Blad, Slag, pdf_font, xlsx_bytes
from mottagning.planning.errors import PlaneringsFel
from mottagning.planning.rapport import Rapport, cell_text
from mottagning.planning.underlag import citera


def _excel(r: Rapport, path: Path) -> None:
    """Each table on its sheet through the shared export (`mottagning.exports`): figures are
    number cells (also those the report writes as Swedish text, "1 199 996"), amounts in tkr
    carry the unit in their format, and the notes, antaganden included, on their own sheet."""
    blad = []
    for i, t in enumerate(r.tabeller):
        enhet: Slag = "tkr" if "tkr" in f"{r.titel} {t.rubrik}" else "tal"
        blad.append(
            Blad(
                f"Tabell {i + 1}",
                t.kolumner,
                [
                    [c if isinstance(c, Decimal | int) else cell_text(c) for c in row]
                    for row in t.rader
                ],
                ["text", *[enhet] * (len(t.kolumner) - 1)],
                inledning=[t.rubrik],
            )
        )
    blad.append(
        Blad(
            "Anmärkningar",
            ["Anmärkning"],
            [[citera(n)] for n in r.anmarkningar],
            inledning=[r.titel, f"Källa: {citera(r.kalla)}"],
        )
    )
    path.write_bytes(xlsx_bytes(blad))


def _pdf(r: Rapport, path: Path) -> None:
    pdf = FPDF(orientation="L", format="A4")
    family, clean = pdf_font(pdf)

    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    pdf.set_font(family, "B", 13)
    pdf.multi_cell(0, 7, clean(r.titel), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(family, "", 8)
    pdf.multi_cell(0, 5, clean(f"Källa: {citera(r.kalla)}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    for t in r.tabeller:
        pdf.set_font(family, "B", 9)
        pdf.multi_cell(0, 5, clean(t.rubrik), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(family, "", 6 if len(t.kolumner) > 6 else 7)
        # The first column holds names; give it three shares of the width.
        widths = (3, *[1] * (len(t.kolumner) - 1)) if len(t.kolumner) > 2 else None
        with pdf.table(text_align="LEFT", first_row_as_headings=True, col_widths=widths) as table:
            header = table.row()
            for h in t.kolumner:
                header.cell(clean(h))
            for row in t.rader:
                cells = table.row()
                for c in row:
                    cells.cell(clean(cell_text(c)))
        pdf.ln(3)
    if r.anmarkningar:
        pdf.set_font(family, "B", 9)
        pdf.multi_cell(0, 5, "Anmärkningar", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(family, "", 7)
        for n in r.anmarkningar:
            pdf.multi_cell(0, 4, clean(f"- {citera(n)}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.output(str(path))


def exportera(r: Rapport, *, xlsx: str | None = None, pdf: str | None = None) -> list[Path]:
    """Write the requested files; all or nothing. Returns the paths written."""
    targets: list[tuple[str, Path]] = []
    for flagga, name in (("--xlsx", xlsx), ("--pdf", pdf)):
        if name is None:
            continue
        target = Path(name)
        if not target.parent.exists():
            raise PlaneringsFel(flagga, f"katalogen {target.parent} finns inte")
        if target.is_dir():
            raise PlaneringsFel(flagga, f"{target} är en katalog")
        targets.append((flagga, target))
    temps: list[tuple[Path, Path]] = []
    try:
        for flagga, target in targets:
            fd, tmp_name = tempfile.mkstemp(
                prefix=".mottagning-", suffix=target.suffix, dir=target.parent
            )
            os.close(fd)
            tmp = Path(tmp_name)
            temps.append((tmp, target))
            try:
                (_excel if flagga == "--xlsx" else _pdf)(r, tmp)
            except OSError as error:
                raise PlaneringsFel(
                    flagga, f"kan inte skriva {target}: {error.strerror}"
                ) from error
            except FPDFException as error:
                raise PlaneringsFel(flagga, f"PDF:en kunde inte sättas: {error}") from error
        # mkstemp creates 0600; the finished file gets the permissions any new file would.
        umask = os.umask(0)
        os.umask(umask)
        for tmp, target in temps:
            os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, target)
    finally:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
    return [target for _, target in targets]
