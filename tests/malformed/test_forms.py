"""Malformed form posts and page addresses (forms.jsonl): a page with the error, 400, 403 or
404, never 5xx, and nothing written."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.fixtures import newcomer, unit, user_in
from tests.malformed.conftest import cases

CASES = cases("forms.jsonl")
BAD_FORM = "Rätta felen"  # the error summary every register form shows (form_page.html)


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 50


@pytest.fixture
def setup(alingsas: Any) -> dict[str, Any]:
    user = user_in(alingsas, "integrationsavdelningen")
    person = newcomer(user)
    client = Client()
    client.force_login(user)
    return {
        "client": client,
        "fill": {
            "{person}": str(person.pk),
            "{unit_id}": str(unit(alingsas, "integrationsavdelningen").pk),
        },
    }


def _fill(value: str, fill: dict[str, str]) -> str:
    for key, v in fill.items():
        value = value.replace(key, v)
    return value


@pytest.mark.parametrize("case", CASES, ids=[c["note"] for c in CASES])
def test_malformed_form_or_address(
    case: dict[str, Any], setup: dict[str, Any], unchanged: None
) -> None:
    fill = setup["fill"]
    client: Client = setup["client"]
    path = _fill(case["path"], fill)
    if case["method"] == "GET":
        response = client.get(path)
    elif "raw" in case:
        response = client.post(
            path,
            data=_fill(case["raw"], fill),
            content_type="application/x-www-form-urlencoded",
        )
    else:
        data = {k: _fill(v, fill) for k, v in case.get("data", {}).items()}
        response = client.post(path, data=data)
    assert response.status_code in {200, 400, 403, 404}, response.status_code
    assert b"Traceback" not in response.content
