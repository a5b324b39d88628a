"""register.search: numbers in any common form, and only within the queryset it is given."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from mottagning.accounts.services import api_token_create
from mottagning.register.models import Person
from mottagning.register.search import search
from tests.factories import personnummer
from tests.fixtures import newcomer

pytestmark = pytest.mark.django_db

PNR = personnummer("20050101")


@pytest.fixture
def person(integration_user: Any) -> Person:
    return newcomer(
        integration_user,
        fodelsedatum=dt.date(2005, 1, 1),
        identity_list=[("personnummer", PNR), ("reservnummer", "19800101AB12")],
    )


@pytest.mark.parametrize(
    ("query", "found"),
    [
        (PNR[2:].replace("-", ""), True),  # ÅÅMMDDNNNN of someone born in the 2000s
        (PNR, True),
        ("19800101-ab12", True),  # a Skåne-style reservnummer, any case and hyphen
        ("0501012", False),  # seven digits are a dossiernummer, not part of a personnummer
        ("Hassan", True),
        ("Nobody", False),
    ],
)
def test_search_forms(person: Person, query: str, found: bool) -> None:
    assert (person in search(Person.objects.all(), query)) is found


def test_search_narrows_and_never_widens(person: Person) -> None:
    assert list(search(Person.objects.none(), PNR)) == []


def test_the_api_searches_the_same_way(person: Person, integration_user: Any) -> None:
    _token, secret = api_token_create(user=integration_user, namn="t")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    items = client.get("/api/personer", {"q": PNR[2:]}).json()["items"]
    assert [i["id"] for i in items] == [person.pk]
