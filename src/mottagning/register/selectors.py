"""Reads of the register that are more than a .get(), each filtered by what the user may see.

A person's record is handed out only by `person_get` and `person_list_export`, which also
register the read in the read log (audit.services); lists and searches show names only and are
not reads of the record (docs/security.md).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import Col
from django.http import Http404
from django.utils import timezone

from mottagning.accounts.models import AnyUser, User
from mottagning.audit.services import person_read, person_read_many
from mottagning.register.models import (
    EVENT_RULES_FIELDS,
    Event,
    Household,
    Municipality,
    Person,
    ResponsibilityPeriod,
    Unit,
    event_rules_json,
)

# A unit may see a person whose responsibility moves to it within this many days, so it can
# prepare the handover that the worklist shows it (issue 3 item 4: the next 90 days).
INCOMING_DAYS = 90


def visible_unit_ids(user: AnyUser) -> frozenset[int]:
    if not user.is_authenticated or user.municipality_id is None:
        return frozenset()
    if not user.has_perm("register.read_person"):
        return frozenset()
    ids: frozenset[int] = user.unit_ids()
    return ids


def person_visibility_q(user: AnyUser, today: dt.date | None = None) -> Q:
    """Persons for whom one of the user's units holds, held or is about to take a responsibility,
    or whom it registered; always inside the user's own municipality. Deny when in doubt."""
    units = visible_unit_ids(user)
    if not units:
        return Q(pk__in=[])
    today = today or timezone.localdate()
    periods = ResponsibilityPeriod.objects.filter(
        person=OuterRef("pk"),
        unit_id__in=units,
        fran__lte=today + dt.timedelta(days=INCOMING_DAYS),
    )
    return Q(municipality_id=cast(User, user).municipality_id) & (
        Q(registrerad_av_id__in=units) | Q(Exists(periods))
    )


def person_list(
    *, user: AnyUser, search: str = "", unit: Unit | None = None, today: dt.date | None = None
) -> QuerySet[Person]:
    qs = Person.objects.filter(person_visibility_q(user, today)).select_related("household")
    if unit is not None:
        if unit.id not in visible_unit_ids(user):
            raise PermissionDenied
        periods = ResponsibilityPeriod.objects.filter(person=OuterRef("pk"), unit=unit)
        qs = qs.filter(Q(registrerad_av=unit) | Q(Exists(periods)))
    # No stored text holds NUL (the services refuse it) and PostgreSQL cannot compare with it.
    search = search.replace("\x00", " ").strip()
    if search:
        words = search.split()
        for word in words:
            qs = qs.filter(
                Q(fornamn__icontains=word)
                | Q(efternamn__icontains=word)
                | Q(identiteter__varde__icontains=word.replace("-", ""))
            )
        qs = qs.distinct()
    return qs.order_by("efternamn", "fornamn", "id")


_PERSON_COLUMNS = tuple(f.column for f in Person._meta.concrete_fields)
_PERSON_ATTNAMES = tuple(f.attname for f in Person._meta.concrete_fields)


@functools.lru_cache(maxsize=32)
def _person_converters(ops: BaseDatabaseOperations) -> tuple[tuple[int, Col, tuple[Any, ...]], ...]:
    """The person's columns that the backend converts after reading, with their converters: once
    per connection, not per request (PostgreSQL has none, SQLite its datetimes)."""
    found = []
    for i, field in enumerate(Person._meta.concrete_fields):
        col = field.get_col(Person._meta.db_table)
        converters = ops.get_db_converters(col) + field.get_db_converters(ops.connection)
        if converters:
            found.append((i, col, tuple(converters)))
    return tuple(found)


def _person_from_row(values: tuple[object, ...]) -> Person:
    """The model from the person's columns of a raw row, through the database backend's own
    converters as a query of the ORM would: without them SQLite gives `skapad` as a naive
    datetime, and saving the person shifted it by the time zone's offset."""
    converted = list(values)
    for i, col, converters in _person_converters(connection.ops):
        for convert in converters:
            converted[i] = convert(converted[i], col, connection)
    return Person.from_db(connection.alias, _PERSON_ATTNAMES, converted)


def _person_visible_sql(units: int, *, events: bool = False) -> str:
    """One query for a single person and whether the user may see them, with the person's
    municipality (and, with `events`, one row per event, in the timeline's order). Written out
    because every person page and API request asks it: building the same thing with the ORM
    (select_related and Exists) cost four times the CPU, measured with py-spy under `make bench`.
    It states the rule of `person_visibility_q`; the tests of both are the same cases."""
    in_units = ", ".join(["%s"] * units)
    person = Person._meta.db_table
    municipality = Municipality._meta.db_table
    period = ResponsibilityPeriod._meta.db_table
    columns = ", ".join(f"p.{c}" for c in _PERSON_COLUMNS)
    event_columns = "".join(f", e.{c}" for c in ("typ", "datum", *EVENT_RULES_FIELDS))
    return (
        f"SELECT {columns}, m.kod AS kommun_kod, m.namn AS kommun_namn"
        f"{event_columns if events else ''} "
        f"FROM {person} p JOIN {municipality} m ON m.id = p.municipality_id "
        + (f"LEFT JOIN {Event._meta.db_table} e ON e.person_id = p.id " if events else "")
        + f"WHERE p.id = %s AND p.municipality_id = %s AND (p.registrerad_av_id IN ({in_units}) "
        f"OR EXISTS (SELECT 1 FROM {period} r WHERE r.person_id = p.id "
        f"AND r.unit_id IN ({in_units}) AND r.fran <= %s))"
        + (" ORDER BY e.datum, e.id" if events else "")
    )


def _visible_rows(
    user: User, person_id: int, today: dt.date | None, *, events: bool
) -> tuple[Person, list[tuple[object, ...]]]:
    units = sorted(visible_unit_ids(user))
    if not units:
        raise Http404
    today = today or timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(
            _person_visible_sql(len(units), events=events),
            [
                person_id,
                user.municipality_id,
                *units,
                *units,
                today + dt.timedelta(days=INCOMING_DAYS),
            ],
        )
        rows = cursor.fetchall()
    if not rows:
        raise Http404
    n = len(_PERSON_ATTNAMES)
    person = _person_from_row(rows[0][:n])
    # The join's columns become the related object, so person.municipality costs no query.
    person.municipality = Municipality(
        id=person.municipality_id, kod=rows[0][n], namn=rows[0][n + 1]
    )
    return person, [row[n + 2 :] for row in rows]


def person_get(
    *, user: User, person_id: int, today: dt.date | None = None, kanal: str | None = None
) -> Person:
    """The person if the user may see them (the rule of `person_visibility_q`), with the read
    registered in the read log. Someone else's person answers 404, not 403, so the existence of
    a record is not disclosed across units or municipalities."""
    person, _rows = _visible_rows(user, person_id, today, events=False)
    person_read(user=user, person=person, kanal=kanal)
    return person


def person_with_events_get(
    *, user: User, person_id: int, today: dt.date | None = None, kanal: str | None = None
) -> tuple[Person, list[dict[str, str]]]:
    """As `person_get`, with the person's events as the rules core's JSON, in the same query:
    the state endpoint asks for both on every request (issue 9 item 9, one round trip less)."""
    person, rows = _visible_rows(user, person_id, today, events=True)
    person_read(user=user, person=person, kanal=kanal)
    # A person without events has one row whose event columns are all NULL (the LEFT JOIN).
    return person, [event_rules_json(r[0], r[1], r[2:]) for r in rows if r[0] is not None]  # type: ignore[arg-type]


def person_list_export(*, user: User, unit: Unit) -> list[Person]:
    """Every person of the unit with identities and events, for an export file: each of them
    is a read of the record."""
    persons = list(person_list(user=user, unit=unit).prefetch_related("identiteter", "handelser"))
    person_read_many(user=user, persons=persons, kanal="export")
    return persons


def household_members(*, user: User, person: Person) -> tuple[list[Person], int]:
    """The other members of the person's household that the user may see, and how many more
    there are that the user may not see (shown only as a number, never by name)."""
    if person.household_id is None:
        return [], 0
    others = Person.objects.filter(household_id=person.household_id).exclude(pk=person.pk)
    visible = list(others.filter(person_visibility_q(user)).order_by("efternamn", "fornamn", "id"))
    return visible, others.count() - len(visible)


def household_list(*, user: AnyUser) -> QuerySet[Household]:
    """Households the user's units registered or that have a member the user may see."""
    units = visible_unit_ids(user)
    if not units:
        return Household.objects.none()
    members = Person.objects.filter(person_visibility_q(user), household=OuterRef("pk"))
    return Household.objects.filter(
        Q(municipality_id=cast(User, user).municipality_id)
        & (Q(registrerad_av_id__in=units) | Q(Exists(members)))
    ).order_by("beteckning")


def user_units(*, user: AnyUser) -> QuerySet[Unit]:
    if not user.is_authenticated or user.municipality_id is None:
        return Unit.objects.none()
    return Unit.objects.filter(id__in=user.unit_ids()).select_related("committee").order_by("namn")
