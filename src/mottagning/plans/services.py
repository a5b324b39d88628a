"""Every write of mappings, plans and activities: keyword-only, one transaction, validated
(full_clean), with who and why in django-simple-history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mottagning.plans.models import Aktivitet, IndividuellPlan, Kartlaggning
from mottagning.register.models import Person, Unit
from mottagning.register.services import validated_save

MAPPING_TEXT_FIELDS = (
    "utbildning",
    "arbetslivserfarenhet",
    "sprak",
    "halsobehov",
    "korkort",
    "mal",
    "erfarenheter",
    "litteracitet",
    "amneskunskaper",
    "rekommendation",
)


def _check_same_municipality(person: Person, unit: Unit | None, handlaggare: Any) -> None:
    errors: dict[str, str] = {}
    if unit is not None and unit.municipality_id != person.municipality_id:
        errors["enhet"] = _("Enheten hör till en annan kommun än personen. Välj en egen enhet.")
    if handlaggare is not None and handlaggare.municipality_id != person.municipality_id:
        errors["handlaggare"] = _("Handläggaren arbetar i en annan kommun. Välj en kollega.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def kartlaggning_create(
    *,
    actor: Any,
    person: Person,
    enhet: Unit,
    mottagen: dt.date,
    slag: str = "forsta",
    handlaggare: Any = None,
    klar: dt.date | None = None,
    reason: str = "",
    **texts: str,
) -> Kartlaggning:
    unknown = set(texts) - set(MAPPING_TEXT_FIELDS)
    if unknown:
        raise ValidationError(_("Okända fält: %(f)s") % {"f": ", ".join(sorted(unknown))})
    _check_same_municipality(person, enhet, handlaggare)
    mapping = Kartlaggning(
        municipality_id=person.municipality_id,
        person=person,
        enhet=enhet,
        slag=slag,
        handlaggare=handlaggare,
        mottagen=mottagen,
        klar=klar,
        **{k: v.strip() for k, v in texts.items()},
    )
    validated_save(mapping, actor=actor, reason=reason or _("Kartläggning påbörjad"))
    return mapping


@transaction.atomic
def kartlaggning_update(
    *,
    actor: Any,
    kartlaggning: Kartlaggning,
    handlaggare: Any = None,
    klar: dt.date | None = None,
    reason: str = "",
    **texts: str,
) -> Kartlaggning:
    unknown = set(texts) - set(MAPPING_TEXT_FIELDS)
    if unknown:
        raise ValidationError(_("Okända fält: %(f)s") % {"f": ", ".join(sorted(unknown))})
    _check_same_municipality(kartlaggning.person, None, handlaggare)
    for name, value in texts.items():
        setattr(kartlaggning, name, value.strip())
    kartlaggning.handlaggare = handlaggare
    kartlaggning.klar = klar
    validated_save(kartlaggning, actor=actor, reason=reason or _("Kartläggning uppdaterad"))
    return kartlaggning


@transaction.atomic
def plan_create(
    *,
    actor: Any,
    person: Person,
    enhet: Unit,
    upprattad: dt.date,
    mal: str,
    handlaggare: Any = None,
    reason: str = "",
) -> IndividuellPlan:
    _check_same_municipality(person, enhet, handlaggare)
    plan = IndividuellPlan(
        municipality_id=person.municipality_id,
        person=person,
        enhet=enhet,
        handlaggare=handlaggare,
        upprattad=upprattad,
        mal=mal.strip(),
    )
    validated_save(plan, actor=actor, reason=reason or _("Individuell plan upprättad"))
    return plan


@transaction.atomic
def plan_update(
    *,
    actor: Any,
    plan: IndividuellPlan,
    mal: str,
    handlaggare: Any = None,
    avslutad: dt.date | None = None,
    egen_forsorjning: bool | None = None,
    reason: str = "",
) -> IndividuellPlan:
    _check_same_municipality(plan.person, None, handlaggare)
    plan.mal = mal.strip()
    plan.handlaggare = handlaggare
    plan.avslutad = avslutad
    plan.egen_forsorjning = egen_forsorjning
    validated_save(plan, actor=actor, reason=reason or _("Individuell plan ändrad"))
    return plan


@transaction.atomic
def aktivitet_create(
    *,
    actor: Any,
    plan: IndividuellPlan,
    slag: str,
    forfaller: dt.date,
    ansvarig_enhet: Unit | None = None,
    partner: str = "",
    beskrivning: str = "",
    ansokan: dt.date | None = None,
    start: dt.date | None = None,
    klar: dt.date | None = None,
    reason: str = "",
) -> Aktivitet:
    if ansvarig_enhet is not None and ansvarig_enhet.municipality_id != plan.municipality_id:
        raise ValidationError(
            {"ansvarig_enhet": _("Enheten hör till en annan kommun. Skriv den som samarbetspart.")}
        )
    activity = Aktivitet(
        plan=plan,
        slag=slag,
        forfaller=forfaller,
        ansvarig_enhet=ansvarig_enhet,
        partner=partner.strip(),
        beskrivning=beskrivning.strip(),
        ansokan=ansokan,
        start=start,
        klar=klar,
    )
    validated_save(activity, actor=actor, reason=reason or _("Aktivitet tillagd"))
    return activity


@transaction.atomic
def aktivitet_update(
    *,
    actor: Any,
    aktivitet: Aktivitet,
    forfaller: dt.date,
    start: dt.date | None,
    klar: dt.date | None,
    reason: str = "",
) -> Aktivitet:
    aktivitet.forfaller = forfaller
    aktivitet.start = start
    aktivitet.klar = klar
    validated_save(aktivitet, actor=actor, reason=reason or _("Aktivitet uppdaterad"))
    return aktivitet
