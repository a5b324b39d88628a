"""What cases stores, derived by the rules core: periods per committee and unit, transitions
with their handovers and acting unit, and deadlines. The expected dates come from the seeds and
the law (named on each test), not from the code."""

import datetime as dt
from typing import Any

from mottagning.cases.transitions import Analysis, analyse
from mottagning.rules.events import pack, parse_person
from mottagning.rules.profile import compiled


def one(kommun: str, person: dict[str, Any], today: dt.date) -> Analysis:
    analyses, _states = analyse(compiled(kommun), pack([parse_person(person)], kommun), today)
    return analyses[0]


def by_type(analysis: Analysis) -> dict[str, Any]:
    return {t.typ: t for t in analysis.transitions}


EKB_ALINGSAS = {
    "fodelsedatum": "2004-06-01",
    "ensamkommande": True,
    "handelser": [
        {"typ": "asylansokan", "datum": "2021-01-10"},
        {"typ": "anvisning", "datum": "2021-02-01", "kommun": "alingsas"},
    ],
}


def test_ekb_in_asylum_hands_over_to_migrationsverket_at_18() -> None:
    # 001 §2: "Fyller 18 år — MIG ansvar"; the report of continued responsibility is due three
    # weeks before the birthday (from 2020-10-01).
    result = one("alingsas", EKB_ALINGSAS, dt.date(2022, 1, 1))
    t = by_type(result)
    eighteen = t["fyller_18"]
    assert eighteen.datum == dt.date(2022, 6, 1)
    assert eighteen.acting_unit == "placeringsenheten"
    boende = next(h for h in eighteen.handovers if h.omrade == "boende")
    assert boende.fran is not None
    assert boende.fran.enhet_id == "placeringsenheten"
    assert boende.till is not None
    assert boende.till.text == "migrationsverket"
    assert t["anmal_fortsatt_ansvar"].datum == dt.date(2022, 5, 11)
    assert t["anmal_fortsatt_ansvar"].handovers == []
    assert "anvisning_mottagande" not in t  # an EKB is received at the anvisning (001 §2)
    held = {(p.enhet_id, p.omrade) for p in result.periods if p.till == dt.date(2022, 6, 1)}
    assert ("placeringsenheten", "boende") in held


def test_the_report_before_18_applies_from_2020_10_01() -> None:
    earlier = {**EKB_ALINGSAS, "fodelsedatum": "2002-06-01"}
    assert "anmal_fortsatt_ansvar" not in by_type(one("alingsas", earlier, dt.date(2020, 1, 1)))


def test_an_age_assessment_moves_the_birthday() -> None:
    person = {
        **EKB_ALINGSAS,
        "fodelsedatum": "2008-01-01",
        "handelser": [
            *EKB_ALINGSAS["handelser"],  # type: ignore[list-item]
            {"typ": "aldersbedomning", "datum": "2021-03-01", "fodelsedatum": "2003-09-01"},
        ],
    }
    eighteen = by_type(one("alingsas", person, dt.date(2021, 6, 1)))["fyller_18"]
    assert eighteen.datum == dt.date(2021, 9, 1)  # not 2026-01-01 from the registered date


def test_a_unit_predicted_before_the_day_it_takes_over() -> None:
    # Code review §3: a child in Alingsås born 2010-03-15 comes to Arbetsmarknadsenheten at 15
    # (001 §3.1 row 4: nyanlända 15–64); asked on 2025-01-01 the period must already be there.
    person = {
        "fodelsedatum": "2010-03-15",
        "ensamkommande": False,
        "handelser": [
            {"typ": "uppehallstillstand", "datum": "2024-05-01", "tillstand": "PUT"},
            {"typ": "anvisning", "datum": "2024-06-01", "kommun": "alingsas"},
            {"typ": "mottagande", "datum": "2024-06-20", "kommun": "alingsas"},
        ],
    }
    result = one("alingsas", person, dt.date(2025, 1, 1))
    starts = {p.fran for p in result.periods if p.enhet_id == "arbetsmarknadsenheten"}
    assert dt.date(2025, 3, 15) in starts
    assert by_type(result)["fyller_15"].datum == dt.date(2025, 3, 15)


def test_periods_are_keyed_by_committee_as_well_as_unit() -> None:
    # 001 §5: Arbetsmarknadsenheten moves from the social committee to the education committee
    # on 2019-01-01: one unit, two periods.
    person = {
        "fodelsedatum": "1990-01-01",
        "ensamkommande": False,
        "handelser": [
            {"typ": "uppehallstillstand", "datum": "2018-02-01", "tillstand": "PUT"},
            {"typ": "anvisning", "datum": "2018-03-01", "kommun": "alingsas"},
            {"typ": "mottagande", "datum": "2018-04-01", "kommun": "alingsas"},
        ],
    }
    result = one("alingsas", person, dt.date(2019, 6, 1))
    ame = sorted(
        (p.fran, p.till, p.namnd_id)
        for p in result.periods
        if p.enhet_id == "arbetsmarknadsenheten"
    )
    assert [p[:2] for p in ame] == [
        (dt.date(2018, 4, 1), dt.date(2019, 1, 1)),
        (dt.date(2019, 1, 1), dt.date(2020, 4, 1)),
    ]
    assert ame[0][2] != ame[1][2]
    assert by_type(result)["regelandring"].datum == dt.date(2019, 1, 1)


def test_anvisad_adult_not_yet_received_has_two_months() -> None:
    # Bosättningslagen (2016:38): reception within two months of the anvisning.
    person = {
        "fodelsedatum": "1990-01-01",
        "ensamkommande": False,
        "handelser": [
            {"typ": "asylansokan", "datum": "2020-01-10"},
            {"typ": "uppehallstillstand", "datum": "2021-01-10", "tillstand": "PUT"},
            {"typ": "anvisning", "datum": "2021-01-31", "kommun": "ostersund"},
        ],
    }
    t = by_type(one("ostersund", person, dt.date(2021, 2, 1)))
    assert t["anvisning_mottagande"].datum == dt.date(2021, 3, 31)
    assert t["anvisning_mottagande"].acting_unit == "integrationsservice"
    assert "etableringstid_slut" not in t  # not received yet


def test_each_change_is_listed_once_on_its_date() -> None:
    # The README's example: the 18th-birthday handover must not come back under "Fyller 20 år".
    person = {
        "fodelsedatum": "2002-05-10",
        "ensamkommande": True,
        "handelser": [
            {"typ": "asylansokan", "datum": "2016-10-01"},
            {"typ": "anvisning", "datum": "2016-10-20", "kommun": "alingsas"},
        ],
    }
    result = one("alingsas", person, dt.date(2018, 3, 1))
    days = [t.datum for t in result.transitions]
    assert len(days) == len(set(days))
    later = [t for t in result.transitions if t.datum > dt.date(2020, 5, 10)]
    assert all(h.omrade != "boende" for t in later for h in t.handovers)


def test_events_json_matches_the_model_method(db: Any) -> None:
    from mottagning.cases.services import person_events_json
    from mottagning.register.models import Event
    from tests.factories import PersonFactory

    person = PersonFactory()
    kwargs = {"municipality": person.municipality, "person": person}
    Event.objects.create(typ="asylansokan", datum=dt.date(2020, 1, 1), **kwargs)
    Event.objects.create(
        typ="uppehallstillstand",
        datum=dt.date(2021, 1, 1),
        tillstand="TUT",
        giltigt_till=dt.date(2022, 1, 1),
        grund="flykting",
        **kwargs,
    )
    Event.objects.create(typ="placering", datum=dt.date(2021, 2, 1), form="hvb", **kwargs)
    expected = [e.as_rules_json() for e in Event.objects.filter(person=person).order_by("datum")]
    assert person_events_json(person) == expected


def test_ekero_first_mapping_is_a_deadline_three_weeks_after_reception() -> None:
    # 004: "Den första kartläggningsperioden … ska vara maximalt tre veckor" — a deadline on the
    # worklist for Centrum för nyanlända, not a limit of its responsibility.
    person = {
        "fodelsedatum": "1985-01-01",
        "ensamkommande": False,
        "handelser": [
            {"typ": "asylansokan", "datum": "2017-10-01"},
            {"typ": "uppehallstillstand", "datum": "2018-11-01", "tillstand": "PUT"},
            {"typ": "anvisning", "datum": "2018-12-01", "kommun": "ekero"},
            {"typ": "mottagande", "datum": "2018-12-20", "kommun": "ekero"},
        ],
    }
    mapping = by_type(one("ekero", person, dt.date(2018, 12, 21)))["kartlaggning"]
    assert mapping.datum == dt.date(2019, 1, 10)
    assert mapping.acting_unit == "centrum_nyanlanda"
    assert mapping.handovers == []
    # Not for someone who is not nyanländ in Ekerö's sense (004 fotnot 1: EBO during asylum).
    ebo = {
        **person,
        "handelser": [
            person["handelser"][0],
            {"typ": "eget_boende", "datum": "2017-11-01", "kommun": "ekero"},
            person["handelser"][1],
            {"typ": "mottagande", "datum": "2018-12-20", "kommun": "ekero"},
        ],
    }  # type: ignore[index]
    assert "kartlaggning" not in by_type(one("ekero", ebo, dt.date(2018, 12, 21)))
