"""The person list: search by name and by identity numbers in any common form, filters and
sortable columns, only among persons the user may see."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mottagning.accounts.services import api_token_create
from mottagning.plans import services as plan_services
from mottagning.register.search import QUERY_MAX_LENGTH
from mottagning.web.person_search import person_filter
from tests.factories import personnummer, samordningsnummer
from tests.fixtures import ekb, newcomer, user_in

pytestmark = pytest.mark.django_db

PNR = personnummer("19900510")  # ÅÅÅÅMMDD-NNNC
SAMNR = samordningsnummer("19850203")


@pytest.fixture
def people(alingsas: Any, integration_user: Any) -> dict[str, Any]:
    received = timezone.localdate() - dt.timedelta(days=100)
    amina = newcomer(
        integration_user,
        mottagen=received,
        identity_list=[("personnummer", PNR), ("dossiernummer", "12345678")],
    )
    karim = newcomer(
        integration_user,
        mottagen=received,
        fornamn="Karim",
        efternamn="Haddad",
        fodelsedatum=dt.date(1985, 2, 3),
        identity_list=[("samordningsnummer", SAMNR), ("dossiernummer", "7654321")],
    )
    return {"amina": amina, "karim": karim}


def _names(user: Any, **data: Any) -> list[str]:
    result = person_filter(user=user, data=data, today=timezone.localdate())
    return [p.fornamn for p in result.persons]


@pytest.mark.parametrize(
    "query",
    [
        PNR,  # 19900510-NNNC
        PNR.replace("-", ""),  # 199005101NNC
        PNR[2:],  # 900510-NNNC
        PNR[2:].replace("-", ""),  # 900510NNNC
        PNR[2:].replace("-", "+"),  # 900510+NNNC (written so after the 100th birthday)
        f"{PNR[:4]} {PNR[4:6]} {PNR[6:8]} {PNR[9:]}",  # with spaces
        "12345678",  # dossiernummer
        "12 345 678",
        "1234-5678",
        "123456781",  # the LMA card's number: the dossier number and one digit more
        "amina",
        "Hassan Amina",
    ],
)
def test_search_finds_amina_by_any_common_form(
    people: dict[str, Any], integration_user: Any, query: str
) -> None:
    assert _names(integration_user, q=query) == ["Amina"]


@pytest.mark.parametrize("query", [SAMNR, SAMNR[2:], SAMNR.replace("-", ""), "7654321"])
def test_search_finds_a_samordningsnummer_and_a_seven_digit_dossier(
    people: dict[str, Any], integration_user: Any, query: str
) -> None:
    assert _names(integration_user, q=query) == ["Karim"]


def test_search_never_reaches_persons_the_user_may_not_see(
    alingsas: Any, people: dict[str, Any]
) -> None:
    other = user_in(alingsas, "placeringsenheten")
    assert _names(other, q=PNR) == []
    assert _names(other, q="Amina") == []
    response = _client(other).get(reverse("web:person_search"), {"q": PNR})
    assert "Amina" not in response.content.decode()


def test_filters_by_target_group_phase_and_status(alingsas: Any, people: dict[str, Any]) -> None:
    user = user_in(alingsas, "integrationsavdelningen", "placeringsenheten")
    today = timezone.localdate()
    ekb(user, born=today - dt.timedelta(days=365 * 15), asyl=today - dt.timedelta(days=100))
    assert _names(user, malgrupp="ekb") == ["Omar"]
    assert sorted(_names(user, malgrupp="nyanlanda")) == ["Amina", "Karim"]
    assert _names(user, fas="asyltid") == ["Omar"]
    assert _names(user, status="asylsokande") == ["Omar"]
    assert sorted(_names(user, status="put")) == ["Amina", "Karim"]


def test_filters_by_the_handlaggare_of_an_open_plan_or_mapping(
    alingsas: Any, people: dict[str, Any], integration_user: Any
) -> None:
    colleague = user_in(alingsas, "integrationsavdelningen")
    plan = plan_services.plan_create(
        actor=integration_user,
        person=people["karim"],
        enhet=integration_user.units.first(),
        upprattad=dt.date(2024, 3, 1),
        mal="Eget företag",
        handlaggare=colleague,
    )
    assert _names(integration_user, handlaggare=str(colleague.pk)) == ["Karim"]
    plan_services.plan_update(
        actor=integration_user,
        plan=plan,
        mal=plan.mal,
        handlaggare=colleague,
        avslutad=dt.date(2024, 12, 1),
    )
    assert _names(integration_user, handlaggare=str(colleague.pk)) == []


def test_filters_and_sorts_by_deadlines(
    alingsas: Any, people: dict[str, Any], integration_user: Any
) -> None:
    today = timezone.localdate()
    for person, due in ((people["amina"], -1), (people["karim"], 0)):
        plan = plan_services.plan_create(
            actor=integration_user,
            person=person,
            enhet=integration_user.units.first(),
            upprattad=today - dt.timedelta(days=60),
            mal="Arbete",
        )
        plan_services.aktivitet_create(
            actor=integration_user,
            plan=plan,
            slag="praktik",
            partner="Arbetsförmedlingen",
            forfaller=today + dt.timedelta(days=due),
        )
    assert _names(integration_user, frist="forsenad") == ["Amina"]
    assert _names(integration_user, frist="snart") == ["Karim"]
    assert _names(integration_user, sortera="frist") == ["Amina", "Karim"]
    assert _names(integration_user, sortera="frist", riktning="ner") == ["Karim", "Amina"]


def test_sortable_columns_on_the_page(people: dict[str, Any], integration_user: Any) -> None:
    client = _client(integration_user)
    html = client.get(reverse("web:person_search"), {"sortera": "namn"}).content.decode()
    assert html.index("Haddad") < html.index("Hassan")
    assert 'aria-sort="ascending"' in html
    html = client.get(
        reverse("web:person_search"), {"sortera": "namn", "riktning": "ner"}
    ).content.decode()
    assert html.index("Hassan") < html.index("Haddad")
    assert 'aria-sort="descending"' in html
    html = client.get(reverse("web:person_search"), {"fas": "ingen-sadan"}).content.decode()
    assert "error-message" in html  # an unknown choice is explained, not a 500


def test_a_search_longer_than_the_bound_is_explained_on_the_page_and_refused_by_the_api(
    people: dict[str, Any], integration_user: Any
) -> None:
    client = _client(integration_user)
    longest = "Hassan".ljust(QUERY_MAX_LENGTH, " ")
    assert "Hassan" in client.get(reverse("web:person_search"), {"q": longest}).content.decode()
    response = client.get(reverse("web:person_search"), {"q": "x" * 60_000})
    assert response.status_code == 200
    assert "q" in response.context["form"].errors
    assert "error-message" in response.content.decode()
    _token, secret = api_token_create(user=integration_user, namn="sök")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get("/api/personer", {"q": "x" * (QUERY_MAX_LENGTH + 1)}).status_code == 422
    assert api.get("/api/personer", {"q": longest}).status_code == 200


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_deadline_filter_asks_the_configured_providers(
    people: dict[str, Any], integration_user: Any, settings: Any
) -> None:
    settings.MOTTAGNING_DEADLINE_PROVIDERS = ["tests.web.test_person_search.one_overdue"]
    assert _names(integration_user, frist="forsenad") == ["Karim"]


def one_overdue(*, user: Any, today: dt.date) -> list[Any]:
    """A provider as another app would write it (duck-typed Deadline)."""
    from types import SimpleNamespace

    from mottagning.register.models import Person

    karim = Person.objects.get(fornamn="Karim")
    return [SimpleNamespace(person_id=karim.pk, due=today - dt.timedelta(days=1))]


def test_filters_by_the_handlaggare_of_an_open_case(
    alingsas: Any, people: dict[str, Any], integration_user: Any
) -> None:
    from mottagning.arenden import services as case_services
    from mottagning.arenden.models import ARENDE_TYPES

    colleague = user_in(alingsas, "integrationsavdelningen")
    case = case_services.arende_create(
        actor=integration_user,
        person=people["amina"],
        unit=integration_user.units.first(),
        typ=ARENDE_TYPES[0][0],
        oppnat=timezone.localdate(),
        handlaggare=colleague,
    )
    assert _names(integration_user, handlaggare=str(colleague.pk)) == ["Amina"]
    case_services.arende_close(
        actor=integration_user, arende=case, avslutat=timezone.localdate(), reason="Klart"
    )
    assert _names(integration_user, handlaggare=str(colleague.pk)) == []
