"""On PostgreSQL a statement a connection runs again and again is prepared once and not planned
again (config/settings/database.py); the state endpoint's queries are the reason."""

from __future__ import annotations

import pytest
from django.db import connection

from mottagning.accounts.services import api_token_create, api_token_user
from mottagning.register.models import Municipality
from tests.fixtures import user_in

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements: PostgreSQL")
def test_the_token_query_is_prepared_once_it_repeats(alingsas: Municipality) -> None:
    user = user_in(alingsas, "integrationsavdelningen")
    _token, secret = api_token_create(user=user, namn="test")

    def prepared() -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            return [row[0] for row in cursor.fetchall() if "nyckel_hash" in row[0]]

    assert api_token_user(secret=secret) == user
    assert prepared() == []
    for _ in range(9):
        assert api_token_user(secret=secret) == user
    assert len(prepared()) == 1
    # Its parameters travel separately, so the statement holds no key.
    assert secret not in prepared()[0]
