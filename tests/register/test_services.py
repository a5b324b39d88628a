import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mottagning.cases.models import PersonState, ResponsibilityPeriod, Transition
from mottagning.register import services
from mottagning.register.models import Committee, Event, Person, Unit
from tests.factories import personnummer
from tests.fixtures import ekb, newcomer, unit, user_in

pytestmark = pytest.mark.django_db


def test_loading_a_profile_twice_creates_the_organisation_once(alingsas) -> None:
    services.municipality_load_profile(kod="alingsas")
    assert Committee.objects.filter(municipality=alingsas).count() == 2
    names = set(Unit.objects.filter(municipality=alingsas).values_list("kod", flat=True))
    assert {"placeringsenheten", "integrationsavdelningen", "stod_forsorjning"} <= names


def test_person_create_stores_events_identity_and_derived_rows(integration_user) -> None:
    person = newcomer(integration_user, identity_list=[("personnummer", personnummer("19900510"))])
    assert person.handelser.count() == 4
    assert person.identiteter.get().varde == personnummer("19900510").replace("-", "")
    units = set(
        ResponsibilityPeriod.objects.filter(person=person).values_list("unit__kod", flat=True)
    )
    assert "integrationsavdelningen" in units
    end = Transition.objects.get(person=person, typ="etableringstid_slut")
    assert end.datum == dt.date(2026, 3, 1)
    state = PersonState.objects.get(person=person)
    assert state.malgrupp in ("nyanlanda", "ovriga")
    assert state.rattslig_status == "put"


def test_history_records_who_and_why(integration_user) -> None:
    person = newcomer(integration_user)
    services.person_update(
        actor=integration_user,
        person=person,
        fornamn="Amina",
        efternamn="Hassan Ali",
        fodelsedatum=person.fodelsedatum,
        ensamkommande=False,
        household=None,
        reason="Rättat efternamn enligt beslut",
    )
    latest = person.history.first()
    assert latest.history_user == integration_user
    assert latest.history_change_reason == "Rättat efternamn enligt beslut"
    assert latest.efternamn == "Hassan Ali"
    event_history = Event.history.filter(person_id=person.pk)
    assert event_history.count() == 4
    assert all(h.history_user == integration_user for h in event_history)


def test_update_requires_a_reason(integration_user) -> None:
    person = newcomer(integration_user)
    with pytest.raises(ValidationError) as info:
        services.person_update(
            actor=integration_user,
            person=person,
            fornamn="X",
            efternamn="Y",
            fodelsedatum=person.fodelsedatum,
            ensamkommande=False,
            household=None,
            reason=" ",
        )
    assert "reason" in info.value.message_dict
    person.refresh_from_db()
    assert person.fornamn == "Amina"


def test_impossible_timeline_is_refused_and_nothing_changes(integration_user) -> None:
    person = newcomer(integration_user)
    before = person.handelser.count()
    with pytest.raises(ValidationError) as info:
        services.event_create(
            actor=integration_user,
            person=person,
            typ="aldersbedomning",
            datum=dt.date(1980, 1, 1),
            fodelsedatum=dt.date(1980, 1, 1),
        )
    assert info.value.message_dict
    assert person.handelser.count() == before


def test_event_fields_are_checked_per_type(integration_user) -> None:
    person = newcomer(integration_user)
    with pytest.raises(ValidationError) as info:
        services.event_create(
            actor=integration_user,
            person=person,
            typ="uppehallstillstand",
            datum=dt.date(2024, 6, 1),
            tillstand="TUT",
        )
    assert "giltigt_till" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        services.event_create(
            actor=integration_user,
            person=person,
            typ="avslag",
            datum=dt.date(2024, 6, 1),
            form="hvb",
        )
    assert "form" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        services.event_create(
            actor=integration_user, person=person, typ="okand", datum=dt.date(2024, 6, 1)
        )
    assert "typ" in info.value.message_dict


def test_duplicate_identity_in_municipality_is_refused(integration_user) -> None:
    pnr = personnummer("19900510")
    newcomer(integration_user, identity_list=[("personnummer", pnr)])
    with pytest.raises(ValidationError) as info:
        newcomer(integration_user, identity_list=[("personnummer", pnr[2:])])
    assert "finns redan" in str(info.value)
    assert Person.objects.count() == 1  # the whole create was rolled back


def test_ekb_gets_report_task_and_handover_at_18(placering_user) -> None:
    born = dt.date(2008, 9, 1)
    person = ekb(placering_user, born=born, asyl=dt.date(2024, 2, 1))
    report = Transition.objects.get(person=person, typ="anmal_fortsatt_ansvar")
    assert report.datum == dt.date(2026, 8, 11)  # three weeks before the 18th birthday
    assert report.ansvarig_enhet.kod == "placeringsenheten"
    assert Transition.objects.filter(
        person=person, typ="fyller_18", datum=dt.date(2026, 9, 1)
    ).exists()


def test_anvisning_not_yet_received_has_a_two_month_deadline(integration_user) -> None:
    person = services.person_create(
        actor=integration_user,
        unit=unit(integration_user.municipality, "integrationsavdelningen"),
        fornamn="Sara",
        efternamn="Mohammed",
        fodelsedatum=dt.date(1985, 1, 1),
        events=[
            {"typ": "asylansokan", "datum": dt.date(2024, 1, 10)},
            {"typ": "uppehallstillstand", "datum": dt.date(2025, 1, 10), "tillstand": "PUT"},
            {"typ": "anvisning", "datum": dt.date(2025, 2, 1), "kommun": "alingsas"},
        ],
    )
    task = Transition.objects.get(person=person, typ="anvisning_mottagande")
    assert task.datum == dt.date(2025, 4, 1)
    services.event_create(
        actor=integration_user, person=person, typ="mottagande", datum=dt.date(2025, 3, 15)
    )
    assert not Transition.objects.filter(person=person, typ="anvisning_mottagande").exists()


def test_event_delete_needs_reason_and_recomputes(integration_user) -> None:
    person = newcomer(integration_user)
    mottagande = person.handelser.get(typ="mottagande")
    event_id = mottagande.pk
    with pytest.raises(ValidationError):
        services.event_delete(actor=integration_user, event=mottagande, reason="")
    services.event_delete(actor=integration_user, event=mottagande, reason="Registrerad av misstag")
    assert not Transition.objects.filter(person=person, typ="etableringstid_slut").exists()
    deleted = Event.history.filter(id=event_id, history_type="-").get()
    assert deleted.history_change_reason == "Registrerad av misstag"


def test_household_must_be_in_the_same_municipality(alingsas, vingaker) -> None:
    user_a = user_in(alingsas, "integrationsavdelningen")
    user_v = user_in(vingaker, "integrationsenheten")
    household = services.household_create(
        actor=user_v, unit=unit(vingaker, "integrationsenheten"), beteckning="Familjen Ahmadi"
    )
    with pytest.raises(ValidationError):
        newcomer(user_a, household=household)


def test_a_placement_records_its_legal_ground_and_the_place_s_municipality(placering_user) -> None:
    # 001 §3.1.1: the municipality keeps an asylum-seeking young person's placement after 18
    # only on LVU; a placement in another municipality is not a move (LMA 3 §).
    today = timezone.localdate()
    child = ekb(
        placering_user,
        born=today - dt.timedelta(days=365 * 17),
        asyl=today - dt.timedelta(days=300),
    )
    event = services.event_create(
        actor=placering_user,
        person=child,
        typ="placering",
        datum=today - dt.timedelta(days=200),
        form="hvb",
        grund="LVU",
        kommun="vingaker",
    )
    assert event.as_rules_json()["grund"] == "LVU"
    assert event.as_rules_json()["kommun"] == "vingaker"
    assert PersonState.objects.get(person=child).boendeform == "hvb"
    with pytest.raises(ValidationError) as info:
        services.event_create(
            actor=placering_user,
            person=child,
            typ="placering",
            datum=today - dt.timedelta(days=100),
            form="hvb",
            grund="flykting",
        )
    assert "grund" in info.value.message_dict


@pytest.mark.parametrize("bad", ["A\x00B", "A\x01B", "A\ud800B"])
def test_text_that_cannot_be_stored_or_exported_is_refused(integration_user, bad) -> None:
    with pytest.raises(ValidationError) as exc:
        newcomer(integration_user, fornamn=bad)
    assert "fornamn" in exc.value.message_dict
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (dt.date(1, 1, 1), "före 1900-01-01"),
        (dt.date(1899, 12, 31), "före 1900-01-01"),
        (dt.date(2200, 1, 1), "efter 2199-12-31"),
        (dt.date(9999, 12, 31), "efter 2199-12-31"),
    ],
)
def test_any_record_refuses_a_date_outside_the_rules_range(integration_user, day, message) -> None:
    # validate_instance is every service's check, so this holds for every model, not only
    # the register's (a plan drawn up on 9999-12-31 used to be stored).
    unit = integration_user.units.get()
    person = Person(
        municipality=unit.committee.municipality,
        registrerad_av=unit,
        fornamn="Amal",
        efternamn="Noor",
        fodelsedatum=day,
    )
    with pytest.raises(ValidationError) as exc:
        services.validate_instance(person)
    assert message in exc.value.message_dict["fodelsedatum"][0]
    person.fodelsedatum = dt.date(1900, 1, 1)
    services.validate_instance(person)


@pytest.mark.parametrize(
    ("born", "message"),
    [("1899-12-31", "före 1900-01-01"), ("2199-12-31", "i framtiden")],
)
def test_implausible_birth_date_is_refused_on_its_field(integration_user, born, message) -> None:
    with pytest.raises(ValidationError) as exc:
        services.person_create(
            actor=integration_user,
            unit=integration_user.units.get(),
            fornamn="Amal",
            efternamn="Noor",
            fodelsedatum=dt.date.fromisoformat(born),
        )
    assert message in " ".join(exc.value.message_dict["fodelsedatum"])


def test_event_far_ahead_is_refused_on_its_field(integration_user) -> None:
    person = newcomer(integration_user)
    with pytest.raises(ValidationError) as exc:
        services.event_create(
            actor=integration_user,
            person=person,
            typ="placering",
            datum=dt.date(2025, 1, 1),
            form="hvb",
            slut=dt.date(9999, 12, 31),
        )
    assert "slut" in exc.value.message_dict


def test_event_create_many_checks_the_timeline_as_a_whole_and_refreshes_once(
    integration_user,
) -> None:
    from mottagning.register.signals import timeline_changed

    person = services.person_create(
        actor=integration_user,
        unit=integration_user.units.first(),
        fornamn="Sara",
        efternamn="Ali",
        fodelsedatum=dt.date(1991, 1, 1),
        events=[{"typ": "asylansokan", "datum": dt.date(2023, 1, 10)}],
    )
    sent: list[int] = []

    def count(sender, person, **kwargs) -> None:
        sent.append(person.pk)

    timeline_changed.connect(count)
    try:
        created = services.event_create_many(
            actor=integration_user,
            person=person,
            reason="Import",
            events=[
                {"typ": "uppehallstillstand", "datum": dt.date(2023, 9, 1), "tillstand": "PUT"},
                {"typ": "mottagande", "datum": dt.date(2023, 10, 1), "kommun": "alingsas"},
            ],
        )
    finally:
        timeline_changed.disconnect(count)
    assert [e.typ for e in created] == ["uppehallstillstand", "mottagande"]
    assert sent == [person.pk]
    assert person.handelser.count() == 3
    assert all(e.history.first().history_change_reason == "Import" for e in created)
    # An impossible whole stores none of it.
    with pytest.raises(ValidationError):
        services.event_create_many(
            actor=integration_user,
            person=person,
            reason="Import",
            events=[
                {"typ": "utflyttning", "datum": dt.date(2024, 1, 1), "kommun": "vingaker"},
                {
                    "typ": "aldersbedomning",
                    "datum": dt.date(2024, 2, 1),
                    "fodelsedatum": dt.date(2030, 1, 1),
                },
            ],
        )
    assert person.handelser.count() == 3


def test_school_enrolment_is_stored_with_its_school_form(placering_user) -> None:
    # 2017:193 4 §: the school compensation for an asylum-seeking child is counted from its
    # enrolment, so the register stores the school form the rules core reads (docs/cli.md).
    child = ekb(placering_user, born=dt.date(2010, 3, 1), asyl=dt.date(2017, 8, 1))
    event = services.event_create(
        actor=placering_user,
        person=child,
        typ="skolgang",
        datum=dt.date(2017, 9, 1),
        skolform="grundskola",
        slut=dt.date(2018, 6, 15),
    )
    assert event.as_rules_json() == {
        "typ": "skolgang",
        "datum": "2017-09-01",
        "skolform": "grundskola",
        "slut": "2018-06-15",
    }
    with pytest.raises(ValidationError) as info:
        services.event_create(
            actor=placering_user, person=child, typ="skolgang", datum=dt.date(2018, 8, 20)
        )
    assert "skolform" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        services.event_create(
            actor=placering_user,
            person=child,
            typ="placering",
            datum=dt.date(2018, 8, 20),
            form="hvb",
            skolform="grundskola",
        )
    assert "skolform" in info.value.message_dict
    # A school form the child's age rules out is the rules core's refusal, on the form.
    with pytest.raises(ValidationError):
        services.event_create(
            actor=placering_user,
            person=child,
            typ="skolgang",
            datum=dt.date(2018, 8, 20),
            skolform="gymnasieskola",
        )
