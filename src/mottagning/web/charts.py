"""Server-side SVG charts. The page shows the same numbers in a table beside the chart, so the
chart is never the only way to read them (WCAG 1.1.1) and a PDF shows exactly the same."""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

# Dark blue on white: contrast 10:1, above WCAG's 3:1 for graphics (1.4.11).
BAR_COLOUR = "#1d4f91"
TEXT_COLOUR = "#1b1b1b"
# Where bars belong to more than one series, the second and later are hatched (solid, diagonal,
# crossed): told apart without colour, in greyscale and on paper (WCAG 1.4.1).
HATCH = ("", "M0,8 L8,0", "M0,8 L8,0 M0,0 L8,8")


def _fill(chart_id: str, index: int) -> str:
    return f"url(#{chart_id}-hatch-{index})" if index % len(HATCH) else BAR_COLOUR


def hatch_defs(chart_id: str, count: int) -> str:
    """The hatching patterns for `count` series: white ground, dark lines, a dark outline."""
    out = []
    for i in range(1, min(count, len(HATCH))):
        out.append(
            f'<pattern id="{chart_id}-hatch-{i}" width="8" height="8" '
            f'patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#ffffff"/>'
            f'<path d="{HATCH[i]}" stroke="{BAR_COLOUR}" stroke-width="2"/></pattern>'
        )
    return f"<defs>{''.join(out)}</defs>" if out else ""


def bar_chart(
    data: list[tuple[str, int]],
    *,
    title: str,
    description: str,
    width: int = 640,
    series: list[str] | None = None,
) -> SafeString:
    """Horizontal bars, each labelled with its name and count. `series` names each bar's
    series where the chart holds more than one: each gets its own fill pattern and the chart
    a legend."""
    names = list(dict.fromkeys(series or []))
    # Room for the longest label at 15 px (about 8.5 px a character), so no label is cut off
    # at the left edge; the drawing grows rather than the labels shrink.
    longest = max((len(label) for label, _n in data), default=0)
    label_width = max(190, 16 + round(8.5 * longest))
    width = max(width, label_width + 260)
    bar_height = 28
    gap = 12
    top = 8
    legend = 26 * len(names) if len(names) > 1 else 0
    height = top + len(data) * (bar_height + gap) + legend
    largest = max((n for _label, n in data), default=0) or 1
    room = width - label_width - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(description)}</desc>',
        hatch_defs("chart", len(names)),
    ]
    for i, (label, count) in enumerate(data):
        y = top + i * (bar_height + gap)
        length = round(room * count / largest)
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.68:.0f}" text-anchor="end" '
            f'fill="{TEXT_COLOUR}" font-size="15">{escape(label)}</text>'
        )
        k = names.index(series[i]) if series else 0
        parts.append(
            f'<rect class="bar" data-serie="{k}" x="{label_width}" y="{y}" '
            f'width="{max(length, 1)}" height="{bar_height}" fill="{_fill("chart", k)}" '
            f'stroke="{BAR_COLOUR}"/>'
        )
        parts.append(
            f'<text x="{label_width + max(length, 1) + 8}" y="{y + bar_height * 0.68:.0f}" '
            f'fill="{TEXT_COLOUR}" font-size="15">{count}</text>'
        )
    if legend:
        y0 = top + len(data) * (bar_height + gap)
        for k, name in enumerate(names):
            y = y0 + 26 * k
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="28" height="18" '
                f'fill="{_fill("chart", k)}" stroke="{BAR_COLOUR}"/>'
            )
            parts.append(
                f'<text class="legend" x="{label_width + 36}" y="{y + 14}" '
                f'fill="{TEXT_COLOUR}" font-size="15">{escape(name)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))
