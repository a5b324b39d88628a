"""Properties of the small-count suppression: no small count is shown or can be backed out."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mottagning.followup.suppression import (
    is_small,
    suppress_count,
    suppress_counts,
    suppress_share,
)

PROPERTY = settings(deadline=None)
thresholds = st.integers(min_value=2, max_value=10)
counts = st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=8)


@PROPERTY
@given(counts, thresholds)
def test_no_small_count_is_shown(cells: list[int], t: int) -> None:
    shown, total = suppress_counts(cells, t)
    for cell in [*shown, total]:
        assert cell.value is None or not is_small(cell.value, t)


@PROPERTY
@given(counts, thresholds)
def test_the_hidden_cells_cannot_be_backed_out_of_the_total(cells: list[int], t: int) -> None:
    shown, total = suppress_counts(cells, t)
    hidden = [n for n, c in zip(cells, shown, strict=True) if c.suppressed]
    if total.value is not None and hidden:
        # Total minus what is shown is the hidden sum: never a small count, never one cell.
        assert len(hidden) >= 2
        assert not is_small(sum(hidden), t)


@PROPERTY
@given(counts, thresholds)
def test_shown_cells_are_the_true_counts(cells: list[int], t: int) -> None:
    shown, total = suppress_counts(cells, t)
    for n, c in zip(cells, shown, strict=True):
        assert c.value in (None, n)
    assert total.value in (None, sum(cells))


@PROPERTY
@given(st.integers(0, 200), st.integers(0, 200), thresholds)
def test_a_share_never_reveals_a_small_group(a: int, b: int, t: int) -> None:
    numerator, denominator = min(a, b), max(a, b)
    share = suppress_share(numerator, denominator, t)
    if share.percent is not None:
        assert not is_small(numerator, t)
        assert not is_small(denominator - numerator, t)
        assert not is_small(denominator, t)
        assert share.percent == (Decimal(100 * numerator) / denominator).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


def test_examples() -> None:
    shown, total = suppress_counts([10, 3, 20], 5)
    # 3 is small; the smallest other cell (10) is hidden with it, so 13 cannot be split.
    assert [c.value for c in shown] == [None, None, 20]
    assert total.value == 33
    shown, total = suppress_counts([2, 1], 5)
    assert total.value is None
    assert suppress_count(4, 5) is None
    assert suppress_count(0, 5) == 0
    assert suppress_share(7, 9, 5).percent is None  # two did not: a small group
    assert suppress_share(5, 10, 5).percent == Decimal("50.0")


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="negativt"):
        suppress_counts([-1], 5)
    with pytest.raises(ValueError, match="täljaren"):
        suppress_share(3, 2, 5)
