import pytest
from django.test import Client
from django.urls import reverse

from mottagning.accounts.models import User
from tests.fixtures import unit, user_in

pytestmark = pytest.mark.django_db


def admin_client(municipality) -> Client:
    client = Client()
    client.force_login(user_in(municipality, roles=("administrator",)))
    return client


def test_administrator_creates_a_user_in_own_municipality(alingsas) -> None:
    ia = unit(alingsas, "integrationsavdelningen")
    response = admin_client(alingsas).post(
        reverse("accounts:users"),
        {
            "username": "ny.handlaggare",
            "password": "ett-bra-och-langt-losenord",
            "roles": ["handlaggare"],
            "units": [str(ia.pk)],
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="ny.handlaggare")
    assert user.municipality == alingsas
    assert user.role_codes() == {"handlaggare"}
    assert user.unit_ids() == {ia.pk}


def test_weak_password_and_foreign_unit_are_refused(alingsas, vingaker) -> None:
    client = admin_client(alingsas)
    response = client.post(
        reverse("accounts:users"),
        {
            "username": "svag",
            "password": "12345",
            "roles": ["handlaggare"],
            "units": [str(unit(vingaker, "integrationsenheten").pk)],
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Det finns fel i formuläret" in html
    assert not User.objects.filter(username="svag").exists()


def test_only_administrators_manage_users(alingsas, vingaker) -> None:
    client = Client()
    client.force_login(user_in(alingsas, "integrationsavdelningen"))
    assert client.get(reverse("accounts:users")).status_code == 403
    user_in(vingaker, roles=("revisor",))
    html = admin_client(alingsas).get(reverse("accounts:users")).content.decode()
    assert "Vingåker" not in html
    assert html.count("<tr><td>") == User.objects.filter(municipality=alingsas).count()
