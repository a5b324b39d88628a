"""Malformed API requests (api.jsonl): 400/401/403/404/405/422 with JSON, never 5xx."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from mottagning.accounts.services import api_token_create
from tests.fixtures import newcomer, unit, user_in
from tests.malformed.conftest import cases, text

CASES = cases("api.jsonl")


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 100


@pytest.fixture
def setup(alingsas: Any) -> dict[str, Any]:
    user = user_in(alingsas, "integrationsavdelningen")
    person = newcomer(user)
    _token, secret = api_token_create(user=user, namn="corpus")
    return {
        "client": Client(headers={"Authorization": f"Bearer {secret}"}),
        "fill": {
            "{person}": str(person.pk),
            "{unit}": str(unit(alingsas, "integrationsavdelningen").pk),
            "{unit_id}": str(unit(alingsas, "integrationsavdelningen").pk),
        },
    }


def _fill(value: str, fill: dict[str, str]) -> str:
    for key, v in fill.items():
        value = value.replace(key, v)
    return value


@pytest.mark.parametrize("case", CASES, ids=[c["note"] for c in CASES])
def test_malformed_api_request(
    case: dict[str, Any], setup: dict[str, Any], unchanged: None
) -> None:
    fill = setup["fill"]
    path = _fill(case["path"], fill)
    if "raw" in case:
        body = _fill(text(case["raw"]), fill)
    elif "body" in case:
        body = _fill(json.dumps(case["body"]), fill).replace(
            '"' + fill["{unit_id}"] + '"', fill["{unit_id}"]
        )
    else:
        body = None
    client: Client = setup["client"]
    method = getattr(client, case["method"].lower())
    response = (
        method(path, data=body.encode("utf-8", "surrogatepass"), content_type="application/json")
        if body is not None
        else method(path)
    )
    # "ok": odd but harmless input (a search for a control character finds what it finds).
    allowed = {400, 401, 403, 404, 405, 422} | ({200} if case.get("ok") else set())
    assert response.status_code in allowed, (
        response.status_code,
        response.content[:300],
    )
    if response.status_code not in (200, 405):
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["detail"]
