"""Every deadline of mappings and plans at its boundary days."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from mottagning.plans import frister, services
from mottagning.plans.deadlines import deadline_list
from mottagning.register import services as register_services
from mottagning.register.models import Municipality
from tests.fixtures import newcomer, unit, user_in

TODAY = dt.date(2025, 6, 1)


@pytest.fixture
def ekero(db: Any) -> Municipality:
    return register_services.municipality_load_profile(kod="ekero")


@pytest.fixture
def ostersund(db: Any) -> Municipality:
    return register_services.municipality_load_profile(kod="ostersund")


def _by_kind(user: Any, kind: str) -> list[Any]:
    return [d for d in deadline_list(user=user, today=TODAY) if d.kind == kind]


def test_ekero_maps_every_received_newcomer_within_three_weeks(ekero: Municipality) -> None:
    user = user_in(ekero, "sektion_nyanlanda")
    person = newcomer(user, mottagen=dt.date(2025, 5, 1))
    (deadline,) = _by_kind(user, "kartlaggning")
    # Day 21 after the reception is the last day (004: "maximalt tre veckor").
    assert deadline.due == dt.date(2025, 5, 22)
    assert deadline.key == f"kartlaggning:{person.pk}"
    assert deadline.person_id == person.pk
    assert deadline.unit_id == unit(ekero, "centrum_nyanlanda").pk
    assert "004" in deadline.source
    assert deadline.url.endswith(f"/personer/{person.pk}/kartlaggning/ny/")


def test_ekero_rule_starts_with_the_centrum(ekero: Municipality) -> None:
    user = user_in(ekero, "sektion_nyanlanda")
    newcomer(user, mottagen=dt.date(2015, 8, 31))
    assert _by_kind(user, "kartlaggning") == []
    newcomer(user, mottagen=dt.date(2015, 9, 1), fornamn="Lina")
    (deadline,) = _by_kind(user, "kartlaggning")
    assert deadline.due == dt.date(2015, 9, 22)


def test_ekero_rule_starts_when_the_profile_gives_the_centrum_the_mapping() -> None:
    from mottagning.profiles import load_profile

    rule = frister.rule_for("kartlaggning", "ekero")
    assert rule is not None
    profile = load_profile("ekero")
    starts = {
        r.giltig_fran
        for r in profile.regler
        if r.enhet == rule.enhet and "skola" in r.omrade and r.giltig_fran is not None
    }
    assert starts == {rule.galler_fran}


def test_a_started_mapping_keeps_the_key_and_names_its_handlaggare(ekero: Municipality) -> None:
    user = user_in(ekero, "sektion_nyanlanda")
    person = newcomer(user, mottagen=dt.date(2025, 5, 1))
    mapping = services.kartlaggning_create(
        actor=user,
        person=person,
        enhet=unit(ekero, "centrum_nyanlanda"),
        mottagen=dt.date(2025, 5, 2),
        handlaggare=user,
    )
    (deadline,) = _by_kind(user, "kartlaggning")
    assert deadline.key == f"kartlaggning:{person.pk}"
    assert deadline.due == dt.date(2025, 5, 23)
    assert deadline.assigned_to_id == user.pk
    services.kartlaggning_update(actor=user, kartlaggning=mapping, handlaggare=user, klar=TODAY)
    assert _by_kind(user, "kartlaggning") == []


def test_no_first_mapping_deadline_where_the_municipality_sets_none(alingsas: Any) -> None:
    user = user_in(alingsas, "integrationsavdelningen")
    person = newcomer(user, mottagen=dt.date(2025, 5, 1))
    services.kartlaggning_create(
        actor=user, person=person, enhet=user.units.first(), mottagen=dt.date(2025, 5, 1)
    )
    assert _by_kind(user, "kartlaggning") == []
    assert frister.rule_for("kartlaggning", "alingsas") is None


@pytest.mark.parametrize(
    ("mottagen", "due"),
    [
        (dt.date(2016, 1, 1), dt.date(2016, 3, 1)),
        (dt.date(2023, 12, 31), dt.date(2024, 2, 29)),  # month end: the last day of February
        (dt.date(2024, 1, 15), dt.date(2024, 3, 15)),
    ],
)
def test_pupils_mapping_within_two_months_of_school(
    alingsas: Any, mottagen: dt.date, due: dt.date
) -> None:
    user = user_in(alingsas, "integrationsavdelningen")
    person = newcomer(user, mottagen=dt.date(2015, 6, 1), fodelsedatum=dt.date(2010, 1, 1))
    mapping = services.kartlaggning_create(
        actor=user, person=person, enhet=user.units.first(), slag="pedagogisk", mottagen=mottagen
    )
    (deadline,) = _by_kind(user, "pedagogisk_kartlaggning")
    assert deadline.due == due
    assert deadline.key == f"pedagogisk_kartlaggning:{mapping.pk}"
    assert deadline.source == "Skollagen (2010:800) 3 kap. 12 c §"


def test_pupils_mapping_rule_starts_2016(alingsas: Any) -> None:
    user = user_in(alingsas, "integrationsavdelningen")
    person = newcomer(user, mottagen=dt.date(2015, 6, 1), fodelsedatum=dt.date(2010, 1, 1))
    services.kartlaggning_create(
        actor=user,
        person=person,
        enhet=user.units.first(),
        slag="pedagogisk",
        mottagen=dt.date(2015, 12, 31),
    )
    assert _by_kind(user, "pedagogisk_kartlaggning") == []


def _plan(user: Any, person: Any) -> Any:
    return services.plan_create(
        actor=user,
        person=person,
        enhet=user.units.first(),
        upprattad=dt.date(2024, 11, 1),
        mal="Arbeta som undersköterska",
        handlaggare=user,
    )


@pytest.mark.parametrize(
    ("ansokan", "due"),
    [
        (dt.date(2017, 1, 1), dt.date(2017, 4, 1)),
        (dt.date(2024, 11, 30), dt.date(2025, 2, 28)),  # month end
    ],
)
def test_ostersund_sfi_starts_within_three_months(
    ostersund: Municipality, ansokan: dt.date, due: dt.date
) -> None:
    user = user_in(ostersund, "integrationsservice")
    plan = _plan(user, newcomer(user, mottagen=dt.date(2016, 6, 1)))
    activity = services.aktivitet_create(
        actor=user,
        plan=plan,
        slag="sfi",
        forfaller=dt.date(2026, 6, 1),
        partner="Lärcentrum",
        ansokan=ansokan,
    )
    (deadline,) = [
        d for d in deadline_list(user=user, today=TODAY) if d.person_id == plan.person_id
    ]
    assert (deadline.kind, deadline.due) == ("sfi_start", due)
    assert deadline.key == f"sfi_start:{activity.pk}"
    assert deadline.assigned_to_id == user.pk
    assert "003" in deadline.source
    # Once sfi has started, the activity's own due date is what remains.
    services.aktivitet_update(
        actor=user, aktivitet=activity, forfaller=activity.forfaller, start=due, klar=None
    )
    (deadline,) = deadline_list(user=user, today=TODAY)
    assert (deadline.kind, deadline.due) == ("aktivitet", dt.date(2026, 6, 1))


def test_ostersund_sfi_rule_starts_2017(ostersund: Municipality) -> None:
    user = user_in(ostersund, "integrationsservice")
    plan = _plan(user, newcomer(user, mottagen=dt.date(2016, 6, 1)))
    services.aktivitet_create(
        actor=user,
        plan=plan,
        slag="sfi",
        forfaller=dt.date(2017, 6, 1),
        partner="Lärcentrum",
        ansokan=dt.date(2016, 12, 31),
    )
    assert [d.kind for d in deadline_list(user=user, today=TODAY)] == ["aktivitet"]


def test_activities_are_due_on_their_date_until_done(alingsas: Any) -> None:
    user = user_in(alingsas, "integrationsavdelningen")
    plan = _plan(user, newcomer(user))
    activity = services.aktivitet_create(
        actor=user,
        plan=plan,
        slag="etableringsplan",
        forfaller=dt.date(2024, 12, 1),
        partner="Arbetsförmedlingen",
    )
    (deadline,) = deadline_list(user=user, today=TODAY)
    assert (deadline.kind, deadline.due, deadline.key) == (
        "aktivitet",
        dt.date(2024, 12, 1),
        f"aktivitet:{activity.pk}",
    )
    assert "Arbetsförmedlingen" in deadline.title
    services.aktivitet_update(
        actor=user, aktivitet=activity, forfaller=activity.forfaller, start=None, klar=TODAY
    )
    assert deadline_list(user=user, today=TODAY) == []


def test_only_persons_the_user_may_see(ekero: Municipality) -> None:
    user = user_in(ekero, "sektion_nyanlanda")
    newcomer(user, mottagen=dt.date(2025, 5, 1))
    other = user_in(ekero, "sektion_ekb")
    assert deadline_list(user=other, today=TODAY) == []
    strateg = user_in(ekero, "sektion_nyanlanda", roles=("strateg",))
    assert deadline_list(user=strateg, today=TODAY) == []
