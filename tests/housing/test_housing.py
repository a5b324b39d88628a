"""Homes, contracts, residences, the quota year and the contract deadline at its boundaries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mottagning.housing import selectors, services
from mottagning.housing.deadlines import CONTRACT_DAYS, deadline_list
from mottagning.housing.models import Kontrakt
from mottagning.register import services as register_services
from tests.fixtures import ekb, newcomer, user_in

TODAY = dt.date(2025, 6, 1)


def _home(user: Any, **kwargs: Any) -> Any:
    return services.bostad_create(
        actor=user,
        enhet=user.units.first(),
        adress=kwargs.pop("adress", "Storgatan 1"),
        hyresvard="Alingsåshem",
        ort="Alingsås",
    )


def _contract(user: Any, home: Any, *, slut: dt.date | None, slag: str = "andrahand") -> Kontrakt:
    return services.kontrakt_create(
        actor=user,
        bostad=home,
        slag=slag,
        hyra=Decimal("6450.50"),
        start=dt.date(2024, 1, 1),
        slut=slut,
    )


def test_rent_is_exact_and_a_fixed_term_contract_needs_an_end(integration_user: Any) -> None:
    home = _home(integration_user)
    contract = _contract(integration_user, home, slut=None)
    contract.refresh_from_db()
    assert contract.hyra == Decimal("6450.50")
    with pytest.raises(ValidationError) as exc:
        _contract(integration_user, _home(integration_user), slut=None, slag="tidsbegransat")
    assert "slutdatum" in str(exc.value)
    with pytest.raises(ValidationError):
        services.kontrakt_create(
            actor=integration_user,
            bostad=home,
            slag="forstahand",
            hyra=6450.5,  # type: ignore[arg-type]  # a float is refused, not rounded
            start=dt.date(2026, 1, 1),
        )


def test_contracts_of_one_home_do_not_overlap(integration_user: Any) -> None:
    home = _home(integration_user)
    _contract(integration_user, home, slut=dt.date(2025, 12, 31))
    with pytest.raises(ValidationError) as exc:
        services.kontrakt_create(
            actor=integration_user,
            bostad=home,
            slag="forstahand",
            hyra=Decimal("7000"),
            start=dt.date(2025, 12, 31),
        )
    assert "redan ett kontrakt" in str(exc.value)
    services.kontrakt_create(
        actor=integration_user,
        bostad=home,
        slag="forstahand",
        hyra=Decimal("7000"),
        start=dt.date(2026, 1, 1),
    )


def test_moving_in_ends_the_previous_residence_and_stays_within_the_contract(
    integration_user: Any,
) -> None:
    person = newcomer(integration_user)
    first = _contract(integration_user, _home(integration_user), slut=None)
    second = _contract(integration_user, _home(integration_user, adress="Lillgatan 2"), slut=None)
    old = services.boende_create(
        actor=integration_user, person=person, kontrakt=first, fran=dt.date(2024, 3, 1)
    )
    services.boende_create(
        actor=integration_user, person=person, kontrakt=second, fran=dt.date(2024, 9, 1)
    )
    old.refresh_from_db()
    assert old.till == dt.date(2024, 8, 31)
    with pytest.raises(ValidationError) as exc:
        services.boende_create(
            actor=integration_user, person=person, kontrakt=first, fran=dt.date(2023, 1, 1)
        )
    assert "utanför kontraktets tid" in str(exc.value)
    assert old.history.first().history_user == integration_user


def test_homes_are_seen_by_their_units_only(alingsas: Any, integration_user: Any) -> None:
    _home(integration_user)
    other = user_in(alingsas, "placeringsenheten")
    assert selectors.bostad_list(user=integration_user).count() == 1
    assert selectors.bostad_list(user=other).count() == 0
    with pytest.raises(PermissionDenied):
        selectors.bostad_list(user=user_in(alingsas, "integrationsavdelningen", roles=("strateg",)))


@pytest.mark.parametrize(
    ("days_left", "listed"),
    [(-30, True), (0, True), (CONTRACT_DAYS, True), (CONTRACT_DAYS + 1, False)],
)
def test_contract_ending_within_90_days_while_someone_lives_there(
    integration_user: Any, days_left: int, listed: bool
) -> None:
    person = newcomer(integration_user)
    slut = TODAY + dt.timedelta(days=days_left)
    contract = _contract(integration_user, _home(integration_user), slut=slut)
    services.boende_create(
        actor=integration_user, person=person, kontrakt=contract, fran=dt.date(2024, 3, 1)
    )
    found = deadline_list(user=integration_user, today=TODAY)
    if not listed:
        assert found == []
        return
    (deadline,) = found
    assert (deadline.kind, deadline.due, deadline.person_id) == ("kontrakt_slut", slut, person.pk)
    assert deadline.key == f"kontrakt_slut:{contract.pk}"
    assert deadline.unit_id == integration_user.units.first().pk
    assert deadline.url == f"/bostader/{contract.bostad_id}/"


def test_contract_deadline_names_the_handlaggare_of_the_residents_plan(
    integration_user: Any,
) -> None:
    from mottagning.plans import services as plans

    person = newcomer(integration_user)
    contract = _contract(integration_user, _home(integration_user), slut=TODAY)
    services.boende_create(
        actor=integration_user, person=person, kontrakt=contract, fran=dt.date(2024, 3, 1)
    )
    assert deadline_list(user=integration_user, today=TODAY)[0].assigned_to_id is None
    plans.plan_create(
        actor=integration_user,
        person=person,
        enhet=integration_user.units.first(),
        upprattad=dt.date(2024, 3, 5),
        mal="Arbete",
        handlaggare=integration_user,
    )
    assert (
        deadline_list(user=integration_user, today=TODAY)[0].assigned_to_id == integration_user.pk
    )


@pytest.mark.parametrize(
    ("received", "on_time"),
    [(dt.date(2024, 4, 1), 1), (dt.date(2024, 4, 2), 0)],
)
def test_received_within_two_months_at_its_boundary(
    alingsas: Any, integration_user: Any, received: dt.date, on_time: int
) -> None:
    _anvisad(integration_user, dt.date(2024, 2, 1), received)
    year = selectors.quota_year(user=integration_user, ar=2024, today=TODAY)
    assert (year.mottagna, year.i_tid) == (1, on_time)


def test_contract_deadline_goes_when_everyone_has_moved_out_by_its_end(
    integration_user: Any,
) -> None:
    person = newcomer(integration_user)
    slut = TODAY + dt.timedelta(days=30)
    contract = _contract(integration_user, _home(integration_user), slut=slut)
    residence = services.boende_create(
        actor=integration_user, person=person, kontrakt=contract, fran=dt.date(2024, 3, 1)
    )
    services.boende_end(actor=integration_user, boende=residence, till=slut + dt.timedelta(days=1))
    assert len(deadline_list(user=integration_user, today=TODAY)) == 1
    services.boende_end(actor=integration_user, boende=residence, till=slut)
    assert deadline_list(user=integration_user, today=TODAY) == []


def test_contract_deadline_only_for_residents_the_user_may_see(
    alingsas: Any, integration_user: Any
) -> None:
    person = newcomer(integration_user)
    contract = _contract(integration_user, _home(integration_user), slut=TODAY)
    services.boende_create(
        actor=integration_user, person=person, kontrakt=contract, fran=dt.date(2024, 3, 1)
    )
    assert deadline_list(user=user_in(alingsas, "placeringsenheten"), today=TODAY) == []


def _anvisad(user: Any, anvisning: dt.date, received: dt.date | None, **kwargs: Any) -> Any:
    events: list[dict[str, Any]] = [
        {
            "typ": "uppehallstillstand",
            "datum": anvisning - dt.timedelta(days=20),
            "tillstand": "PUT",
        },
        {"typ": "anvisning", "datum": anvisning, "kommun": "alingsas"},
    ]
    if received is not None:
        events.append({"typ": "mottagande", "datum": received})
    return register_services.person_create(
        actor=user,
        unit=user.units.first(),
        fornamn="Test",
        efternamn="Anvisad",
        fodelsedatum=dt.date(1990, 1, 1),
        events=events,
        **kwargs,
    )


def test_quota_year_counts_anvisade_against_the_kommuntal(
    alingsas: Any, integration_user: Any
) -> None:
    chef = user_in(alingsas, "integrationsavdelningen", roles=("enhetschef",))
    services.kommuntal_set(
        actor=chef, municipality=alingsas, ar=2024, antal=10, kalla="Länsstyrelsen, testbeslut"
    )
    # On time: received on the last day of bosättningslagen's two months.
    on_time = _anvisad(integration_user, dt.date(2024, 1, 31), dt.date(2024, 3, 31))
    # Late by one day.
    _anvisad(integration_user, dt.date(2024, 2, 1), dt.date(2024, 4, 2))
    # Not yet received.
    _anvisad(integration_user, dt.date(2024, 12, 1), None)
    # Another year.
    _anvisad(integration_user, dt.date(2023, 12, 31), dt.date(2024, 1, 15))
    contract = _contract(integration_user, _home(integration_user), slut=None)
    services.boende_create(
        actor=integration_user, person=on_time, kontrakt=contract, fran=dt.date(2024, 3, 31)
    )
    register_services.event_create(
        actor=integration_user, person=on_time, typ="utflyttning", datum=dt.date(2024, 10, 1)
    )
    year = selectors.quota_year(user=chef, ar=2024, today=TODAY)
    assert (year.anvisade, year.mottagna, year.i_tid, year.bosatta, year.lamnat, year.vantar) == (
        3,
        2,
        1,
        1,
        1,
        1,
    )
    assert year.kommuntal is not None
    assert year.kvar == 7
    assert selectors.quota_years(user=chef) == [2024, 2023]
    services.kommuntal_set(
        actor=chef, municipality=alingsas, ar=2024, antal=12, kalla="Länsstyrelsen, rättat"
    )
    assert selectors.quota_year(user=chef, ar=2024, today=TODAY).kvar == 9


def test_quota_year_leaves_out_unaccompanied_children(alingsas: Any) -> None:
    user = user_in(alingsas, "placeringsenheten")
    ekb(user, born=dt.date(2008, 1, 1), asyl=dt.date(2024, 1, 1))
    strateg = user_in(alingsas, "placeringsenheten", roles=("strateg",))
    assert selectors.quota_year(user=strateg, ar=2024, today=TODAY).anvisade == 0


def test_kommuntal_needs_its_source(alingsas: Any) -> None:
    chef = user_in(alingsas, "integrationsavdelningen", roles=("enhetschef",))
    with pytest.raises(ValidationError):
        services.kommuntal_set(actor=chef, municipality=alingsas, ar=2024, antal=5, kalla=" ")
