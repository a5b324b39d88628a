"""Every deadline rule at its boundary days: the day it applies and the day next to it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from mottagning.arenden.models import Arende
from mottagning.placements.deadlines import (
    GENOMFORANDEPLAN_SOL,
    OVERVAGANDE_SOL,
    VARDPLAN_SOL,
    ekb_18_report_due,
    placement_deadlines,
    sol_source,
)
from mottagning.placements.models import Placering
from mottagning.register.models import Person

D = dt.date


def _placering(
    *,
    start: dt.date,
    slut: dt.date | None = None,
    form: str = "hvb",
    grund: str = "SoL",
    ensamkommande: bool = True,
) -> Placering:
    person = Person(pk=7, fornamn="Omar", efternamn="Ali", fodelsedatum=D(2008, 5, 10))
    person.ensamkommande = ensamkommande
    arende = Arende(pk=3, person=person, unit_id=11, handlaggare_id=5, oppnat=start)
    return Placering(
        pk=42,
        person=person,
        arende=arende,
        form=form,
        grund=grund,
        anordnare="Anordnare AB",
        plats="Solgården",
        start=start,
        slut=slut,
        kostnad_per_dygn=Decimal("1428.57"),
    )


def _by_kind(deadlines: list, kind: str) -> list:
    return [d for d in deadlines if d.kind == kind]


BORN = D(2008, 5, 10)  # 18 on 2026-05-10


def test_first_review_six_months_after_the_start() -> None:
    got = placement_deadlines(_placering(start=D(2024, 1, 31)), {}, BORN)
    (review,) = _by_kind(got, "placering_overvagande")
    # Six calendar months; 31 January + 6 months is the last day of July.
    assert review.due == D(2024, 7, 31)
    assert review.key == "placering_overvagande:42:1"
    assert review.person_id == 7
    assert review.unit_id == 11
    assert review.assigned_to_id == 5
    assert review.url == "/placeringar/42/"


def test_month_end_start_gives_the_last_day_of_a_shorter_month() -> None:
    (review,) = _by_kind(
        placement_deadlines(_placering(start=D(2023, 8, 31)), {}, BORN), "placering_overvagande"
    )
    assert review.due == D(2024, 2, 29)


def test_next_review_six_months_after_the_last_one_done() -> None:
    done = {"placering_overvagande:42:1": D(2024, 6, 15)}
    (review,) = _by_kind(
        placement_deadlines(_placering(start=D(2024, 1, 1)), done, BORN), "placering_overvagande"
    )
    assert review.key == "placering_overvagande:42:2"
    assert review.due == D(2024, 12, 15)


@pytest.mark.parametrize(
    ("due_start", "expected"),
    [
        (D(2024, 12, 31), "SoL (2001:453) 6 kap. 8 §"),  # due 2025-06-30: the old law
        (D(2025, 1, 1), "SoL (2025:400) 22 kap. 13 §"),  # due 2025-07-01: the new law
    ],
)
def test_review_cites_the_law_in_force_on_its_due_date(due_start: dt.date, expected: str) -> None:
    (review,) = _by_kind(
        placement_deadlines(_placering(start=due_start), {}, BORN), "placering_overvagande"
    )
    assert review.source == expected


def test_sol_source_switches_on_2025_07_01() -> None:
    # The paragraphs of SFS 2025:400: 22 kap. 13 § (övervägande), 9 kap. 12 § (the plans).
    assert sol_source(D(2025, 6, 30), OVERVAGANDE_SOL) == "SoL (2001:453) 6 kap. 8 §"
    assert sol_source(D(2025, 7, 1), OVERVAGANDE_SOL) == "SoL (2025:400) 22 kap. 13 §"
    assert sol_source(D(2025, 6, 30), VARDPLAN_SOL) == "SoL (2001:453) 11 kap. 3 §"
    assert sol_source(D(2025, 7, 1), VARDPLAN_SOL) == "SoL (2025:400) 9 kap. 12 § första stycket"
    assert sol_source(D(2025, 6, 30), GENOMFORANDEPLAN_SOL) == "SoL (2001:453) 11 kap. 3 §"
    assert (
        sol_source(D(2025, 7, 1), GENOMFORANDEPLAN_SOL)
        == "SoL (2025:400) 9 kap. 12 § andra stycket"
    )


def test_lvu_review_cites_lvu_13() -> None:
    (review,) = _by_kind(
        placement_deadlines(_placering(start=D(2024, 1, 1), grund="LVU"), {}, BORN),
        "placering_overvagande",
    )
    assert review.source == "LVU (1990:52) 13 §"


def test_sol_review_ends_at_18_but_lvu_continues() -> None:
    # Due the day before the 18th birthday: still a child.
    before = _placering(start=D(2025, 11, 9))
    assert _by_kind(placement_deadlines(before, {}, BORN), "placering_overvagande")[0].due == D(
        2026, 5, 9
    )
    # Due on the 18th birthday: no SoL review for an adult.
    on = _placering(start=D(2025, 11, 10))
    assert not _by_kind(placement_deadlines(on, {}, BORN), "placering_overvagande")
    lvu = _placering(start=D(2025, 11, 10), grund="LVU")
    assert _by_kind(placement_deadlines(lvu, {}, BORN), "placering_overvagande")[0].due == D(
        2026, 5, 10
    )


def test_review_only_while_the_placement_lasts() -> None:
    ended_before = _placering(start=D(2024, 1, 1), slut=D(2024, 6, 30))
    assert not _by_kind(placement_deadlines(ended_before, {}, BORN), "placering_overvagande")
    ends_on_due = _placering(start=D(2024, 1, 1), slut=D(2024, 7, 1))
    assert _by_kind(placement_deadlines(ends_on_due, {}, BORN), "placering_overvagande")


def test_care_and_implementation_plan_due_on_the_first_day() -> None:
    got = placement_deadlines(_placering(start=D(2025, 3, 3)), {}, BORN)
    (vardplan,) = _by_kind(got, "vardplan")
    (genomforande,) = _by_kind(got, "genomforandeplan")
    assert vardplan.due == genomforande.due == D(2025, 3, 3)
    assert vardplan.source == "SoL (2001:453) 11 kap. 3 §"
    assert genomforande.source == "SoL (2001:453) 11 kap. 3 §"
    assert {vardplan.key, genomforande.key} == {"vardplan:42", "genomforandeplan:42"}


@pytest.mark.parametrize(
    ("start", "vardplan_source", "genomforande_source"),
    [
        (D(2025, 6, 30), "SoL (2001:453) 11 kap. 3 §", "SoL (2001:453) 11 kap. 3 §"),
        (
            D(2025, 7, 1),
            "SoL (2025:400) 9 kap. 12 § första stycket",
            "SoL (2025:400) 9 kap. 12 § andra stycket",
        ),
    ],
)
def test_plans_cite_the_law_in_force_on_the_first_day(
    start: dt.date, vardplan_source: str, genomforande_source: str
) -> None:
    got = placement_deadlines(_placering(start=start), {}, BORN)
    (vardplan,) = _by_kind(got, "vardplan")
    (genomforande,) = _by_kind(got, "genomforandeplan")
    assert vardplan.source == vardplan_source
    assert genomforande.source == genomforande_source


def test_lvu_review_keeps_lvu_13_after_2025_07_01() -> None:
    # LVU 13 § was not amended on 2025-07-01 (SFS 2025:410 changed 1, 10, 13 b, 21 c, 24, 25 §§).
    (review,) = _by_kind(
        placement_deadlines(_placering(start=D(2025, 7, 1), grund="LVU"), {}, BORN),
        "placering_overvagande",
    )
    assert review.source == "LVU (1990:52) 13 §"


def test_plans_are_for_children_placed_before_18() -> None:
    assert _by_kind(placement_deadlines(_placering(start=D(2026, 5, 9)), {}, BORN), "vardplan")
    assert not _by_kind(placement_deadlines(_placering(start=D(2026, 5, 10)), {}, BORN), "vardplan")


def test_done_plans_leave_the_list() -> None:
    done = {"vardplan:42": D(2025, 3, 3)}
    got = placement_deadlines(_placering(start=D(2025, 3, 3)), done, BORN)
    assert not _by_kind(got, "vardplan")
    assert _by_kind(got, "genomforandeplan")


def test_support_forms_have_no_placement_deadlines() -> None:
    for form in ("kontaktperson", "god_man"):
        grund = "god_man_ekb" if form == "god_man" else "SoL"
        assert (
            placement_deadlines(_placering(start=D(2025, 1, 1), form=form, grund=grund), {}, BORN)
            == []
        )


def test_ekb_report_three_weeks_before_18_from_2020_10_01() -> None:
    # 18 on 2020-10-22: three weeks before is 2020-10-01, the first day the duty applies.
    assert ekb_18_report_due(D(2002, 10, 22)) == D(2020, 10, 1)
    # One day earlier falls before the rule: no deadline.
    assert ekb_18_report_due(D(2002, 10, 21)) is None


def test_ekb_report_for_a_29_february_birthday() -> None:
    # 18th birthday taken as 1 March in a common year (as the rules core's timeline does).
    assert ekb_18_report_due(D(2004, 2, 29)) == D(2022, 3, 1) - dt.timedelta(weeks=3)
