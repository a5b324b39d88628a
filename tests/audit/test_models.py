"""The read log's indexes: one per way it is searched, none that only repeats another."""

from __future__ import annotations

import pytest
from django.db import connection

from mottagning.audit.models import PersonAccess

pytestmark = pytest.mark.django_db


def test_one_index_per_reference_with_the_time_and_no_other() -> None:
    """The revisor's log is searched inside a municipality, optionally by person or user, newest
    first; a person or user is deleted only when no logged read names them (PROTECT). Each of
    those lookups has its index; an index that only repeats another's first column is one more
    write on every read of a record."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, PersonAccess._meta.db_table)
    indexes = sorted(
        c["columns"] for c in constraints.values() if c["index"] and not c["primary_key"]
    )
    assert indexes == [
        ["municipality_id", "tidpunkt"],
        ["person_id", "tidpunkt"],
        ["user_id", "tidpunkt"],
    ]
