"""Server-side SVG line charts for the planning pages.

`web.charts` draws the dashboard's bar chart (counts, never negative, one per page); planning
needs lines over years that go below zero (netto, the balance account), several series and
several charts on one page, so each chart gets its own id prefix. As with `web.charts`, the
page shows the same numbers in a table next to the chart (WCAG 1.1.1), and the series are
told apart by dash pattern and marker shape as well as colour (WCAG 1.4.1).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape
from itertools import pairwise

from django.utils.safestring import SafeString, mark_safe

from mottagning.planning.underlag import fmt_tal

# Colours with at least 3:1 against white (WCAG 1.4.11): dark blue, dark orange, dark green,
# purple, olive, teal. Dash patterns and markers carry the same distinction without colour.
STYLES = (
    ("#1d4f91", "", "circle"),
    ("#a23b00", "8 4", "square"),
    ("#1b6b3a", "2 3", "diamond"),
    ("#6b2c8f", "10 3 2 3", "triangle"),
    ("#5c4a00", "1 3", "square"),
    ("#005f73", "12 3", "diamond"),
)
TEXT_COLOUR = "#1b1b1b"
GRID_COLOUR = "#6f6f6f"
BAND_OPACITY = "0.18"
LABEL_CHAR = 7.0  # about the width of a 12 px character, for the direct labels' room
LABEL_MAX = 18  # longer names are shortened at the line's end; the legend has them whole
LABEL_GAP = 14.0  # px between two direct labels' baselines, so they never overlap


def _kort(namn: str) -> str:
    return namn if len(namn) <= LABEL_MAX else namn[: LABEL_MAX - 1].rstrip() + "…"


def _spread(ys: list[float], lo: float, hi: float) -> list[float]:
    """The lines' end heights moved apart just enough for their labels not to overlap, kept
    in their order and inside the plot where there is room."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    out = list(ys)
    for prev, cur in pairwise(order):
        out[cur] = max(out[cur], out[prev] + LABEL_GAP)
    overshoot = (out[order[-1]] - hi) if order else 0.0
    if overshoot > 0:
        for i in order:
            out[i] = max(lo, out[i] - overshoot)
        for prev, cur in pairwise(order):
            out[cur] = max(out[cur], out[prev] + LABEL_GAP)
    return out


@dataclass(frozen=True)
class Serie:
    namn: str
    varden: list[Decimal]
    lo: list[Decimal] | None = None  # a band (e.g. 5th–95th percentile) around the line
    hi: list[Decimal] | None = None


def round_ticks(lo: Decimal, hi: Decimal, n: int = 5) -> list[Decimal]:
    """About n round tick values covering [lo, hi] (1, 2 or 5 × a power of ten apart)."""
    span = hi - lo if hi > lo else (abs(hi) or Decimal(1))
    raw = span / n
    power = Decimal(10) ** (len(str(int(raw))) - 1) if raw >= 1 else Decimal("0.1")
    step = next((m * power for m in (1, 2, 5, 10) if m * power >= raw), 10 * power)
    first = (lo / step).to_integral_value(rounding="ROUND_FLOOR") * step
    ticks: list[Decimal] = []
    value = first
    while value <= hi + step / 1000 and len(ticks) < 50:
        ticks.append(value)
        value += step
    if ticks[-1] < hi:
        ticks.append(ticks[-1] + step)
    return ticks


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if shape == "diamond":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} '
            f'{x - 5:.1f},{y:.1f}" fill="{colour}"/>'
        )
    if shape == "triangle":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} '
            f'{x - 5:.1f},{y + 4:.1f}" fill="{colour}"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def line_chart(
    *,
    chart_id: str,
    x_labels: list[str],
    series: list[Serie],
    title: str,
    description: str,
    unit: str,
    width: int = 720,
    height: int = 320,
    styles: dict[str, int] | None = None,
) -> SafeString:
    """One line per series over the x labels (years), with a zero line when values go below
    zero and an optional shaded band per series. `styles` gives a series name its colour,
    dash and marker for the whole page, so one unit looks the same in every chart."""
    # The unit stands above the plot, clear of the top tick's label; on the right, room for
    # each line's name at its end (a direct label, so a line is named without the legend).
    names = [_kort(s.namn) for s in series]
    left, top = 90, 34
    right = 16 + round(LABEL_CHAR * max((len(n) for n in names), default=0))
    legend_rows = len(series)
    bottom = 36 + 22 * legend_rows
    plot_w = width - left - right
    plot_h = height - top - bottom
    values = [v for s in series for v in [*s.varden, *(s.lo or []), *(s.hi or [])]]
    lo = min([*values, Decimal(0)])
    hi = max([*values, Decimal(0)])
    ticks = round_ticks(lo, hi)
    y_min, y_max = ticks[0], ticks[-1]
    span = (y_max - y_min) or Decimal(1)
    n = len(x_labels)

    def x_at(i: int) -> float:
        return left + (plot_w * (i + 0.5) / n if n else 0)

    def y_at(v: Decimal) -> float:
        return top + plot_h - float((v - y_min) / span) * plot_h

    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{chart_id}" '
        f'viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
    ]
    for t in ticks:
        y = y_at(t)
        zero = t == 0
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{TEXT_COLOUR if zero else GRID_COLOUR}" '
            f'stroke-width="{1.5 if zero else 0.5}"/>'
        )
        parts.append(
            f'<text x="{left - 8}" y="{y + 5:.1f}" text-anchor="end" font-size="13" '
            f'fill="{TEXT_COLOUR}">{escape(fmt_tal(t))}</text>'
        )
    parts.append(
        f'<text x="{left - 8}" y="14" text-anchor="end" font-size="13" '
        f'fill="{TEXT_COLOUR}">{escape(unit)}</text>'
    )
    for i, label in enumerate(x_labels):
        parts.append(
            f'<text x="{x_at(i):.1f}" y="{top + plot_h + 20}" text-anchor="middle" '
            f'font-size="13" fill="{TEXT_COLOUR}">{escape(label)}</text>'
        )
    ends = _spread([y_at(s.varden[-1]) if s.varden else top for s in series], top, top + plot_h)
    for k, s in enumerate(series):
        index = styles.get(s.namn, k) if styles is not None else k
        colour, dash, shape = STYLES[index % len(STYLES)]
        if s.lo is not None and s.hi is not None and s.lo != s.hi:
            upper = [f"{x_at(i):.1f},{y_at(v):.1f}" for i, v in enumerate(s.hi)]
            lower = [f"{x_at(i):.1f},{y_at(v):.1f}" for i, v in reversed(list(enumerate(s.lo)))]
            parts.append(
                f'<polygon points="{" ".join(upper + lower)}" fill="{colour}" '
                f'fill-opacity="{BAND_OPACITY}"/>'
            )
        points = " ".join(f"{x_at(i):.1f},{y_at(v):.1f}" for i, v in enumerate(s.varden))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline class="serie" data-serie="{k}" points="{points}" fill="none" '
            f'stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
        )
        parts.extend(_marker(shape, x_at(i), y_at(v), colour) for i, v in enumerate(s.varden))
        if s.varden:
            parts.append(
                f'<text class="direct-label" x="{x_at(len(s.varden) - 1) + 10:.1f}" '
                f'y="{ends[k] + 4:.1f}" font-size="12" fill="{TEXT_COLOUR}">'
                f"{escape(names[k])}</text>"
            )
        legend_y = top + plot_h + 42 + 22 * k
        parts.append(
            f'<line x1="{left}" x2="{left + 36}" y1="{legend_y - 5}" y2="{legend_y - 5}" '
            f'stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
        )
        parts.append(_marker(shape, left + 18, legend_y - 5, colour))
        parts.append(
            f'<text class="legend" x="{left + 46}" y="{legend_y}" font-size="13" '
            f'fill="{TEXT_COLOUR}">{escape(s.namn)}</text>'
        )
    parts.append("</svg>")
    # Every text above went through escape(); the rest is numbers and fixed markup.
    return mark_safe("".join(parts))
