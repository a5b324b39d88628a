"""Deadlines from law for placements, for the worklist (MOTTAGNING_DEADLINE_PROVIDERS).

- Övervägande: while a child is placed, social services must consider at least every six
  months whether the care is still needed: SoL 2001:453 6 kap. 8 §, from 2025-07-01 SoL
  2025:400 22 kap. 13 § (LVU 13 § for care under LVU, not amended on 2025-07-01). The next one
  is due six months after the last one done (its date on the worklist), the first six months
  after the placement began. Under SoL the duty is for barn, so it ends at 18; under LVU the
  review runs as long as the care (LVU 13 § covers young people to 21).
- Vårdplan and genomförandeplan: when a child is placed a vårdplan and a plan for carrying out
  the care are to be drawn up (SoL 2001:453 11 kap. 3 §, from 2025-07-01 SoL 2025:400 9 kap.
  12 § första and andra stycket; 001 §3.1.1 "Följa upp vård- och genomförandeplaner"). The law
  sets no number of days, so both are due on the day the placement begins.
- Anmälan om fortsatt ansvar: three weeks before an EKB's 18th birthday the municipality
  tells Migrationsverket whether it keeps responsibility, from 2020-10-01.

The socialtjänstlag (2025:400) replaces 2001:453 from 2025-07-01; each deadline cites the law in
force on its due date, with that law's own chapter and paragraph. The new numbers were read in
the text of SFS 2025:400, a consolidated copy (to SFS 2025:1501) in the se-lex/sfs-processor
repository, data/md-markers/2025/sfs-2025-400-markers.md, which names the official print:
https://svenskforfattningssamling.se/sites/default/files/sfs/2025-05/SFS2025-400.pdf
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from mottagning.arenden.models import FristKlar
from mottagning.cases.selectors import core_deadlines_handled
from mottagning.placements.models import HOME_FORMS, LVU, Placering
from mottagning.register.models import Person
from mottagning.rules.dates import birthday
from mottagning.rules.events import add_months
from mottagning.rules.periods import anmalan_18
from mottagning.rules.timeline import MYNDIG_ALDER

NEW_SOL_FROM = dt.date(2025, 7, 1)  # socialtjänstlag (2025:400) in force; SFS 2025:400
# "minst en gång var sjätte månad": SoL 2001:453 6 kap. 8 §, SoL 2025:400 22 kap. 13 §; LVU 13 §
OVERVAGANDE_MONTHS = 6

# Where each duty stands in the old law and in the new one: (2001:453, 2025:400).
OVERVAGANDE_SOL = ("6 kap. 8 §", "22 kap. 13 §")
VARDPLAN_SOL = ("11 kap. 3 §", "9 kap. 12 § första stycket")
GENOMFORANDEPLAN_SOL = ("11 kap. 3 §", "9 kap. 12 § andra stycket")


def kind_label(key: str) -> str:
    """The label of a deadline kind from its key, for lists of what is done."""
    labels = {
        "vardplan": _("Vårdplan"),
        "genomforandeplan": _("Genomförandeplan"),
        "placering_overvagande": _("Övervägande av placering"),
        "ekb_18_anmalan": _("Anmälan om fortsatt ansvar (EKB)"),
    }
    return str(labels.get(key.split(":", 1)[0], key))


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


def sol_source(on: dt.date, paragraphs: tuple[str, str]) -> str:
    """The socialtjänstlag in force on `on` with its own paragraph: `paragraphs` holds the
    place of the duty in 2001:453 and in 2025:400, which replaced it on 2025-07-01."""
    old_paragraph, new_paragraph = paragraphs
    if on < NEW_SOL_FROM:
        return f"SoL (2001:453) {old_paragraph}"
    return f"SoL (2025:400) {new_paragraph}"


def ekb_18_report_due(fodelsedatum: dt.date) -> dt.date | None:
    """The last day to report continued responsibility for an EKB (the rules core's rule)."""
    return anmalan_18(fodelsedatum)


def _under_18(born: dt.date, on: dt.date) -> bool:
    return on < birthday(born, MYNDIG_ALDER)


def _born(person: Person) -> dt.date:
    """The birth date the rules core uses: the latest åldersbedömning, else the registered."""
    assessed = [e for e in person.handelser.all() if e.typ == "aldersbedomning" and e.fodelsedatum]
    return assessed[-1].fodelsedatum if assessed else person.fodelsedatum  # type: ignore[return-value]


def placement_deadlines(
    placering: Placering, done: dict[str, dt.date], born: dt.date
) -> list[Deadline]:
    """Open deadlines of one placement; `done` maps keys already done to their dates."""
    if placering.form not in HOME_FORMS:
        return []
    arende = placering.arende
    common: dict[str, Any] = {
        "person_id": placering.person_id,
        "unit_id": arende.unit_id,
        "assigned_to_id": arende.handlaggare_id,
        "url": reverse("placements:detail", args=[placering.pk]),
    }
    out: list[Deadline] = []
    for kind, title, paragraphs in (
        ("vardplan", _("Upprätta vårdplan"), VARDPLAN_SOL),
        ("genomforandeplan", _("Upprätta genomförandeplan"), GENOMFORANDEPLAN_SOL),
    ):
        key = f"{kind}:{placering.pk}"
        if key not in done and _under_18(born, placering.start):
            out.append(
                Deadline(
                    key=key,
                    kind=kind,
                    kind_label=kind_label(kind),
                    due=placering.start,
                    title=f"{title}: {placering.plats}",
                    source=sol_source(placering.start, paragraphs),
                    **common,
                )
            )
    # Reviews are numbered; the next is due six months after the last one done.
    n = 1
    last = placering.start
    while f"placering_overvagande:{placering.pk}:{n}" in done:
        last = done[f"placering_overvagande:{placering.pk}:{n}"]
        n += 1
    due = add_months(last, OVERVAGANDE_MONTHS)
    ongoing = placering.slut is None or placering.slut >= due
    if placering.grund == LVU:
        source = "LVU (1990:52) 13 §"
        applies = ongoing
    else:
        source = sol_source(due, OVERVAGANDE_SOL)
        applies = ongoing and _under_18(born, due)
    if applies:
        out.append(
            Deadline(
                key=f"placering_overvagande:{placering.pk}:{n}",
                kind="placering_overvagande",
                kind_label=kind_label("placering_overvagande"),
                due=due,
                title=_("Överväg om vården fortfarande behövs: %(plats)s")
                % {"plats": placering.plats},
                source=source,
                **common,
            )
        )
    return out


def ekb_deadline(placering: Placering, done: dict[str, dt.date], born: dt.date) -> Deadline | None:
    """The 18-year report for an EKB placed by the municipality at the time it is due."""
    if not placering.person.ensamkommande or placering.form not in HOME_FORMS:
        return None
    due = ekb_18_report_due(born)
    key = f"ekb_18_anmalan:{placering.person_id}"
    if due is None or key in done:
        return None
    if placering.start > due or (placering.slut is not None and placering.slut < due):
        return None
    return Deadline(
        key=key,
        kind="ekb_18_anmalan",
        kind_label=kind_label("ekb_18_anmalan"),
        person_id=placering.person_id,
        unit_id=placering.arende.unit_id,
        assigned_to_id=placering.arende.handlaggare_id,
        due=due,
        title=_("Anmäl till Migrationsverket om kommunen behåller ansvaret efter 18 år"),
        source="Migrationsverket, frågor och svar om statlig ersättning (från 2020-10-01)",
        url=reverse("placements:detail", args=[placering.pk]),
    )


def deadline_list(*, user: Any, today: dt.date) -> list[Deadline]:
    """Open deadlines of every placement the user may see: its person visible to the user, and
    its ärende in one of the user's nämnder (the case-file rule, arenden.selectors)."""
    from mottagning.placements.selectors import placering_list

    placements = list(
        placering_list(user=user, today=today)
        .filter(form__in=HOME_FORMS)
        .select_related("arende", "person")
        .prefetch_related("person__handelser")
        .order_by("start", "pk")
    )
    if not placements:
        return []
    done = dict(
        FristKlar.objects.filter(
            municipality_id=user.municipality_id, person_id__in={p.person_id for p in placements}
        ).values_list("nyckel", "datum")
    )
    out: list[Deadline] = []
    # Marked handled on the unit's transition list (the rules core's own copy of the report).
    ekb_seen = {
        f"ekb_18_anmalan:{p}"
        for p in core_deadlines_handled(
            kind="ekb_18_anmalan", person_ids={p.person_id for p in placements}
        )
    }
    for placering in placements:
        born = _born(placering.person)
        out.extend(placement_deadlines(placering, done, born))
        report = ekb_deadline(placering, done, born)
        if report is not None and report.key not in ekb_seen:
            ekb_seen.add(report.key)
            out.append(report)
    return out
