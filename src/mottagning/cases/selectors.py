"""Worklists, dashboards and the person overview: reads built on the derived rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mottagning.cases.models import (
    TARGET_GROUPS,
    Handover,
    PersonState,
    ResponsibilityPeriod,
    Transition,
)
from mottagning.cases.services import person_events_json, rules_route
from mottagning.register.models import Person, Unit
from mottagning.register.selectors import visible_unit_ids

WORKLIST_DAYS = 90
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


@dataclass
class Worklist:
    unit: Unit
    today: dt.date
    anvisningar: list[Transition]
    overdue: list[Transition]
    due: list[Transition]
    incoming: list[tuple[Transition, list[Handover]]]
    outgoing: list[tuple[Transition, list[Handover]]]

    @property
    def total(self) -> int:
        return (
            len(self.anvisningar)
            + len(self.overdue)
            + len(self.due)
            + len(self.incoming)
            + len(self.outgoing)
        )


def _transitions(unit: Unit) -> QuerySet[Transition]:
    return (
        Transition.objects.filter(ansvarig_enhet=unit, hanterad__isnull=True)
        .select_related("person", "ansvarig_enhet")
        .order_by("datum", "person__efternamn", "id")
    )


def worklist(*, user: Any, unit: Unit, today: dt.date | None = None) -> Worklist:
    if unit.id not in visible_unit_ids(user):
        raise PermissionDenied
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=WORKLIST_DAYS)
    anvisningar = list(_transitions(unit).filter(typ="anvisning_mottagande"))
    others = _transitions(unit).exclude(typ="anvisning_mottagande")
    overdue = list(others.filter(datum__lt=today))
    due = list(others.filter(datum__gte=today, datum__lte=horizon))
    handovers = (
        Handover.objects.filter(transition__datum__gte=today, transition__datum__lte=horizon)
        .select_related("transition", "transition__person", "fran_enhet", "till_enhet")
        .order_by("transition__datum", "transition__person__efternamn", "id")
    )
    incoming = _by_transition(handovers.filter(till_enhet=unit).exclude(fran_enhet=unit))
    outgoing = _by_transition(handovers.filter(fran_enhet=unit).exclude(till_enhet=unit))
    return Worklist(unit, today, anvisningar, overdue, due, incoming, outgoing)


def _by_transition(handovers: QuerySet[Handover]) -> list[tuple[Transition, list[Handover]]]:
    """One row per person and date: a transition usually moves several areas at once."""
    grouped: dict[int, tuple[Transition, list[Handover]]] = {}
    for handover in handovers:
        grouped.setdefault(handover.transition_id, (handover.transition, []))[1].append(handover)
    return list(grouped.values())


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
    def laws(self) -> list[tuple[str, str]]:
        return sorted(((self.result or {}).get("lagar") or {}).items())


def person_overview(*, person: Person, today: dt.date | None = None) -> Overview:
    from mottagning.rules.errors import InputError

    today = today or timezone.localdate()
    payload = {
        "kommun": person.municipality.kod,
        "datum": today.isoformat(),
        "person": {
            "fodelsedatum": person.fodelsedatum.isoformat(),
            "ensamkommande": person.ensamkommande,
            "handelser": person_events_json(person),
        },
    }
    result: dict[str, Any] | None = None
    error: str | None = None
    try:
        result = rules_route(overgangar=True)(payload)
    except InputError as exc:
        error = exc.message
    # Tasks: what someone must do for this person, overdue or within the worklists' horizon.
    tasks = list(
        Transition.objects.filter(
            person=person,
            hanterad__isnull=True,
            datum__lte=today + dt.timedelta(days=WORKLIST_DAYS),
        )
        .select_related("ansvarig_enhet")
        .order_by("datum", "id")
    )
    return Overview(today, result, error, tasks)


def person_route(*, person: Person, datum: dt.date, overgangar: bool = True) -> dict[str, Any]:
    """The same JSON as `mottagning route` for this person on `datum` (API)."""
    payload = {
        "kommun": person.municipality.kod,
        "datum": datum.isoformat(),
        "person": {
            "fodelsedatum": person.fodelsedatum.isoformat(),
            "ensamkommande": person.ensamkommande,
            "handelser": person_events_json(person),
        },
    }
    return rules_route(overgangar=overgangar)(payload)
