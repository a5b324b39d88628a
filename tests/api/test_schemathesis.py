"""The API against its own OpenAPI schema (issue 9): schemathesis generates requests for every
operation, valid and invalid, and checks each answer. 0 server errors and 0 status codes the
schema does not list; bounded so the whole file runs in well under a few minutes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from mottagning.accounts.models import EKONOM, ENHETSCHEF, HANDLAGGARE, SAMORDNARE, STRATEG
from mottagning.accounts.services import api_token_create
from mottagning.api.api import api
from tests.fixtures import newcomer, user_in

pytestmark = pytest.mark.django_db


# The schema as the API publishes it (no database needed), called in process through WSGI.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def _keep_connection() -> Iterator[None]:
    # A WSGI request closes the database connection when it ends; the test's transaction
    # lives on it. Django's own test client keeps it open the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def real(alingsas: Any) -> dict[str, Any]:
    """A user's token, and a person and unit the user may see: something real to find. The
    user holds every role that opens an operation (economy, follow-up, coordination and the
    unit head's besides case work): with one role, the others' operations answered every
    request that passed the schema with 403, so their services never saw generated data."""
    user = user_in(
        alingsas,
        "integrationsavdelningen",
        roles=(HANDLAGGARE, ENHETSCHEF, EKONOM, STRATEG, SAMORDNARE),
    )
    person = newcomer(user)
    _token, secret = api_token_create(user=user, namn="schemathesis")
    return {"token": secret, "person_id": person.pk, "unit_id": user.units.get().pk}


# Per operation. `make test` runs the suite three times in CI, and the API has over a hundred
# operations: 20 fixed examples each keep this file near a minute and a half; `make proptest`
# (MOTTAGNING_HYPOTHESIS=lang) runs 200 each.
EXAMPLES = 200 if os.environ.get("MOTTAGNING_HYPOTHESIS") == "lang" else 20


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,  # the same examples on every run: CI must not be flaky
    derandomize=True,
)
def test_api_conforms_to_its_schema(case: Any, real: dict[str, Any]) -> None:
    # A generated id almost never names a row, so every request would stop at 404; numeric ids
    # are pointed at the real person and unit (ids out of range are in tests/malformed/).
    for name, value in (case.path_parameters or {}).items():
        if name in real and isinstance(value, int):
            case.path_parameters[name] = real[name]
    case.call_and_validate(
        headers={"Authorization": f"Bearer {real['token']}", "Host": "testserver"},
        # Data the schema allows may still be refused with 400: whether a timeline can happen
        # (a permit before the asylum application, say) is the rules core's, not JSON Schema's.
        # Unknown query parameters are ignored, as on any web page, so "invalid" requests that
        # only add one are answered; the malformed-input corpus checks real rejections.
        excluded_checks=[positive_data_acceptance, negative_data_rejection],
    )
