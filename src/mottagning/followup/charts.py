"""Bar charts for the follow-up. `Bars` holds a chart's numbers and its scale, computed once;
the page draws it as SVG here and the PDF draws the same object with fpdf2 (export.py), so the
two cannot disagree. The pages and the PDF also show the numbers in a table beside each chart
(WCAG 1.1.1); a suppressed figure has no bar and is marked in both."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from mottagning.web.charts import BAR_COLOUR, TEXT_COLOUR
from mottagning.web.planning_charts import GRID_COLOUR, round_ticks

SUPPRESSED = "•"
NO_VALUE = "–"


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | int | None
    hidden: bool = False  # suppressed as a small group: never drawn, marked instead


@dataclass(frozen=True)
class Bars:
    title: str
    description: str
    series: str  # the legend's name for the bars
    axis: str  # what the value axis counts
    bars: tuple[Bar, ...]

    @property
    def drawn(self) -> list[tuple[int, Bar, Decimal]]:
        """(position, bar, value) for each bar that has a length."""
        return [
            (i, b, Decimal(b.value))
            for i, b in enumerate(self.bars)
            if not b.hidden and b.value is not None
        ]

    @property
    def empty(self) -> bool:
        # All zeros or nothing to show: a row of zero-length bars reads as a broken chart.
        return not any(b.hidden for b in self.bars) and not any(v for _i, _b, v in self.drawn)

    @cached_property
    def ticks(self) -> list[Decimal]:
        largest = max((v for _i, _b, v in self.drawn), default=Decimal(0))
        ticks = round_ticks(Decimal(0), max(largest, Decimal(0)))
        if all(isinstance(b.value, int) for b in self.bars if b.value is not None):
            # Counts: a tick at 0.5 indikatorer means nothing.
            ticks = [t for t in ticks if t == t.to_integral_value()]
        return ticks

    def fraction(self, value: Decimal) -> float:
        """How far along the value axis a value lies, 0 to 1."""
        top = self.ticks[-1] or Decimal(1)
        return max(float(value / top), 0.0)


def tick_label(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def value_label(bar: Bar) -> str:
    if bar.hidden:
        return SUPPRESSED
    return NO_VALUE if bar.value is None else str(bar.value)


def empty_message() -> str:
    return _("Inga uppgifter att visa i diagrammet för det här urvalet.")


def hidden_legend() -> str:
    return _("%(mark)s = litet tal, visas inte") % {"mark": SUPPRESSED}


def svg(chart: Bars, *, ident: str, width: int = 640) -> SafeString:
    if chart.empty:
        # On the page the user can change the selection, so the empty state says how.
        guidance = _("Välj en annan period eller nämnd ovan, eller för in utfall och aktiviteter.")
        return mark_safe(
            f'<p class="muted empty-state" id="{ident}-empty">'
            f"{escape(empty_message())} {escape(guidance)}</p>"
        )
    label_width, bar_height, gap, top, bottom = 220, 26, 10, 8, 48
    room = width - label_width - 80
    plot_bottom = top + len(chart.bars) * (bar_height + gap)
    height = plot_bottom + bottom
    ticks = chart.ticks
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(chart.title)}</title>',
        f'<desc id="{ident}-desc">{escape(chart.description)}</desc>',
    ]
    for t in ticks:
        x = label_width + room * chart.fraction(t)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{plot_bottom + 4}" '
            f'stroke="{GRID_COLOUR}" stroke-width="0.5"/>'
            f'<text x="{x:.1f}" y="{plot_bottom + 18}" text-anchor="middle" fill="{TEXT_COLOUR}" '
            f'font-size="12">{escape(tick_label(t))}</text>'
        )
    parts.append(
        f'<text x="{label_width + room / 2:.0f}" y="{plot_bottom + 38}" text-anchor="middle" '
        f'fill="{TEXT_COLOUR}" font-size="13">{escape(chart.axis)}</text>'
    )
    for i, bar in enumerate(chart.bars):
        y = top + i * (bar_height + gap)
        text_y = f"{y + bar_height * 0.68:.0f}"
        label = bar.label if len(bar.label) <= 28 else bar.label[:27] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{text_y}" text-anchor="end" fill="{TEXT_COLOUR}" '
            f'font-size="14">{escape(label)}</text>'
        )
        length = 0.0
        if not bar.hidden and bar.value is not None:
            length = max(room * chart.fraction(Decimal(bar.value)), 1.0)
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" '
                f'fill="{BAR_COLOUR}"/>'
            )
        parts.append(
            f'<text x="{label_width + length + 6:.1f}" y="{text_y}" fill="{TEXT_COLOUR}" '
            f'font-size="14">{escape(value_label(bar))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
