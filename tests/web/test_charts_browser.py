"""Issue 12 item 6: the charts stay readable in greyscale and on paper. In headless Chromium
with print media and a CSS greyscale filter over the page, every chart with more than one
series tells its series apart without colour (a dash pattern per line, a fill pattern per bar
series), names them in a legend, and no two texts in a chart overlap. Uses the browser
fixtures of test_browser.py (Debian's chromium)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web import test_browser as shared
from tests.web.test_planning_browser import _strateg

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

browser = shared.browser
page = shared.page

# For each chart: the series' dash patterns (lines) and fills (bars) as the browser computes
# them, the legend's names, and every pair of texts whose boxes overlap.
_READ = """
() => [...document.querySelectorAll('svg.chart')].map(svg => {
  const style = el => getComputedStyle(el);
  const lines = [...svg.querySelectorAll('polyline.serie')].map(l => style(l).strokeDasharray);
  const bars = {};
  for (const b of svg.querySelectorAll('rect.bar')) bars[b.dataset.serie] = style(b).fill;
  const boxes = [...svg.querySelectorAll('text')]
    .filter(t => t.textContent.trim())
    .map(t => [t.textContent.trim(), t.getBoundingClientRect()]);
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, p] = boxes[i], [b, q] = boxes[j];
    if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1 && q.top < p.bottom - 1)
      overlaps.push(a + ' / ' + b);
  }
  return {
    id: svg.id || svg.querySelector('title').textContent,
    lines, bars: Object.values(bars),
    legend: [...svg.querySelectorAll('text.legend')].map(t => t.textContent),
    direct: [...svg.querySelectorAll('text.direct-label')].length,
    visible: svg.getBoundingClientRect().width > 0,
    exact: style(svg).printColorAdjust,
    overlaps,
  };
})
"""


def test_charts_are_told_apart_in_greyscale_and_print(
    page: Any, live_server: Any, alingsas: Any
) -> None:
    _strateg(alingsas)
    base = live_server.url
    shared._login(page, base, "strateg")
    page.emulate_media(media="print")
    several = 0
    for path in ("/planering/prognos/?scenarier=200", "/planering/jamfor/"):
        assert page.goto(base + path).status == 200, path
        page.evaluate("document.documentElement.style.filter = 'grayscale(1)'")
        charts = page.evaluate(_READ)
        assert charts, path
        for c in charts:
            where = f"{path} {c['id']}"
            assert c["visible"], where
            assert c["exact"] == "exact", where
            assert not c["overlaps"], f"{where}: {c['overlaps']}"
            for kind in ("lines", "bars"):
                if len(c[kind]) > 1:
                    several += 1
                    assert len(set(c[kind])) == len(c[kind]), f"{where}: {c[kind]}"
                    assert len(c["legend"]) == len(c[kind]), where
            if len(c["lines"]) > 1:
                assert c["direct"] == len(c["lines"]), where
    assert several, "no chart with more than one series was drawn"
