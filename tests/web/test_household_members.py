"""A person page names only the household members the user may see; the others are a number
(security probe 2026-11-29, finding 3)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from mottagning.register import services
from tests.fixtures import newcomer, unit, user_in

pytestmark = pytest.mark.django_db


def _household_with_hidden(alingsas, integration_user, hidden: int):
    household = services.household_create(
        actor=integration_user, unit=unit(alingsas, "integrationsavdelningen"), beteckning="Osman"
    )
    seen = newcomer(integration_user, household=household)
    sibling = newcomer(integration_user, fornamn="Nadia", household=household)
    other_unit = user_in(alingsas, "placeringsenheten")
    for i in range(hidden):
        services.person_create(
            actor=other_unit,
            unit=unit(alingsas, "placeringsenheten"),
            fornamn=f"Dold{i}",
            efternamn="Osman",
            fodelsedatum=dt.date(2012, 1, 1),
            household=household,
        )
    return seen, sibling


@pytest.mark.parametrize(
    ("hidden", "text"),
    [
        (0, None),
        (1, "1 person som du inte har behörighet att se"),
        (2, "2 personer som du inte har behörighet att se"),
    ],
)
def test_hidden_household_members_are_counted_not_named(
    alingsas, integration_user, hidden, text
) -> None:
    seen, sibling = _household_with_hidden(alingsas, integration_user, hidden)
    client = Client()
    client.force_login(integration_user)
    page = client.get(reverse("web:person", args=[seen.pk])).content.decode()
    assert reverse("web:person", args=[sibling.pk]) in page
    assert "Nadia" in page
    assert "Dold" not in page
    assert "behörighet att se" in page if text else "behörighet att se" not in page
    if text:
        assert text in page
