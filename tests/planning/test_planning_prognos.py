"""Forecast: the seeds' ranges carried as uncertainty; vectorised equals the per-scenario loop."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from mottagning.planning import budget as bm
from mottagning.planning import prognos as pm
from mottagning.planning.errors import PlaneringsFel
from mottagning.rules.params import load_parameters

D = Decimal


def _rad(p: pm.Prognos, enhet: str, matt: str) -> pm.PrognosRad:
    return next(r for r in p.rader if r.enhet == enhet and r.matt == matt)


@pytest.fixture(scope="module")
def alingsas() -> pm.Prognos:
    return pm.prognos_enheter(
        pm.las_prognos("alingsas"),
        load_parameters(),
        kommun="alingsas",
        scenarier=4000,
        rng=np.random.default_rng(3),
        ar=4,
    )


def test_exact_figures_stay_exact(alingsas: pm.Prognos) -> None:
    assert alingsas.ar == [2018, 2019, 2020, 2021]
    kostnad = _rad(alingsas, "placeringsenheten", "kostnad")
    for q in (5, 50, 95):
        assert kostnad.percentiler[q] == [D(3900), D(2900), D(2900), D(2900)]
    assert _rad(alingsas, "placeringsenheten", "årsarbetare").percentiler[50][:2] == [
        D("3.5"),
        D("1.62"),  # 1,625 shown with two decimals
    ]
    # 4 EKB on HVB × 42 857 kr × 12 months (001 §4)
    hvb = _rad(alingsas, "boende_unga", "kostnad")
    assert hvb.percentiler[50][0] == D("2057.1")


def test_ranges_become_percentiles_inside_the_range(alingsas: pm.Prognos) -> None:
    brukare = _rad(alingsas, "stod_och_forsorjning", "brukare")
    for i, (lo, hi) in enumerate([(16, 28), (18, 30)]):
        p5, p50, p95 = (brukare.percentiler[q][i] for q in (5, 50, 95))
        assert lo <= p5 < p50 < p95 <= hi
    kost = _rad(alingsas, "integrationsavdelningen", "kostnad")
    assert D(18000) <= kost.percentiler[5][0] < kost.percentiler[95][0] <= D(19000)
    # 1–2 EKB on HVB in 2019: the cost is one or two places, nothing in between
    hvb = _rad(alingsas, "boende_unga", "kostnad")
    assert hvb.percentiler[5][1] == D("514.3")
    assert hvb.percentiler[95][1] == D("1028.6")


def test_later_years_repeat_the_last_and_say_so(alingsas: pm.Prognos) -> None:
    kost = _rad(alingsas, "arbetsmarknadsenheten", "kostnad")
    assert kost.percentiler[50] == [D(3600), D(3700), D(3700), D(3700)]
    assert any(n.startswith("2020–2021: ") and "antagande" in n for n in alingsas.anmarkningar)


def test_source_total_that_does_not_add_up(alingsas: pm.Prognos) -> None:
    note = next(n for n in alingsas.anmarkningar if n.startswith("Integrationsavdelningen 2018"))
    assert "386" in note
    assert "322" in note
    assert "182 barn" in note
    # the totals that do add up (16–28, 24–29, …) are not reported
    assert not any(
        n.startswith("Stöd- och försörjningsenheten 2018") for n in alingsas.anmarkningar
    )


def test_clients_are_not_added_across_units(alingsas: pm.Prognos) -> None:
    assert {r.matt for r in alingsas.rader if r.enhet == "totalt"} == {"årsarbetare", "kostnad"}


@pytest.mark.parametrize("kommun", ["alingsas", "ostersund", "ekero"])
def test_vectorised_equals_per_scenario_loop(kommun: str) -> None:
    p = pm.las_prognos(kommun)
    k = pm.kompilera(p, load_parameters(), pm.horisont(p, 8))
    draw = pm.dra(k, 200, np.random.default_rng(11))
    vec = pm.berakna(k, draw)
    loop = pm.berakna_loop(k, draw)
    assert vec.keys() == loop.keys()
    for key in vec:
        assert np.allclose(vec[key], loop[key], rtol=1e-12, atol=1e-6), key


def test_counts_are_drawn_as_whole_numbers_over_the_whole_range() -> None:
    p = pm.las_prognos("alingsas")
    k = pm.kompilera(p, load_parameters(), [2018, 2019])
    draw = pm.dra(k, 5000, np.random.default_rng(5))
    counts = draw[:, k.heltal, :]
    assert np.array_equal(counts, np.floor(counts))
    assert np.all(counts >= k.lo[k.heltal][None])
    assert np.all(counts <= k.hi[k.heltal][None])
    # 5–8 asylum seekers: each of 5, 6, 7, 8 occurs
    line = 8  # after placeringsenheten's 1 client, 5 staff and 2 cost lines
    assert set(np.unique(draw[:, line, 0]).tolist()) == {5.0, 6.0, 7.0, 8.0}


def test_ostersund_contacts_are_clients_times_visits() -> None:
    p = pm.prognos_enheter(
        pm.las_prognos("ostersund"),
        load_parameters(),
        kommun="ostersund",
        scenarier=3000,
        rng=np.random.default_rng(2),
    )
    kontakter = _rad(p, "ung_integration_stodboende", "kontakter")
    assert 30 * 2 * 52 <= kontakter.percentiler[5][0] < kontakter.percentiler[95][0] <= 39 * 3 * 52


def test_ekero_part_time_staff(tmp_path: object) -> None:
    p = pm.prognos_enheter(
        pm.las_prognos("ekero"),
        load_parameters(),
        kommun="ekero",
        scenarier=3000,
        rng=np.random.default_rng(2),
    )
    fte = _rad(p, "centrum_for_nyanlanda", "årsarbetare")
    assert D("1.3") < fte.percentiler[5][0] < fte.percentiler[95][0] < D("3.7")


def test_vingaker_forecast_is_the_budget_over_scenarios() -> None:
    u = bm.las_budget("vingaker")
    p = pm.prognos_budget(
        u, load_parameters(), kommun="vingaker", scenarier=50, rng=np.random.default_rng(1)
    )
    netto = _rad(p, "integrationsenheten", bm.NETTO)
    assert netto.percentiler[5] == netto.percentiler[95]  # the source has no ranges
    assert netto.percentiler[50][1] == D(-392)
    assert "inga intervall" in p.anmarkningar[0]


def test_bad_forecast_input() -> None:
    with pytest.raises(PlaneringsFel, match="scenarier"):
        pm.prognos_enheter(
            pm.las_prognos("alingsas"),
            load_parameters(),
            kommun="a",
            scenarier=0,
            rng=np.random.default_rng(1),
        )
    with pytest.raises(PlaneringsFel, match="--ar"):
        pm.horisont(pm.las_prognos("alingsas"), 0)
    with pytest.raises(PlaneringsFel, match="okänd kommun"):
        pm.las_prognos("goteborg")
    with pytest.raises(PlaneringsFel, match="saknar avsnittet 'prognos'"):
        pm.las_prognos("vingaker")


def test_a_forecast_from_a_later_year_flags_the_years_past_the_source() -> None:
    p = pm.las_prognos("alingsas")
    assert pm.horisont(p, None) == [2018, 2019]
    assert pm.horisont(p, 3, 2019) == [2019, 2020, 2021]
    f = pm.prognos_enheter(
        p,
        load_parameters(),
        kommun="alingsas",
        scenarier=50,
        rng=np.random.default_rng(1),
        ar=3,
        start=2019,
    )
    assert f.ar == [2019, 2020, 2021]
    assert f.antagande_ar == [2020, 2021]
    # Carried forward: the later years hold 2019's figures.
    kostnad = _rad(f, "placeringsenheten", "kostnad").percentiler[50]
    assert kostnad == [D(2900), D(2900), D(2900)]
    with pytest.raises(PlaneringsFel, match="börjar 2018"):
        pm.horisont(p, 3, 2017)


def test_the_budget_forecast_flags_years_read_with_a_carried_amount() -> None:
    params = load_parameters()
    kallans = bm.las_budget("vingaker", bm.Andringar(startar=2018, ar=6))
    sen = bm.las_budget("vingaker", bm.Andringar(startar=2026, ar=6))
    rng = np.random.default_rng(1)
    assert pm.prognos_budget(kallans, params, kommun="v", scenarier=5, rng=rng).antagande_ar == []
    f = pm.prognos_budget(sen, params, kommun="v", scenarier=5, rng=rng)
    assert f.antagande_ar == f.ar == list(range(2026, 2032))
