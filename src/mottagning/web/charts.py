"""Server-side SVG charts. The page shows the same numbers in a table beside the chart, so the
chart is never the only way to read them (WCAG 1.1.1) and a PDF shows exactly the same."""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

# Dark blue on white: contrast 10:1, above WCAG's 3:1 for graphics (1.4.11).
BAR_COLOUR = "#1d4f91"
TEXT_COLOUR = "#1b1b1b"


def bar_chart(
    data: list[tuple[str, int]], *, title: str, description: str, width: int = 640
) -> SafeString:
    # Room for the longest label at 15 px (about 8.5 px a character), so no label is cut off
    # at the left edge; the drawing grows rather than the labels shrink.
    longest = max((len(label) for label, _n in data), default=0)
    label_width = max(190, 16 + round(8.5 * longest))
    width = max(width, label_width + 260)
    bar_height = 28
    gap = 12
    top = 8
    height = top + len(data) * (bar_height + gap)
    largest = max((n for _label, n in data), default=0) or 1
    room = width - label_width - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(description)}</desc>',
    ]
    for i, (label, count) in enumerate(data):
        y = top + i * (bar_height + gap)
        length = round(room * count / largest)
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.68:.0f}" text-anchor="end" '
            f'fill="{TEXT_COLOUR}" font-size="15">{escape(label)}</text>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{max(length, 1)}" height="{bar_height}" '
            f'fill="{BAR_COLOUR}"/>'
        )
        parts.append(
            f'<text x="{label_width + max(length, 1) + 8}" y="{y + bar_height * 0.68:.0f}" '
            f'fill="{TEXT_COLOUR}" font-size="15">{count}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
