"""The worklist of deadlines: collected from every app's `deadline_list` (the dotted paths in
MOTTAGNING_DEADLINE_PROVIDERS), without those marked done, filtered and exported.

Three views of the same rows (issue 11 item 6): a handläggare's own deadlines, a unit's, and
the enhetschef's list of what is overdue in their units.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from mottagning import exports
from mottagning.arenden.models import FristKlar
from mottagning.cases.models import TARGET_GROUPS, PersonState
from mottagning.config.converters import whole_number
from mottagning.planning.underlag import citera
from mottagning.register.models import Person, Unit

HORIZON_DAYS = 90  # as the handover lists: what falls due within about a quarter

Provider = Callable[..., list[Any]]


@cache
def providers() -> tuple[Provider, ...]:
    return tuple(import_string(path) for path in settings.MOTTAGNING_DEADLINE_PROVIDERS)


@dataclass(frozen=True)
class Row:
    deadline: Any  # any app's Deadline (same fields, duck-typed by contract)
    person: Person
    malgrupp: str
    unit_name: str
    assigned_name: str

    def overdue(self, today: dt.date) -> bool:
        return bool(self.deadline.due < today)


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    malgrupp: str = ""
    assigned: str = ""  # "" all, "ingen" unassigned, or a user id
    days: int = HORIZON_DAYS


def deadline_collect(*, user: Any, today: dt.date) -> list[Any]:
    """Every open deadline of persons the user may see, from every provider."""
    found: list[Any] = []
    for provider in providers():
        found.extend(provider(user=user, today=today))
    if not found:
        return []
    done = set(
        FristKlar.objects.filter(
            municipality_id=user.municipality_id, nyckel__in=[d.key for d in found]
        ).values_list("nyckel", flat=True)
    )
    return [d for d in found if d.key not in done]


def worklist_rows(
    *,
    user: Any,
    today: dt.date,
    mine: bool = False,
    unit: Unit | None = None,
    overdue_only: bool = False,
    filters: Filters | None = None,
    collected: list[Any] | None = None,
) -> list[Row]:
    """Rows due within the horizon or overdue, overdue first, then by due date. `collected`
    reuses deadlines already collected for this user and day (one page asks twice)."""
    filters = filters or Filters()
    unit_ids = user.unit_ids()
    horizon = today + dt.timedelta(days=filters.days)
    chosen = []
    if collected is None:
        collected = deadline_collect(user=user, today=today)
    for d in collected:
        if d.due > horizon or (overdue_only and d.due >= today):
            continue
        if mine and d.assigned_to_id != user.pk:
            continue
        if unit is not None and d.unit_id != unit.pk:
            continue
        if not mine and unit is None and d.unit_id not in unit_ids:
            continue
        if filters.kind and d.kind != filters.kind:
            continue
        if filters.assigned == "ingen" and d.assigned_to_id is not None:
            continue
        assigned = whole_number(filters.assigned)
        if assigned is not None and d.assigned_to_id != assigned:
            continue
        chosen.append(d)
    persons = Person.objects.in_bulk({d.person_id for d in chosen})
    groups = dict(
        PersonState.objects.filter(person_id__in=persons).values_list("person_id", "malgrupp")
    )
    units = dict(Unit.objects.filter(id__in={d.unit_id for d in chosen}).values_list("id", "namn"))
    from mottagning.accounts.models import User

    names = {
        u.pk: u.get_full_name() or u.username
        for u in User.objects.filter(id__in={d.assigned_to_id for d in chosen})
    }
    rows = [
        Row(
            deadline=d,
            person=persons[d.person_id],
            malgrupp=groups.get(d.person_id, "ovriga"),
            unit_name=units.get(d.unit_id, ""),
            assigned_name=names.get(d.assigned_to_id, ""),
        )
        for d in chosen
    ]
    if filters.malgrupp:
        rows = [r for r in rows if r.malgrupp == filters.malgrupp]
    rows.sort(key=lambda r: (not r.overdue(today), r.deadline.due, r.deadline.key))
    return rows


def kind_choices(rows: Iterable[Any]) -> list[tuple[str, str]]:
    return sorted({(r.deadline.kind, r.deadline.kind_label) for r in rows}, key=lambda c: c[1])


TARGET_GROUP_LABELS = dict(TARGET_GROUPS)


def export_table(rows: list[Row], today: dt.date) -> tuple[list[str], list[list[Any]]]:
    header = [
        _("Sista dag"),
        _("Försenad"),
        _("Typ"),
        _("Uppgift"),
        _("Person"),
        _("Födelsedatum"),
        _("Målgrupp"),
        _("Enhet"),
        _("Handläggare"),
        _("Källa"),
    ]
    body = [
        [
            r.deadline.due,
            _("Ja") if r.overdue(today) else _("Nej"),
            r.deadline.kind_label,
            r.deadline.title,
            f"{r.person.fornamn} {r.person.efternamn}",
            r.person.fodelsedatum,
            str(TARGET_GROUP_LABELS.get(r.malgrupp, r.malgrupp)),
            r.unit_name,
            r.assigned_name,
            citera(r.deadline.source),
        ]
        for r in rows
    ]
    return header, body


def export_csv(rows: list[Row], today: dt.date) -> bytes:
    """The list as shown, through the shared export (`mottagning.exports`)."""
    header, body = export_table(rows, today)
    return exports.csv_bytes(header, body)


def export_xlsx(rows: list[Row], today: dt.date) -> bytes:
    """Dates as date cells (sortable and filterable in Excel), text as text."""
    header, body = export_table(rows, today)
    kinds: list[exports.Slag] = ["datum", "text", "text", "text", "text", "datum"]
    return exports.xlsx_bytes([exports.Blad(str(_("Arbetslista")), header, body, kinds)])
