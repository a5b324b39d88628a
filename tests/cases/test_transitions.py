"""The derivation of periods, transitions and handovers, against a stand-in for the rules core
whose answers are easy to read (the real core is used by the service and page tests)."""

import datetime as dt
from typing import Any

from mottagning.cases.transitions import add_months, add_years, analyse, effective_birth_date

UNITS = {
    "barn": "barn",
    "Barnenheten": "barn",
    "vuxen": "vuxen",
    "boende_unga": "boende_unga",
    "Boende unga": "boende_unga",
}


def fake_answers(kommun: str, person: dict[str, Any], on: Any) -> list[Any]:
    return [fake_answer(person, day) for day in on]


def fake_answer(person: dict[str, Any], day: dt.date) -> list[dict[str, Any]] | None:
    """Children's unit until 18 (with 'Boende unga' as provider), adults' unit after."""
    born = effective_birth_date(dt.date.fromisoformat(person["fodelsedatum"]), person["handelser"])
    first = min(dt.date.fromisoformat(e["datum"]) for e in person["handelser"])
    if day < first:
        return None
    if day < add_years(born, 18):
        rows = [
            {
                "omrade": "boende",
                "huvudman": "kommun",
                "enhet": "Barnenheten",
                "enhet_id": "barn",
                "utforare": "Boende unga",
                "arbete": "myndighetsutovning",
            }
        ]
    else:
        rows = [
            {
                "omrade": "boende",
                "huvudman": "kommun",
                "enhet": "Vuxenenheten",
                "enhet_id": "vuxen",
                "utforare": None,
                "arbete": "myndighetsutovning",
            }
        ]
    rows.append(
        {
            "omrade": "halsa",
            "huvudman": "region",
            "enhet": "Regionen",
            "enhet_id": None,
            "utforare": None,
            "arbete": "utforare",
        }
    )
    return rows


def test_month_and_year_arithmetic_keeps_the_end_of_month() -> None:
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2023, 11, 15), 24) == dt.date(2025, 11, 15)
    assert add_years(dt.date(2008, 2, 29), 18) == dt.date(2026, 3, 1)


def test_periods_and_handover_at_18() -> None:
    events = [
        {"typ": "asylansokan", "datum": "2024-01-10"},
        {"typ": "anvisning", "datum": "2024-02-01", "kommun": "x"},
    ]
    result = analyse(
        answer_many=fake_answers,
        kommun="x",
        fodelsedatum=dt.date(2007, 6, 1),
        ensamkommande=True,
        events=events,
        units=UNITS,
        today=dt.date(2025, 1, 1),
    )
    periods = {(p.enhet_id, p.arbete, p.fran, p.till) for p in result.periods}
    assert periods == {
        ("barn", "myndighetsutovning", dt.date(2024, 1, 10), dt.date(2025, 6, 1)),
        ("boende_unga", "utforare", dt.date(2024, 1, 10), dt.date(2025, 6, 1)),
        ("vuxen", "myndighetsutovning", dt.date(2025, 6, 1), None),
    }
    by_type = {t.typ: t for t in result.transitions}
    eighteen = by_type["fyller_18"]
    assert eighteen.datum == dt.date(2025, 6, 1)
    assert eighteen.acting_unit == "barn"
    [handover] = eighteen.handovers  # health stays with the region: no handover for it
    assert handover.omrade == "boende"
    assert (handover.fran.enhet_id, handover.till.enhet_id) == ("barn", "vuxen")
    assert by_type["anmal_fortsatt_ansvar"].datum == dt.date(2025, 5, 11)
    assert "anvisning_mottagande" not in by_type  # an EKB is received at anvisning


def test_age_assessment_moves_the_birthday() -> None:
    events = [
        {"typ": "asylansokan", "datum": "2024-01-10"},
        {"typ": "aldersbedomning", "datum": "2024-03-01", "fodelsedatum": "2006-09-01"},
    ]
    result = analyse(
        answer_many=fake_answers,
        kommun="x",
        fodelsedatum=dt.date(2008, 1, 1),
        ensamkommande=False,
        events=events,
        units=UNITS,
        today=dt.date(2024, 6, 1),
    )
    eighteen = next(t for t in result.transitions if t.typ == "fyller_18")
    assert eighteen.datum == dt.date(2024, 9, 1)  # not 2026-01-01 from the registered date


def test_transitions_of_permits_placements_and_reception() -> None:
    events = [
        {"typ": "asylansokan", "datum": "2020-01-10"},
        {
            "typ": "uppehallstillstand",
            "datum": "2021-01-10",
            "tillstand": "TUT",
            "giltigt_till": "2022-02-10",
        },
        {"typ": "anvisning", "datum": "2021-02-01", "kommun": "x"},
        {"typ": "placering", "datum": "2021-02-01", "form": "hvb", "slut": "2021-08-31"},
    ]
    result = analyse(
        answer_many=fake_answers,
        kommun="x",
        fodelsedatum=dt.date(1990, 1, 1),
        ensamkommande=False,
        events=events,
        units=UNITS,
        today=dt.date(2021, 3, 1),
    )
    dates = {t.typ: t.datum for t in result.transitions}
    assert dates["tut_upphor"] == dt.date(2022, 2, 11)
    assert dates["placering_slut"] == dt.date(2021, 9, 1)
    assert dates["anvisning_mottagande"] == dt.date(2021, 4, 1)  # bosättningslagen: two months
    assert "etableringstid_slut" not in dates  # not received yet


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
