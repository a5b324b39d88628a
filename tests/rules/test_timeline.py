"""Timeline -> state: every boundary the issue names, one test each."""

from __future__ import annotations

from typing import Any

import pytest

from mottagning.rules.api import route


def state(kommun: str, datum: str, person: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = route({"kommun": kommun, "datum": datum, "person": person})
    return result


def regler(result: dict[str, Any], omrade: str) -> list[str]:
    return sorted(
        [a["regel"] for a in result["ansvar"] if a["omrade"] == omrade]
        + [e["regel"] for e in result["ej_ansvar"] if e["omrade"] == omrade]
    )


EKB_ASYL = {
    "fodelsedatum": "2000-05-10",
    "ensamkommande": True,
    "handelser": [
        {"typ": "asylansokan", "datum": "2016-10-01"},
        {"typ": "anvisning", "datum": "2016-10-20", "kommun": "alingsas"},
    ],
}


def test_turning_18_as_asylum_seeking_ekb_moves_housing_to_migrationsverket() -> None:
    before = state("alingsas", "2018-05-09", EKB_ASYL)
    after = state("alingsas", "2018-05-10", EKB_ASYL)
    assert before["tillstand"]["alder"] == 17
    assert after["tillstand"]["alder"] == 18
    assert regler(before, "boende") == ["ALI-EKB-01"]
    assert regler(after, "boende") == ["N-BO-02"]


def test_age_assessment_changes_birth_date_from_its_own_date() -> None:
    person = {
        **EKB_ASYL,
        "fodelsedatum": "2002-05-10",
        "handelser": [
            *EKB_ASYL["handelser"],
            {"typ": "aldersbedomning", "datum": "2017-06-01", "fodelsedatum": "1999-01-01"},
        ],
    }
    assert state("alingsas", "2017-05-31", person)["tillstand"]["alder"] == 15
    after = state("alingsas", "2017-06-01", person)
    assert after["tillstand"]["alder"] == 18
    assert after["tillstand"]["fodelsedatum"] == "1999-01-01"
    assert regler(after, "boende") == ["N-BO-02"]


def test_leap_day_birthday_counts_from_first_of_march() -> None:
    person = {
        "fodelsedatum": "2000-02-29",
        "ensamkommande": False,
        "handelser": [{"typ": "asylansokan", "datum": "2016-01-01"}],
    }
    assert state("alingsas", "2018-02-28", person)["tillstand"]["alder"] == 17
    assert state("alingsas", "2018-03-01", person)["tillstand"]["alder"] == 18


EKB_UNG = {
    "fodelsedatum": "1998-11-01",
    "ensamkommande": True,
    "handelser": [
        {"typ": "asylansokan", "datum": "2015-10-01"},
        {"typ": "anvisning", "datum": "2015-10-25", "kommun": "alingsas"},
        {"typ": "uppehallstillstand", "datum": "2016-12-01", "tillstand": "PUT"},
        {"typ": "gymnasiestudier", "datum": "2016-08-15", "slut": "2021-06-10"},
        {"typ": "placering", "datum": "2016-12-01", "form": "stodboende"},
    ],
}


def test_turning_21_in_upper_secondary_school_ends_placeringsenhetens_responsibility() -> None:
    before = state("alingsas", "2019-10-31", EKB_UNG)
    after = state("alingsas", "2019-11-01", EKB_UNG)
    assert before["tillstand"]["alder"] == 20
    assert after["tillstand"]["alder"] == 21
    # ALI-EKB-03 (in school) and ALI-EKB-04 (placed) agree; the first listed answers.
    assert regler(before, "barn_och_unga") == ["ALI-EKB-03"]
    assert regler(after, "barn_och_unga") == ["N-BU-07"]
    # The stödboende placement without an end date continues; adults are the Vuxenenhet's.
    assert regler(after, "boende") == ["ALI-VU-01"]


NYANLAND = {
    "fodelsedatum": "1983-02-01",
    "ensamkommande": False,
    "handelser": [
        {"typ": "asylansokan", "datum": "2016-03-01"},
        {"typ": "uppehallstillstand", "datum": "2017-11-15", "tillstand": "PUT"},
        {"typ": "anvisning", "datum": "2017-12-20", "kommun": "alingsas"},
        {"typ": "mottagande", "datum": "2018-02-01", "kommun": "alingsas"},
    ],
}


def test_month_24_to_25_after_reception_ends_etableringstid() -> None:
    month_23 = state("alingsas", "2020-01-31", NYANLAND)
    month_24 = state("alingsas", "2020-02-01", NYANLAND)
    assert month_23["tillstand"]["manader_sedan_mottagande"] == 23
    assert month_23["tillstand"]["fas"] == "etableringstid"
    assert month_23["tillstand"]["nyanland"] is True
    assert month_24["tillstand"]["manader_sedan_mottagande"] == 24
    assert month_24["tillstand"]["fas"] == "efter_etablering"
    assert month_24["tillstand"]["nyanland"] is False
    assert regler(month_23, "forsorjning") == ["ALI-FO-02", "N-FO-04"]
    assert regler(month_24, "forsorjning") == ["ALI-FO-01", "N-FO-04"]


def test_transition_list_names_the_handover_at_end_of_etableringstid() -> None:
    result = state("alingsas", "2019-06-01", NYANLAND)
    slut = [o for o in result["overgangar"] if o["typ"] == "etableringstid_slut"]
    assert [o["datum"] for o in slut] == ["2020-02-01"]
    change = {c["omrade"]: c for c in slut[0]["andringar"]}
    assert [u["enhet_id"] for u in change["forsorjning"]["fran"] if u["huvudman"] == "kommun"] == [
        "integrationsavdelningen"
    ]
    assert [u["enhet_id"] for u in change["forsorjning"]["till"] if u["huvudman"] == "kommun"] == [
        "stod_forsorjning"
    ]


def test_tut_expiry_makes_status_tut_utgangen_the_day_after() -> None:
    person = {
        "fodelsedatum": "1990-01-01",
        "ensamkommande": False,
        "handelser": [
            {"typ": "asylansokan", "datum": "2015-01-01"},
            {
                "typ": "uppehallstillstand",
                "datum": "2015-06-01",
                "tillstand": "TUT",
                "giltigt_till": "2018-05-31",
            },
            {"typ": "mottagande", "datum": "2015-07-01", "kommun": "vingaker"},
        ],
    }
    on = state("vingaker", "2018-05-31", person)["tillstand"]
    after = state("vingaker", "2018-06-01", person)["tillstand"]
    assert on["rattslig_status"] == "tut"
    assert on["tut_giltigt_till"] == "2018-05-31"
    assert after["rattslig_status"] == "tut_utgangen"
    renewed = {
        **person,
        "handelser": [*person["handelser"], {"typ": "tillstandsansokan", "datum": "2018-05-20"}],
    }
    assert (
        state("vingaker", "2018-06-01", renewed)["tillstand"]["rattslig_status"]
        == "tillstandssokande"
    )


def test_ebo_at_permit_is_not_kommunplacerad_while_anvisad_is() -> None:
    ebo = {
        "fodelsedatum": "1990-01-01",
        "ensamkommande": False,
        "handelser": [
            {"typ": "asylansokan", "datum": "2017-01-01"},
            {"typ": "eget_boende", "datum": "2017-02-01", "kommun": "alingsas"},
            {"typ": "uppehallstillstand", "datum": "2018-01-10", "tillstand": "PUT"},
            {"typ": "mottagande", "datum": "2018-02-01", "kommun": "alingsas"},
        ],
    }
    result = state("alingsas", "2018-06-01", ebo)
    assert result["tillstand"]["boendeform"] == "ebo"
    assert result["tillstand"]["begrepp"]["kommunplacerad"] is False
    assert regler(result, "boende") == ["ALI-BO-01"]  # Stöd- och försörjning, not Integration
    anvisad = state("alingsas", "2018-06-01", NYANLAND)
    assert anvisad["tillstand"]["boendeform"] == "anvisad"
    assert anvisad["tillstand"]["begrepp"]["kommunplacerad"] is True
    assert regler(anvisad, "boende") == ["ALI-BO-02"]


def test_ebo_person_may_move_back_and_be_anvisad_within_one_month_of_permit() -> None:
    ok = {
        "fodelsedatum": "1990-01-01",
        "ensamkommande": False,
        "handelser": [
            {"typ": "asylansokan", "datum": "2017-01-01"},
            {"typ": "eget_boende", "datum": "2017-02-01"},
            {"typ": "uppehallstillstand", "datum": "2018-01-10", "tillstand": "PUT"},
            {"typ": "anvisning", "datum": "2018-02-10", "kommun": "alingsas"},
        ],
    }
    waiting = state("alingsas", "2018-02-15", ok)["tillstand"]
    assert waiting["boendeform"] == "migrationsverket"
    assert waiting["fas"] == "vantar_bosattning"
    late = {
        **ok,
        "handelser": [
            *ok["handelser"][:3],
            {"typ": "anvisning", "datum": "2018-02-11", "kommun": "alingsas"},
        ],
    }
    from mottagning.rules.errors import InputError

    with pytest.raises(InputError, match="inom en månad"):
        state("alingsas", "2018-02-15", late)


@pytest.mark.parametrize(
    ("datum", "regel"),
    [("2018-12-31", "ALI-ET-01"), ("2019-01-01", "ALI-ET-02")],
)
def test_arbetsmarknadsenheten_moves_to_utbildningsnamnden_on_2019_01_01(
    datum: str, regel: str
) -> None:
    result = state("alingsas", datum, NYANLAND)
    ame = [
        a
        for a in result["ansvar"]
        if a["omrade"] == "etablering" and a["enhet_id"] == "arbetsmarknadsenheten"
    ]
    assert [a["regel"] for a in ame] == [regel]
    assert ame[0]["namnd"] == ("Socialnämnden" if regel == "ALI-ET-01" else "Utbildningsnämnden")


@pytest.mark.parametrize(
    ("datum", "regel"),
    [("2017-12-31", "N-ET-02"), ("2018-01-01", "N-ET-03")],
)
def test_establishment_reform_2018_01_01(datum: str, regel: str) -> None:
    person = {
        **NYANLAND,
        "handelser": [
            {"typ": "uppehallstillstand", "datum": "2017-06-01", "tillstand": "PUT"},
            {"typ": "anvisning", "datum": "2017-06-20", "kommun": "alingsas"},
            {"typ": "mottagande", "datum": "2017-08-01", "kommun": "alingsas"},
        ],
    }
    result = state("alingsas", datum, person)
    assert regel in regler(result, "etablering")


@pytest.mark.parametrize(
    ("datum", "regel"),
    [("2016-02-29", "N-BO-08"), ("2016-03-01", "N-BO-09")],
)
def test_bosattningslagen_from_2016_03_01(datum: str, regel: str) -> None:
    from mottagning.profiles import compiled
    from mottagning.rules.events import days, pack, parse_person
    from mottagning.rules.timeline import compute_states

    person = parse_person(
        {
            **NYANLAND,
            "handelser": [
                {"typ": "uppehallstillstand", "datum": "2015-06-01", "tillstand": "PUT"},
                {"typ": "anvisning", "datum": "2015-06-20", "kommun": "alingsas"},
                {"typ": "mottagande", "datum": "2015-08-01", "kommun": "alingsas"},
            ],
        }
    )
    import datetime as dt

    c = compiled("alingsas")
    s = compute_states(pack([person], "alingsas"), days(dt.date.fromisoformat(datum)))
    cell = int(c.grid.cells(s)[0])
    on = s.datum
    matching = [
        r.id
        for r in c.rows
        if r.nationell
        and "boende" in r.omrade
        and (r.giltig_fran is None or days(r.giltig_fran) <= on)
        and (r.giltig_till is None or days(r.giltig_till) >= on)
        and c.grid.row_mask(r.villkor)[cell]
    ]
    assert matching == [regel]


def test_nyanland_follows_each_municipalitys_definition() -> None:
    waiting = {
        "fodelsedatum": "1990-01-01",
        "ensamkommande": False,
        "handelser": [
            {"typ": "asylansokan", "datum": "2016-01-01"},
            {
                "typ": "uppehallstillstand",
                "datum": "2018-01-10",
                "tillstand": "TUT",
                "giltigt_till": "2021-01-09",
            },
        ],
    }
    # Vingåker (002 §4): anyone granted a permit; Alingsås (001 §1): the first two years here.
    assert state("vingaker", "2018-03-01", waiting)["tillstand"]["nyanland"] is True
    assert state("alingsas", "2018-03-01", waiting)["tillstand"]["nyanland"] is False
    # Ekerö (004 fotnot 1): PUT after Migrationsverket's housing; a TUT holder is not.
    received = {
        **waiting,
        "handelser": [
            *waiting["handelser"],
            {"typ": "anvisning", "datum": "2018-02-01", "kommun": "ekero"},
            {"typ": "mottagande", "datum": "2018-03-01", "kommun": "ekero"},
        ],
    }
    assert state("ekero", "2018-06-01", received)["tillstand"]["nyanland"] is False
    put = {
        **received,
        "handelser": [
            {**e, "tillstand": "PUT"} if e["typ"] == "uppehallstillstand" else e
            for e in received["handelser"]
        ],
    }
    put["handelser"][1].pop("giltigt_till")
    assert state("ekero", "2018-06-01", put)["tillstand"]["nyanland"] is True


def test_vingakers_local_etableringsperiod_counts_from_the_permit() -> None:
    result = state(
        "vingaker",
        "2018-02-15",
        {
            "fodelsedatum": "1990-01-01",
            "ensamkommande": False,
            "handelser": [
                {"typ": "uppehallstillstand", "datum": "2016-01-10", "tillstand": "PUT"},
                {"typ": "anvisning", "datum": "2016-02-01", "kommun": "vingaker"},
                {"typ": "mottagande", "datum": "2016-03-01", "kommun": "vingaker"},
            ],
        },
    )
    assert result["tillstand"]["fas"] == "etableringstid"  # the law: 24 months from mottagande
    assert result["tillstand"]["begrepp"]["etableringsperiod_enligt_kommunen"] is False


def test_report_continued_responsibility_three_weeks_before_18th_birthday() -> None:
    person = {
        **EKB_ASYL,
        "fodelsedatum": "2004-05-10",
        "handelser": [
            {"typ": "asylansokan", "datum": "2020-10-01"},
            {"typ": "anvisning", "datum": "2020-10-20", "kommun": "alingsas"},
        ],
    }
    result = state("alingsas", "2021-06-01", person)
    report = [o for o in result["overgangar"] if o["typ"] == "anmal_fortsatt_ansvar"]
    assert [o["datum"] for o in report] == ["2022-04-19"]


def test_definitions_of_001_section_1_on_the_state() -> None:
    ung = state("alingsas", "2018-03-01", EKB_UNG)["tillstand"]["begrepp"]
    assert ung["ensamkommande_unga"] is True
    assert ung["ensamkommande_barn"] is False
    barn = state("alingsas", "2017-03-01", EKB_ASYL)["tillstand"]["begrepp"]
    assert barn["ensamkommande_barn"] is True
    assert barn["asylsokande"] is True
    assert barn["kommunplacerad"] is True  # EKB are kommunplacerade already during asylum (001 §1)
    flykting = {
        **NYANLAND,
        "handelser": [
            {**e, "grund": "flykting"} if e["typ"] == "uppehallstillstand" else e
            for e in NYANLAND["handelser"]
        ],
    }
    assert state("alingsas", "2018-06-01", flykting)["tillstand"]["begrepp"]["flykting"] is True
    assert state("alingsas", "2018-06-01", NYANLAND)["tillstand"]["begrepp"]["flykting"] is False


def _ekb_placed(form: str, start: str, **extra: str) -> dict[str, Any]:
    return {
        "fodelsedatum": "2000-01-15",
        "ensamkommande": True,
        "handelser": [
            {"typ": "asylansokan", "datum": "2015-11-01"},
            {"typ": "anvisning", "datum": "2015-11-20", "kommun": "alingsas"},
            {"typ": "placering", "datum": start, "form": form, **extra},
        ],
    }


def test_asylum_seeking_ekb_keeps_an_lvu_placement_after_18_but_not_a_sol_one() -> None:
    # 001 §2 "Fyller 18 år — MIG ansvar"; 001 §3.1.1: only those taken into care under LVU.
    sol = _ekb_placed("hvb", "2017-06-01")
    lvu = _ekb_placed("hvb", "2017-06-01", grund="LVU")
    assert regler(state("alingsas", "2018-01-14", sol), "boende") == ["ALI-EKB-01", "ALI-EKB-02"]
    assert regler(state("alingsas", "2018-01-15", sol), "boende") == ["N-BO-02"]
    after = state("alingsas", "2018-01-15", lvu)
    assert after["tillstand"]["lvu"] is True
    assert after["tillstand"]["boendeform"] == "hvb"
    assert regler(after, "boende") == ["ALI-EKB-04", "ALI-EKB-05"]


def test_the_day_after_a_placement_ends_the_child_lives_in_its_own_housing() -> None:
    # With no housing event on record, the end of the placement is what says where the child
    # lives (timeline.py: the day after a placement ends, own housing).
    person = {
        "fodelsedatum": "2008-03-01",
        "ensamkommande": False,
        "handelser": [
            {"typ": "asylansokan", "datum": "2016-10-01"},
            {"typ": "placering", "datum": "2017-01-10", "form": "familjehem", "slut": "2017-06-30"},
        ],
    }
    assert state("alingsas", "2017-01-09", person)["tillstand"]["boendeform"] == "migrationsverket"
    assert state("alingsas", "2017-06-30", person)["tillstand"]["boendeform"] == "familjehem"
    assert state("alingsas", "2017-07-01", person)["tillstand"]["boendeform"] == "ebo"


def test_lvu_care_ends_at_21() -> None:
    person = _ekb_placed("hvb", "2017-06-01", grund="LVU")
    assert state("alingsas", "2021-01-14", person)["tillstand"]["lvu"] is True
    at_21 = state("alingsas", "2021-01-15", person)["tillstand"]
    assert at_21["lvu"] is False
    assert at_21["boendeform"] != "hvb"


@pytest.mark.parametrize(
    ("extra", "where", "words"),
    [
        ({"grund": "tvång"}, "handelser[2].grund", "SoL eller LVU"),
        ({"grund": "LVU", "datum": "2020-01-15"}, "handelser[2].grund", "20-årsdagen"),
    ],
)
def test_bad_placement_ground_is_rejected(extra: dict[str, str], where: str, words: str) -> None:
    from mottagning.rules.errors import InputError

    person = _ekb_placed("hvb", extra.pop("datum", "2017-06-01"), **extra)
    with pytest.raises(InputError, match=words) as exc:
        route({"kommun": "alingsas", "datum": "2020-06-01", "person": person})
    assert exc.value.where is not None
    assert exc.value.where.endswith(where)


@pytest.mark.parametrize(
    ("start", "slut", "where"),
    [("2021-01-15", None, "handelser[2].datum"), ("2019-01-01", "2021-01-15", "handelser[2].slut")],
)
def test_stodboende_at_or_after_21_is_rejected(start: str, slut: str | None, where: str) -> None:
    from mottagning.rules.errors import InputError

    person = _ekb_placed("stodboende", start, **({"slut": slut} if slut else {}))
    with pytest.raises(InputError, match=r"stödboende.*21-årsdagen 2021-01-15") as exc:
        route({"kommun": "alingsas", "datum": "2021-06-01", "person": person})
    assert exc.value.where is not None
    assert exc.value.where.endswith(where)


def test_stodboende_ending_the_day_before_21_is_accepted() -> None:
    person = _ekb_placed("stodboende", "2019-01-01", slut="2021-01-14")
    person["handelser"].append(
        {"typ": "uppehallstillstand", "datum": "2017-05-01", "tillstand": "PUT"}
    )
    assert state("alingsas", "2020-06-01", person)["tillstand"]["boendeform"] == "stodboende"


def test_a_placement_in_another_municipality_is_not_a_move() -> None:
    person = {
        "fodelsedatum": "2002-04-01",
        "ensamkommande": True,
        "handelser": [
            {"typ": "asylansokan", "datum": "2016-10-01"},
            {"typ": "anvisning", "datum": "2016-10-20", "kommun": "alingsas"},
            {"typ": "placering", "datum": "2017-02-01", "form": "familjehem", "kommun": "goteborg"},
        ],
    }
    here = state("alingsas", "2018-03-01", person)
    assert here["tillstand"]["i_kommunen"] is True
    assert here["tillstand"]["boendeform"] == "familjehem"
    assert "utanfor_kommunens_ansvar" not in here
    # Seen from the municipality where the family home is, the child is not its own.
    assert "utanfor_kommunens_ansvar" in state("vingaker", "2018-03-01", person)


def test_alingsas_child_protection_goes_to_placeringsenheten() -> None:
    # 001 knows no unit "Barn och ungdom" besides "Barn och unga, Placeringsenheten".
    person = {
        "fodelsedatum": "2009-06-01",
        "ensamkommande": False,
        "handelser": [{"typ": "asylansokan", "datum": "2017-09-01"}],
    }
    bu = [
        a
        for a in state("alingsas", "2018-03-01", person)["ansvar"]
        if a["omrade"] == "barn_och_unga"
    ]
    assert [(a["regel"], a["enhet_id"]) for a in bu] == [("ALI-BU-03", "placeringsenheten")]


def test_ekb_with_a_permit_is_not_nyanland_in_alingsas_until_18() -> None:
    # 001 §3.1 rad 3: Integrationsavdelningen's nyanlända exclude ensamkommande barn.
    person = {
        "fodelsedatum": "2000-09-10",
        "ensamkommande": True,
        "handelser": [
            {"typ": "asylansokan", "datum": "2016-01-05"},
            {"typ": "anvisning", "datum": "2016-01-20", "kommun": "alingsas"},
            {"typ": "uppehallstillstand", "datum": "2017-05-01", "tillstand": "PUT"},
        ],
    }
    assert state("alingsas", "2018-09-09", person)["tillstand"]["nyanland"] is False
    assert state("alingsas", "2018-09-10", person)["tillstand"]["nyanland"] is True
    # Östersund uses the national sense, in which an ensamkommande barn with a permit is one.
    assert state("ostersund", "2018-09-09", person)["tillstand"]["nyanland"] is True


@pytest.mark.parametrize(
    ("datum", "plikt", "frivillig"),
    [("2017-06-01", "VIN-ET-02", "VIN-ET-10"), ("2018-06-01", "VIN-ET-04", None)],
)
def test_vingaker_unbracketed_tasks_are_duties(
    datum: str, plikt: str, frivillig: str | None
) -> None:
    # 002 §1.3: only the tasks in brackets are voluntary; "(Boskola)" is, the help with
    # myndighetskontakt, information, blanketter and bosättningslån is not.
    person = {
        "fodelsedatum": "1980-02-01",
        "ensamkommande": False,
        "handelser": [
            {"typ": "asylansokan", "datum": "2016-01-01"},
            {"typ": "uppehallstillstand", "datum": "2016-12-01", "tillstand": "PUT"},
            {"typ": "anvisning", "datum": "2016-12-20", "kommun": "vingaker"},
            {"typ": "mottagande", "datum": "2017-02-01", "kommun": "vingaker"},
        ],
    }
    et = {
        a["regel"]: a
        for a in state("vingaker", datum, person)["ansvar"]
        if a["omrade"] == "etablering"
    }
    assert "frivillig" not in et[plikt]
    if frivillig:
        assert et[frivillig]["frivillig"] is True
