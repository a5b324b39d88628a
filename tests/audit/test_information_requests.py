"""No existence oracle for identity numbers across units: a general answer, a logged attempt,
and a begäran om uppgifter decided by the holding unit (security probe 2026-11-29, finding 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from mottagning.accounts.services import api_token_create
from mottagning.audit.models import IdentityConflict, InformationRequest
from mottagning.audit.services import information_request_create, information_request_decide
from mottagning.register import services
from mottagning.register.models import Person
from tests.factories import personnummer
from tests.fixtures import newcomer, unit, user_in

pytestmark = pytest.mark.django_db

NUMBER = personnummer("19900510")
BLOCKED = "Numret kan inte användas här."


@pytest.fixture
def holder(alingsas, placering_user):
    # No events yet: only the registering unit (Placeringsenheten) may see the person.
    return services.person_create(
        actor=placering_user,
        unit=unit(alingsas, "placeringsenheten"),
        fornamn="Hemlig",
        efternamn="Person",
        fodelsedatum=dt.date(1990, 5, 10),
        identity_list=[("personnummer", NUMBER)],
    )


def _web(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_web_form_gives_the_general_answer_and_logs_the_attempt(
    alingsas, integration_user, holder
) -> None:
    response = _web(integration_user).post(
        reverse("web:person_create"),
        {
            "unit": unit(alingsas, "integrationsavdelningen").pk,
            "fornamn": "Test",
            "efternamn": "Testsson",
            "fodelsedatum": "1990-05-10",
            "identitetstyp": "personnummer",
            "identitet": NUMBER,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert BLOCKED in page
    assert holder.fornamn not in page
    conflict = IdentityConflict.objects.get()
    assert (conflict.user, conflict.person, conflict.kanal) == (integration_user, holder, "webb")
    assert Person.objects.count() == 1  # the new person was rolled back


def test_the_api_and_the_identity_form_answer_the_same(alingsas, integration_user, holder) -> None:
    _token, secret = api_token_create(user=integration_user, namn="t")
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    response = api.post(
        "/api/personer",
        {
            "enhet_id": unit(alingsas, "integrationsavdelningen").pk,
            "fornamn": "A",
            "efternamn": "B",
            "fodelsedatum": "1990-05-10",
            "identitetstyp": "personnummer",
            "identitet": NUMBER,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert BLOCKED in response.json()["detail"]["varde"][0]
    own = newcomer(integration_user)
    form = _web(integration_user).post(
        reverse("web:identity_create", args=[own.pk]), {"typ": "personnummer", "varde": NUMBER}
    )
    assert BLOCKED in form.content.decode()
    assert list(IdentityConflict.objects.order_by("id").values_list("kanal", flat=True)) == [
        "api",
        "webb",
    ]


def test_a_number_that_is_not_registered_and_a_visible_holder_are_told_apart(
    integration_user,
) -> None:
    mine = newcomer(integration_user, identity_list=[("personnummer", NUMBER)])
    other = newcomer(integration_user, fornamn="Sara")
    with pytest.raises(ValidationError) as raised:
        services.identity_add(
            actor=integration_user, person=other, typ="personnummer", varde=NUMBER
        )
    assert f"finns redan hos {mine}" in str(raised.value)
    assert not IdentityConflict.objects.exists()


def test_an_import_gives_the_general_answer_and_logs_it(alingsas, integration_user, holder) -> None:
    from tests.register.test_imports import csv_bytes

    content = csv_bytes(
        [
            {
                "ref": "1",
                "fornamn": "X",
                "efternamn": "Y",
                "fodelsedatum": "1990-05-10",
                "identitetstyp": "personnummer",
                "identitet": NUMBER,
                "handelse": "asylansokan",
                "datum": "2023-01-10",
            }
        ]
    )
    client = _web(integration_user)
    response = client.post(
        reverse("web:import_upload"),
        {
            "fil": SimpleUploadedFile("f.csv", content),
            "unit": unit(alingsas, "integrationsavdelningen").pk,
        },
        follow=True,
    )
    page = response.content.decode()
    assert BLOCKED in page
    assert holder.fornamn not in page
    assert IdentityConflict.objects.get().kanal == "import"


def test_a_begaran_is_made_decided_by_the_holding_unit_and_discloses_only_where(
    alingsas, integration_user, holder
) -> None:
    _web(integration_user).post(
        reverse("web:identity_create", args=[newcomer(integration_user).pk]),
        {"typ": "personnummer", "varde": NUMBER},
    )
    conflict = IdentityConflict.objects.get()
    handlaggare_may_not = integration_user
    with pytest.raises(PermissionDenied):
        information_request_create(
            actor=handlaggare_may_not, conflict=conflict, rattslig_grund="osl_10_2", motivering="x"
        )
    chef = user_in(alingsas, "integrationsavdelningen", roles=("enhetschef",))
    client = _web(chef)
    assert (
        reverse("web:osl_request_create", args=[conflict.pk])
        in client.get(reverse("web:osl_requests")).content.decode()
    )
    response = client.post(
        reverse("web:osl_request_create", args=[conflict.pk]),
        {"rattslig_grund": "osl_10_2", "motivering": "Samma person söker försörjningsstöd."},
    )
    assert response.status_code == 302
    begaran = InformationRequest.objects.get()
    # Nobody without sight of the person can decide, nor the requester.
    with pytest.raises(PermissionDenied):
        information_request_decide(actor=chef, request=begaran, bevilja=True, motivering="x")
    holder_chef = user_in(alingsas, "placeringsenheten", roles=("enhetschef",))
    decide_url = reverse("web:osl_request_decide", args=[begaran.pk])
    assert _web(holder_chef).get(decide_url).status_code == 200
    assert _web(chef).get(decide_url).status_code == 404
    response = _web(holder_chef).post(
        decide_url, {"beslut": "bevilja", "motivering": "Nödvändigt för försörjningsstödet."}
    )
    assert response.status_code == 302
    begaran.refresh_from_db()
    assert (begaran.status, begaran.beslutad_av) == ("beviljad", holder_chef)
    page = client.get(reverse("web:osl_requests")).content.decode()
    assert f"Numret tillhör {holder}" in page
    assert "Placeringsenheten" in page
    with pytest.raises(ValidationError):
        information_request_decide(
            actor=holder_chef, request=begaran, bevilja=False, motivering="ändrat"
        )
    # Who asked, on what basis, and who decided is in the history.
    assert [h.history_user for h in begaran.history.order_by("history_id")] == [
        chef,
        holder_chef,
    ]
    # The revisor follows every request of the municipality.
    revisor = user_in(alingsas, roles=("revisor",))
    assert (
        "Nödvändigt för försörjningsstödet."
        in _web(revisor).get(reverse("web:osl_requests")).content.decode()
    )
