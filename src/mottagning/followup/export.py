"""The follow-up report and the action plan as PDF (fpdf2, the project's PDF library: WeasyPrint
is not a dependency, docs/architecture.md) and the report as an Excel workbook with numbers as
numbers. Same content as the pages; suppressed figures are marked, never filled in."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from openpyxl import Workbook  # type: ignore[import-untyped]  # no stubs in the lock file
from openpyxl.styles import Font  # type: ignore[import-untyped]

from mottagning.exports import pdf_font
from mottagning.followup.charts import (
    SUPPRESSED,
    Bar,
    Bars,
    empty_message,
    hidden_legend,
    tick_label,
    value_label,
)
from mottagning.followup.models import Handlingsplan, PlanAktivitet
from mottagning.followup.selectors import Report
from mottagning.planning.underlag import citera
from mottagning.web.charts import BAR_COLOUR, TEXT_COLOUR
from mottagning.web.planning_charts import GRID_COLOUR


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


def report_charts(r: Report) -> tuple[Bars, Bars]:
    """The report's two charts, for the page's SVG and the PDF alike."""
    summary = Bars(
        title=_("Indikatorer per status"),
        description=_("Antal indikatorer som nått, inte nått eller saknar mål eller utfall."),
        series=_("Antal indikatorer"),
        axis=_("Antal indikatorer"),
        bars=tuple(Bar(status_label(code), n) for code, n in r.summary),
    )
    activities = Bars(
        title=_("Aktiviteter per status"),
        description=_("Antal aktiviteter i årets handlingsplaner per status."),
        series=_("Antal aktiviteter"),
        axis=_("Antal aktiviteter"),
        bars=tuple(Bar(label, n) for label, n in r.status_counts),
    )
    return summary, activities


def _value(v: Decimal | None, hidden: bool) -> str:
    if hidden:
        return SUPPRESSED
    return "–" if v is None else str(v)


class _Pdf:
    def __init__(self) -> None:
        self.pdf = FPDF(orientation="P", format="A4")
        self.family, self.clean = pdf_font(self.pdf)
        self.pdf.set_auto_page_break(auto=True, margin=12)
        self.pdf.add_page()

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

    def fit(self, text: str, width: float) -> str:
        """The text, cut with … so that it fits the width at the current font."""
        text = self.clean(text)
        if self.pdf.get_string_width(text) <= width:
            return text
        ellipsis = "…" if self.family == "dejavu" else "..."
        while text and self.pdf.get_string_width(text + ellipsis) > width:
            text = text[:-1]
        return text.rstrip() + ellipsis

    def chart(self, chart: Bars) -> None:
        """A horizontal bar chart drawn with fpdf2's own lines, rectangles and text in the
        report's font (fpdf2's SVG import sets text in a core font without – or •). Every bar
        carries its value as text, so the chart reads in greyscale; a suppressed bar is the
        mark only."""
        pdf = self.pdf
        self.heading(chart.title, 10)
        if chart.empty:
            self.text(empty_message())
            pdf.ln(2)
            return
        label_w, value_w, bar_h, gap = 55.0, 14.0, 5.0, 2.5
        left = pdf.l_margin
        x0 = left + label_w + 2
        room = pdf.w - pdf.r_margin - value_w - x0
        plot_h = len(chart.bars) * (bar_h + gap) + gap
        if pdf.will_page_break(plot_h + 22):
            pdf.add_page()
            self.heading(chart.title, 10)
        top = pdf.get_y() + 6
        # The legend first, above the plot: the series' colour, and the mark if it is used.
        pdf.set_font(self.family, "", 7)
        pdf.set_fill_color(BAR_COLOUR)
        pdf.rect(left, top - 5, 4, 3, style="F")
        pdf.set_text_color(TEXT_COLOUR)
        pdf.set_xy(left + 5, top - 5.5)
        pdf.cell(0, 4, self.clean(chart.series))
        if any(b.hidden for b in chart.bars):
            pdf.set_xy(left + 7 + pdf.get_string_width(self.clean(chart.series)) + 4, top - 5.5)
            pdf.cell(0, 4, self.clean(hidden_legend()))
        bottom = top + plot_h
        pdf.set_draw_color(GRID_COLOUR)
        pdf.set_line_width(0.15)
        for t in chart.ticks:
            x = x0 + room * chart.fraction(t)
            pdf.line(x, top, x, bottom + 1)
            label = tick_label(t)
            pdf.set_xy(x - 10, bottom + 1)
            pdf.cell(20, 4, label, align="C")
        pdf.set_xy(x0, bottom + 5)
        pdf.cell(room, 4, self.fit(chart.axis, room), align="C")
        pdf.set_draw_color(TEXT_COLOUR)
        pdf.set_line_width(0.3)
        pdf.line(x0, top, x0, bottom)
        pdf.line(x0, bottom, x0 + room, bottom)
        pdf.set_font(self.family, "", 8)
        for i, bar in enumerate(chart.bars):
            y = top + gap + i * (bar_h + gap)
            pdf.set_xy(left, y)
            pdf.cell(label_w, bar_h, self.fit(bar.label, label_w), align="R")
            length = 0.0
            if not bar.hidden and bar.value is not None:
                length = max(room * chart.fraction(Decimal(bar.value)), 0.3)
                pdf.rect(x0, y, length, bar_h, style="F")
            pdf.set_xy(x0 + length + 1, y)
            pdf.cell(value_w, bar_h, self.clean(value_label(bar)))
        # Back to fpdf2's defaults, which the tables after the chart are drawn in.
        pdf.set_fill_color(255)
        pdf.set_draw_color(0)
        pdf.set_text_color(0)
        pdf.set_line_width(0.2)
        pdf.set_xy(left, bottom + 11)

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
    summary_chart, status_chart = report_charts(r)
    p.heading(_("Sammanfattning"), 11)
    p.chart(summary_chart)
    p.table(
        [_("Status"), _("Antal indikatorer")],
        [[status_label(code), str(n)] for code, n in r.summary],
        (3, 1),
    )
    p.heading(_("Mål och indikatorer"), 11)
    p.table(indicator_header(), _indicator_rows(r), (4, 4, 1, 1, 1, 2))
    p.text(suppression_note(r.threshold), 7)
    p.heading(_("Handlingsplanens aktiviteter"), 11)
    p.chart(status_chart)
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
