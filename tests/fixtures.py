"""Fixtures shared by the Django apps' tests: real municipality profiles and users per role."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from mottagning.accounts.models import User
from mottagning.followup import services as followup
from mottagning.followup.models import Indikator, Mal
from mottagning.register import services
from mottagning.register.models import Committee, Municipality, Person, Unit
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def swedish() -> Iterator[None]:
    """Every test starts in Swedish, the interface's first language: a request through the test
    client leaves the language it chose active in the thread, so an English page test would
    otherwise decide the language of the tests that run after it."""
    with translation.override("sv"):
        yield


@pytest.fixture
def alingsas(db: Any) -> Municipality:
    return services.municipality_load_profile(kod="alingsas")


@pytest.fixture
def vingaker(db: Any) -> Municipality:
    return services.municipality_load_profile(kod="vingaker")


def unit(municipality: Municipality, kod: str) -> Unit:
    return Unit.objects.get(municipality=municipality, kod=kod)


def user_in(
    municipality: Municipality, *kods: str, roles: tuple[str, ...] = ("handlaggare",)
) -> User:
    user: User = UserFactory(
        municipality=municipality, units=[unit(municipality, k) for k in kods], roles=list(roles)
    )
    return user


@pytest.fixture
def integration_user(alingsas: Municipality) -> User:
    return user_in(alingsas, "integrationsavdelningen")


@pytest.fixture
def placering_user(alingsas: Municipality) -> User:
    return user_in(alingsas, "placeringsenheten")


def newcomer(user: User, *, mottagen: dt.date = dt.date(2024, 3, 1), **kwargs: Any) -> Person:
    """An adult with PUT, anvisad to and received in the user's municipality."""
    kommun = user.municipality.kod  # type: ignore[union-attr]
    data: dict[str, Any] = {
        "fornamn": "Amina",
        "efternamn": "Hassan",
        "fodelsedatum": dt.date(1990, 5, 10),
        "events": [
            {"typ": "asylansokan", "datum": mottagen - dt.timedelta(days=400)},
            {
                "typ": "uppehallstillstand",
                "datum": mottagen - dt.timedelta(days=60),
                "tillstand": "PUT",
            },
            {"typ": "anvisning", "datum": mottagen - dt.timedelta(days=30), "kommun": kommun},
            {"typ": "mottagande", "datum": mottagen},
        ],
    }
    data.update(kwargs)
    return services.person_create(actor=user, unit=user.units.first(), **data)


def ekb(user: User, *, born: dt.date, asyl: dt.date, **kwargs: Any) -> Person:
    """An unaccompanied asylum-seeking child anvisad to the user's municipality."""
    kommun = user.municipality.kod  # type: ignore[union-attr]
    data: dict[str, Any] = {
        "fornamn": "Omar",
        "efternamn": "Ali",
        "fodelsedatum": born,
        "ensamkommande": True,
        "events": [
            {"typ": "asylansokan", "datum": asyl},
            {"typ": "anvisning", "datum": asyl + dt.timedelta(days=20), "kommun": kommun},
        ],
    }
    data.update(kwargs)
    return services.person_create(actor=user, unit=user.units.first(), **data)


def followup_goal(user: User) -> Mal:
    """A long-term goal owned by the municipality's UN, as Alingsås's EFFEKT plan sets one."""
    return followup.mal_create(
        actor=user,
        niva="langsiktigt",
        titel="Snabb etablering",
        agare_namnd=Committee.objects.get(municipality=user.municipality, kod="un"),
        giltig_fran=dt.date(2018, 1, 1),
    )


def kolada_indicator(user: User, goal: Mal) -> Indikator:
    """A manual indicator of `goal` that a Kolada file fills: its key is U00001."""
    return followup.indikator_create(
        actor=user,
        mal=goal,
        namn="Nöjda deltagare",
        enhet="procent",
        riktning="hogre",
        kalla_typ="manuell",
        kolada_kpi="U00001",
    )
