"""Every write of quota, homes, contracts and residences: keyword-only, one transaction,
validated (full_clean), with who and why in django-simple-history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mottagning.housing.models import Boende, Bostad, Kommuntal, Kontrakt
from mottagning.register.models import Municipality, Person, Unit
from mottagning.register.services import validate_instance, validated_save


@transaction.atomic
def kommuntal_set(
    *,
    actor: Any,
    municipality: Municipality,
    ar: int,
    antal: int,
    kalla: str,
    beslutsdatum: dt.date | None = None,
    reason: str = "",
) -> Kommuntal:
    """Enter (or correct) the year's kommuntal; a correction keeps the old value in history."""
    quota = Kommuntal.objects.filter(municipality=municipality, ar=ar).first() or Kommuntal(
        municipality=municipality, ar=ar
    )
    quota.antal = antal
    quota.kalla = kalla.strip()
    quota.beslutsdatum = beslutsdatum
    validated_save(quota, actor=actor, reason=reason or _("Kommuntal från Länsstyrelsen"))
    return quota


@transaction.atomic
def bostad_create(
    *,
    actor: Any,
    enhet: Unit,
    adress: str,
    hyresvard: str,
    postnummer: str = "",
    ort: str = "",
    rum: int | None = None,
    reason: str = "",
) -> Bostad:
    home = Bostad(
        municipality_id=enhet.municipality_id,
        enhet=enhet,
        adress=adress.strip(),
        hyresvard=hyresvard.strip(),
        postnummer=postnummer.strip(),
        ort=ort.strip(),
        rum=rum,
    )
    validated_save(home, actor=actor, reason=reason or _("Bostad registrerad"))
    return home


@transaction.atomic
def kontrakt_create(
    *,
    actor: Any,
    bostad: Bostad,
    slag: str,
    hyra: Decimal,
    start: dt.date,
    slut: dt.date | None = None,
    reason: str = "",
) -> Kontrakt:
    if not isinstance(hyra, Decimal):
        raise ValidationError({"hyra": _("Hyran ska anges exakt i kronor och ören.")})
    overlapping = bostad.kontrakt.filter(start__lte=slut or dt.date.max).exclude(slut__lt=start)
    if overlapping.exists():
        raise ValidationError(
            {
                "start": _(
                    "Bostaden har redan ett kontrakt under den tiden (%(k)s). "
                    "Avsluta det först eller välj ett senare startdatum."
                )
                % {"k": str(overlapping.first())}
            }
        )
    contract = Kontrakt(bostad=bostad, slag=slag, hyra=hyra, start=start, slut=slut)
    validated_save(contract, actor=actor, reason=reason or _("Kontrakt registrerat"))
    return contract


@transaction.atomic
def kontrakt_set_end(
    *, actor: Any, kontrakt: Kontrakt, slut: dt.date | None, reason: str = ""
) -> Kontrakt:
    """Extend or end a contract. Residences may not outlast it."""
    if slut is not None and kontrakt.boenden.filter(fran__gt=slut).exists():
        raise ValidationError(
            {"slut": _("Någon flyttar in efter det slutdatumet. Ändra inflyttningen först.")}
        )
    kontrakt.slut = slut
    validated_save(kontrakt, actor=actor, reason=reason or _("Kontraktets slut ändrat"))
    return kontrakt


@transaction.atomic
def boende_create(
    *, actor: Any, person: Person, kontrakt: Kontrakt, fran: dt.date, reason: str = ""
) -> Boende:
    """The person moves in. A person lives in one home at a time: a residence still open
    elsewhere ends the day before."""
    if kontrakt.bostad.municipality_id != person.municipality_id:
        raise ValidationError({"person": _("Personen och bostaden hör till olika kommuner.")})
    residence = Boende(
        municipality_id=person.municipality_id, person=person, kontrakt=kontrakt, fran=fran
    )
    validate_instance(residence)
    earlier = person.boenden.filter(till__isnull=True, fran__lt=fran)
    for old in earlier:
        old.till = fran - dt.timedelta(days=1)
        validated_save(
            old, actor=actor, reason=_("Flyttat till %(b)s") % {"b": str(kontrakt.bostad)}
        )
    if person.boenden.filter(fran__gte=fran).exists():
        raise ValidationError(
            {"fran": _("Personen har redan ett boende från samma eller ett senare datum.")}
        )
    validated_save(residence, actor=actor, reason=reason or _("Inflyttning"))
    return residence


@transaction.atomic
def boende_end(*, actor: Any, boende: Boende, till: dt.date, reason: str = "") -> Boende:
    boende.till = till
    validated_save(boende, actor=actor, reason=reason or _("Utflyttning"))
    return boende
