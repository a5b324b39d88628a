"""Reads of case work, each filtered by what the user may see.

A user sees an ärende when they may see its person (register.selectors, the one visibility
rule) and one of their units belongs to the same nämnd as the ärende's unit: different
nämnder are different authorities under OSL, so the visibility of a person does not carry
social services' journal over to another nämnd (docs/security.md).

Reads of single records go through register.selectors.person_get, which the caller logs as a
read of the person's record, as every page does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from mottagning.arenden.models import Arende, Beslut, Dokument
from mottagning.register import selectors as reg
from mottagning.register.models import Person, Unit


def _committee_ids(user: Any) -> set[int]:
    return set(
        Unit.objects.filter(id__in=reg.visible_unit_ids(user)).values_list(
            "committee_id", flat=True
        )
    )


def arende_visibility_q(user: Any, today: dt.date | None = None) -> Q:
    committees = _committee_ids(user)
    if not committees:
        return Q(pk__in=[])
    persons = Person.objects.filter(reg.person_visibility_q(user, today)).values("pk")
    return Q(municipality_id=user.municipality_id, unit__committee_id__in=committees) & Q(
        person_id__in=persons
    )


def arende_list(
    *, user: Any, person: Person | None = None, today: dt.date | None = None
) -> QuerySet[Arende]:
    qs = Arende.objects.filter(arende_visibility_q(user, today)).select_related(
        "unit", "handlaggare", "person"
    )
    if person is not None:
        qs = qs.filter(person=person)
    return qs


def arende_get(*, user: Any, arende_id: int) -> Arende:
    """The ärende if the user may see it; its person comes from person_get (the caller logs the
    read). Another nämnd's ärende answers 404, like another unit's person."""
    arende = arende_list(user=user).filter(pk=arende_id).first()
    if arende is None:
        raise Http404
    arende.person = reg.person_get(user=user, person_id=arende.person_id)
    return arende


def beslut_get(*, user: Any, beslut_id: int) -> Beslut:
    beslut = Beslut.objects.filter(pk=beslut_id).select_related("arende").first()
    if beslut is None:
        raise Http404
    beslut.arende = arende_get(user=user, arende_id=beslut.arende_id)
    return beslut


def dokument_list(*, user: Any, person: Person) -> QuerySet[Dokument]:
    """The person's documents: those of ärenden the user may see, and those on the person
    without an ärende (registered by a unit that may see the person)."""
    visible = arende_list(user=user, person=person).values("pk")
    return (
        Dokument.objects.filter(person=person)
        .filter(Q(arende__isnull=True) | Q(arende_id__in=visible))
        .defer("innehall")
        .select_related("uppladdad_av", "arende")
    )


def dokument_get(*, user: Any, dokument_id: int) -> Dokument:
    dokument = Dokument.objects.filter(pk=dokument_id).defer("innehall").first()
    if dokument is None:
        raise Http404
    person = reg.person_get(user=user, person_id=dokument.person_id)
    if not dokument_list(user=user, person=person).filter(pk=dokument.pk).exists():
        raise Http404
    dokument.person = person
    return dokument


def assignable_users(*, unit: Unit) -> QuerySet[Any]:
    """Who an ärende at `unit` can be assigned to: active handläggare and enhetschefer of it."""
    from mottagning.accounts.models import ENHETSCHEF, HANDLAGGARE, User

    return (
        User.objects.filter(is_active=True, units=unit, roller__roll__in=[HANDLAGGARE, ENHETSCHEF])
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
