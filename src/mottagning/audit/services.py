"""Writes to the read log: one row per read of a person's record, in the request's transaction."""

from __future__ import annotations

from typing import Any

from mottagning.audit.models import PersonAccess
from mottagning.register.models import Person


def person_access_log(*, user: Any, person: Person, kanal: str, sokvag: str) -> PersonAccess:
    return PersonAccess.objects.create(
        municipality_id=person.municipality_id,
        user=user,
        person=person,
        kanal=kanal,
        sokvag=sokvag[:300],
    )


def person_access_log_many(*, user: Any, persons: list[Person], kanal: str, sokvag: str) -> None:
    """For exports: every person in the file counts as read."""
    PersonAccess.objects.bulk_create(
        PersonAccess(
            municipality_id=p.municipality_id, user=user, person=p, kanal=kanal, sokvag=sokvag[:300]
        )
        for p in persons
    )
