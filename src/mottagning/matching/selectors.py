"""Reads of the matching app. The catalogue is per municipality; persons come only through
register.selectors (the unit's visibility rule), and every person shown with their data is a
read in the read log (audit.services)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Model, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from mottagning.accounts.models import User
from mottagning.audit.services import person_read_many
from mottagning.matching import codes, ranking
from mottagning.matching.models import (
    Arbetsgivare,
    Arrangemang,
    Bidragsansokan,
    Forening,
    Kompetensprofil,
    Kontaktperson,
    Motesplats,
    Natverksmote,
    Praktik,
    Praktikplats,
    Samtycke,
    Uppfoljning,
    Volontar,
    VolontarMatchning,
)
from mottagning.plans.models import Aktivitet
from mottagning.register import selectors as reg
from mottagning.register.models import Municipality, Person

_M = TypeVar("_M", bound=Model)


def _require(user: Any, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied


def _municipality_id(user: Any) -> int:
    return int(getattr(user, "municipality_id", None) or 0)


# The catalogue ---------------------------------------------------------------------------


def _active(records: QuerySet[_M], alla: bool) -> QuerySet[_M]:
    # Closed records stay for history and totals; active lists and the ranking leave them out.
    return records if alla else records.filter(avslutad__isnull=True)


def arbetsgivare_list(*, user: Any, alla: bool = False) -> QuerySet[Arbetsgivare]:
    _require(user, "matching.read")
    employers = Arbetsgivare.objects.filter(municipality_id=_municipality_id(user))
    return _active(employers, alla).prefetch_related("kontakter")


def arbetsgivare_get(*, user: Any, pk: int) -> Arbetsgivare:
    return get_object_or_404(arbetsgivare_list(user=user, alla=True), pk=pk)


def praktikplats_list(*, user: Any, alla: bool = False) -> QuerySet[Praktikplats]:
    _require(user, "matching.read")
    places = Praktikplats.objects.filter(arbetsgivare__municipality_id=_municipality_id(user))
    return (
        _active(places, alla)
        .select_related("arbetsgivare", "kontakt")
        .annotate(pagaende=Count("praktiker", filter=Q(praktiker__utfall="")))
    )


def praktikplats_get(*, user: Any, pk: int) -> Praktikplats:
    return get_object_or_404(praktikplats_list(user=user, alla=True), pk=pk)


def volontar_list(*, user: Any, alla: bool = False) -> QuerySet[Volontar]:
    _require(user, "matching.read")
    return _active(Volontar.objects.filter(municipality_id=_municipality_id(user)), alla)


def volontar_get(*, user: Any, pk: int) -> Volontar:
    return get_object_or_404(volontar_list(user=user, alla=True), pk=pk)


def forening_list(*, user: Any, alla: bool = False) -> QuerySet[Forening]:
    _require(user, "matching.read")
    associations = Forening.objects.filter(municipality_id=_municipality_id(user))
    return _active(associations, alla).prefetch_related("kontakter")


def forening_get(*, user: Any, pk: int) -> Forening:
    return get_object_or_404(forening_list(user=user, alla=True), pk=pk)


def kontaktperson_get(*, user: Any, pk: int) -> Kontaktperson:
    _require(user, "matching.read")
    municipality_id = _municipality_id(user)
    return get_object_or_404(
        Kontaktperson.objects.filter(
            Q(arbetsgivare__municipality_id=municipality_id)
            | Q(forening__municipality_id=municipality_id)
        ),
        pk=pk,
    )


def ansokan_list(*, user: Any) -> QuerySet[Bidragsansokan]:
    _require(user, "matching.read")
    return Bidragsansokan.objects.filter(
        forening__municipality_id=_municipality_id(user)
    ).select_related("forening")


def ansokan_get(*, user: Any, pk: int) -> Bidragsansokan:
    return get_object_or_404(ansokan_list(user=user), pk=pk)


def motesplats_list(*, user: Any, alla: bool = False) -> QuerySet[Motesplats]:
    _require(user, "matching.read")
    return _active(Motesplats.objects.filter(municipality_id=_municipality_id(user)), alla)


def motesplats_get(*, user: Any, pk: int) -> Motesplats:
    return get_object_or_404(motesplats_list(user=user, alla=True), pk=pk)


# An activity at a meeting place that has closed is not held from the closing day on.
_before_closing = Q(motesplats__avslutad__isnull=True) | Q(datum__lt=F("motesplats__avslutad"))


def arrangemang_list(*, user: Any, fran: dt.date) -> QuerySet[Arrangemang]:
    _require(user, "matching.read")
    return (
        Arrangemang.objects.filter(
            motesplats__municipality_id=_municipality_id(user), datum__gte=fran
        )
        .filter(_before_closing)
        .select_related("motesplats")
    )


def natverksmote_list(*, user: Any) -> QuerySet[Natverksmote]:
    _require(user, "matching.read")
    return Natverksmote.objects.filter(municipality_id=_municipality_id(user)).prefetch_related(
        "foreningar"
    )


@dataclass(frozen=True)
class BidragSumma:
    ar: int
    forening: str
    syfte: str
    beviljat: Decimal
    utbetalt: Decimal


def _kronor(total: Decimal | None) -> Decimal:
    # SQLite's SUM of decimals comes back with more places than the column has; öre exact.
    return (total or Decimal(0)).quantize(Decimal("0.01"))


def bidrag_per_ar(*, user: Any) -> list[BidragSumma]:
    """Granted and paid per year of decision, association and purpose (exact, in kronor)."""
    rows = (
        ansokan_list(user=user)
        .filter(beslutsdatum__isnull=False, beviljat_belopp__isnull=False)
        .values("beslutsdatum__year", "forening__namn", "syfte")
        .annotate(beviljat=Sum("beviljat_belopp"), utbetalt=Sum("utbetalt_belopp"))
        .order_by("-beslutsdatum__year", "forening__namn", "syfte")
    )
    return [
        BidragSumma(
            r["beslutsdatum__year"],
            r["forening__namn"],
            r["syfte"],
            _kronor(r["beviljat"]),
            _kronor(r["utbetalt"]),
        )
        for r in rows
    ]


# The public calendar ---------------------------------------------------------------------


def public_calendar(
    *, kommun: str, fran: dt.date, dagar: int = 90
) -> tuple[Municipality, list[Arrangemang]]:
    """Public activities of a municipality: what, where, when. No person is named (activities
    carry no participants; meeting places only their organisers)."""
    municipality = get_object_or_404(Municipality, kod=kommun)
    activities = list(
        Arrangemang.objects.filter(
            motesplats__municipality=municipality,
            publik=True,
            datum__gte=fran,
            datum__lte=fran + dt.timedelta(days=dagar),
        )
        .filter(_before_closing)
        .select_related("motesplats")
    )
    return municipality, activities


# Persons in matching ---------------------------------------------------------------------


def _visible_persons(user: Any) -> QuerySet[Person]:
    _require(user, "matching.read_person")
    return reg.person_list(user=user).order_by()


def _kandidater(persons: QuerySet[Person] | list[Person]) -> dict[int, ranking.Kandidat]:
    """A candidate per person with a coded mapping: the latest mapping's coding, licence from
    the mapping's own text, and whether an open plan has an undone internship activity."""
    ids = [p.pk for p in persons] if isinstance(persons, list) else persons.values("pk")
    profiles = (
        Kompetensprofil.objects.filter(kartlaggning__person__in=ids)  # type: ignore[misc]  # a subquery of ids
        .select_related("kartlaggning")
        .order_by("kartlaggning__person_id", "kartlaggning__mottagen", "kartlaggning_id")
    )
    latest: dict[int, Kompetensprofil] = {}
    for profile in profiles:
        latest[profile.kartlaggning.person_id] = profile
    in_plan = set(
        Aktivitet.objects.filter(
            plan__person__in=list(latest),
            plan__avslutad__isnull=True,
            slag="praktik",
            klar__isnull=True,
        ).values_list("plan__person_id", flat=True)
    )
    return {
        person_id: ranking.Kandidat(
            person_id=person_id,
            svenska=p.svenska,
            utbildning=p.utbildning,
            korkort=codes.korkort_parse(p.kartlaggning.korkort),
            erfarenhet=tuple(codes.ssyk_split(p.erfarenhet)),
            mal=tuple(codes.ssyk_split(p.mal)),
            ort=p.ort,
            praktik_i_plan=person_id in in_plan,
        )
        for person_id, p in latest.items()
    }


def _plats(place: Praktikplats, ongoing: frozenset[int] | None = None) -> ranking.Plats:
    """The place for the ranking; `ongoing`, the persons in an ongoing internship there, when
    the caller has them already (else one query)."""
    if ongoing is None:
        ongoing = frozenset(place.praktiker.filter(utfall="").values_list("person_id", flat=True))
    taken = getattr(place, "pagaende", None)
    if taken is None:
        taken = place.praktiker.filter(utfall="").count()
    return ranking.Plats(
        plats_id=place.pk,
        ssyk=place.ssyk,
        ort=place.ort,
        krav_svenska=place.krav_svenska,
        krav_utbildning=place.krav_utbildning,
        krav_korkort=place.krav_korkort,
        lediga=place.kapacitet - taken,
        till=place.till,
        pagaende=ongoing,
    )


@dataclass
class PlatsForslag:
    places: dict[int, Praktikplats]
    ranked: list[ranking.Matchning]
    excluded: list[ranking.Matchning]
    coded: bool  # whether the person has a coded mapping at all


def places_for_person(*, user: User, person: Person, today: dt.date) -> PlatsForslag:
    """For a person already fetched through register.selectors.person_get (the read is
    logged there): the places ranked, and those excluded with the reason."""
    _require(user, "matching.read_person")
    candidate = _kandidater([person]).get(person.pk)
    places = {p.pk: p for p in praktikplats_list(user=user)}
    if candidate is None:
        return PlatsForslag(places, [], [], False)
    # Only this person matters to the ranking's "already there", so one query for all places.
    here = set(
        person.praktiker.filter(utfall="", plats__in=list(places)).values_list(
            "plats_id", flat=True
        )
    )
    ranked, excluded = ranking.rank_places(
        candidate,
        [
            _plats(p, frozenset({person.pk}) if pk in here else frozenset())
            for pk, p in places.items()
        ],
        today,
    )
    return PlatsForslag(places, ranked, excluded, True)


@dataclass
class PersonForslag:
    persons: dict[int, Person]
    ranked: list[ranking.Matchning]
    excluded: list[ranking.Matchning]


def persons_for_place(
    *, user: User, plats: Praktikplats, today: dt.date, med_uteslutna: bool = True
) -> PersonForslag:
    """The persons the user's units have, with a coded mapping, ranked for the place. Each one
    returned is a read of their record (name with mapped skills) and logged; without
    `med_uteslutna` the excluded are neither returned nor logged, since nobody sees them."""
    persons = _visible_persons(user)
    if not plats.aktiv:
        return PersonForslag({}, [], [])  # a closed place is offered to nobody
    candidates = _kandidater(persons)
    ranked, excluded = ranking.rank_persons(_plats(plats), candidates.values(), today)
    if not med_uteslutna:
        excluded = []
    ids = [m.kandidat.person_id for m in (*ranked, *excluded)]
    shown = {p.pk: p for p in Person.objects.filter(pk__in=ids)}
    person_read_many(user=user, persons=list(shown.values()))
    return PersonForslag(shown, ranked, excluded)


def person_praktiker(*, person: Person) -> QuerySet[Praktik]:
    """For a person fetched through register.selectors.person_get."""
    return person.praktiker.select_related("plats", "plats__arbetsgivare").prefetch_related(
        "uppfoljningar"
    )


def person_samtycken(*, person: Person) -> QuerySet[Samtycke]:
    return person.samtycken.prefetch_related("matchningar__volontar")


def samtycke_get(*, user: User, pk: int) -> Samtycke:
    return get_object_or_404(
        Samtycke.objects.select_related("person"),
        pk=pk,
        person__in=_visible_persons(user).values("pk"),
    )


def praktik_get(*, user: User, pk: int) -> Praktik:
    return get_object_or_404(
        Praktik.objects.select_related("plats", "person"),
        pk=pk,
        person__in=_visible_persons(user).values("pk"),
    )


def uppfoljning_get(*, user: User, pk: int) -> Uppfoljning:
    return get_object_or_404(
        Uppfoljning.objects.select_related("praktik"),
        pk=pk,
        praktik__person__in=_visible_persons(user).values("pk"),
    )


def matchning_get(*, user: User, pk: int) -> VolontarMatchning:
    return get_object_or_404(
        VolontarMatchning.objects.select_related("volontar", "person", "samtycke"),
        pk=pk,
        person__in=_visible_persons(user).values("pk"),
    )


@dataclass(frozen=True)
class VolontarRad:
    matchning: VolontarMatchning
    person: Person | None  # None: not the user's to see, or consent withdrawn
    traffar: int
    minuter: int


def volontar_matches(*, user: User, volontar: Volontar) -> list[VolontarRad]:
    """The volunteer's matches. A person is named only when consent stands and the user's unit
    has them; then it is a logged read. A withdrawn consent hides the person from this side."""
    visible: set[int] = set()
    if user.has_perm("matching.read_person"):
        visible = set(reg.person_list(user=user).order_by().values_list("pk", flat=True))
    rows = []
    named = []
    for m in volontar.matchningar.select_related("person", "samtycke").annotate(
        n=Count("traffar"), tid=Sum("traffar__minuter")
    ):
        person = m.person if m.samtycke.giltigt and m.person_id in visible else None
        if person is not None:
            named.append(person)
        rows.append(VolontarRad(m, person, m.n, m.tid or 0))
    person_read_many(user=user, persons=named)
    return rows


def suppressed(count: int, below: int) -> int | None:
    """None when a count is too small to show (a person could be recognised from it)."""
    return None if 0 < count < below else count


def grouped_places(places: list[Praktikplats]) -> dict[str, list[Praktikplats]]:
    by_employer: dict[str, list[Praktikplats]] = defaultdict(list)
    for place in places:
        by_employer[place.arbetsgivare.namn].append(place)
    return dict(by_employer)
