"""SVG bar charts for the follow-up, each with a unique id so a page can hold several. The
pages and the PDF show the same numbers in a table beside each chart (WCAG 1.1.1); a
suppressed figure has no bar and is marked in both."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

from mottagning.web.charts import BAR_COLOUR, TEXT_COLOUR


def bars(
    data: list[tuple[str, Decimal | int | None]],
    *,
    ident: str,
    title: str,
    description: str,
    hidden_mark: str = "•",
    width: int = 640,
) -> SafeString:
    label_width, bar_height, gap, top = 220, 26, 10, 8
    height = top + max(len(data), 1) * (bar_height + gap)
    largest = max((Decimal(v) for _l, v in data if v is not None), default=Decimal(0)) or Decimal(1)
    room = width - label_width - 80
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]
    for i, (label, value) in enumerate(data):
        y = top + i * (bar_height + gap)
        text_y = f"{y + bar_height * 0.68:.0f}"
        parts.append(
            f'<text x="{label_width - 8}" y="{text_y}" text-anchor="end" fill="{TEXT_COLOUR}" '
            f'font-size="14">{escape(label[:32])}</text>'
        )
        if value is None:
            parts.append(
                f'<text x="{label_width + 4}" y="{text_y}" fill="{TEXT_COLOUR}" '
                f'font-size="14">{escape(hidden_mark)}</text>'
            )
            continue
        length = max(int(room * Decimal(value) / largest), 1)
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" '
            f'fill="{BAR_COLOUR}"/>'
        )
        parts.append(
            f'<text x="{label_width + length + 8}" y="{text_y}" fill="{TEXT_COLOUR}" '
            f'font-size="14">{escape(str(value))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
