"""Writes to the read log: one row per read of a person's record, only for reads that happened.

The selectors that hand out a person's record (register.selectors) register the read here; they
are the only way views and the API get a record, so a view cannot forget to log. During a
request the reads wait in a request-scoped buffer, and `audit.middleware.ReadLogMiddleware`
writes them in one transaction once the response is known to have succeeded (2xx or 3xx),
before any of it is sent: a refused or failed request logs nothing, and no record leaves the
server without its row (security probe 2026-11-29, finding 8). Outside a request (the shell, a
management command) there is no response that could still fail, so the row is written at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import transaction

from mottagning.accounts.models import User
from mottagning.audit.models import PersonAccess
from mottagning.register.models import Person

WEB = "webb"
API = "api"
EXPORT = "export"


@dataclass
class RequestReads:
    """The person reads of one request, in order, each (user, person, channel) once."""

    kanal: str
    sokvag: str
    rows: dict[tuple[int, int, str], PersonAccess] = field(default_factory=dict)


_current: ContextVar[RequestReads | None] = ContextVar("mottagning_person_reads", default=None)


def person_read(*, user: User, person: Person, kanal: str | None = None) -> None:
    """Register that `user` reads `person`'s record (logged when the request succeeds)."""
    person_read_many(user=user, persons=[person], kanal=kanal)


def person_read_many(*, user: User, persons: Iterable[Person], kanal: str | None = None) -> None:
    """For exports: every person in the file counts as read."""
    reads = _current.get()
    rows = [
        PersonAccess(
            municipality_id=p.municipality_id,
            user=user,
            person=p,
            kanal=kanal or (reads.kanal if reads else WEB),
            sokvag=(reads.sokvag if reads else "")[:300],
        )
        for p in persons
    ]
    if reads is None:
        _write(rows)
        return
    for row in rows:
        reads.rows.setdefault((row.user_id, row.person_id, row.kanal), row)


@contextmanager
def request_reads(*, kanal: str, sokvag: str) -> Iterator[RequestReads]:
    """Collect the reads made while handling one request; see `request_reads_commit`."""
    reads = RequestReads(kanal=kanal, sokvag=sokvag)
    token = _current.set(reads)
    try:
        yield reads
    finally:
        _current.reset(token)


def request_reads_commit(reads: RequestReads) -> None:
    """Write the request's reads: called only once its response is known to have succeeded."""
    _write(list(reads.rows.values()))
    reads.rows.clear()


@transaction.atomic
def _write(rows: list[PersonAccess]) -> None:
    if rows:
        PersonAccess.objects.bulk_create(rows)
