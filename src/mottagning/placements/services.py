"""Every write of a placement: validated, one transaction, with history, and the rules core's
`placering` event written through register.services in the same transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mottagning.accounts.models import User
from mottagning.arenden.models import Arende, Beslut
from mottagning.history import history_record
from mottagning.placements.models import (
    FAMILJEHEM,
    GOD_MAN,
    GOD_MAN_EKB,
    HOME_FORMS,
    JOURHEM,
    SOL,
    Placering,
)
from mottagning.register import services as register_services
from mottagning.register.models import Event


def placering_event(placering: Placering) -> dict[str, Any] | None:
    """The `placering` event for the rules core, or None for support that is no placement
    (kontaktperson, god man). Jourhem is a familjehem form for the rules core. `grund` is
    written only when it is not the default SoL, `kommun` only when the place is in another
    municipality (the event contract of the rules core, issue #8)."""
    if placering.form not in HOME_FORMS:
        return None
    event: dict[str, Any] = {
        "typ": "placering",
        "datum": placering.start,
        "form": FAMILJEHEM if placering.form == JOURHEM else placering.form,
    }
    if placering.slut is not None:
        event["slut"] = placering.slut
    if placering.grund != SOL:
        event["grund"] = placering.grund
    if placering.kommun:
        event["kommun"] = placering.kommun
    return event


def _validate(placering: Placering) -> None:
    if placering.form == GOD_MAN and placering.grund != GOD_MAN_EKB:
        raise ValidationError(
            {"grund": _("En god man förordnas enligt lagen om god man för ensamkommande barn.")}
        )
    if placering.form != GOD_MAN and placering.grund == GOD_MAN_EKB:
        raise ValidationError({"grund": _("Välj SoL eller LVU för den här formen.")})
    if placering.slut is not None and placering.slut < placering.start:
        raise ValidationError({"slut": _("Slutdatumet ligger före startdatumet.")})
    if placering.kostnad_per_dygn < 0:
        raise ValidationError({"kostnad_per_dygn": _("Kostnaden kan inte vara negativ.")})
    if placering.arende.person_id != placering.person_id:
        raise ValidationError({"arende": _("Ärendet hör till en annan person.")})


def _write_event(*, actor: User, placering: Placering, reason: str) -> None:
    data = placering_event(placering)
    if data is None:
        return
    person = placering.person
    # A placement registered earlier as a plain event (before this record existed, or by an
    # import) is taken over rather than written twice.
    existing = (
        Event.objects.filter(person=person, typ="placering", datum=data["datum"], form=data["form"])
        .filter(placering_post__isnull=True)
        .first()
    )
    if existing is not None and existing.slut == data.get("slut"):
        placering.event = existing
        return
    if existing is not None:
        register_services.event_delete(actor=actor, event=existing, reason=reason)
    fields = {k: v for k, v in data.items() if k != "typ"}
    placering.event = register_services.event_create(
        actor=actor,
        person=person,
        typ="placering",
        reason=reason,
        anteckning=f"{placering.get_form_display()}: {placering.plats}"[:500],
        **fields,
    )


@transaction.atomic
def placering_create(
    *,
    actor: User,
    arende: Arende,
    form: str,
    grund: str,
    anordnare: str,
    plats: str,
    start: dt.date,
    kostnad_per_dygn: Decimal,
    kommun: str = "",
    slut: dt.date | None = None,
    beslut: Beslut | None = None,
) -> Placering:
    if beslut is not None and beslut.arende_id != arende.pk:
        raise ValidationError({"beslut": _("Beslutet hör till ett annat ärende.")})
    placering = Placering(
        municipality_id=arende.municipality_id,
        person=arende.person,
        arende=arende,
        beslut=beslut,
        form=form,
        grund=grund,
        anordnare=anordnare.strip(),
        plats=plats.strip(),
        kommun=kommun,
        start=start,
        slut=slut,
        kostnad_per_dygn=kostnad_per_dygn,
    )
    register_services.validate_instance(placering, exclude=["event"])
    _validate(placering)
    _write_event(actor=actor, placering=placering, reason=_("Ny placering"))
    history_record(placering, actor=actor, reason=_("Ny placering"))
    placering.save()
    return placering


@transaction.atomic
def placering_end(*, actor: User, placering: Placering, slut: dt.date, reason: str) -> Placering:
    """End a placement; its event gets the same end date (the rules core moves the
    responsibility on the next day)."""
    if placering.slut is not None:
        raise ValidationError({"slut": _("Placeringen har redan ett slutdatum.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv varför placeringen avslutas.")})
    placering.slut = slut
    _validate(placering)
    old = placering.event
    if old is not None:
        # on_delete=SET_NULL clears the link in the database as the event goes.
        placering.event = None
        register_services.event_delete(actor=actor, event=old, reason=reason)
    data = placering_event(placering)
    if data is not None:
        fields = {k: v for k, v in data.items() if k != "typ"}
        placering.event = register_services.event_create(
            actor=actor,
            person=placering.person,
            typ="placering",
            reason=reason,
            anteckning=f"{placering.get_form_display()}: {placering.plats}"[:500],
            **fields,
        )
    register_services.validate_instance(placering, exclude=["event"])
    history_record(placering, actor=actor, reason=reason)
    placering.save()
    return placering
