"""Hand-built data for the matching tests: a samordnare, a mapped newcomer, a place."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mottagning.accounts.models import User
from mottagning.matching import services
from mottagning.matching.models import Praktikplats
from mottagning.plans import services as plans
from mottagning.register.models import Municipality, Person
from tests.fixtures import newcomer, user_in


def samordnare(municipality: Municipality) -> User:
    return user_in(municipality, "integrationsavdelningen", roles=("samordnare",))


def mapped(
    user: User,
    *,
    svenska: str = "sfi_c",
    mal: str = "5120",
    korkort: str = "B",
    ort: str = "Alingsås",
    **person: Any,
) -> Person:
    someone = newcomer(user, **person)
    mapping = plans.kartlaggning_create(
        actor=user,
        person=someone,
        enhet=user.units.first(),  # type: ignore[arg-type]  # every test user has a unit
        mottagen=dt.date(2024, 3, 1),
        korkort=korkort,
    )
    services.kompetensprofil_set(
        actor=user, kartlaggning=mapping, svenska=svenska, utbildning="gymnasial", mal=mal, ort=ort
    )
    return someone


def place(actor: User, *, ssyk: str = "5120", kapacitet: int = 1, **kw: Any) -> Praktikplats:
    employer = services.arbetsgivare_create(actor=actor, namn="Restaurang Sjön", orgnr="5560360793")
    return services.praktikplats_create(
        actor=actor,
        arbetsgivare=employer,
        titel="Kockpraktik",
        ssyk=ssyk,
        ort="Alingsås",
        fran=dt.date(2024, 1, 1),
        kapacitet=kapacitet,
        **kw,
    )
