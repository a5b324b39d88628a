"""Who sees whom: a unit sees persons it holds, held or is about to take responsibility for, or
registered; never another municipality's persons; roles without case work see no records."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from mottagning.register import selectors
from mottagning.register.models import Person
from tests.factories import PeriodFactory, PersonFactory
from tests.fixtures import newcomer, unit, user_in

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 1)


def test_unit_sees_persons_it_holds_or_held(alingsas) -> None:
    placering = unit(alingsas, "placeringsenheten")
    boende = unit(alingsas, "boende_unga")
    user = user_in(alingsas, "placeringsenheten")
    now = PeriodFactory(unit=placering, person__registrerad_av=boende, fran=dt.date(2025, 1, 1))
    past = PeriodFactory(
        unit=placering,
        person__registrerad_av=boende,
        fran=dt.date(2019, 1, 1),
        till=dt.date(2020, 1, 1),
    )
    soon = PeriodFactory(
        unit=placering, person__registrerad_av=boende, fran=TODAY + dt.timedelta(days=60)
    )
    later = PeriodFactory(
        unit=placering, person__registrerad_av=boende, fran=TODAY + dt.timedelta(days=200)
    )
    other = PeriodFactory(unit=boende, person__registrerad_av=boende)
    visible = set(selectors.person_list(user=user, today=TODAY))
    assert visible == {now.person, past.person, soon.person}
    assert later.person not in visible
    assert other.person not in visible
    # person_get states the same rule in its own query: it must agree person by person.
    for shown in (now, past, soon):
        got = selectors.person_get(user=user, person_id=shown.person.pk, today=TODAY)
        assert got == shown.person
        assert got.municipality.kod == "alingsas"
    for hidden in (later, other):
        with pytest.raises(Http404):
            selectors.person_get(user=user, person_id=hidden.person.pk, today=TODAY)
        with pytest.raises(Http404):
            selectors.person_with_events_get(user=user, person_id=hidden.person.pk, today=TODAY)
    # The state endpoint's selector reads the person and the events in one query: same rule.
    for shown in (now, past, soon):
        got, events = selectors.person_with_events_get(
            user=user, person_id=shown.person.pk, today=TODAY
        )
        assert got == shown.person
        assert got.municipality.kod == "alingsas"
        assert events == []  # the factories' persons have no events: one row of NULLs


def test_person_with_events_equals_person_and_its_events(integration_user) -> None:
    person = newcomer(integration_user)
    got, events = selectors.person_with_events_get(user=integration_user, person_id=person.pk)
    assert got == person
    assert [f.attname for f in got._meta.concrete_fields if getattr(got, f.attname) is None] == [
        f.attname for f in person._meta.concrete_fields if getattr(person, f.attname) is None
    ]
    assert (got.fornamn, got.fodelsedatum, got.household_id) == (
        person.fornamn,
        person.fodelsedatum,
        person.household_id,
    )
    assert events == [e.as_rules_json() for e in person.handelser.order_by("datum", "id")]
    assert len(events) >= 2


def test_the_raw_read_gives_the_values_an_orm_read_gives(integration_user) -> None:
    """Field by field, time zones included: SQLite gave the raw query's `skapad` without one,
    and saving the person moved it by the offset."""
    person = newcomer(integration_user)
    stored = Person.objects.get(pk=person.pk)
    fields = [f.attname for f in Person._meta.concrete_fields]
    for got in (
        selectors.person_get(user=integration_user, person_id=person.pk),
        selectors.person_with_events_get(user=integration_user, person_id=person.pk)[0],
    ):
        assert {f: getattr(got, f) for f in fields} == {f: getattr(stored, f) for f in fields}
        got.save()
        stored.refresh_from_db()
        assert stored.skapad == person.skapad


def test_registering_unit_sees_its_person(alingsas) -> None:
    user = user_in(alingsas, "integrationsavdelningen")
    person = PersonFactory(registrerad_av=unit(alingsas, "integrationsavdelningen"))
    assert selectors.person_get(user=user, person_id=person.pk) == person


def test_other_municipality_is_never_visible(alingsas, vingaker) -> None:
    user = user_in(alingsas, "integrationsavdelningen")
    theirs = PersonFactory(registrerad_av=unit(vingaker, "integrationsenheten"))
    # Even a (corrupt) period pointing at the user's unit does not cross the municipality line.
    PeriodFactory(
        person=theirs, unit=unit(alingsas, "integrationsavdelningen"), municipality=vingaker
    )
    assert theirs not in selectors.person_list(user=user)
    with pytest.raises(Http404):
        selectors.person_get(user=user, person_id=theirs.pk)


@pytest.mark.parametrize("role", ["strateg", "revisor", "administrator"])
def test_roles_without_case_work_see_no_records(alingsas, role) -> None:
    user = user_in(alingsas, "integrationsavdelningen", roles=(role,))
    person = PersonFactory(registrerad_av=unit(alingsas, "integrationsavdelningen"))
    assert not selectors.person_list(user=user).exists()
    with pytest.raises(Http404):
        selectors.person_get(user=user, person_id=person.pk)


def test_user_without_units_sees_nothing(alingsas) -> None:
    user = user_in(alingsas)
    PersonFactory(registrerad_av=unit(alingsas, "integrationsavdelningen"))
    assert not selectors.person_list(user=user).exists()


def test_listing_another_units_register_is_refused(alingsas) -> None:
    user = user_in(alingsas, "integrationsavdelningen")
    with pytest.raises(PermissionDenied):
        selectors.person_list(user=user, unit=unit(alingsas, "placeringsenheten"))


def test_responsibility_from_events_gives_access(alingsas) -> None:
    registrar = user_in(alingsas, "stod_forsorjning")
    person = newcomer(registrar)
    integration = user_in(alingsas, "integrationsavdelningen")
    vuxen = user_in(alingsas, "vuxenenheten")
    assert person in selectors.person_list(user=integration)
    assert person not in selectors.person_list(user=vuxen)


def test_search_by_name_and_number(alingsas) -> None:
    user = user_in(alingsas, "integrationsavdelningen")
    person = newcomer(user, identity_list=[("dossiernummer", "12345678")])
    newcomer(user, fornamn="Karin", efternamn="Berg")
    assert list(selectors.person_list(user=user, search="hassan")) == [person]
    assert list(selectors.person_list(user=user, search="1234-5678")) == [person]
    assert list(selectors.person_list(user=user, search="amina hassan")) == [person]
