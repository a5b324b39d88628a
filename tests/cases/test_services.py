"""cases.services stores exactly what the rules core returns, for one person and in batch."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from mottagning.cases import services
from mottagning.cases.models import Handover, PersonState, Transition
from mottagning.cases.transitions import analyse
from mottagning.register.models import ResponsibilityPeriod
from mottagning.rules.events import pack, parse_person
from mottagning.rules.profile import compiled
from tests.fixtures import ekb, newcomer

pytestmark = pytest.mark.django_db


def _stored(person: Any) -> set[tuple[Any, ...]]:
    return set(
        ResponsibilityPeriod.objects.filter(person=person).values_list(
            "unit__kod", "committee__kod", "omrade", "arbete", "fran", "till"
        )
    )


def test_stored_periods_and_transitions_are_the_cores(integration_user: Any) -> None:
    person = newcomer(integration_user)
    today = timezone.localdate()
    events = services.person_events_json(person)
    core = parse_person(
        {
            "fodelsedatum": person.fodelsedatum.isoformat(),
            "ensamkommande": False,
            "handelser": events,
        }
    )
    [expected], _states = analyse(compiled("alingsas"), pack([core], "alingsas"), today)
    assert _stored(person) == {
        (p.enhet_id, p.namnd_id, p.omrade, p.arbete, p.fran, p.till) for p in expected.periods
    }
    stored = list(
        Transition.objects.filter(person=person)
        .order_by("datum", "typ")
        .values_list("datum", "typ")
    )
    assert stored == sorted((t.datum, t.typ) for t in expected.transitions)
    assert Handover.objects.filter(transition__person=person).count() == sum(
        len(t.handovers) for t in expected.transitions
    )


def test_refresh_keeps_handled_marks_and_is_idempotent(placering_user: Any) -> None:
    today = timezone.localdate()
    child = ekb(
        placering_user,
        born=today - dt.timedelta(days=365 * 17),
        asyl=today - dt.timedelta(days=100),
    )
    task = Transition.objects.filter(person=child).order_by("datum").first()
    assert task is not None
    services.transition_mark_handled(actor=placering_user, transition=task)
    before = _stored(child)
    services.person_refresh(person=child)
    services.person_refresh(person=child)
    again = Transition.objects.get(person=child, typ=task.typ, datum=task.datum)
    assert again.hanterad is not None
    assert again.hanterad_av == placering_user
    assert _stored(child) == before


def test_batch_refresh_equals_one_by_one(integration_user: Any, placering_user: Any) -> None:
    today = timezone.localdate()
    persons = [
        newcomer(integration_user, mottagen=today - dt.timedelta(days=30 * k)) for k in range(1, 4)
    ]
    persons.append(
        ekb(
            placering_user,
            born=today - dt.timedelta(days=365 * 16),
            asyl=today - dt.timedelta(days=200),
        )
    )
    single = {p.pk: _stored(p) for p in persons}
    states = {s.pk: (s.malgrupp, s.fas) for s in PersonState.objects.all()}
    municipality = persons[0].municipality
    assert services.register_refresh(municipality=municipality, chunk=2) == len(persons)
    assert {p.pk: _stored(p) for p in persons} == single
    assert {s.pk: (s.malgrupp, s.fas) for s in PersonState.objects.all()} == states


def test_a_core_deadline_done_on_either_list_is_done_on_both(placering_user: Any) -> None:
    # The 18-year report is on the unit's transition list (rules core) and on the personal
    # worklist (placements); marking it done on the personal worklist marks the transition.
    from mottagning.arenden.services import frist_mark_done
    from mottagning.cases.selectors import core_deadlines_handled

    today = timezone.localdate()
    child = ekb(
        placering_user,
        born=today - dt.timedelta(days=365 * 18 - 60),
        asyl=today - dt.timedelta(days=200),
    )
    report = Transition.objects.get(person=child, typ="anmal_fortsatt_ansvar")
    assert report.hanterad is None
    assert core_deadlines_handled(kind="ekb_18_anmalan", person_ids={child.pk}) == set()
    frist_mark_done(
        actor=placering_user,
        key=f"ekb_18_anmalan:{child.pk}",
        person_id=child.pk,
        notering="Anmält till Migrationsverket",
    )
    report.refresh_from_db()
    assert report.hanterad is not None
    assert core_deadlines_handled(kind="ekb_18_anmalan", person_ids={child.pk}) == {child.pk}
