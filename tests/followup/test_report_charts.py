"""The report's charts in the PDF, drawn from the same `Bars` as the page's SVG: labels with
–, • and å ä ö, suppressed values never drawn, the fallback font, an empty chart said in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from mottagning import exports
from mottagning.followup import export
from mottagning.followup.charts import Bar, Bars, svg
from mottagning.followup.selectors import Report
from mottagning.web.charts import BAR_COLOUR
from tests.followup.pdf_reading import read

LABEL = "Pågår – enligt plan • åäö"


@pytest.fixture(autouse=True)
def swedish() -> Iterator[None]:
    # The assertions read the Swedish texts; a test before may have left English active.
    with translation.override("sv"):
        yield


def _report(summary: list[tuple[str, int]], status_counts: list[tuple[str, int]]) -> Report:
    return Report(
        ar=2024,
        period="bokslut",
        namnd=None,
        fran=dt.date(2024, 1, 1),
        till=dt.date(2024, 12, 31),
        goals=[],
        rows=[],
        activities=[],
        status_counts=status_counts,
        summary=summary,
        threshold=5,
    )


def _chart(bars: tuple[Bar, ...]) -> Bars:
    return Bars(
        title="Utfall – per år", description="d", series="Utfall", axis="procent", bars=bars
    )


def _drawn(chart: Bars) -> bytes:
    p = export._Pdf()
    p.chart(chart)
    return p.bytes()


def test_the_report_pdf_draws_both_charts_with_unicode_labels() -> None:
    report = _report(
        [("uppnatt", 2), ("ej_uppnatt", 7), ("saknas", 0)], [(LABEL, 3), ("Genomförd", 12)]
    )
    drawn = read(export.report_pdf(report))
    for title in ("Indikatorer per status", "Aktiviteter per status"):
        assert drawn.has(title)
    # Every bar's label is followed by its value, as on the page; the first time a label is
    # shown is in the chart, which stands before its table.
    for label, value in (("Uppnått", "2"), ("Ej uppnått", "7"), (LABEL, "3"), ("Genomförd", "12")):
        assert drawn.texts[drawn.texts.index(label) + 1] == value
    # Ticks and the axis title: 0 to 12 activities in round steps.
    assert {"0", "2", "4", "6", "8", "10", "12"} <= set(drawn.texts)
    assert drawn.has("Antal aktiviteter")
    # One bar each (a zero has a sliver, as on the page) and a legend swatch per chart.
    assert drawn.rects_in(BAR_COLOUR) == 3 + 2 + 2


def test_a_suppressed_value_is_marked_and_never_drawn() -> None:
    chart = _chart((Bar("2022", Decimal("40.5")), Bar("2023", 3, hidden=True), Bar("2024", None)))
    drawn = read(_drawn(chart))
    assert drawn.rects_in(BAR_COLOUR) == 1 + 1  # the 2022 bar and the legend
    assert drawn.texts[drawn.texts.index("2023") + 1] == "•"
    assert "3" not in drawn.texts
    assert drawn.has("• = litet tal, visas inte")
    # No value at all is a dash, not the mark: nothing was hidden.
    assert drawn.texts[drawn.texts.index("2024") + 1] == "–"
    page = str(svg(chart, ident="c"))
    assert page.count("<rect") == 1
    assert ">•</text>" in page
    assert ">3</text>" not in page


def test_the_page_and_the_pdf_share_the_scale() -> None:
    chart = _chart((Bar("2022", Decimal("72.5")), Bar("2023", Decimal(100))))
    drawn = read(_drawn(chart))
    page = str(svg(chart, ident="c"))
    for tick in ("0", "20", "40", "60", "80", "100"):
        assert tick in drawn.texts
        assert f">{tick}</text>" in page


def test_a_long_label_is_cut_to_fit_not_drawn_over_the_bars() -> None:
    long = "Samverkan med andra intressenter – civilsamhället, regionen och Arbetsförmedlingen"
    drawn = read(_drawn(_chart((Bar(long, 4),))))
    shown = next(t for t in drawn.texts if t.startswith("Samverkan"))
    assert shown.endswith("…")
    assert len(shown) < len(long)


def test_without_dejavu_the_core_font_still_draws_the_labels(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(exports, "DEJAVU", Path("/saknas/DejaVuSans.ttf"))
    report = _report([("uppnatt", 1), ("ej_uppnatt", 0), ("saknas", 0)], [(LABEL, 3)])
    drawn = read(export.report_pdf(report))
    assert drawn.has("Pågår - enligt plan * åäö")
    assert drawn.rects_in(BAR_COLOUR) == 3 + 1 + 2  # bars, zero slivers included, and legends


def test_an_empty_chart_is_said_in_words() -> None:
    report = _report([("uppnatt", 0), ("ej_uppnatt", 0), ("saknas", 0)], [])
    pdf = export.report_pdf(report)
    assert pdf.startswith(b"%PDF")
    assert pdf.rstrip().endswith(b"%%EOF")
    drawn = read(pdf)
    message = "Inga uppgifter att visa i diagrammet för det här urvalet."
    assert drawn.texts.count(message) == 2
    assert drawn.rects_in(BAR_COLOUR) == 0
