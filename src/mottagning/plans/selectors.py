"""Reads of mappings and plans, only for persons the user may see (register.selectors)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from mottagning.accounts.models import ENHETSCHEF, HANDLAGGARE, User
from mottagning.plans import frister
from mottagning.plans.models import SFI, Aktivitet, IndividuellPlan, Kartlaggning
from mottagning.register import selectors as reg
from mottagning.register.models import Person


def _require(user: Any, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied


def visible_persons(*, user: Any) -> QuerySet[Person]:
    """The persons whose plans the user may see: exactly the person list's rule."""
    _require(user, "plans.read")
    return reg.person_list(user=user).order_by()


def kartlaggning_get(*, user: Any, pk: int) -> Kartlaggning:
    return get_object_or_404(
        Kartlaggning.objects.select_related("person", "enhet", "handlaggare"),
        pk=pk,
        person__in=visible_persons(user=user).values("pk"),
    )


def plan_get(*, user: Any, pk: int) -> IndividuellPlan:
    return get_object_or_404(
        IndividuellPlan.objects.select_related("person", "enhet", "handlaggare"),
        pk=pk,
        person__in=visible_persons(user=user).values("pk"),
    )


def aktivitet_get(*, user: Any, pk: int) -> Aktivitet:
    return get_object_or_404(
        Aktivitet.objects.select_related("plan", "plan__person", "ansvarig_enhet"),
        pk=pk,
        plan__person__in=visible_persons(user=user).values("pk"),
    )


@dataclass(frozen=True)
class SfiTarget:
    """An sfi activity against the municipality's target for starting (Östersund: 003)."""

    due: dt.date
    source: str
    started: dt.date | None

    @property
    def met(self) -> bool | None:
        return None if self.started is None else self.started <= self.due


def sfi_target(aktivitet: Aktivitet, kommun: str) -> SfiTarget | None:
    if aktivitet.slag != SFI or aktivitet.ansokan is None:
        return None
    rule = frister.rule_for("sfi_start", kommun)
    if rule is None or not rule.applies(aktivitet.ansokan):
        return None
    return SfiTarget(rule.due(aktivitet.ansokan), rule.kalla, aktivitet.start)


def mapping_due(kartlaggning: Kartlaggning, kommun: str) -> tuple[dt.date, str] | None:
    kind = "kartlaggning" if kartlaggning.slag == "forsta" else "pedagogisk_kartlaggning"
    rule = frister.rule_for(kind, kommun)
    if rule is None or not rule.applies(kartlaggning.mottagen):
        return None
    return rule.due(kartlaggning.mottagen), rule.kalla


@dataclass
class PersonPlans:
    mappings: list[tuple[Kartlaggning, tuple[dt.date, str] | None]]
    plans: list[tuple[IndividuellPlan, list[tuple[Aktivitet, SfiTarget | None]]]]
    unmapped_due: tuple[dt.date, str] | None  # the first mapping's deadline, none started


def first_mapping_rule(kommun: str) -> frister.Rule | None:
    return frister.rule_for("kartlaggning", kommun)


def unmapped_due(person: Person) -> tuple[dt.date, str] | None:
    """When the municipality maps every newcomer from the reception and the person has no
    first mapping yet: its deadline and source."""
    rule = first_mapping_rule(person.municipality.kod)
    if rule is None or person.kartlaggningar.filter(slag="forsta").exists():
        return None
    received = (
        person.handelser.filter(typ="mottagande", kommun__in=("", person.municipality.kod))
        .order_by("-datum")
        .first()
    )
    if received is None or not rule.applies(received.datum):
        return None
    return rule.due(received.datum), rule.kalla


def person_plans(*, person: Person) -> PersonPlans:
    """For a person the caller has already fetched through `register.selectors.person_get`
    (which checks visibility); the page logs the read."""
    kommun = person.municipality.kod
    mappings = [
        (m, mapping_due(m, kommun))
        for m in person.kartlaggningar.select_related("enhet", "handlaggare")
    ]
    plans = []
    for plan in person.planer.select_related("enhet", "handlaggare").prefetch_related(
        "aktiviteter__ansvarig_enhet"
    ):
        plans.append((plan, [(a, sfi_target(a, kommun)) for a in plan.aktiviteter.all()]))
    return PersonPlans(mappings, plans, unmapped_due(person))


def handlaggare_choices(*, user: Any) -> QuerySet[User]:
    """Colleagues a plan can be assigned to: case workers and unit heads of the municipality."""
    if user.municipality_id is None:
        return User.objects.none()
    return (
        User.objects.filter(
            municipality_id=user.municipality_id,
            is_active=True,
            roller__roll__in=[HANDLAGGARE, ENHETSCHEF],
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
