"""Typed numbers and ranges (`underlag.las_*`): what the planning forms and the CLI both read."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mottagning.planning.errors import InmatningsFel
from mottagning.planning.underlag import (
    ANTAL_PER_AR_MAX,
    INMATNINGSFEL,
    TAL_MAX,
    las_andel,
    las_antal,
    las_heltal,
    las_tal,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("30", Decimal(30)),
        (" 1 234,5 ", Decimal("1234.5")),
        ("\u22123", Decimal(-3)),
        ("0.25", Decimal("0.25")),
        (str(TAL_MAX), Decimal(TAL_MAX)),
    ],
)
def test_a_number_as_people_type_it(text: str, value: Decimal) -> None:
    assert las_tal(text) == value


def test_ranges_and_shares() -> None:
    assert las_antal("20–40") == {"min": 20, "max": 40}
    assert las_antal("20 - 40") == {"min": 20, "max": 40}
    assert las_antal("25") == 25
    assert las_andel("15-35%") == {"min": Decimal("0.15"), "max": Decimal("0.35")}
    assert las_andel("0.25") == Decimal("0.25")
    # A field in per cent reads 25 as 25 %, with or without the sign.
    assert las_andel("25", procent=True) == las_andel("25 %") == Decimal("0.25")
    assert las_heltal("2030") == 2030


@pytest.mark.parametrize(
    ("read", "text", "kod", "part"),
    [
        (las_tal, "tjugo", "inte_tal", "tjugo"),
        (las_tal, "NaN", "inte_tal", "NaN"),
        (las_tal, "Infinity", "inte_tal", "Infinity"),
        (las_tal, str(TAL_MAX + 1), "for_stort", str(TAL_MAX + 1)),
        (las_heltal, "2030,5", "inte_heltal", "2030,5"),
        (las_antal, "-3", "negativ", "-3"),
        (las_antal, "2,5", "inte_heltal", "2,5"),
        (las_antal, f"1-{ANTAL_PER_AR_MAX + 1}", "for_manga", str(ANTAL_PER_AR_MAX + 1)),
        (las_antal, "40–20", "omvant", "40–20"),
        (las_antal, "20-x", "inte_tal", "x"),
        (las_andel, "-0.1", "negativ", "-0.1"),
        (las_andel, "120 %", "over_100", "120"),
        (las_andel, "0.4-0.2", "omvant", "0.4-0.2"),
    ],
)
def test_each_fault_is_named_with_what_was_typed(
    read: object, text: str, kod: str, part: str
) -> None:
    with pytest.raises(InmatningsFel) as caught:
        read(text)  # type: ignore[operator]
    assert caught.value.kod == kod
    assert caught.value.text == part
    assert caught.value.hel == text
    assert kod in INMATNINGSFEL


def test_a_range_is_refused_where_ranges_are_not_taken() -> None:
    with pytest.raises(InmatningsFel) as caught:
        las_antal("20-40", intervall=False)
    assert caught.value.kod == "inte_tal"
