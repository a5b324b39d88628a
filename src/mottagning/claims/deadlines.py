"""Claims to send, for the worklist (MOTTAGNING_DEADLINE_PROVIDERS): each draft whose last day to
apply is within the worklist's horizon or has passed, for the ekonom who prepares the
municipality's claims. A worklist row belongs to a person; a claim's is the first person on
its lines (the claim page lists them all), and the row sits on the ekonom's first unit,
assigned to them, so it shows in "Mitt arbete" and on that unit's list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from mottagning.arenden.worklist import HORIZON_DAYS
from mottagning.claims.models import UTKAST, Ansokan, AnsokanRad
from mottagning.claims.types import label


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
    if not user.has_perm("claims.write") or user.municipality_id is None:
        return []
    units = sorted(user.unit_ids())
    claims = Ansokan.objects.filter(
        municipality_id=user.municipality_id,
        status=UTKAST,
        ansok_senast__isnull=False,
        ansok_senast__lte=today + dt.timedelta(days=HORIZON_DAYS),
    ).order_by("ansok_senast", "pk")
    first_person = dict(
        AnsokanRad.objects.filter(ansokan__in=claims)
        .order_by("ansokan_id", "person_id")
        .values_list("ansokan_id", "person_id")
        .distinct()
    )
    found = []
    for claim in claims:
        person_id = first_person.get(claim.pk)
        if person_id is None or claim.ansok_senast is None:
            continue  # a draft without lines claims nothing
        found.append(
            Deadline(
                key=f"ansokan:{claim.pk}",
                kind="ansokan",
                kind_label=_("Ansökan om ersättning"),
                person_id=person_id,
                unit_id=units[0] if units else None,
                assigned_to_id=user.pk,
                due=claim.ansok_senast,
                title=_("Skicka ansökan: %(typ)s %(ar)d kv %(k)d, %(belopp)s kr")
                % {
                    "typ": label(claim.typ),
                    "ar": claim.ar,
                    "k": claim.kvartal,
                    "belopp": claim.belopp_ansokt,
                },
                source=_("Sista ansökningsdag enligt regelkärnan (rules.compensation)"),
                url=reverse("claims:ansokan", kwargs={"ansokan_id": claim.pk}),
            )
        )
    return found
