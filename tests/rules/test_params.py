"""Dated parameters: exact amounts, the worked examples of the sources, date boundaries, schema.

Amounts are compared as Decimal with ==, never with a float margin.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from mottagning.rules.params import (
    ParameterError,
    ParameterSet,
    ParameterValue,
    load_parameter_directory,
    load_parameters,
)

D = Decimal


@pytest.fixture(scope="module")
def p() -> ParameterSet:
    return load_parameters()


def test_load_is_cached() -> None:
    assert load_parameters() is load_parameters()


def test_every_value_is_decimal_or_null(p: ParameterSet) -> None:
    from mottagning.rules.params import Parameter, Scale

    seen = 0
    for name in p.names():
        parameter = p.parameter(name)
        series = (
            [parameter.values]
            if isinstance(parameter, Parameter)
            else [b.amount.values for b in parameter.brackets]
        )
        assert isinstance(parameter, Parameter | Scale)
        for entries in series:
            for entry in entries:
                assert entry.value is None or type(entry.value) is Decimal, entry
                seen += 1
    assert seen > 200


# --- schablonersättning (2010:1122 11 §, 11 a §; domain-facts §1.1) -----------------------


@pytest.mark.parametrize(
    ("on", "under_65", "from_65"),
    [
        (dt.date(2013, 1, 1), 83100, 52000),
        (dt.date(2015, 12, 31), 83100, 52000),
        (dt.date(2016, 1, 1), 125000, 78200),
        (dt.date(2017, 6, 30), 126400, 79100),
        (dt.date(2018, 1, 1), 133200, 80300),
        (dt.date(2019, 7, 1), 142600, 82100),
        (dt.date(2020, 1, 1), 146100, 82100),
        (dt.date(2021, 5, 5), 149600, 84000),
        (dt.date(2022, 12, 31), 151800, 85200),
    ],
)
def test_schablon_by_year_and_age(
    p: ParameterSet, on: dt.date, under_65: int, from_65: int
) -> None:
    assert p.get_bracket("schablonersattning", on, age=0) == D(under_65)
    assert p.get_bracket("schablonersattning", on, age=64) == D(under_65)
    assert p.get_bracket("schablonersattning", on, age=65) == D(from_65)
    assert p.get_bracket("schablonersattning", on, age=90) == D(from_65)


def assumed(entry: ParameterValue, value: int, carried_from: dt.date) -> None:
    """The house rule: a year nobody has found carries the last known value, flagged."""
    assert entry.value == D(value)
    assert entry.antagande
    assert entry.uncertain
    assert entry.carried_from == carried_from
    assert entry.reference.startswith("ANTAGANDE: ")


def test_schablon_2023_is_marked_uncertain_and_2025_is_an_antagande(p: ParameterSet) -> None:
    entry = p.lookup_bracket("schablonersattning", dt.date(2024, 6, 1), age=30)
    assert entry.value == D(151800)
    assert entry.status == "R"
    assert entry.uncertain
    assert not entry.antagande
    assert "OSÄKERT" in entry.reference
    later = p.lookup_bracket("schablonersattning", dt.date(2025, 3, 1), age=30)
    assumed(later, 151800, dt.date(2023, 1, 1))
    assert later.start == dt.date(2025, 1, 1)


def test_schablon_before_2013_has_no_parameters(p: ParameterSet) -> None:
    with pytest.raises(ParameterError, match=r"inga parametrar för det året") as caught:
        p.get_bracket("schablonersattning", dt.date(2012, 6, 1), age=30)
    assert caught.value.on == dt.date(2012, 6, 1)


def test_cohort_rule_11a(p: ParameterSet) -> None:
    assert p.get_bracket("schablonersattning_11a", dt.date(2016, 3, 1), age=30) == D(82700)
    assert p.get_bracket("schablonersattning_11a", dt.date(2017, 12, 31), age=70) == D(52400)
    with pytest.raises(ParameterError, match=r"schablonersattning_11a"):
        p.get_bracket("schablonersattning_11a", dt.date(2018, 1, 1), age=30)


def test_old_regime_1990_927_has_its_own_age_limit_at_16(p: ParameterSet) -> None:
    on = dt.date(2012, 4, 1)
    assert p.get_bracket("schablonersattning_1990_927", on, age=15) == D(119600)
    assert p.get_bracket("schablonersattning_1990_927", on, age=16) == D(194700)
    assert p.get_bracket("schablonersattning_1990_927", on, age=65) == D(71900)
    assumed(
        p.lookup_bracket("schablonersattning_1990_927", dt.date(2010, 1, 1), age=30),
        181400,
        dt.date(2008, 1, 1),
    )


# --- grundersättning and prisbasbelopp (§1.2) ----------------------------------------------


def test_grundersattning_2019_vs_2020(p: ParameterSet) -> None:
    assert p.get("grundersattning", dt.date(2019, 12, 31)) == D(232500)
    ended = p.lookup("grundersattning", dt.date(2020, 1, 1))
    assert ended.value is None
    assert ended.status == "V"
    with pytest.raises(ParameterError, match=r"grundersattning.*2020-01-01.*betalas inte ut"):
        p.get("grundersattning", dt.date(2020, 1, 1))


@pytest.mark.parametrize("year", [2016, 2017, 2018, 2019])
def test_grundersattning_is_five_prisbasbelopp(p: ParameterSet, year: int) -> None:
    on = dt.date(year, 6, 1)
    assert p.get("grundersattning", on) == 5 * p.get("prisbasbelopp", on)


def test_prisbasbelopp_gap_is_the_previous_year_as_an_antagande(p: ParameterSet) -> None:
    assert p.get("prisbasbelopp", dt.date(2020, 12, 31)) == D(47300)
    assumed(p.lookup("prisbasbelopp", dt.date(2021, 2, 1)), 47300, dt.date(2020, 1, 1))
    assert not p.lookup("prisbasbelopp", dt.date(2024, 1, 1)).antagande
    assert p.get("prisbasbelopp", dt.date(2024, 1, 1)) == D(57300)


# --- initial costs (§1.3) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("group", "age", "amount"),
    [
        ("anvisade", 0, 9999),
        ("anvisade", 19, 9999),
        ("anvisade", 20, 19998),
        ("anvisade", 65, 19998),
        ("anvisade", 66, 12503),
        ("egen_bosattning", 5, 3003),
        ("egen_bosattning", 40, 4000),
    ],
)
def test_initial_costs_are_rounded_share_of_pbb(
    p: ParameterSet, group: str, age: int, amount: int
) -> None:
    on = dt.date(2024, 7, 1)
    assert p.get_bracket(f"initiala_kostnader.{group}", on, age=age) == D(amount)
    share = p.get_bracket(f"initiala_kostnader.andel_av_prisbasbelopp.{group}", on, age=age)
    computed = (share * p.get("prisbasbelopp", on)).quantize(D(1), rounding=ROUND_HALF_UP)
    assert computed == D(amount)


def test_initial_costs_boundaries(p: ParameterSet) -> None:
    with pytest.raises(ParameterError, match=r"inga parametrar"):
        p.get_bracket("initiala_kostnader.anvisade", dt.date(2024, 6, 30), age=30)
    with pytest.raises(ParameterError, match=r"ingen ersättning för 66"):
        p.get_bracket("initiala_kostnader.egen_bosattning", dt.date(2024, 7, 1), age=66)


def test_yaml_fraction_is_read_exactly(p: ParameterSet) -> None:
    share = p.get_bracket(
        "initiala_kostnader.andel_av_prisbasbelopp.anvisade", dt.date(2024, 8, 1), age=30
    )
    assert share == D("0.3490")
    assert str(share) == "0.3490"  # as written in the YAML, not via float


# --- EKB (§1.6): the 2017-07-01 system change and 2024 ------------------------------------


def test_ekb_2017_06_30_vs_2017_07_01(p: ParameterSet) -> None:
    before = dt.date(2017, 6, 30)
    after = dt.date(2017, 7, 1)
    assert p.get("ekb.overenskommelse_plats_per_dygn", before) == D(1600)
    assert p.get("ekb.belagd_plats_tillagg_per_dygn", before) == D(300)
    with pytest.raises(ParameterError, match=r"inga parametrar"):
        p.get("ekb.dygnsschablon_under_18", before)
    with pytest.raises(ParameterError, match=r"overenskommelse_plats_per_dygn.*2017-07-01"):
        p.get("ekb.overenskommelse_plats_per_dygn", after)
    assert p.get("ekb.dygnsschablon_under_18", after) == D(1350)
    assert p.get("ekb.dygnsschablon_18_20", after) == D(750)
    assert p.get("ekb.engangsbelopp_anvisad", after) == D(52000)
    assert p.get("ekb.ankomstboende_per_dygn", after) == D(3000)
    assert p.get("ekb.beredskap_fast_per_ar", after) == D(500000)


def test_ekb_2024(p: ParameterSet) -> None:
    assert p.get("ekb.dygnsschablon_under_18", dt.date(2023, 12, 31)) == D(1350)
    assert p.get("ekb.dygnsschablon_under_18", dt.date(2024, 1, 1)) == D(1000)
    assumed(p.lookup("ekb.dygnsschablon_18_20", dt.date(2024, 1, 1)), 750, dt.date(2017, 7, 1))


# --- school compensation for asylum-seeking children (§1.7; seed 002 §1.2.2) --------------


def test_school_2017_matches_vingaker_seed(p: ParameterSet) -> None:
    on = dt.date(2017, 10, 30)  # 002 was adopted on this day and quotes the 2017 amounts
    assert p.get("skolersattning_asylsokande.forskola", on) == D(62000)
    assert p.get("skolersattning_asylsokande.forskoleklass", on) == D(50700)
    assert p.get("skolersattning_asylsokande.grundskola", on) == D(99500)
    assert p.get("skolersattning_asylsokande.gymnasieskola", on) == D(113100)


def test_school_part_year_per_four_week_period(p: ParameterSet) -> None:
    on = dt.date(2018, 3, 1)
    per_period = p.get("skolersattning_asylsokande.grundskola", on) * p.get(
        "skolersattning_asylsokande.andel_per_fyraveckorsperiod", on
    )
    assert per_period == D(10210)
    assert p.get("skolersattning_asylsokande.max_perioder_per_ar", on) == D(10)


def test_school_unchanged_2019_to_2022_and_gymnasium_2016_unknown(p: ParameterSet) -> None:
    for year in (2019, 2020, 2021, 2022):
        assert p.get("skolersattning_asylsokande.gymnasieskola", dt.date(year, 1, 1)) == 119100
    with pytest.raises(ParameterError, match=r"gymnasieskola.*2016"):
        p.get("skolersattning_asylsokande.gymnasieskola", dt.date(2016, 9, 1))


# --- hälsoundersökning (§1.4) -------------------------------------------------------------


def test_health_examination(p: ParameterSet) -> None:
    assert p.get("halsoundersokning.nyanlanda", dt.date(2017, 5, 1)) == D(2080)
    assert p.get("halsoundersokning.nyanlanda", dt.date(2019, 5, 1)) == D(2175)
    assert p.get("halsoundersokning.nyanlanda", dt.date(2021, 5, 1)) == D(2215)
    assert p.get("halsoundersokning.nyanlanda", dt.date(2023, 5, 1)) == D(2515)
    assert p.get("halsoundersokning.asylsokande", dt.date(2023, 5, 1)) == D(2175)
    assumed(p.lookup("halsoundersokning.nyanlanda", dt.date(2018, 5, 1)), 2080, dt.date(2017, 1, 1))


# --- riksnormen (§2, the worked examples of §2.3) -----------------------------------------


def _non_sambo_adult(p: ParameterSet, on: dt.date, household: int) -> Decimal:
    common = p.get_bracket("riksnorm.gemensamma_hushallskostnader", on, persons=household)
    return p.get("riksnorm.personliga_kostnader.ensamstaende", on) + common / household


def test_riksnorm_2014_non_sambo_in_five_person_household(p: ParameterSet) -> None:
    assert _non_sambo_adult(p, dt.date(2014, 6, 1), 5) == D(3292)


def test_riksnorm_2017_non_sambo_in_five_person_household(p: ParameterSet) -> None:
    assert _non_sambo_adult(p, dt.date(2017, 6, 1), 5) == D(3328)


@pytest.mark.parametrize("child_age", [1, 2, 4, 5, 6])
def test_riksnorm_2023_two_adults_two_children(p: ParameterSet, child_age: int) -> None:
    on = dt.date(2023, 1, 1)
    child = p.get_bracket("riksnorm.personliga_kostnader.barn", on, age=child_age)
    total = (
        p.get("riksnorm.personliga_kostnader.sambor", on)
        + 2 * child
        + p.get_bracket("riksnorm.gemensamma_hushallskostnader", on, persons=4)
    )
    assert total == D(13490)


def test_riksnorm_2019_eight_persons_adds_the_six_to_seven_step(p: ParameterSet) -> None:
    on = dt.date(2019, 1, 1)
    six = p.get_bracket("riksnorm.gemensamma_hushallskostnader", on, persons=6)
    seven = p.get_bracket("riksnorm.gemensamma_hushallskostnader", on, persons=7)
    assert seven - six == D(170)
    assert seven + (seven - six) == D(2390)
    with pytest.raises(ParameterError, match=r"Fler än 7 personer"):
        p.get_bracket("riksnorm.gemensamma_hushallskostnader", on, persons=8)


def test_riksnorm_missing_years_are_flagged_antaganden(p: ParameterSet) -> None:
    name = "riksnorm.personliga_kostnader.ensamstaende"
    assumed(p.lookup(name, dt.date(2016, 3, 1)), 2950, dt.date(2014, 1, 1))
    assumed(p.lookup(name, dt.date(2018, 3, 1)), 2980, dt.date(2017, 1, 1))
    assert not p.lookup(name, dt.date(2019, 3, 1)).antagande
    assert p.get("riksnorm.personliga_kostnader.ensamstaende", dt.date(2000, 3, 1)) == 2400


def test_riksnorm_child_bands(p: ParameterSet) -> None:
    on = dt.date(2021, 1, 1)
    ages = {0: 2180, 1: 2440, 2: 2440, 3: 2170, 6: 2440, 7: 3060, 14: 3520, 18: 3970, 20: 4000}
    for age, amount in ages.items():
        assert p.get_bracket("riksnorm.personliga_kostnader.barn", on, age=age) == amount
    with pytest.raises(ParameterError, match=r"20 år"):
        p.get_bracket("riksnorm.personliga_kostnader.barn", on, age=21)
    assert p.get_bracket("riksnorm.personliga_kostnader.barn_utan_lunch", on, age=3) == 1990


def test_riksnorm_2023_two_person_common_cost_is_the_corrected_figure(p: ParameterSet) -> None:
    entry = p.lookup_bracket(
        "riksnorm.gemensamma_hushallskostnader", dt.date(2023, 1, 1), persons=2
    )
    assert entry.value == D(1250)
    assert entry.status == "D"
    assert "1 150" in entry.reference


# --- LMA dagersättning (§3.4) --------------------------------------------------------------


def test_lma_roda_korset_single_parent_three_children() -> None:
    p = load_parameters()
    on = dt.date(2018, 1, 1)
    parent = p.get("lma_dagersattning.egen_hushallning.ensamstaende", on)
    children = [
        p.get_bracket("lma_dagersattning.egen_hushallning.barn", on, age=a) for a in (4, 7, 10)
    ]
    halved = p.get("lma_dagersattning.barn_fran_tredje_andel", on)
    total = parent + children[0] + children[1] + children[2] * halved
    assert total == D("178.50")


def test_lma_household_types(p: ParameterSet) -> None:
    on = dt.date(2010, 1, 1)
    assert p.get("lma_dagersattning.mat_ingar.ensamstaende", on) == 24
    assert p.get("lma_dagersattning.mat_ingar.sammanboende", on) == 19
    assert p.get_bracket("lma_dagersattning.mat_ingar.barn", on, age=17) == 12
    assert p.get("lma_dagersattning.egen_hushallning.sammanboende", on) == 61
    assert p.get_bracket("lma_dagersattning.egen_hushallning.barn", on, age=3) == 37
    assert p.get_bracket("lma_dagersattning.egen_hushallning.barn", on, age=11) == 50
    with pytest.raises(ParameterError):
        p.get_bracket("lma_dagersattning.egen_hushallning.barn", on, age=18)


# --- claim deadlines (§1.5) ---------------------------------------------------------------


def test_claim_deadlines(p: ParameterSet) -> None:
    assert p.get("ansokningstid.ekb_vard", dt.date(2017, 6, 30)) == 12
    assert p.get("ansokningstid.ekb_vard", dt.date(2017, 7, 1)) == 6
    assert p.get("ansokningstid.asylsokande", dt.date(2021, 7, 20)) == 6
    assert p.lookup("ansokningstid.asylsokande", dt.date(2021, 7, 20)).reference.count("2021:804")
    with pytest.raises(ParameterError, match=r"inga parametrar"):
        p.get("ansokningstid.asylsokande", dt.date(2017, 6, 30))


# --- the seeds' own figures ---------------------------------------------------------------


def test_alingsas_hvb_costs(p: ParameterSet) -> None:
    name = "lokalt.alingsas.hvb_egen_regi_per_plats_per_manad"
    assert p.get_bracket(name, dt.date(2018, 6, 1), places=4) == D(150000)
    assert p.get_bracket(name, dt.date(2019, 1, 1), places=1) == D(320000)
    assert p.get_bracket(name, dt.date(2019, 1, 1), places=2) == D(320000)
    assumed(p.lookup_bracket(name, dt.date(2019, 1, 1), places=4), 150000, dt.date(2018, 6, 1))
    with pytest.raises(ParameterError, match=r"lägsta tröskel"):
        p.get_bracket(name, dt.date(2019, 1, 1), places=0)
    assert p.get("lokalt.alingsas.hvb_integrerad_plats_per_manad", dt.date(2019, 5, 1)) == 42857
    assert (
        "001 §4"
        in p.lookup("lokalt.alingsas.hvb_integrerad_plats_per_manad", dt.date(2019, 5, 1)).reference
    )


def test_vingaker_rule_of_thumb(p: ParameterSet) -> None:
    on = dt.date(2017, 10, 30)
    assert p.get("lokalt.vingaker.statsbidrag_per_vuxen_20_65", on) == D(9000)
    assert p.get("lokalt.vingaker.statsbidrag_genomsnitt_per_invanare", on) == D(40000)
    assert "002 §3" in p.lookup("lokalt.vingaker.statsbidrag_per_vuxen_20_65", on).reference


# --- API misuse ---------------------------------------------------------------------------


def test_api_misuse_is_a_parameter_error(p: ParameterSet) -> None:
    on = dt.date(2019, 1, 1)
    with pytest.raises(ParameterError, match=r"Okänd parameter: finns_inte"):
        p.get("finns_inte", on)
    with pytest.raises(ParameterError, match=r"get_bracket"):
        p.get("schablonersattning", on)
    with pytest.raises(ParameterError, match=r"age"):
        p.get_bracket("schablonersattning", on, persons=3)
    with pytest.raises(ParameterError, match=r"inga nivåer"):
        p.get_bracket("grundersattning", on, age=3)
    with pytest.raises(ParameterError, match=r"negativt"):
        p.get_bracket("schablonersattning", on, age=-1)


# --- schema -------------------------------------------------------------------------------

GOOD = """\
description: Test
metadata:
  unit: kr
  reference: test
values:
  2017-01-01:
    value: 100
    reference: källa (V)
    status: V
"""


def _load(tmp_path: Path, text: str, name: str = "prov.yaml") -> ParameterSet:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return load_parameter_directory(tmp_path)


def test_schema_accepts_good_file(tmp_path: Path) -> None:
    assert _load(tmp_path, GOOD).get("prov", dt.date(2017, 1, 1)) == D(100)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # a value's key misspelt
        (
            GOOD.replace("    status: V", "    status: V\n    valeu: 3"),
            r"values\.2017-01-01\.valeu",
        ),
        # reference put at the top level instead of under metadata
        (GOOD + "reference: fel plats\n", r"prov\.yaml: reference: okänd nyckel"),
        # unit misplaced inside a value
        (GOOD.replace("    status: V", "    status: V\n    unit: kr"), r"values\.2017-01-01\.unit"),
    ],
)
def test_schema_rejects_misplaced_key_naming_file_and_path(
    tmp_path: Path, text: str, where: str
) -> None:
    with pytest.raises(ParameterError, match=where) as caught:
        _load(tmp_path, text)
    assert "prov.yaml" in caught.value.message
    assert "okänd nyckel" in caught.value.message


def test_schema_rejects_misplaced_key_in_nested_bracket(tmp_path: Path) -> None:
    text = """\
description: Nod
metadata: {unit: kr, reference: test}
children:
  skala:
    description: Skala
    metadata: {threshold_unit: age}
    brackets:
      - threshold: 0
        amount:
          2017-01-01: {value: 1, reference: "a (V)", status: V}
        value: 5
"""
    with pytest.raises(
        ParameterError, match=r"prov\.yaml: children\.skala\.brackets\.0\.value: okänd nyckel"
    ):
        _load(tmp_path, text)


@pytest.mark.parametrize(
    ("replace", "message"),
    [
        ("value: 100", "value: yes"),
        ("value: 100", "value: '100'"),
        ("2017-01-01:", "2017-13-01:"),
        ("status: V", "status: X"),
        ("reference: källa (V)", "reference: källa utan status"),
        (
            "value: 100\n    reference: källa (V)\n    status: V",
            "value: 100\n    reference: källa (NF)\n    status: NF",
        ),
        ("reference: källa (V)\n    status: V", "reference: gissning (R)\n    status: R"),
    ],
)
def test_schema_rejects_bad_values(tmp_path: Path, replace: str, message: str) -> None:
    with pytest.raises(ParameterError, match=r"prov\.yaml"):
        _load(tmp_path, GOOD.replace(replace, message))


def test_schema_requires_unit_and_reference(tmp_path: Path) -> None:
    text = GOOD.replace("metadata:\n  unit: kr\n  reference: test\n", "")
    with pytest.raises(ParameterError, match=r"metadata\.unit och metadata\.reference saknas"):
        _load(tmp_path, text)


def test_schema_requires_increasing_thresholds(tmp_path: Path) -> None:
    text = """\
description: Skala
metadata: {unit: kr, reference: test, threshold_unit: age}
brackets:
  - threshold: 65
    amount: {2017-01-01: {value: 1, reference: "a (V)", status: V}}
  - threshold: 0
    amount: {2017-01-01: {value: 2, reference: "a (V)", status: V}}
"""
    with pytest.raises(ParameterError, match=r"stigande"):
        _load(tmp_path, text)


def test_schema_requires_exactly_one_shape(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match=r"precis en av nycklarna"):
        _load(tmp_path, "description: x\nmetadata: {unit: kr, reference: r}\n")


# --- the user's own values (house rule: an antagande can be overridden) ---------------------


def test_an_override_replaces_the_antagande_and_is_marked_as_the_users(p: ParameterSet) -> None:
    name = "prisbasbelopp"
    mine = p.with_overrides({name: {dt.date(2021, 1, 1): D(47600)}}, reference="Min källa (U)")
    entry = mine.lookup(name, dt.date(2021, 6, 1))
    assert (entry.value, entry.status, entry.antagande) == (D(47600), "U", False)
    assert entry.reference == "Min källa (U)"
    # The next dated entry still takes over, and the original set is untouched.
    assert mine.get(name, dt.date(2022, 6, 1)) == p.get(name, dt.date(2022, 6, 1))
    assert p.lookup(name, dt.date(2021, 6, 1)).antagande


def test_an_override_of_one_bracket(p: ParameterSet) -> None:
    on = dt.date(2025, 3, 1)
    mine = p.with_overrides({"schablonersattning[age>=0]": {dt.date(2025, 1, 1): D(165000)}})
    assert mine.get_bracket("schablonersattning", on, age=30) == D(165000)
    assert mine.lookup_bracket("schablonersattning", on, age=70).antagande


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"finns_inte": {dt.date(2020, 1, 1): D(1)}}, "Okänd parameter"),
        ({"schablonersattning": {dt.date(2020, 1, 1): D(1)}}, r"schablonersattning\[age>=N\]"),
        ({"schablonersattning[age>=7]": {dt.date(2020, 1, 1): D(1)}}, "Okänd nivå"),
        ({"prisbasbelopp[age>=0]": {dt.date(2020, 1, 1): D(1)}}, "inga nivåer"),
        ({"prisbasbelopp": {dt.date(2020, 1, 1): D(-1)}}, "inte är negativt"),
        ({"prisbasbelopp": {dt.date(2020, 1, 1): D("NaN")}}, "inte är negativt"),
    ],
)
def test_a_bad_override_names_what_is_wrong(
    p: ParameterSet, overrides: dict[str, dict[dt.date, Decimal]], message: str
) -> None:
    with pytest.raises(ParameterError, match=message):
        p.with_overrides(overrides)
