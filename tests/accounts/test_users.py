"""Accounts through the interface: four eyes on every role and unit, the user's own password
through a one-time link, edit, deactivate and reactivate with history (issue 9, item 3)."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from mottagning.accounts import services
from mottagning.accounts.models import AccessGrant, ApiToken, User
from tests.fixtures import unit, user_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "ett-bra-och-langt-losenord"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _create(client: Client, alingsas, **extra) -> object:
    ia = unit(alingsas, "integrationsavdelningen")
    data = {
        "username": "ny.handlaggare",
        "roles": ["handlaggare"],
        "units": [str(ia.pk)],
        "reason": "Ny flyktingsekreterare från 1 december",
        **extra,
    }
    return client.post(reverse("accounts:users"), data)


def test_a_new_account_has_no_access_until_a_second_administrator_approves(alingsas) -> None:
    admin = user_in(alingsas, roles=("administrator",))
    second = user_in(alingsas, roles=("administrator",))
    assert _create(_client(admin), alingsas).status_code == 302
    user = User.objects.get(username="ny.handlaggare")
    assert user.municipality == alingsas
    assert not user.has_usable_password()  # the administratör never knows a password
    assert user.role_codes() == frozenset()
    assert user.unit_ids() == frozenset()
    grants = list(AccessGrant.objects.filter(user=user).order_by("id"))
    assert [(g.roll, g.unit_id, g.status, g.begard_av) for g in grants] == [
        ("handlaggare", None, "vantar", admin),
        ("", unit(alingsas, "integrationsavdelningen").pk, "vantar", admin),
    ]
    # The one who asked cannot approve, whatever the route.
    with pytest.raises(ValidationError):
        services.access_grant_decide(actor=admin, grant_id=grants[0].pk, approve=True)
    response = _client(admin).post(
        reverse("accounts:grants"), {"grant": grants[0].pk, "beslut": "godkann"}, follow=True
    )
    assert "En annan administratör" in response.content.decode()
    for grant in grants:
        _client(second).post(reverse("accounts:grants"), {"grant": grant.pk, "beslut": "godkann"})
    user = User.objects.get(pk=user.pk)
    assert user.role_codes() == {"handlaggare"}
    assert user.unit_ids() == {unit(alingsas, "integrationsavdelningen").pk}
    assert set(AccessGrant.objects.values_list("status", "beslutad_av")) == {("godkand", second.pk)}


def test_the_user_sets_their_own_password_through_a_one_time_link(alingsas) -> None:
    admin = user_in(alingsas, roles=("administrator",))
    second = user_in(alingsas, roles=("administrator",))
    _create(_client(admin), alingsas)
    user = User.objects.get(username="ny.handlaggare")
    # Whoever asked for the account's access does not also get the way in.
    refused = _client(admin).post(
        reverse("accounts:user", args=[user.pk]), {"action": "link"}, follow=True
    )
    assert "En annan administratör skapar engångslänken" in refused.content.decode()
    with pytest.raises(ValidationError):
        services.user_password_link(actor=admin, user=user)
    page = _client(second).post(reverse("accounts:user", args=[user.pk]), {"action": "link"})
    link = page.context["link"]
    path = link[link.index("/konto/") :]
    anonymous = Client()
    assert anonymous.get(path).status_code == 200
    weak = anonymous.post(path, {"password": "12345", "password_again": "12345"})
    assert weak.status_code == 200
    assert "field-error" in weak.content.decode()
    done = anonymous.post(path, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert done.status_code == 302
    assert User.objects.get(pk=user.pk).check_password(NEW_PASSWORD)
    # Used once: the link no longer works.
    assert anonymous.get(path).status_code == 404
    reasons = list(user.history.values_list("history_change_reason", flat=True))
    assert "Lösenord valt av användaren" in reasons
    assert "Engångslänk för lösenord skapad" in reasons


def test_an_administrator_cannot_set_a_password_or_grant_themself(alingsas) -> None:
    admin = user_in(alingsas, roles=("administrator",))
    with pytest.raises(ValidationError):
        services.user_create(
            actor=admin,
            username="egen",
            municipality=alingsas,
            roles=["handlaggare"],
            password=NEW_PASSWORD,
        )
    with pytest.raises(ValidationError):
        services.user_update(
            actor=admin,
            user=admin,
            first_name="",
            last_name="",
            roles=["administrator", "handlaggare"],
            units=[],
            reason="vill läsa akter",
        )
    assert admin.roller.count() == 1


def test_edit_removes_at_once_and_adds_through_approval(alingsas) -> None:
    admin = user_in(alingsas, roles=("administrator",))
    worker = user_in(alingsas, "integrationsavdelningen", roles=("handlaggare", "ekonom"))
    response = _client(admin).post(
        reverse("accounts:user", args=[worker.pk]),
        {
            "action": "update",
            "first_name": "Eva",
            "last_name": "Ek",
            "roles": ["handlaggare", "enhetschef"],
            "units": [str(unit(alingsas, "vuxenenheten").pk)],
            "reason": "Byter tjänst",
        },
    )
    assert response.status_code == 302
    worker = User.objects.get(pk=worker.pk)
    assert worker.get_full_name() == "Eva Ek"
    assert worker.role_codes() == {"handlaggare"}  # ekonom removed, enhetschef waits
    assert worker.unit_ids() == frozenset()  # integrationsavdelningen removed, vuxenenheten waits
    waiting = set(AccessGrant.objects.filter(user=worker, status="vantar").values_list("roll"))
    assert waiting == {("enhetschef",), ("",)}
    assert worker.history.first().history_change_reason == "Byter tjänst"


def test_deactivate_and_reactivate_with_history(alingsas) -> None:
    admin = user_in(alingsas, roles=("administrator",))
    worker = user_in(alingsas, "integrationsavdelningen")
    url = reverse("accounts:user", args=[worker.pk])
    missing_reason = _client(admin).post(url, {"action": "deactivate", "reason": ""})
    assert missing_reason.status_code == 200
    assert User.objects.get(pk=worker.pk).is_active
    _client(admin).post(url, {"action": "deactivate", "reason": "Slutat"})
    assert not User.objects.get(pk=worker.pk).is_active
    _client(admin).post(url, {"action": "reactivate", "reason": "Tillbaka efter tjänstledighet"})
    assert User.objects.get(pk=worker.pk).is_active
    rows = list(worker.history.order_by("history_id").values_list("is_active", "history_user"))
    assert rows[-2:] == [(False, admin.pk), (True, admin.pk)]
    page = _client(admin).get(url).content.decode()
    assert "Tillbaka efter tjänstledighet" in page


def test_the_revisor_sees_every_grant_and_cannot_decide(alingsas) -> None:
    admin = user_in(alingsas, roles=("administrator",))
    _create(_client(admin), alingsas)
    revisor = user_in(alingsas, roles=("revisor",))
    page = _client(revisor).get(reverse("accounts:grants"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ny flyktingsekreterare från 1 december" in html
    assert admin.username in html
    grant = AccessGrant.objects.first()
    response = _client(revisor).post(
        reverse("accounts:grants"), {"grant": grant.pk, "beslut": "godkann"}
    )
    assert response.status_code == 403
    handlaggare = user_in(alingsas, "integrationsavdelningen")
    assert _client(handlaggare).get(reverse("accounts:grants")).status_code == 403


def test_foreign_unit_is_refused(alingsas, vingaker) -> None:
    admin = user_in(alingsas, roles=("administrator",))
    response = _create(
        _client(admin), alingsas, units=[str(unit(vingaker, "integrationsenheten").pk)]
    )
    assert response.status_code == 200
    assert "Det finns fel i formuläret" in response.content.decode()
    assert not User.objects.filter(username="ny.handlaggare").exists()


def test_only_administrators_manage_users(alingsas, vingaker) -> None:
    client = Client()
    client.force_login(user_in(alingsas, "integrationsavdelningen"))
    assert client.get(reverse("accounts:users")).status_code == 403
    other = user_in(vingaker, roles=("revisor",))
    admin = _client(user_in(alingsas, roles=("administrator",)))
    html = admin.get(reverse("accounts:users")).content.decode()
    assert "Vingåker" not in html
    assert html.count("<tr><td>") == User.objects.filter(municipality=alingsas).count()
    assert admin.get(reverse("accounts:user", args=[other.pk])).status_code == 404


def test_tokens_and_second_factor_keep_history(integration_user) -> None:
    token, _secret = services.api_token_create(user=integration_user, namn="system")
    services.api_token_revoke(user=integration_user, token_id=token.pk)
    assert [h.history_type for h in token.history.order_by("history_id")] == ["+", "~"]
    assert ApiToken.objects.get(pk=token.pk).aterkallad is not None
    response = _client(integration_user).post(reverse("accounts:api_tokens"), {"revoke": "abc"})
    assert response.status_code == 404
    device = services.totp_device_start(user=integration_user)
    services.totp_device_start(user=integration_user)
    history = device.history.model.objects.filter(user_id=integration_user.pk)
    assert sorted(h.history_type for h in history) == ["+", "+", "-"]
    assert all(h.history_user_id == integration_user.pk for h in history)


def test_api_key_help_shows_the_placeholder_escaped(integration_user) -> None:
    html = _client(integration_user).get(reverse("accounts:api_tokens")).content.decode()
    assert "Bearer &lt;nyckel&gt;" in html
    assert reverse("api:openapi-view") in html
