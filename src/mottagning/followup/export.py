"""The follow-up report and the action plan as PDF (fpdf2, the project's PDF library: WeasyPrint
is not a dependency, docs/architecture.md) and the report as an Excel workbook with numbers as
numbers. Same content as the pages; suppressed figures are marked, never filled in."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from openpyxl import Workbook  # type: ignore[import-untyped]  # no stubs in the lock file
from openpyxl.styles import Font  # type: ignore[import-untyped]

from mottagning.followup.models import Handlingsplan, PlanAktivitet
from mottagning.followup.selectors import Report
from mottagning.planning.underlag import citera

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_DEJAVU_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
SUPPRESSED = "•"


def status_label(code: str) -> str:
    return {
        "uppnatt": _("Uppnått"),
        "ej_uppnatt": _("Ej uppnått"),
        "saknas": _("Saknar värde eller mål"),
    }[code]


def period_label(period: str) -> str:
    return _("Delårsrapport (januari–augusti)") if period == "delar" else _("Bokslut (helår)")


def report_title(r: Report) -> str:
    who = r.namnd.namn if r.namnd else _("Hela kommunen")
    return _("Uppföljning %(ar)d, %(period)s – %(who)s") % {
        "ar": r.ar,
        "period": period_label(r.period),
        "who": who,
    }


def _value(v: Decimal | None, hidden: bool) -> str:
    if hidden:
        return SUPPRESSED
    return "–" if v is None else str(v)


class _Pdf:
    def __init__(self) -> None:
        self.pdf = FPDF(orientation="P", format="A4")
        if _DEJAVU.is_file() and _DEJAVU_BOLD.is_file():
            self.pdf.add_font("dejavu", "", str(_DEJAVU))
            self.pdf.add_font("dejavu", "B", str(_DEJAVU_BOLD))
            self.family = "dejavu"
        else:
            self.family = "helvetica"
        self.pdf.set_auto_page_break(auto=True, margin=12)
        self.pdf.add_page()

    def clean(self, text: str) -> str:
        if self.family == "dejavu":
            return text
        text = text.replace("–", "-").replace("•", "*").replace("≥", ">=")
        return text.encode("latin-1", "replace").decode("latin-1")

    def heading(self, text: str, size: int = 13) -> None:
        self.pdf.set_font(self.family, "B", size)
        self.pdf.multi_cell(0, 7, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def text(self, text: str, size: int = 9) -> None:
        self.pdf.set_font(self.family, "", size)
        self.pdf.multi_cell(0, 5, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def table(self, header: list[str], rows: list[list[str]], widths: tuple[int, ...]) -> None:
        self.pdf.set_font(self.family, "", 7)
        with self.pdf.table(text_align="LEFT", col_widths=widths) as table:
            h = table.row()
            for c in header:
                h.cell(self.clean(c))
            for row in rows:
                cells = table.row()
                for c in row:
                    cells.cell(self.clean(c))
        self.pdf.ln(3)

    def bytes(self) -> bytes:
        return bytes(self.pdf.output())


def _indicator_rows(r: Report) -> list[list[str]]:
    return [
        [
            row.mal.titel,
            row.indikator.namn,
            row.indikator.enhet,
            "–"
            if row.outcome.malvarde is None
            else str(row.outcome.malvarde)
            + (" (" + _("antagande") + ")" if row.outcome.malvarde_antagande else ""),
            _value(row.outcome.varde, row.outcome.undertryckt),
            status_label(row.outcome.status),
        ]
        for row in r.rows
    ]


def _activity_rows(acts: list[PlanAktivitet]) -> list[list[str]]:
    return [
        [
            a.titel,
            str(a.ansvarig_enhet or a.ansvarig_namnd or ""),
            str(a.get_grund_display()),
            str(a.get_niva_display()),
            str(a.get_status_display()),
            a.forfaller.isoformat(),
            a.uppfoljning,
        ]
        for a in acts
    ]


def indicator_header() -> list[str]:
    return [_("Mål"), _("Indikator"), _("Enhet"), _("Målvärde"), _("Utfall"), _("Status")]


def activity_header() -> list[str]:
    return [
        _("Aktivitet"),
        _("Ansvarig"),
        _("Lagkrav eller lokalt initiativ"),
        _("Nivå"),
        _("Status"),
        _("Klart senast"),
        _("Uppföljning"),
    ]


def suppression_note(threshold: int) -> str:
    return _(
        "%(mark)s = färre än %(n)d personer, eller ett värde som skulle avslöja en så liten "
        "grupp; visas inte."
    ) % {"mark": SUPPRESSED, "n": threshold}


def report_pdf(r: Report) -> bytes:
    p = _Pdf()
    p.heading(report_title(r))
    p.text(
        _("Period: %(fran)s – %(till)s") % {"fran": r.fran.isoformat(), "till": r.till.isoformat()}
    )
    p.heading(_("Sammanfattning"), 11)
    p.table(
        [_("Status"), _("Antal indikatorer")],
        [[status_label(code), str(n)] for code, n in r.summary],
        (3, 1),
    )
    p.heading(_("Mål och indikatorer"), 11)
    p.table(indicator_header(), _indicator_rows(r), (4, 4, 1, 1, 1, 2))
    p.text(suppression_note(r.threshold), 7)
    p.heading(_("Handlingsplanens aktiviteter"), 11)
    p.table(
        [_("Status"), _("Antal aktiviteter")], [[s, str(n)] for s, n in r.status_counts], (3, 1)
    )
    p.table(activity_header(), _activity_rows(r.activities), (4, 2, 2, 1, 1, 1, 3))
    return p.bytes()


def plan_pdf(plan: Handlingsplan, acts: list[PlanAktivitet]) -> bytes:
    p = _Pdf()
    p.heading(str(plan))
    if plan.namnd:
        p.text(_("Beslutad av: %(n)s") % {"n": plan.namnd.namn})
    if plan.kalla:
        p.text(_("Källa: %(k)s") % {"k": citera(plan.kalla)}, 7)
    p.table(activity_header(), _activity_rows(acts), (4, 2, 2, 1, 1, 1, 3))
    return p.bytes()


def report_xlsx(r: Report) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Indikatorer")[:31]
    ws.append([report_title(r)])
    ws["A1"].font = Font(bold=True)
    ws.append([*indicator_header(), _("Täljare"), _("Nämnare")])
    for row in r.rows:
        o = row.outcome
        # Numbers stay numbers; a suppressed figure is the mark, as on the page.
        ws.append(
            [
                row.mal.titel,
                row.indikator.namn,
                row.indikator.enhet,
                o.malvarde,
                SUPPRESSED if o.undertryckt else o.varde,
                status_label(o.status),
                SUPPRESSED if o.undertryckt else o.taljare,
                SUPPRESSED if o.undertryckt else o.namnare,
            ]
        )
    ws.append([])
    ws.append([suppression_note(r.threshold)])
    acts = wb.create_sheet(_("Aktiviteter")[:31])
    acts.append(activity_header())
    for a in r.activities:
        # The date stays a date cell; the rest as on the page.
        cells: list[object] = list(_activity_rows([a])[0])
        cells[5] = a.forfaller
        acts.append(cells)
    summary = wb.create_sheet(_("Sammanfattning")[:31])
    summary.append([_("Status"), _("Antal")])
    for code, n in r.summary:
        summary.append([status_label(code), n])
    for label, n in r.status_counts:
        summary.append([label, n])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
