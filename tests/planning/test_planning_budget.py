"""Cohort budget: Vingåker's table in 002 §3.4 line by line, its misprints, other years."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from mottagning.planning import budget as bm
from mottagning.planning.errors import PlaneringsFel
from mottagning.planning.kallkontroll import AVRUNDNING, granska, stammer, tolka
from mottagning.planning.underlag import las_data, validera
from mottagning.rules.params import load_parameters

D = Decimal


@pytest.fixture(scope="module")
def vingaker() -> bm.Budget:
    return bm.budget(bm.las_budget("vingaker"), load_parameters(), kommun="vingaker")


def test_years_are_2018_to_2025(vingaker: bm.Budget) -> None:
    assert vingaker.ar == list(range(2018, 2026))


def test_every_printed_line_and_year_is_reproduced(vingaker: bm.Budget) -> None:
    """Each figure of 002 §3.4 within the rounding of displayed tkr, all eight years.

    The two misprints the sums expose are compared with the figure the sums require.
    """
    fynd = granska(vingaker)
    rattat = {(f.rad, a): f.text for f in fynd if f.slag == "tryckfel" for a in f.ar}
    kravs = {"Löner 2 lotsar": D(1081), "Schablon 50 mottagna per år": D(6320)}
    checked = 0
    for rad in vingaker.underlag.kalltabell:
        model = vingaker.linje(rad.namn, rad.avsnitt).tal()
        for i, tryckt in enumerate(rad.tryckt):
            expected = kravs[rad.namn] if (rad.namn, i + 1) in rattat else tolka(tryckt)
            assert abs(model[i] - expected) <= AVRUNDNING, (rad.namn, i + 1, model[i], tryckt)
            checked += 1
    assert checked == 22 * 8


def test_sums_and_counts_are_exact(vingaker: bm.Budget) -> None:
    assert vingaker.linje(bm.SUMMA_INTAKTER).tal() == [
        D(x) for x in (9094, 8494, 6894, *[6794] * 5)
    ]
    assert vingaker.linje(bm.SUMMA_KOSTNADER).tal() == [D(8886)] * 8
    assert vingaker.linje(bm.KVARBOENDE).tal() == [D(25 + 38 * i) for i in range(8)]
    assert vingaker.linje("genomsnittligt statsbidrag 40 tkr").tal()[-1] == D(11640)
    assert vingaker.linje("Schablon 50 mottagna per år").tal() == [D(6320)] * 8
    assert vingaker.linje("Grundersättning").tal() == [D(224)] * 8


def test_misprints_are_named_with_the_real_figures(vingaker: bm.Budget) -> None:
    tryckfel = {f.rad: f for f in granska(vingaker) if f.slag == "tryckfel"}
    assert set(tryckfel) == {"Löner 2 lotsar", "Schablon 50 mottagna per år"}
    lotsar = tryckfel["Löner 2 lotsar"]
    assert lotsar.ar == tuple(range(1, 9))
    assert "'11081'" in lotsar.text
    assert "1 081" in lotsar.text
    schablon = tryckfel["Schablon 50 mottagna per år"]
    assert schablon.ar == (8,)
    assert "'6 20'" in schablon.text
    assert "6 320" in schablon.text
    assert stammer(vingaker)


def test_net_rounding_is_reported_not_hidden(vingaker: bm.Budget) -> None:
    netto = [f for f in granska(vingaker) if f.rad == bm.NETTO]
    assert len(netto) == 1
    assert netto[0].slag == "avrundning"
    assert netto[0].ar == tuple(range(2, 9))
    assert "−391" in netto[0].text
    assert "−392" in netto[0].text


def test_source_disagrees_with_parameters_on_bun(vingaker: bm.Budget) -> None:
    bun = [n for n in vingaker.anmarkningar if n.startswith("Ersättning till BUN")]
    assert len(bun) == 1
    # ½ × 2017 amounts for one child per age 0–19: 3 × 31 000 + 25 350 + 9 × 49 750 + 3 × 56 550
    assert "735,8 tkr" in bun[0]


def test_balance_needed_is_the_lowest_running_net(vingaker: bm.Budget) -> None:
    ack = vingaker.linje(bm.ACKUMULERAT).tal()
    assert ack[-1] == D(208 - 392 - 1992 - 5 * 2092)
    assert any("12 636" in n for n in vingaker.anmarkningar)


def test_another_start_year_uses_that_years_amounts() -> None:
    u = bm.las_budget("vingaker", bm.Andringar(startar=2019, ar=4, lopande_priser=True))
    b = bm.budget(u, load_parameters(), kommun="vingaker")
    assert b.ar == [2019, 2020, 2021, 2022]
    assert b.linje("Schablon 50 mottagna per år").tal() == [
        D(50 * 142600) / 1000,
        D(50 * 146100) / 1000,
        D(50 * 149600) / 1000,
        D(50 * 151800) / 1000,
    ]
    assert b.linje("Grundersättning").tal() == [D("232.5"), D(0), D(0), D(0)]
    assert any("betalas inte ut efter 2019" in n for n in b.anmarkningar)
    assert not b.underlag.kalltabell  # the printed table belongs to 002's own assumptions


def test_another_start_year_holds_that_years_amounts() -> None:
    u = bm.las_budget("vingaker", bm.Andringar(startar=2018))
    b = bm.budget(u, load_parameters(), kommun="vingaker")
    assert b.linje("Schablon 50 mottagna per år").tal() == [D(6660)] * 8  # 50 × 133 200
    assert b.linje("Grundersättning").tal() == [D("227.5")] * 8


def test_fixed_prices_of_another_year() -> None:
    u = bm.las_budget("vingaker", bm.Andringar(prisar=2019))
    b = bm.budget(u, load_parameters(), kommun="vingaker")
    assert b.linje("Grundersättning").tal() == [D("232.5")] * 8
    assert b.linje("Schablon 50 mottagna per år").tal() == [D(7130)] * 8


def test_a_year_without_parameters_carries_the_last_known_value_as_an_antagande() -> None:
    u = bm.las_budget("vingaker", bm.Andringar(lopande_priser=True))
    b = bm.budget(u, load_parameters(), kommun="vingaker")
    assert any(
        n.startswith("ANTAGANDE") and "Schablonersättning, under 65 år" in n and "2025-01-01" in n
        for n in b.anmarkningar
    )


def test_a_year_before_any_parameter_is_an_error_naming_it() -> None:
    u = bm.las_budget("vingaker", bm.Andringar(lopande_priser=True, startar=2011))
    with pytest.raises(PlaneringsFel, match=r"2011.*inga parametrar"):
        bm.budget(u, load_parameters(), kommun="vingaker")


def test_uncertain_parameters_are_reported() -> None:
    u = bm.las_budget("vingaker", bm.Andringar(prisar=2023))
    b = bm.budget(u, load_parameters(), kommun="vingaker")
    # In words a planner reads: the amount's name and how sure it is, no path or status code.
    assert any("Schablonersättning" in n and "(osäkert)" in n for n in b.anmarkningar)
    assert not any("schablonersattning" in n or "(R)" in n for n in b.anmarkningar)


@pytest.mark.parametrize(
    ("andringar", "falt"),
    [
        (bm.Andringar(vuxna=-5), "mottagna"),
        (bm.Andringar(barn={"min": 10, "max": -1}), "mottagna.barn"),
        (bm.Andringar(andel_som_lamnar=D("1.2")), "avflyttning"),
        (bm.Andringar(andel_som_lamnar=D("-0.1")), "avflyttning"),
    ],
)
def test_bad_assumptions_name_the_field(andringar: bm.Andringar, falt: str) -> None:
    with pytest.raises(PlaneringsFel) as caught:
        bm.las_budget("vingaker", andringar)
    assert falt in caught.value.falt


def test_unrounded_residents_and_yearly_leaving() -> None:
    data, _ = las_data("vingaker", "budget")
    data["avflyttning"].update(avrunda_till_personer=False, andel_per_ar_darefter=D("0.1"))
    u2 = validera(bm.Budgetunderlag, data, "test")
    b = bm.budget(u2, load_parameters(), kommun="vingaker")
    kvar = b.linje(bm.KVARBOENDE).tal()
    # 25; 25 + 37.5; 25 + 37.5 + 33.75
    assert kvar[:3] == [D(25), D("62.5"), D("96.25")]


def test_schablon_paid_over_24_months() -> None:
    u = bm.las_budget("vingaker", bm.Andringar(schablon_utbetalning="24_manader"))
    b = bm.budget(u, load_parameters(), kommun="vingaker")
    sch = b.linje("Schablon 50 mottagna per år").tal()
    ore = D("0.00001")  # tkr to whole öre
    assert sch[0] == (D(6320) * D("5.5") / 24).quantize(ore)
    assert sch[1] == (D(6320) * D("17.5") / 24).quantize(ore)
    assert sch[2:] == [D(6320)] * 6  # 5.5 + 12 + 6.5 months of three cohorts


@pytest.mark.parametrize("utbetalning", ["mottagningsar", "24_manader"])
@pytest.mark.parametrize("avrunda", [True, False])
def test_vectorised_equals_per_scenario_loop(utbetalning: str, avrunda: bool) -> None:
    data = bm.Andringar(
        vuxna={"min": 0, "max": 60},
        barn={"min": 0, "max": 40},
        aldre={"min": 0, "max": 3},
        andel_som_lamnar={"min": D("0.05"), "max": D("0.6")},
        schablon_utbetalning=utbetalning,
    ).tillampa(las_data("vingaker", "budget")[0])
    data["avflyttning"] = dict(data["avflyttning"])
    data["avflyttning"]["avrunda_till_personer"] = avrunda
    data["avflyttning"]["andel_per_ar_darefter"] = {"min": D(0), "max": D("0.2")}
    data["intakter"] = [dict(r) for r in data["intakter"]]
    data["intakter"][2]["tkr"] = {"min": D(0), "max": D(300)}
    u = validera(bm.Budgetunderlag, data, "test")
    k = bm.konstanter(u, load_parameters())
    ind = bm.dra_indata(u, 300, np.random.default_rng(7))
    vec = bm.berakna(u, k, ind)
    loop = bm.berakna_loop(u, k, ind)
    for name in (
        "summa_intakter",
        "summa_kostnader",
        "netto",
        "ackumulerat",
        "per_vuxen",
        "per_invanare",
    ):
        assert np.array_equal(getattr(vec, name), getattr(loop, name)), name
    assert np.allclose(vec.kvarboende, loop.kvarboende, rtol=0, atol=1e-9)
    assert len(set(ind.vuxna[:, 0].tolist())) > 10  # the scenarios really differ


def test_monte_carlo_budget_has_one_row_per_scenario() -> None:
    u = bm.las_budget("vingaker", bm.Andringar(vuxna={"min": 20, "max": 40}))
    b = bm.budget(
        u, load_parameters(), kommun="vingaker", scenarier=500, rng=np.random.default_rng(1)
    )
    arr = b.linje(bm.SUMMA_INTAKTER).varden
    assert arr.shape == (500, 8)
    assert arr.min() >= (224 + 40 * 126.4 + 250) * 100_000 - 1
    assert arr.max() <= (224 + 60 * 126.4 + 250 + 2300) * 100_000 + 1
