"""Reads of homes, residences and the quota year.

Homes are seen by the users of the unit that manages them; who lives in a home is shown only
for persons the user may see (register.selectors). The quota year counts the whole
municipality's anvisningar but shows no person, so strateger may see it too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from mottagning.housing.models import Boende, Bostad, Kommuntal, Kontrakt
from mottagning.register import selectors as reg
from mottagning.register.models import Event, Municipality, Person
from mottagning.rules.dates import add_months
from mottagning.rules.periods import ANVISNING_MANADER


def _require(user: Any, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied


def bostad_list(*, user: Any) -> QuerySet[Bostad]:
    _require(user, "housing.read")
    return (
        Bostad.objects.filter(municipality_id=user.municipality_id, enhet_id__in=user.unit_ids())
        .select_related("enhet")
        .prefetch_related("kontrakt")
    )


def bostad_get(*, user: Any, pk: int) -> Bostad:
    return get_object_or_404(bostad_list(user=user), pk=pk)


def kontrakt_get(*, user: Any, pk: int) -> Kontrakt:
    return get_object_or_404(
        Kontrakt.objects.select_related("bostad"), pk=pk, bostad__in=bostad_list(user=user)
    )


def residences(*, user: Any, bostad: Bostad) -> list[Boende]:
    """Who lives or lived in the home, among the persons the user may see."""
    visible = reg.person_list(user=user).order_by().values("pk")
    return list(
        Boende.objects.filter(kontrakt__bostad=bostad, person__in=visible)
        .select_related("person", "kontrakt")
        .order_by("-fran", "-id")
    )


def residents_today(*, user: Any, today: dt.date) -> dict[int, list[Person]]:
    """Who lives in each of the user's homes today, among the persons the user may see: the
    list's answer to who lives where (names only, like the person list)."""
    visible = reg.person_list(user=user, today=today).order_by().values("pk")
    found: dict[int, list[Person]] = {}
    rows = (
        Boende.objects.filter(
            Q(till__isnull=True) | Q(till__gte=today),
            kontrakt__bostad__in=bostad_list(user=user),
            person__in=visible,
            fran__lte=today,
        )
        .select_related("person", "kontrakt")
        .order_by("person__efternamn", "person__fornamn", "id")
    )
    for residence in rows:
        found.setdefault(residence.kontrakt.bostad_id, []).append(residence.person)
    return found


def boende_get(*, user: Any, pk: int) -> Boende:
    visible = reg.person_list(user=user).order_by().values("pk")
    return get_object_or_404(
        Boende.objects.select_related("person", "kontrakt__bostad"),
        pk=pk,
        person__in=visible,
        kontrakt__bostad__in=bostad_list(user=user),
    )


def person_residences(*, person: Person) -> list[Boende]:
    """For a person the caller fetched through `register.selectors.person_get`."""
    return list(person.boenden.select_related("kontrakt__bostad").order_by("-fran", "-id"))


def current_contract(bostad: Bostad, today: dt.date) -> Kontrakt | None:
    for contract in bostad.kontrakt.all():
        if contract.start <= today and (contract.slut is None or contract.slut >= today):
            return contract
    return None


# --- the quota year -----------------------------------------------------------------------


@dataclass(frozen=True)
class QuotaYear:
    ar: int
    kommuntal: Kommuntal | None
    anvisade: int  # anvisade to the municipality that year (bosättningslagen; not EKB)
    mottagna: int  # of those, received
    i_tid: int  # received within bosättningslagen's two months
    bosatta: int  # of those anvisade, housed in a home registered here
    lamnat: int  # of those anvisade, moved away again (utflyttning)
    vantar: int  # anvisade, not yet received

    @property
    def kvar(self) -> int | None:
        """Left to receive against the kommuntal (never negative)."""
        if self.kommuntal is None:
            return None
        return max(self.kommuntal.antal - self.anvisade, 0)

    def rows(self, *, short: bool = False) -> list[tuple[str, int]]:
        """The year's numbers with their names; `short` names fit the chart's label column."""
        rows = [
            (str(_("Anvisade")), self.anvisade),
            (str(_("Mottagna")), self.mottagna),
            (str(_("Inom två månader") if short else _("Mottagna inom två månader")), self.i_tid),
            (str(_("Bosatta i bostad")), self.bosatta),
            (str(_("Har flyttat")), self.lamnat),
        ]
        if self.kommuntal is not None:
            rows.insert(0, (str(_("Kommuntal")), self.kommuntal.antal))
        return rows


def quota_years(*, user: Any) -> list[int]:
    """Years with a kommuntal or an anvisning in the user's municipality, newest first."""
    _require(user, "housing.see_quota")
    years = set(
        Kommuntal.objects.filter(municipality_id=user.municipality_id).values_list("ar", flat=True)
    )
    for datum in Event.objects.filter(municipality_id=user.municipality_id, typ="anvisning").dates(
        "datum", "year"
    ):
        years.add(datum.year)
    return sorted(years, reverse=True)


def quota_year(*, user: Any, ar: int, today: dt.date) -> QuotaYear:
    """The year's anvisningar against its kommuntal. An anvisning counts in the year of its
    date; the two months are bosättningslagen's (cases.transitions, the worklist's rule).
    Unaccompanied children are anvisade under other rules and do not count."""
    _require(user, "housing.see_quota")
    municipality = Municipality.objects.get(pk=user.municipality_id)
    own = Q(kommun="") | Q(kommun=municipality.kod)
    anvisningar = (
        Event.objects.filter(own, municipality=municipality, typ="anvisning", datum__year=ar)
        .exclude(person__ensamkommande=True)
        .values_list("person_id", "datum")
    )
    first: dict[int, dt.date] = {}
    for person_id, datum in anvisningar:
        first[person_id] = min(datum, first.get(person_id, datum))
    later = Event.objects.filter(
        person_id__in=first, typ__in=("mottagande", "utflyttning")
    ).values_list("person_id", "typ", "datum", "kommun")
    received: dict[int, dt.date] = {}
    left: set[int] = set()
    for person_id, typ, datum, kommun in later:
        if datum < first[person_id]:
            continue
        if typ == "mottagande" and kommun in ("", municipality.kod):
            received[person_id] = min(datum, received.get(person_id, datum))
        elif typ == "utflyttning":
            left.add(person_id)
    housed = set(
        Boende.objects.filter(person_id__in=first)
        .filter(fran__lte=today)
        .values_list("person_id", "fran")
        .distinct()
    )
    housed_ids = {pid for pid, fran in housed if fran >= first[pid]}
    on_time = sum(
        1 for pid, datum in received.items() if datum <= add_months(first[pid], ANVISNING_MANADER)
    )
    return QuotaYear(
        ar=ar,
        kommuntal=Kommuntal.objects.filter(municipality=municipality, ar=ar).first(),
        anvisade=len(first),
        mottagna=len(received),
        i_tid=on_time,
        bosatta=len(housed_ids),
        lamnat=len(left),
        vantar=len(first) - len(received),
    )


def kontrakt_ending(*, user: Any, today: dt.date, days: int) -> QuerySet[Kontrakt]:
    """Contracts of the user's homes that end on or before today + days while someone still
    lives there (a contract that has ended with residents is overdue work)."""
    horizon = today + dt.timedelta(days=days)
    return (
        Kontrakt.objects.filter(
            Q(boenden__till__isnull=True) | Q(boenden__till__gt=F("slut")),
            bostad__in=bostad_list(user=user),
            slut__isnull=False,
            slut__lte=horizon,
        )
        .distinct()
        .select_related("bostad")
        .prefetch_related(Prefetch("boenden", queryset=Boende.objects.order_by("fran", "id")))
        .order_by("slut", "id")
    )
