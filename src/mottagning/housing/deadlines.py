"""Deadlines of housing for the worklist (issue #11 item 6 collects them from the dotted path
`mottagning.housing.deadlines.deadline_list`, setting MOTTAGNING_DEADLINE_PROVIDERS).

`kontrakt_slut`: a contract that ends within CONTRACT_DAYS while someone still lives in the
home — a new contract, an extension or a move must be arranged. One deadline per contract,
shown for the first resident the user may see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from mottagning.housing.selectors import kontrakt_ending
from mottagning.plans.models import IndividuellPlan
from mottagning.register import selectors as reg

# How far ahead an ending contract appears: the 90 days of issue #11 item 5, the same horizon
# as the worklist's coming transitions.
CONTRACT_DAYS = reg.INCOMING_DAYS


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


def deadline_list(*, user: Any, today: dt.date) -> list[Deadline]:
    if not user.has_perm("housing.read") or user.municipality_id is None:
        return []
    visible = set(reg.person_list(user=user, today=today).values_list("pk", flat=True))
    found = []
    for contract in kontrakt_ending(user=user, today=today, days=CONTRACT_DAYS):
        assert contract.slut is not None  # kontrakt_ending asks for an end date
        residents = [
            b.person_id
            for b in contract.boenden.all()
            if (b.till is None or b.till > contract.slut) and b.person_id in visible
        ]
        if not residents:
            continue
        # The named handläggare is the one of the resident's open plan, if there is one.
        plan = (
            IndividuellPlan.objects.filter(person_id=residents[0], avslutad__isnull=True)
            .order_by("-upprattad", "-id")
            .first()
        )
        found.append(
            Deadline(
                key=f"kontrakt_slut:{contract.pk}",
                kind="kontrakt_slut",
                kind_label=_("Kontrakt slutar"),
                person_id=residents[0],
                unit_id=contract.bostad.enhet_id,
                assigned_to_id=plan.handlaggare_id if plan else None,
                due=contract.slut,
                title=_("%(kontrakt)s för %(bostad)s slutar")
                % {"kontrakt": contract.get_slag_display(), "bostad": str(contract.bostad)},
                source=_("Kontraktet (%(hyresvard)s), slutdatum %(slut)s")
                % {"hyresvard": contract.bostad.hyresvard, "slut": contract.slut.isoformat()},
                url=reverse("housing:bostad", kwargs={"bostad_id": contract.bostad_id}),
            )
        )
    return found
