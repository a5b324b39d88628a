"""Organisational alternatives on the four perspectives, with 001 §5 as the reference."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from mottagning.planning import alternativ as am
from mottagning.planning.errors import PlaneringsFel
from mottagning.planning.rapport import jamforelserapport_over_ar
from mottagning.rules.params import load_parameters

D = Decimal


@pytest.fixture(scope="module")
def org() -> am.OrganisationIn:
    return am.las_organisation("alingsas")


def _matt(j: am.Jamforelse, start: str) -> am.Matt:
    return next(m for m in j.matt if m.namn.startswith(start))


def test_effekt_2018_shows_the_figures_behind_the_conclusion(org: am.OrganisationIn) -> None:
    j = am.jamfor(
        org, am.las_alternativ(org, "effekt"), load_parameters(), kommun="alingsas", ar=2018
    )
    hvb = _matt(j, "HVB för EKB")
    # 4 places integrated: 4 × 42 857 × 7 months; separate HVB: 600 000 × 7 (from 2018-06-01)
    assert hvb.idag == "1 199 996"
    assert hvb.alternativ == "4 200 000"
    assert any("3 000 004" in d for d in hvb.detaljer)
    delade = _matt(j, "Delade tjänster")
    assert (delade.idag, delade.alternativ) == ("0", "7")
    assert any("bostadssocialt 0,15" in d for d in delade.detaljer)
    utan = _matt(j, "Kompetensgrupper utan ersättare")
    assert int(utan.alternativ) > int(utan.idag)
    lika = _matt(j, "Samma behov")
    assert (lika.idag, lika.alternativ) == ("1", "6")
    assert any(d.startswith("hvb:") for d in lika.detaljer)
    kval = _matt(j, "Specialistkompetens")
    assert int(kval.alternativ) > int(kval.idag)
    assert j.anmarkningar[0].startswith("Källans slutsats: 001 §5.1")


def test_effekt_2019_costs_more_as_the_group_shrinks(org: am.OrganisationIn) -> None:
    j = am.jamfor(
        org, am.las_alternativ(org, "effekt"), load_parameters(), kommun="alingsas", ar=2019
    )
    hvb = _matt(j, "HVB för EKB")
    assert hvb.alternativ == "7 680 000"  # 640 000 × 12
    assert any("6 651 432–7 165 716" in d for d in hvb.detaljer)


def test_moving_a_whole_unit_changes_no_perspective(org: am.OrganisationIn) -> None:
    j = am.jamfor(
        org,
        am.las_alternativ(org, "ame_till_utbildningsnamnden"),
        load_parameters(),
        kommun="alingsas",
        ar=2018,
    )
    for m in j.matt:
        if m.idag != "–":
            assert m.idag == m.alternativ, m.namn


def test_user_alternative_from_file(org: am.OrganisationIn, tmp_path: Path) -> None:
    path = tmp_path / "mitt.yaml"
    path.write_text(
        "alternativ:\n  id: bara_bostad\n  namn: Bara bostadsfrågorna\n  flytta:\n"
        "    - {fran: stod_och_forsorjning, till: integrationsavdelningen, uppgifter: [bostad_nyanlanda]}\n",
        encoding="utf-8",
    )
    alt = am.las_alternativ(org, str(path))
    j = am.jamfor(org, alt, load_parameters(), kommun="alingsas", ar=2018)
    assert _matt(j, "Delade tjänster").alternativ == "1"
    assert _matt(j, "Samma behov").alternativ == "2"


@pytest.mark.parametrize(
    ("flytt", "falt"),
    [
        (
            "{fran: stod_och_forsorjning, till: socialkontoret, malgrupper: [nyanlanda]}",
            "flytta[0].till",
        ),
        ("{fran: finns_inte, till: integrationsavdelningen, malgrupper: [ekb]}", "flytta[0].fran"),
        (
            "{fran: boende_unga, till: integrationsavdelningen, uppgifter: [hvb_x]}",
            "flytta[0].uppgifter",
        ),
        ("{fran: integrationsavdelningen, till: boende_unga, malgrupper: [ekb]}", "flytta[0]"),
    ],
)
def test_bad_alternative_names_the_field(
    org: am.OrganisationIn, tmp_path: Path, flytt: str, falt: str
) -> None:
    path = tmp_path / "fel.yaml"
    path.write_text(
        f"alternativ:\n  id: fel\n  namn: Fel\n  flytta:\n    - {flytt}\n", encoding="utf-8"
    )
    alt = am.las_alternativ(org, str(path))
    with pytest.raises(PlaneringsFel) as caught:
        am.tillampa(org, alt)
    assert caught.value.falt.endswith(falt)


def test_unknown_alternative_and_year(org: am.OrganisationIn) -> None:
    with pytest.raises(PlaneringsFel, match="okänt alternativ"):
        am.las_alternativ(org, "allt_till_kommunstyrelsen")
    with pytest.raises(PlaneringsFel, match="inte 2021"):
        am.jamfor(org, am.las_alternativ(org, "effekt"), load_parameters(), kommun="a", ar=2021)


def test_years_past_the_source_carry_its_last_year_forward(org: am.OrganisationIn) -> None:
    alt = am.las_alternativ(org, "effekt")
    arsvis = am.jamfor_over_ar(
        org, alt, load_parameters(), kommun="alingsas", ar=[2019, 2020, 2021]
    )
    assert [(a.ar, a.kallans_ar, a.antagande) for a in arsvis] == [
        (2019, 2019, False),
        (2020, 2019, True),
        (2021, 2019, True),
    ]
    assert [m.alternativ for m in arsvis[2].jamforelse.matt] == [
        m.alternativ for m in arsvis[0].jamforelse.matt
    ]
    assert arsvis[2].jamforelse.ar == 2021
    assert arsvis[2].jamforelse.anmarkningar[0].startswith("ANTAGANDE: ")
    assert not arsvis[0].jamforelse.anmarkningar[0].startswith("ANTAGANDE")
    with pytest.raises(PlaneringsFel, match="inte 2017"):
        am.kallans_ar(org, 2017)


def test_the_yearly_report_flags_the_carried_years_in_its_headings(
    org: am.OrganisationIn,
) -> None:
    arsvis = am.jamfor_over_ar(
        org,
        am.las_alternativ(org, "effekt"),
        load_parameters(),
        kommun="alingsas",
        ar=[2018, 2019, 2020],
    )
    r = jamforelserapport_over_ar(arsvis)
    per_ar = r.tabeller[-1]
    assert per_ar.kolumner == ["mått", "2018", "2019", "2020 (antagande)"]
    assert per_ar.rader[0][1] == "1 199 996 → 4 200 000"
    assert r.anmarkningar[0].startswith("ANTAGANDE: underlaget har inga uppgifter för 2020")
    assert r.data["antagande_ar"] == [2020]
