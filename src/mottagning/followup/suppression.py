"""Small-count suppression for every aggregate shown to politicians and in reports (issue 13
item 4). Pure functions, no Django: the threshold is passed in (the callers read
`settings.MOTTAGNING_SUPPRESS_BELOW`).

A count from 1 to threshold − 1 is never shown. Where a total is shown beside its cells, the
hidden cells together must also hold at least `threshold` persons (complementary suppression),
otherwise the total minus the shown cells would give the small count back. Zero is shown: it
describes no one. A share is suppressed when its numerator, its complement or its denominator
is a small count, because any of them can be backed out from the share and the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


def is_small(n: int, threshold: int) -> bool:
    return 0 < n < threshold


@dataclass(frozen=True)
class Cell:
    """A count as it may be shown: `value` is None when it is suppressed."""

    value: int | None

    @property
    def suppressed(self) -> bool:
        return self.value is None


def suppress_counts(counts: Sequence[int], threshold: int) -> tuple[list[Cell], Cell]:
    """The cells and their total, with small cells and enough complementary cells hidden that
    neither a hidden cell nor the hidden sum is a small count. When the total itself is small,
    everything is hidden."""
    if any(n < 0 for n in counts):
        raise ValueError("negativt antal")
    total = sum(counts)
    if is_small(total, threshold):
        return [Cell(None) for _ in counts], Cell(None)
    hidden = {i for i, n in enumerate(counts) if is_small(n, threshold)}
    # Hide the smallest further cells until the hidden sum is no longer a small count (a
    # lone hidden cell is then impossible too: it would be small, or hidden for no reason).
    order = sorted((n, i) for i, n in enumerate(counts) if i not in hidden)
    while hidden and is_small(sum(counts[i] for i in hidden), threshold) and order:
        hidden.add(order.pop(0)[1])
    while len(hidden) == 1 and order:
        # One hidden cell with a large count can still be backed out from the total.
        hidden.add(order.pop(0)[1])
    if hidden and (is_small(sum(counts[i] for i in hidden), threshold) or len(hidden) == 1):
        return [Cell(None) for _ in counts], Cell(None)
    return [Cell(None if i in hidden else n) for i, n in enumerate(counts)], Cell(total)


@dataclass(frozen=True)
class Share:
    numerator: int | None
    denominator: int | None
    percent: Decimal | None

    @property
    def suppressed(self) -> bool:
        return self.percent is None and self.denominator is None


def percent(numerator: int, denominator: int) -> Decimal | None:
    if denominator == 0:
        return None
    value = Decimal(100 * numerator) / Decimal(denominator)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def suppress_share(numerator: int, denominator: int, threshold: int) -> Share:
    if not 0 <= numerator <= denominator:
        raise ValueError("täljaren måste ligga mellan 0 och nämnaren")
    if any(is_small(n, threshold) for n in (numerator, denominator - numerator, denominator)):
        return Share(None, None, None)
    return Share(numerator, denominator, percent(numerator, denominator))


def suppress_count(n: int, threshold: int) -> int | None:
    return None if is_small(n, threshold) else n
