"""Deadlines of mappings and plans for the worklist (issue #11 item 6 collects them from the
dotted path `mottagning.plans.deadlines.deadline_list`, setting MOTTAGNING_DEADLINE_PROVIDERS).

* `kartlaggning`: the first mapping, where the municipality sets a deadline (Ekerö: three weeks
  from reception, 004) — also for a received person who has no mapping yet;
* `pedagogisk_kartlaggning`: a pupil's mapping, two months from reception in school
  (skollagen 3 kap. 12 c §);
* `sfi_start`: sfi to start within the municipality's target from the application
  (Östersund: three months, 003), until a start date is recorded;
* `aktivitet`: every open activity of an individual plan by its own due date.

The numbers live in `frister.yaml`; only persons the user may see are included.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from mottagning.cases.selectors import core_deadlines_handled
from mottagning.plans import frister
from mottagning.plans.models import FORSTA, Aktivitet, Kartlaggning
from mottagning.plans.selectors import mapping_due, sfi_target
from mottagning.register import selectors as reg
from mottagning.register.models import Event, Municipality, Unit


@dataclass(frozen=True)
class Deadline:
    key: str
    kind: str
    kind_label: str
    person_id: int
    unit_id: int | None
    assigned_to_id: int | None
    due: dt.date
    title: str
    source: str
    url: str


def _person_url(person_id: int) -> str:
    return reverse("plans:person", kwargs={"person_id": person_id})


def _mappings(visible: Any, kommun: str) -> list[Deadline]:
    found = []
    open_mappings = Kartlaggning.objects.filter(person__in=visible, klar__isnull=True)
    for mapping in open_mappings.order_by("person_id", "mottagen", "id"):
        due = mapping_due(mapping, kommun)
        if due is None:
            continue
        first = mapping.slag == FORSTA
        found.append(
            Deadline(
                key=f"kartlaggning:{mapping.person_id}"
                if first
                else f"pedagogisk_kartlaggning:{mapping.pk}",
                kind="kartlaggning" if first else "pedagogisk_kartlaggning",
                kind_label=_("Kartläggning") if first else _("Pedagogisk kartläggning"),
                person_id=mapping.person_id,
                unit_id=mapping.enhet_id,
                assigned_to_id=mapping.handlaggare_id,
                due=due[0],
                title=_("Första kartläggningen ska vara klar")
                if first
                else _("Elevens kunskaper ska vara bedömda"),
                source=due[1],
                url=_person_url(mapping.person_id),
            )
        )
    return found


def _unmapped(visible: Any, municipality: Municipality) -> list[Deadline]:
    """Received persons without a first mapping, where the municipality sets a deadline."""
    rule = frister.rule_for("kartlaggning", municipality.kod)
    if rule is None or rule.fran_handelse != "mottagande":
        return []
    unit = (
        Unit.objects.filter(municipality=municipality, kod=rule.enhet).first()
        if rule.enhet
        else None
    )
    received: dict[int, dt.date] = {}
    events = Event.objects.filter(
        person__in=visible, typ="mottagande", datum__gte=rule.galler_fran
    ).exclude(person__kartlaggningar__slag=FORSTA)
    for person_id, datum, kommun in events.values_list("person_id", "datum", "kommun"):
        if kommun and kommun != municipality.kod:
            continue
        # Counted from the first reception here, as the rules core counts the profile's frist.
        received[person_id] = min(datum, received.get(person_id, datum))
    return [
        Deadline(
            key=f"kartlaggning:{person_id}",
            kind="kartlaggning",
            kind_label=_("Kartläggning"),
            person_id=person_id,
            unit_id=unit.pk if unit else None,
            assigned_to_id=None,
            due=rule.due(datum),
            title=_("Första kartläggningen ska göras (ingen är påbörjad)"),
            source=rule.kalla,
            url=reverse("plans:kartlaggning_create", kwargs={"person_id": person_id}),
        )
        for person_id, datum in sorted(received.items())
    ]


def _activities(visible: Any, kommun: str) -> list[Deadline]:
    found = []
    activities = Aktivitet.objects.filter(
        plan__person__in=visible, klar__isnull=True, plan__avslutad__isnull=True
    ).select_related("plan")
    for activity in activities.order_by("forfaller", "id"):
        person_id = activity.plan.person_id
        unit_id = activity.ansvarig_enhet_id or activity.plan.enhet_id
        target = sfi_target(activity, kommun)
        if target is not None and activity.start is None:
            found.append(
                Deadline(
                    key=f"sfi_start:{activity.pk}",
                    kind="sfi_start",
                    kind_label=_("Start i sfi"),
                    person_id=person_id,
                    unit_id=unit_id,
                    assigned_to_id=activity.plan.handlaggare_id,
                    due=target.due,
                    title=_("Sfi ska ha börjat (ansökan %(datum)s)")
                    % {"datum": activity.ansokan.isoformat() if activity.ansokan else ""},
                    source=target.source,
                    url=_person_url(person_id),
                )
            )
            continue
        found.append(
            Deadline(
                key=f"aktivitet:{activity.pk}",
                kind="aktivitet",
                kind_label=_("Aktivitet i individuell plan"),
                person_id=person_id,
                unit_id=unit_id,
                assigned_to_id=activity.plan.handlaggare_id,
                due=activity.forfaller,
                title=_("%(aktivitet)s: %(utforare)s")
                % {"aktivitet": activity.get_slag_display(), "utforare": activity.utforare},
                source=_("Individuell plan upprättad %(datum)s")
                % {"datum": activity.plan.upprattad.isoformat()},
                url=_person_url(person_id),
            )
        )
    return found


def deadline_list(*, user: Any, today: dt.date) -> list[Deadline]:
    """Open deadlines of mappings and plans of every person the user may see, soonest first."""
    if not user.has_perm("plans.read") or user.municipality_id is None:
        return []
    municipality = Municipality.objects.get(pk=user.municipality_id)
    visible = reg.person_list(user=user, today=today).order_by().values("pk")
    found = (
        _mappings(visible, municipality.kod)
        + _unmapped(visible, municipality)
        + _activities(visible, municipality.kod)
    )
    unique = {d.key: d for d in reversed(found)}  # the newest mapping of a person wins
    # Marked handled on the unit's transition list (the rules core's own copy of the deadline).
    handled = core_deadlines_handled(
        kind="kartlaggning", person_ids={d.person_id for d in unique.values()}
    )
    return sorted(
        (d for d in unique.values() if not (d.kind == "kartlaggning" and d.person_id in handled)),
        key=lambda d: (d.due, d.key),
    )
