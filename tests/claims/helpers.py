"""Builders shared by the claims tests: an ekonom, a child with a placement, a cost."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from mottagning.accounts.models import User
from mottagning.arenden import services as arenden_services
from mottagning.claims import services
from mottagning.claims.models import Kostnad
from mottagning.placements import services as placement_services
from mottagning.placements.models import Placering
from mottagning.register.models import Municipality, Person, Unit
from tests.fixtures import ekb, user_in

D = dt.date


def ekonom(municipality: Municipality) -> User:
    """An ekonom in the municipality's first unit: their economy is the municipality's."""
    first = Unit.objects.filter(municipality=municipality).order_by("pk").first()
    assert first is not None
    return user_in(municipality, first.kod, roles=("ekonom",))


def placed_child(user: User, *, start: dt.date = dt.date(2024, 10, 1), **kwargs: Any) -> Placering:
    child = ekb(user, born=D(2010, 4, 1), asyl=D(2024, 9, 1))
    arende = arenden_services.arende_create(
        actor=user,
        person=child,
        unit=user.units.first(),  # type: ignore[arg-type]
        typ="placering",
        oppnat=D(2024, 9, 25),
        handlaggare=user,
    )
    data: dict[str, Any] = {
        "form": "hvb",
        "grund": "LVU",
        "anordnare": "Solgården AB",
        "plats": "Solgården",
        "start": start,
        "kostnad_per_dygn": Decimal("2500.00"),
    }
    data.update(kwargs)
    return placement_services.placering_create(actor=user, arende=arende, **data)


def cost(actor: User, person: Person, **kwargs: Any) -> Kostnad:
    data: dict[str, Any] = {
        "enhet": person.registrerad_av,
        "slag": "ekonomiskt_bistand",
        "fran": D(2024, 10, 1),
        "till": D(2024, 10, 31),
        "belopp": Decimal("4321.50"),
    }
    data.update(kwargs)
    return services.kostnad_create(actor=actor, person=person, **data)
