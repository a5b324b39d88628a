"""The read log as a revisor filters it: always limited to the revisor's own municipality."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from mottagning.accounts.models import User
from mottagning.audit.models import IdentityConflict, InformationRequest, PersonAccess
from mottagning.register.models import Person
from mottagning.register.search import search


def access_log_list(
    *,
    user: User,
    username: str = "",
    person_id: int | None = None,
    fran: dt.date | None = None,
    till: dt.date | None = None,
    kanal: str = "",
    person_query: str = "",
) -> QuerySet[PersonAccess]:
    """Reads in the revisor's municipality. `username` matches a user name exactly or part of
    the user's real name; `person_query` is a name or an identity number in any common form
    (`register.search`), so the revisor never needs the internal id."""
    if not user.has_perm("audit.read_log") or user.municipality_id is None:
        raise PermissionDenied
    qs = PersonAccess.objects.filter(municipality_id=_municipality(user)).select_related(
        "user", "person"
    )
    if username.strip():
        who = username.strip()
        qs = qs.filter(
            Q(user__username__iexact=who)
            | Q(user__first_name__icontains=who)
            | Q(user__last_name__icontains=who)
        )
    if person_query.strip():
        persons = search(Person.objects.filter(municipality_id=_municipality(user)), person_query)
        qs = qs.filter(person__in=persons.values("pk"))
    if person_id is not None:
        qs = qs.filter(person_id=person_id)
    if fran is not None:
        qs = qs.filter(tidpunkt__date__gte=fran)
    if till is not None:
        qs = qs.filter(tidpunkt__date__lte=till)
    if kanal:
        qs = qs.filter(kanal=kanal)
    return qs.order_by("-tidpunkt", "-id")


def identity_conflict_list(*, user: User) -> QuerySet[IdentityConflict]:
    """Blocked identity numbers a begäran om uppgifter can be made about: the attempts of the
    enhetschef's own units, or the whole municipality's for an administratör or revisor."""
    if not user.has_perm("audit.see_information_requests"):
        raise PermissionDenied
    qs = IdentityConflict.objects.filter(municipality_id=_municipality(user)).select_related(
        "user", "unit"
    )
    if not (user.has_perm("accounts.manage_users") or user.has_perm("audit.read_log")):
        qs = qs.filter(unit_id__in=user.unit_ids())
    return qs.order_by("-tidpunkt", "-id")


def information_request_list(*, user: User) -> QuerySet[InformationRequest]:
    """Requests the user made, or (administratör, revisor) all of the municipality's."""
    if not user.has_perm("audit.see_information_requests"):
        raise PermissionDenied
    qs = InformationRequest.objects.filter(municipality_id=_municipality(user)).select_related(
        "begard_av", "beslutad_av", "conflict", "conflict__person"
    )
    if not (user.has_perm("accounts.manage_users") or user.has_perm("audit.read_log")):
        qs = qs.filter(begard_av=user)
    return qs.order_by("-skapad", "-id")


def information_requests_to_decide(*, user: User) -> QuerySet[InformationRequest]:
    """Waiting requests about persons the enhetschef may see (their unit holds the number)."""
    from mottagning.register.selectors import person_visibility_q

    if not user.has_perm("audit.decide_information_request"):
        return InformationRequest.objects.none()
    from mottagning.register.models import Person

    visible = Person.objects.filter(person_visibility_q(user)).values("pk")
    return (
        InformationRequest.objects.filter(
            municipality_id=_municipality(user), status="vantar", conflict__person__in=visible
        )
        .exclude(begard_av=user)
        .select_related("begard_av", "conflict", "conflict__person", "conflict__unit")
        .order_by("skapad", "id")
    )


def information_request_holders(*, request: InformationRequest) -> list[str]:
    """For a granted request: the units that hold or held the person, which the requester may
    now contact to resolve the duplicate."""
    from mottagning.cases.models import ResponsibilityPeriod

    if request.status != "beviljad":
        return []
    person = request.conflict.person
    units = {person.registrerad_av.namn}
    units |= set(
        ResponsibilityPeriod.objects.filter(person=person).values_list("unit__namn", flat=True)
    )
    return sorted(units)


def _municipality(user: User) -> int:
    # Deny by default: a user without a municipality sees nothing of anyone's.
    if user.municipality_id is None:
        raise PermissionDenied
    return user.municipality_id
