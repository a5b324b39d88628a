"""Housing for a small group: a fixed staff cost spread over few places (001 §4–5)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mottagning.planning import boende
from mottagning.planning.errors import PlaneringsFel
from mottagning.rules.params import load_parameters

D = Decimal


def test_2018_four_places_from_june() -> None:
    lage = boende.hvb_lage(load_parameters(), 2018)
    assert lage.manader == 7  # "efter 1/6 2018"
    assert lage.fast_per_manad.lo == lage.fast_per_manad.hi == D(600000)
    assert lage.per_plats(4) == D(150000)
    assert lage.per_plats(2) == D(300000)
    assert lage.integrerad_per_plats == D(42857)
    # 600 000 / 42 857 = 14.00002: not cheaper than integrated places until 15
    assert lage.brytpunkt == 15


def test_2019_one_or_two_places() -> None:
    lage = boende.hvb_lage(load_parameters(), 2019)
    assert lage.manader == 12
    assert (lage.fast_per_manad.lo, lage.fast_per_manad.hi) == (D(320000), D(640000))
    assert lage.per_plats(2) == D(320000)
    assert lage.per_plats(1) == D(640000)


def test_price_per_place_rises_as_the_group_shrinks() -> None:
    rows = boende.tabell(boende.hvb_lage(load_parameters(), 2018))
    prices = [r.egen_per_plats for r in rows]
    assert prices == sorted(prices, reverse=True)
    four = next(r for r in rows if r.platser == 4)
    assert four.merkostnad_per_manad == D(600000) - 4 * D(42857)
    assert four.merkostnad_perioden == four.merkostnad_per_manad * 7


def test_notes_explain_the_2019_figure() -> None:
    p = load_parameters()
    notes = boende.anmarkningar([boende.hvb_lage(p, 2018), boende.hvb_lage(p, 2019)])
    assert any("640 000" in n and "6,7 %" in n for n in notes)


def test_years_the_seed_does_not_price() -> None:
    with pytest.raises(PlaneringsFel, match="2018 och 2019"):
        boende.hvb_lage(load_parameters(), 2020)
    with pytest.raises(PlaneringsFel, match="minst en plats"):
        boende.hvb_lage(load_parameters(), 2018).per_plats(0)
