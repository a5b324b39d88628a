"""Every successful read of a person's record is logged exactly once; every failed one not at
all (issue 9, deliverable 8). The reads are registered by the selectors and written by
audit.middleware only once the response has succeeded."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mottagning.accounts.services import api_token_create
from mottagning.audit.models import PersonAccess
from mottagning.cases import selectors as case_selectors
from mottagning.register import selectors as reg
from tests.fixtures import newcomer, unit, user_in

pytestmark = pytest.mark.django_db


def _web(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _api(user) -> Client:
    _token, secret = api_token_create(user=user, namn="test")
    return Client(headers={"Authorization": f"Bearer {secret}"}, raise_request_exception=False)


def _rows() -> list[tuple[int, int, str, str]]:
    return [
        (r.user_id, r.person_id, r.kanal, r.sokvag) for r in PersonAccess.objects.order_by("id")
    ]


def _person_urls(person_id: int, event_id: int) -> list[str]:
    return [
        reverse("web:person", args=[person_id]),
        reverse("web:person_history", args=[person_id]),
        reverse("web:person_update", args=[person_id]),
        reverse("web:event_create", args=[person_id]),
        reverse("web:identity_create", args=[person_id]),
        reverse("web:event_delete", args=[person_id, event_id]),
    ]


def _api_urls(person_id: int) -> list[str]:
    return [
        f"/api/personer/{person_id}",
        f"/api/personer/{person_id}/handelser",
        f"/api/personer/{person_id}/ansvar?datum=2025-01-01",
    ]


def test_every_successful_read_is_logged_exactly_once(integration_user) -> None:
    person = newcomer(integration_user)
    event = person.handelser.first()
    web, api = _web(integration_user), _api(integration_user)
    expected = []
    for url in _person_urls(person.pk, event.pk):
        assert web.get(url).status_code == 200, url
        expected.append((integration_user.pk, person.pk, "webb", url))
    for url in _api_urls(person.pk):
        assert api.get(url).status_code == 200, url
        expected.append((integration_user.pk, person.pk, "api", url))
    assert _rows() == expected


def test_a_form_that_fails_validation_still_showed_the_record(integration_user) -> None:
    person = newcomer(integration_user)
    url = reverse("web:event_create", args=[person.pk])
    response = _web(integration_user).post(url, {"typ": "", "datum": ""})
    assert response.status_code == 200  # the form again, with the person's name and errors
    assert _rows() == [(integration_user.pk, person.pk, "webb", url)]


def test_refused_and_missing_reads_are_not_logged(alingsas, integration_user) -> None:
    person = newcomer(integration_user)
    event = person.handelser.first()
    outsider = user_in(alingsas, "vuxenenheten")
    strateg = user_in(alingsas, "integrationsavdelningen", roles=("strateg",))
    for user, status in ((outsider, 404), (strateg, 403)):
        web, api = _web(user), _api(user)
        for url in _person_urls(person.pk, event.pk):
            assert web.get(url).status_code == status, (user, url)
        for url in _api_urls(person.pk):
            assert api.get(url).status_code == status, (user, url)
    # A visible person with an event id that is not theirs: 404, nothing read.
    other = newcomer(integration_user, fornamn="Sara")
    url = reverse("web:event_delete", args=[other.pk, event.pk])
    assert _web(integration_user).get(url).status_code == 404
    assert _rows() == []


def test_a_request_that_fails_after_the_read_logs_nothing(integration_user, monkeypatch) -> None:
    person = newcomer(integration_user)

    def broken(**kwargs):
        raise RuntimeError("simulated failure after the record was read")

    monkeypatch.setattr(case_selectors, "person_overview", broken)
    monkeypatch.setattr(case_selectors, "person_route", broken)
    assert _web(integration_user).get(reverse("web:person", args=[person.pk])).status_code == 500
    api = _api(integration_user)
    assert api.get(f"/api/personer/{person.pk}/ansvar").status_code == 500
    assert _rows() == []


def test_an_api_write_refused_with_400_logs_nothing(integration_user) -> None:
    person = newcomer(integration_user)
    response = _api(integration_user).post(
        f"/api/personer/{person.pk}/handelser",
        {"typ": "mottagande", "datum": "1980-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert _rows() == []


def test_export_logs_every_person_once_and_a_failed_export_none(alingsas, monkeypatch) -> None:
    chef = user_in(alingsas, "integrationsavdelningen", roles=("enhetschef",))
    persons = [newcomer(chef, fornamn=n) for n in ("Amina", "Bilal", "Carin")]
    unit_id = unit(alingsas, "integrationsavdelningen").pk
    url = reverse("web:export", args=[unit_id, "csv"])
    assert _web(chef).get(url).status_code == 200
    assert sorted(_rows()) == sorted((chef.pk, p.pk, "export", url) for p in persons)
    PersonAccess.objects.all().delete()

    def broken(persons):
        raise ValueError("simulated failure while writing the file")

    monkeypatch.setattr("mottagning.register.imports.export_xlsx", broken)
    assert _web(chef).get(reverse("web:export", args=[unit_id, "xlsx"])).status_code == 500
    assert _rows() == []


def test_outside_a_request_the_selector_logs_at_once(integration_user) -> None:
    person = newcomer(integration_user)
    reg.person_get(user=integration_user, person_id=person.pk)
    assert _rows() == [(integration_user.pk, person.pk, "webb", "")]


# --- the request's transaction (audit.middleware) ----------------------------------------------


def _through_middleware(method: str, status: int, user, person) -> None:
    """A view that writes a record and reads a person, answering `status`, run through the
    read-log middleware as Django runs it."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from mottagning.audit.middleware import ReadLogMiddleware
    from mottagning.audit.services import person_read
    from mottagning.register.models import Household

    def view(request):
        Household.objects.create(
            municipality_id=person.municipality_id,
            beteckning="prov",
            registrerad_av_id=person.registrerad_av_id,
        )
        person_read(user=user, person=person)
        return HttpResponse(status=status)

    request = getattr(RequestFactory(), method.lower())("/personer/")
    ReadLogMiddleware(view)(request)


@pytest.mark.parametrize(("status", "kept"), [(200, True), (302, True), (400, None), (500, False)])
def test_a_write_request_commits_its_reads_with_its_writes_or_neither(
    integration_user, status, kept
) -> None:
    from mottagning.register.models import Household

    person = newcomer(integration_user)
    households = Household.objects.count()
    _through_middleware("POST", status, integration_user, person)
    logged = PersonAccess.objects.filter(person=person).count()
    written = Household.objects.count() - households
    if kept is None:
        # A refused request logs no read; what its services did stands (they are atomic).
        assert (logged, written) == (0, 1)
    else:
        # Both or neither: a server error rolls the request's writes back with its reads.
        assert (logged, written) == ((1, 1) if kept else (0, 0))


def test_a_reading_request_logs_in_one_statement(integration_user) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    person = newcomer(integration_user)
    with CaptureQueriesContext(connection) as queries:
        response = _api(integration_user).get(f"/api/personer/{person.pk}/ansvar")
    assert response.status_code == 200
    assert PersonAccess.objects.filter(person=person).count() == 1
    inserts = [q["sql"] for q in queries.captured_queries if "audit_personaccess" in q["sql"]]
    assert len(inserts) == 1
