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

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mottagning.accounts.models import User
from mottagning.audit.models import IdentityConflict, InformationRequest, PersonAccess
from mottagning.register.models import Person, Unit
from mottagning.register.services import validated_save

WEB = "webb"
API = "api"
EXPORT = "export"


@dataclass
class RequestReads:
    """The person reads of one request, in order, each (user, person, channel) once."""

    kanal: str
    sokvag: str
    rows: dict[tuple[int, int, str], PersonAccess] = field(default_factory=dict)
    # Blocked identity numbers: written whatever the response, since the attempt happened
    # (the service that refused it rolled its own transaction back).
    conflicts: list[IdentityConflict] = field(default_factory=list)


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


_INSERT_COLUMNS = ("municipality_id", "user_id", "person_id", "tidpunkt", "kanal", "sokvag")


def _write(rows: list[PersonAccess]) -> None:
    """One INSERT statement for all the rows: inside the request's transaction when there is
    one (a write request, audit.middleware), and otherwise a statement of its own, which the
    database runs as one transaction — bulk_create's BEGIN and COMMIT around it were two more
    round trips on every state request (make bench, issue 9 item 9)."""
    if not rows:
        return
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    table = PersonAccess._meta.db_table
    values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(rows))
    params: list[Any] = []
    for r in rows:
        params += [r.municipality_id, r.user_id, r.person_id, now, r.kanal, r.sokvag]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(_INSERT_COLUMNS)}) VALUES {values}", params
        )


# --- identity numbers held where the user may not look -----------------------------------------

# The same attempt repeated within this time (a preview reloaded, a form sent twice) is one row.
CONFLICT_REPEAT = dt.timedelta(minutes=10)


def identity_conflict_register(
    *, user: User, unit: Unit | None, typ: str, varde: str, person: Person, kanal: str | None
) -> None:
    """Record that `user` tried to register a number that `person`, whom the user may not see,
    already has. Written when the request ends, whatever its outcome (the refusing service
    rolls back). Every channel a user has (web, API, import) is a request; outside one (the
    shell) the row is written at once and goes with the caller's transaction."""
    reads = _current.get()
    conflict = IdentityConflict(
        municipality_id=person.municipality_id,
        user=user,
        unit=unit,
        typ=typ,
        varde=varde,
        person=person,
        kanal=kanal or (reads.kanal if reads else WEB),
    )
    if reads is None:
        request_conflicts_commit([conflict])
    else:
        reads.conflicts.append(conflict)


@transaction.atomic
def request_conflicts_commit(conflicts: list[IdentityConflict]) -> None:
    since = timezone.now() - CONFLICT_REPEAT
    seen: set[tuple[int, str, str, str]] = set()
    for c in conflicts:
        key = (c.user_id, c.typ, c.varde, c.kanal)
        if key in seen:
            continue
        seen.add(key)
        repeated = IdentityConflict.objects.filter(
            user_id=c.user_id, typ=c.typ, varde=c.varde, kanal=c.kanal, tidpunkt__gte=since
        ).exists()
        if not repeated:
            c.save()


@transaction.atomic
def information_request_create(
    *, actor: User, conflict: IdentityConflict, rattslig_grund: str, motivering: str
) -> InformationRequest:
    """A begäran om uppgifter about a blocked number, by an enhetschef or administratör of the
    municipality where the attempt was made."""
    if (
        not actor.has_perm("audit.request_information")
        or actor.municipality_id != conflict.municipality_id
    ):
        raise PermissionDenied
    if not motivering.strip():
        raise ValidationError(
            {
                "motivering": _(
                    "Skriv varför uppgifterna behövs i ärendet och vad de ska användas till."
                )
            }
        )
    request = InformationRequest(
        municipality_id=conflict.municipality_id,
        conflict=conflict,
        begard_av=actor,
        rattslig_grund=rattslig_grund,
        motivering=motivering.strip(),
    )
    validated_save(request, actor=actor, reason=_("Begäran om uppgifter"))
    return request


@transaction.atomic
def information_request_decide(
    *, actor: User, request: InformationRequest, bevilja: bool, motivering: str
) -> InformationRequest:
    """The holding unit's secrecy review: an enhetschef who may see the person grants or
    refuses, with a reason. A request is decided once."""
    from mottagning.register.selectors import person_visibility_q

    locked = InformationRequest.objects.select_for_update().get(pk=request.pk)
    may_decide = (
        actor.has_perm("audit.decide_information_request")
        and actor.municipality_id == locked.municipality_id
        and locked.begard_av_id != actor.pk
        and Person.objects.filter(person_visibility_q(actor), pk=locked.conflict.person_id).exists()
    )
    if not may_decide:
        raise PermissionDenied
    if locked.status != "vantar":
        raise ValidationError(_("Begäran är redan beslutad."))
    if not motivering.strip():
        raise ValidationError({"motivering": _("Skriv skälen för beslutet (sekretessprövningen).")})
    locked.status = "beviljad" if bevilja else "avslagen"
    locked.beslutad_av = actor
    locked.beslutad = timezone.now()
    locked.beslut_motivering = motivering.strip()
    validated_save(locked, actor=actor, reason=_("Beslut om utlämnande"))
    return locked
