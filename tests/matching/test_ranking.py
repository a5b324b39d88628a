"""The ranking on hand-built candidates and places: every weight and every hard requirement."""

from __future__ import annotations

import datetime as dt

from mottagning.matching import ranking
from mottagning.matching.ranking import Kandidat, Plats

TODAY = dt.date(2025, 3, 1)
KOCK = Plats(plats_id=1, ssyk="5120", ort="Ekerö")


def test_each_criterion_gives_its_documented_points() -> None:
    person = Kandidat(
        person_id=1,
        svenska="sfi_d",
        mal=("5120",),
        erfarenhet=("9412",),
        ort="ekerö",
        praktik_i_plan=True,
    )
    match = ranking.score(person, KOCK, TODAY)
    points = {s.kod: s.poang for s in match.skal}
    # Experience in 9412 shares no digit with 5120: no points for it.
    assert points == {"yrkesmal": 40, "ort": 15, "svenska": 10, "praktik_i_plan": 10}
    assert match.poang == 75
    assert not match.utesluten


def test_ssyk_levels_give_a_quarter_per_shared_digit() -> None:
    for goal, want in (("5120", 40), ("5129", 30), ("5131", 20), ("5311", 10), ("9412", 0)):
        match = ranking.score(Kandidat(person_id=1, mal=(goal,)), KOCK, TODAY)
        assert match.poang == want, goal
    experience = ranking.score(Kandidat(person_id=1, erfarenhet=("5120",)), KOCK, TODAY)
    assert experience.poang == ranking.VIKT_ERFARENHET


def test_swedish_margin_counts_at_most_two_levels() -> None:
    place = Plats(plats_id=1, ssyk="9111", krav_svenska="sfi_b")
    assert ranking.score(Kandidat(person_id=1, svenska="sfi_b"), place, TODAY).poang == 0
    assert ranking.score(Kandidat(person_id=1, svenska="sfi_c"), place, TODAY).poang == 5
    assert ranking.score(Kandidat(person_id=1, svenska="flytande"), place, TODAY).poang == 10


def test_hard_requirements_exclude_and_say_why() -> None:
    place = Plats(
        plats_id=1,
        ssyk="8332",
        krav_svenska="sfi_c",
        krav_utbildning="gymnasial",
        krav_korkort="C",
        lediga=0,
        till=TODAY - dt.timedelta(days=1),
        pagaende=frozenset({1}),
    )
    match = ranking.score(
        Kandidat(person_id=1, svenska="sfi_b", utbildning="forgymnasial", korkort=frozenset({"B"})),
        place,
        TODAY,
    )
    assert [h.kod for h in match.hinder] == [
        "krav_svenska",
        "krav_utbildning",
        "krav_korkort",
        "full",
        "period_slut",
        "redan_har",
    ]
    ok = ranking.score(
        Kandidat(person_id=1, svenska="sfi_c", utbildning="gymnasial", korkort=frozenset({"C"})),
        Plats(
            plats_id=2,
            ssyk="8332",
            krav_svenska="sfi_c",
            krav_utbildning="gymnasial",
            krav_korkort="C",
        ),
        TODAY,
    )
    assert not ok.utesluten


def test_places_for_a_person_best_first_ties_by_id_excluded_apart() -> None:
    person = Kandidat(person_id=7, mal=("5120",), ort="Ekerö")
    places = [
        Plats(plats_id=3, ssyk="9111", ort="Ekerö"),  # 15
        Plats(plats_id=2, ssyk="5120", ort="Stenhamra"),  # 40
        Plats(plats_id=1, ssyk="5120", ort="Ekerö"),  # 55
        Plats(plats_id=4, ssyk="9111", ort="Ekerö"),  # 15, after 3
        Plats(plats_id=5, ssyk="5120", ort="Ekerö", krav_svenska="sfi_c"),  # excluded
    ]
    ranked, excluded = ranking.rank_places(person, places, TODAY)
    assert [(m.plats.plats_id, m.poang) for m in ranked] == [(1, 55), (2, 40), (3, 15), (4, 15)]
    assert [m.plats.plats_id for m in excluded] == [5]


def test_persons_for_a_place() -> None:
    place = Plats(plats_id=1, ssyk="5321", ort="Vingåker", krav_svenska="sfi_c")
    persons = [
        Kandidat(person_id=1, svenska="sfi_d", mal=("5321",)),  # 40 + 5
        Kandidat(person_id=2, svenska="sfi_c", mal=("5311",), ort="Vingåker"),  # 20 + 15
        Kandidat(person_id=3, svenska="sfi_a", mal=("5321",)),  # excluded
    ]
    ranked, excluded = ranking.rank_persons(place, persons, TODAY)
    assert [(m.kandidat.person_id, m.poang) for m in ranked] == [(1, 45), (2, 35)]
    assert [m.kandidat.person_id for m in excluded] == [3]


def test_a_person_already_in_an_internship_there_is_excluded_others_are_not() -> None:
    place = Plats(plats_id=1, ssyk="5120", lediga=2, pagaende=frozenset({7}))
    ranked, excluded = ranking.rank_persons(
        place, [Kandidat(person_id=7, mal=("5120",)), Kandidat(person_id=8)], TODAY
    )
    assert [m.kandidat.person_id for m in ranked] == [8]
    assert [(m.kandidat.person_id, [h.kod for h in m.hinder]) for m in excluded] == [
        (7, ["redan_har"])
    ]
