"""Worklists, dashboards and the person overview: reads built on the derived rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mottagning.accounts.models import AnyUser
from mottagning.cases.models import (
    TARGET_GROUPS,
    Handover,
    PersonState,
    ResponsibilityPeriod,
    Transition,
)
from mottagning.cases.services import person_events_json
from mottagning.register.models import Person, Unit
from mottagning.register.selectors import visible_unit_ids
from mottagning.register.services import person_payload
from mottagning.rules.api import route
from mottagning.rules.errors import InputError

WORKLIST_DAYS = 90
# Rows per worklist section on the overview; the rest is one click away, paged 20 at a time
# (a large unit has thousands, and a page of them is read, not scrolled).
WORKLIST_ROWS = 20
PHASES = (
    ("asyltid", _("Asyltid")),
    ("vantar_bosattning", _("Väntar på bosättning")),
    ("etableringstid", _("Etableringstid")),
    ("efter_etablering", _("Efter etablering")),
)


def unit_for_user(*, user: Any, unit_id: int) -> Unit:
    """The unit if the user belongs to it and may see its persons, else PermissionDenied."""
    if unit_id not in visible_unit_ids(user) and not (
        user.has_perm("cases.see_dashboard") and unit_id in user.unit_ids()
    ):
        raise PermissionDenied
    return Unit.objects.select_related("committee", "municipality").get(
        pk=unit_id, municipality_id=user.municipality_id
    )


# The worklist's sections, in the order the page shows them.
SECTIONS = ("anvisningar", "forsenade", "kommande", "till_enheten", "fran_enheten")


@dataclass
class Section:
    """One part of a worklist: its size and the rows of the page being shown."""

    key: str
    count: int
    rows: list[Transition]
    page: Page[Transition] | None = None


@dataclass
class Worklist:
    unit: Unit
    today: dt.date
    sections: dict[str, Section]

    @property
    def total(self) -> int:
        return sum(s.count for s in self.sections.values())


def _transitions(unit: Unit) -> QuerySet[Transition]:
    return (
        Transition.objects.filter(ansvarig_enhet=unit, hanterad__isnull=True, uppgift=True)
        .select_related("person")
        .order_by("datum", "person__efternamn", "id")
    )


def _handover_sections(unit: Unit, today: dt.date, horizon: dt.date) -> dict[str, list[int]]:
    """Ids of the transitions in the window that move an area to the unit and from it, in date
    order: one query over the handovers' (unit, date) indexes instead of a semi-join each."""
    rows = (
        Handover.objects.filter(datum__gte=today, datum__lte=horizon)
        .filter(Q(till_enhet=unit) | Q(fran_enhet=unit))
        .values_list("transition_id", "datum", "fran_enhet_id", "till_enhet_id")
    )
    incoming: dict[int, dt.date] = {}
    outgoing: dict[int, dt.date] = {}
    for transition_id, datum, fran, till in rows:
        if till == unit.pk and fran != unit.pk:
            incoming[transition_id] = datum
        if fran == unit.pk and till != unit.pk:
            outgoing[transition_id] = datum
    return {
        "till_enheten": sorted(incoming, key=lambda t: (incoming[t], t)),
        "fran_enheten": sorted(outgoing, key=lambda t: (outgoing[t], t)),
    }


def _ids_page(ids: Page[int], rows: list[Transition]) -> Page[Transition]:
    """The page of ids as a page of the transitions they name (same numbers, same links)."""
    return Page(rows, ids.number, cast("Paginator[Transition]", ids.paginator))


def _transitions_by_id(ids: list[int], units: dict[int, Unit]) -> list[Transition]:
    """The transitions with all their handovers, in the order of `ids`. The handovers point at
    the municipality's few units, shared from `units`, instead of two joined copies per
    handover (building those was a fifth of the worklist's time)."""
    found = (
        Transition.objects.filter(pk__in=ids)
        .select_related("person")
        .prefetch_related("overlamningar")
        .in_bulk()
    )
    for transition in found.values():
        for h in transition.overlamningar.all():
            h.fran_enhet = units.get(h.fran_enhet_id) if h.fran_enhet_id else None
            h.till_enhet = units.get(h.till_enhet_id) if h.till_enhet_id else None
    return [found[i] for i in ids if i in found]


def worklist(
    *,
    user: AnyUser,
    unit: Unit,
    today: dt.date | None = None,
    limit: int = WORKLIST_ROWS,
    show: str = "",
    page: int | str | None = 1,
) -> Worklist:
    """Anvisningar to receive (bosättningslagen: within two months), transitions overdue and
    due within 90 days, and responsibility moving to or from the unit in the next 90 days.

    Each section shows its first `limit` rows; `show` names one section to page through whole.
    """
    if unit.id not in visible_unit_ids(user):
        raise PermissionDenied
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=WORKLIST_DAYS)
    others = _transitions(unit).exclude(typ="anvisning_mottagande")
    queries = {
        "anvisningar": _transitions(unit).filter(typ="anvisning_mottagande"),
        "forsenade": others.filter(datum__lt=today),
        "kommande": others.filter(datum__gte=today, datum__lte=horizon),
    }
    sections: dict[str, Section] = {}
    for key, query in queries.items():
        if show and key != show:
            continue
        if show:
            shown = Paginator(query, limit).get_page(page)
            sections[key] = Section(key, shown.paginator.count, list(shown), shown)
        else:
            rows = list(query[: limit + 1])
            # Count only when there is more than one page: most sections fit on it.
            count = len(rows) if len(rows) <= limit else query.count()
            sections[key] = Section(key, count, rows[:limit])
    if not show or show in ("till_enheten", "fran_enheten"):
        handovers = {
            key: ids
            for key, ids in _handover_sections(unit, today, horizon).items()
            if not show or key == show
        }
        pages = {
            key: Paginator(ids, limit).get_page(page if show else 1)
            for key, ids in handovers.items()
        }
        # Both sections' rows in one read: a transition can be in both (one area comes, one goes).
        units = Unit.objects.filter(municipality_id=unit.municipality_id).in_bulk()
        found = _transitions_by_id(sorted({i for p in pages.values() for i in p}), units)
        by_id = {t.pk: t for t in found}
        for key, ids in handovers.items():
            rows = [by_id[i] for i in pages[key] if i in by_id]
            pager = _ids_page(pages[key], rows) if show else None
            sections[key] = Section(key, len(ids), rows, pager)
    return Worklist(unit, today, sections)


def unit_current_persons(*, unit: Unit, today: dt.date) -> QuerySet[Person]:
    periods = ResponsibilityPeriod.objects.filter(unit=unit, fran__lte=today).filter(
        Q(till__isnull=True) | Q(till__gt=today)
    )
    return Person.objects.filter(id__in=periods.values("person_id"))


@dataclass
class Dashboard:
    unit: Unit
    today: dt.date
    total: int
    by_phase: list[tuple[str, str, int]]  # code, label, count
    by_group: list[tuple[str, str, int]]
    matrix: list[tuple[str, list[int], int]]  # group label, counts per phase, row total


def dashboard(*, user: Any, unit: Unit, today: dt.date | None = None) -> Dashboard:
    """Counts by phase and target group of the persons the unit holds responsibility for today."""
    if not user.has_perm("cases.see_dashboard") or unit.id not in user.unit_ids():
        raise PermissionDenied
    today = today or timezone.localdate()
    persons = unit_current_persons(unit=unit, today=today)
    rows = PersonState.objects.filter(person__in=persons).values_list("fas", "malgrupp")
    pairs = Counter((fas or "", grupp) for fas, grupp in rows)
    phase_codes = [code for code, _label in PHASES]
    by_phase = [
        (code, str(label), sum(n for (f, _g), n in pairs.items() if f == code))
        for code, label in PHASES
    ]
    by_group = [
        (code, str(label), sum(n for (_f, g), n in pairs.items() if g == code))
        for code, label in TARGET_GROUPS
    ]
    matrix = []
    for code, label in TARGET_GROUPS:
        counts = [pairs.get((f, code), 0) for f in phase_codes]
        matrix.append((str(label), counts, sum(counts)))
    return Dashboard(unit, today, sum(pairs.values()), by_phase, by_group, matrix)


@dataclass
class Overview:
    """What the person page shows: state and responsibilities today, and what comes next."""

    today: dt.date
    result: dict[str, Any] | None
    error: str | None
    tasks: list[Transition]

    @property
    def coming(self) -> list[dict[str, Any]]:
        """The rules core's coming transitions, each with the handovers it triggers."""
        return list((self.result or {}).get("overgangar", []))

    @property
    def responsibilities(self) -> list[dict[str, Any]]:
        """The `ansvar` rows with readable names, ready to print (the page lists many)."""
        from mottagning.web.labels import label, rule_text

        kommun = (self.result or {}).get("kommun")
        rows = []
        for a in (self.result or {}).get("ansvar", []):
            provider = a.get("utforare")
            rows.append(
                {
                    "omrade": label("omrade", a.get("omrade")),
                    "huvudman": label("huvudman", a.get("huvudman")),
                    # A state actor's name is the core's Swedish for its code: say it from the code.
                    "enhet": (
                        a.get("enhet") or "–"
                        if a.get("enhet_id")
                        else label("huvudman", a.get("huvudman"))
                    ),
                    "namnd": a.get("namnd") or "",
                    "utforare": provider if provider and provider != a.get("enhet") else "",
                    "arbete": label("arbete", a.get("arbete")),
                    "beskrivning": rule_text(kommun, a.get("regel"), a.get("beskrivning")),
                    "regel": a.get("regel") or "",
                    "kalla": a.get("kalla") or "",
                    "lagar": ", ".join(a.get("lagar") or []),
                }
            )
        return rows

    @property
    def laws(self) -> list[tuple[str, str]]:
        return sorted(((self.result or {}).get("lagar") or {}).items())


def person_overview(*, person: Person, today: dt.date | None = None) -> Overview:
    today = today or timezone.localdate()
    payload = person_payload(person=person, datum=today, events=person_events_json(person))
    result: dict[str, Any] | None = None
    error: str | None = None
    try:
        result = route(payload, overgangar=True)
    except InputError as exc:
        error = exc.message
    # Tasks: what someone must do for this person, overdue or within the worklists' horizon.
    tasks = list(
        Transition.objects.filter(
            person=person,
            hanterad__isnull=True,
            uppgift=True,
            datum__lte=today + dt.timedelta(days=WORKLIST_DAYS),
        )
        .select_related("ansvarig_enhet")
        .order_by("datum", "id")
    )
    return Overview(today, result, error, tasks)


def person_route(
    *,
    person: Person,
    datum: dt.date,
    overgangar: bool = True,
    events: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """The same JSON as `mottagning route` for this person on `datum` (API). `events`: the
    person's events when the caller read them with the person (register.selectors)."""
    if events is None:
        events = person_events_json(person)
    payload = person_payload(person=person, datum=datum, events=events)
    return route(payload, overgangar=overgangar)


def core_deadlines_handled(*, kind: str, person_ids: set[int]) -> set[int]:
    """Persons whose core deadline behind a case-work `kind` (services.CORE_DEADLINE_OF_KIND) is
    marked handled on the unit's worklist: the case-work list shows it done too."""
    from mottagning.cases.services import CORE_DEADLINE_OF_KIND

    typ = CORE_DEADLINE_OF_KIND.get(kind)
    if typ is None or not person_ids:
        return set()
    return set(
        Transition.objects.filter(
            person_id__in=person_ids, typ=typ, hanterad__isnull=False
        ).values_list("person_id", flat=True)
    )
