import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mottagning.audit.models import PersonAccess
from mottagning.audit.selectors import access_log_list
from tests.factories import personnummer
from tests.fixtures import newcomer, user_in

pytestmark = pytest.mark.django_db


def test_every_view_of_a_person_is_logged(integration_user) -> None:
    person = newcomer(integration_user)
    client = Client()
    client.force_login(integration_user)
    assert client.get(reverse("web:person", args=[person.pk])).status_code == 200
    assert client.get(reverse("web:person_history", args=[person.pk])).status_code == 200
    rows = list(PersonAccess.objects.order_by("id"))
    assert [(r.user, r.person, r.kanal) for r in rows] == [(integration_user, person, "webb")] * 2
    assert rows[0].sokvag == reverse("web:person", args=[person.pk])
    assert rows[1].sokvag == reverse("web:person_history", args=[person.pk])


def test_a_refused_view_is_not_a_read(alingsas, integration_user) -> None:
    person = newcomer(integration_user)
    outsider = user_in(alingsas, "vuxenenheten")
    client = Client()
    client.force_login(outsider)
    assert client.get(reverse("web:person", args=[person.pk])).status_code == 404
    assert not PersonAccess.objects.exists()


def test_revisor_reads_and_filters_the_log(alingsas, integration_user, vingaker) -> None:
    person = newcomer(integration_user)
    other = user_in(alingsas, "integrationsavdelningen")
    for user in (integration_user, other, integration_user):
        client = Client()
        client.force_login(user)
        client.get(reverse("web:person", args=[person.pk]))
    revisor = user_in(alingsas, roles=("revisor",))
    assert access_log_list(user=revisor).count() == 3
    assert access_log_list(user=revisor, username=other.username).count() == 1
    assert access_log_list(user=revisor, person_id=person.pk, kanal="api").count() == 0
    today = timezone.localdate()
    assert (
        access_log_list(
            user=revisor, fran=today - dt.timedelta(days=1), till=today + dt.timedelta(days=1)
        ).count()
        == 3
    )
    # A revisor in another municipality sees none of it.
    assert access_log_list(user=user_in(vingaker, roles=("revisor",))).count() == 0

    client = Client()
    client.force_login(revisor)
    response = client.get(reverse("web:access_log"), {"anvandare": other.username})
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 läsning" in html
    assert other.username in html


def test_only_revisor_reads_the_log(integration_user) -> None:
    with pytest.raises(PermissionDenied):
        access_log_list(user=integration_user)
    client = Client()
    client.force_login(integration_user)
    assert client.get(reverse("web:access_log")).status_code == 403


def test_revisor_finds_reads_by_name_identity_number_and_the_users_name(
    alingsas, integration_user
) -> None:
    from mottagning.register import services

    amina = newcomer(integration_user)
    other = newcomer(integration_user, fornamn="Omar", efternamn="Ali")
    number = personnummer("19900510")
    services.identity_add(actor=integration_user, person=amina, typ="personnummer", varde=number)
    integration_user.first_name, integration_user.last_name = "Karin", "Lund"
    integration_user.save()
    client = Client()
    client.force_login(integration_user)
    for person in (amina, other):
        client.get(reverse("web:person", args=[person.pk]))
    revisor = user_in(alingsas, roles=("revisor",))
    assert access_log_list(user=revisor, person_query="Hassan").count() == 1
    # The number as people write it: ten digits with a hyphen.
    written = f"{number[2:8]}-{number[8:]}"
    assert access_log_list(user=revisor, person_query=written).get().person == amina
    assert access_log_list(user=revisor, username="lund").count() == 2
    assert access_log_list(user=revisor, username="Persson").count() == 0

    reader = Client()
    reader.force_login(revisor)
    html = reader.get(reverse("web:access_log"), {"person": "Omar Ali"}).content.decode()
    assert "1 läsning" in html
    assert "Karin Lund" in html
    html = reader.get(
        reverse("web:access_log"), {"fran": "2026-02-01", "till": "2026-01-01"}
    ).content.decode()
    assert "är före från och med" in html
    assert "error-summary" in html
