"""A placement writes the rules core's `placering` event in the same transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from mottagning.arenden import services as arenden_services
from mottagning.placements import selectors, services
from mottagning.placements.models import Placering
from mottagning.register.models import Event
from tests.fixtures import ekb

D = dt.date


def _case(user: Any) -> Any:
    child = ekb(user, born=D(2010, 4, 1), asyl=D(2024, 9, 1))
    return arenden_services.arende_create(
        actor=user,
        person=child,
        unit=user.units.first(),
        typ="placering",
        oppnat=D(2024, 9, 25),
        handlaggare=user,
    )


def _unsaved(**kwargs: Any) -> Placering:
    data: dict[str, Any] = {
        "form": "hvb",
        "grund": "SoL",
        "start": D(2024, 10, 1),
        "slut": None,
        "kommun": "",
    }
    data.update(kwargs)
    return Placering(**data)


def test_event_payload_sol_in_own_municipality() -> None:
    assert services.placering_event(_unsaved()) == {
        "typ": "placering",
        "datum": D(2024, 10, 1),
        "form": "hvb",
    }


def test_event_payload_lvu_elsewhere_with_end() -> None:
    event = services.placering_event(
        _unsaved(form="jourhem", grund="LVU", kommun="vingaker", slut=D(2025, 1, 31))
    )
    # Jourhem is a familjehem form for the rules core; grund and kommun only when set.
    assert event == {
        "typ": "placering",
        "datum": D(2024, 10, 1),
        "form": "familjehem",
        "slut": D(2025, 1, 31),
        "grund": "LVU",
        "kommun": "vingaker",
    }


@pytest.mark.parametrize("form", ["kontaktperson", "god_man"])
def test_support_is_no_placement_for_the_rules_core(form: str) -> None:
    assert services.placering_event(_unsaved(form=form)) is None


def test_placement_writes_and_ends_its_event(placering_user: Any) -> None:
    arende = _case(placering_user)
    placering = services.placering_create(
        actor=placering_user,
        arende=arende,
        form="hvb",
        grund="SoL",
        anordnare="Solgårdens HVB AB",
        plats="Solgården",
        start=D(2024, 10, 1),
        kostnad_per_dygn=Decimal("1428.57"),
    )
    event = Event.objects.get(pk=placering.event_id)
    assert (event.typ, event.datum, event.form, event.slut) == (
        "placering",
        D(2024, 10, 1),
        "hvb",
        None,
    )
    services.placering_end(
        actor=placering_user,
        placering=placering,
        slut=D(2025, 2, 28),
        reason="Flyttar till familjehem",
    )
    placering.refresh_from_db()
    assert Event.objects.filter(person=arende.person, typ="placering").count() == 1
    assert placering.event is not None
    assert placering.event.slut == D(2025, 2, 28)
    assert placering.history.count() == 2


def test_refused_end_date_changes_nothing(placering_user: Any) -> None:
    arende = _case(placering_user)
    with pytest.raises(ValidationError) as exc:
        services.placering_create(
            actor=placering_user,
            arende=arende,
            form="hvb",
            grund="SoL",
            anordnare="A",
            plats="B",
            start=D(2024, 10, 1),
            slut=D(2024, 9, 30),
            kostnad_per_dygn=Decimal("100"),
        )
    assert "slut" in exc.value.message_dict
    assert not Placering.objects.exists()
    assert not Event.objects.filter(typ="placering").exists()


def test_god_man_needs_its_own_law_and_writes_no_event(placering_user: Any) -> None:
    arende = _case(placering_user)
    with pytest.raises(ValidationError):
        services.placering_create(
            actor=placering_user,
            arende=arende,
            form="god_man",
            grund="SoL",
            anordnare="-",
            plats="-",
            start=D(2024, 10, 1),
            kostnad_per_dygn=Decimal("0"),
        )
    god_man = services.placering_create(
        actor=placering_user,
        arende=arende,
        form="god_man",
        grund="god_man_ekb",
        anordnare="Överförmyndaren",
        plats="God man Anna",
        start=D(2024, 10, 1),
        kostnad_per_dygn=Decimal("0"),
    )
    assert god_man.event_id is None


def test_costs_count_days_in_the_period_exactly(placering_user: Any) -> None:
    arende = _case(placering_user)
    services.placering_create(
        actor=placering_user,
        arende=arende,
        form="hvb",
        grund="SoL",
        anordnare="A",
        plats="B",
        start=D(2024, 10, 1),
        slut=D(2024, 12, 31),
        kostnad_per_dygn=Decimal("1428.57"),
    )
    (cost,) = selectors.placement_costs(
        user=placering_user, fran=D(2024, 10, 1), till=D(2024, 10, 31)
    )
    assert cost.dagar == 31
    assert cost.kostnad == Decimal("44285.67")


def test_lvu_placement_writes_its_ground(placering_user: Any) -> None:
    placering = services.placering_create(
        actor=placering_user,
        arende=_case(placering_user),
        form="hvb",
        grund="LVU",
        anordnare="A",
        plats="B",
        start=D(2024, 10, 1),
        kostnad_per_dygn=Decimal("100"),
    )
    assert Event.objects.get(pk=placering.event_id).grund == "LVU"


def test_placement_in_another_municipality_writes_it(placering_user: Any) -> None:
    placering = services.placering_create(
        actor=placering_user,
        arende=_case(placering_user),
        form="familjehem",
        grund="SoL",
        anordnare="A",
        plats="B",
        kommun="vingaker",
        start=D(2024, 10, 1),
        kostnad_per_dygn=Decimal("100"),
    )
    assert Event.objects.get(pk=placering.event_id).kommun == "vingaker"
