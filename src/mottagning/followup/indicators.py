"""Indicators computed from the register (issue 13 item 1): a registry keyed by code.

Each indicator is one function that returns, for the given municipalities and period, one row
per person in its population: the municipality, the person, whether the person counts in the
numerator, and (where the indicator has one) a measured value such as days. Aggregates are
numpy reductions over those rows, so a 100,000-person register costs a handful of queries and
no per-person Python (`make bench`, bench/bench_followup.py). The same rows give the drill-down
to the persons behind a figure; who may see them is decided by followup.selectors through the
register's visibility and read log.

A person's reception is their first `mottagande` in the municipality, as the rules core counts
it for adults (rules.timeline: "the first mottagande"); date arithmetic is rules.dates'.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db.models import F, Max, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mottagning.claims.models import INSKICKAD, Ansokan
from mottagning.housing.models import Kommuntal
from mottagning.plans.models import SFI, Aktivitet, IndividuellPlan, Kartlaggning
from mottagning.register.models import Event, Person
from mottagning.rules.dates import add_months, anniversaries, days, deadlines_after
from mottagning.rules.timeline import ETABLERING_MANADER

I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]

# The definitions of the indicators, each with its source.
SFI_MANADER = 3  # 003 Samordning med utförare av SFI: "inom tre månader"
KARTLAGGNING_DAGAR = 21  # 004 Barn- och utbildning: första kartläggningen "maximalt tre veckor"
SKOLA_VID_AR = 18  # issue 13: ensamkommande unga i skola vid 18 år (001 §1, ensamkommande unga)


@dataclass(frozen=True)
class Rows:
    """One row per person in the indicator's population."""

    municipality: I64
    person: I64
    met: B
    measure: I64  # days or another count per person; unused indicators give zeros

    @staticmethod
    def empty() -> Rows:
        e = np.zeros(0, dtype=np.int64)
        return Rows(e, e, np.zeros(0, dtype=bool), e)


@dataclass(frozen=True)
class Result:
    """An indicator's outcome before suppression: numerator over denominator, and the value
    shown (a percent, a median, or a count)."""

    taljare: int
    namnare: int
    varde: Decimal | None


@dataclass(frozen=True)
class Computed:
    kod: str
    namn: str
    enhet: str
    riktning: str
    beskrivning: str
    kalla: str
    rows: Callable[[Sequence[int], dt.date, dt.date], Rows]
    value: str = "andel"  # andel (percent met), median (weeks of measure among met), antal,
    # or summa (the measure of those not met, in öre, shown in kronor)
    # False where the rows are not persons (claims): no suppression and no drill-down to persons.
    per_person: bool = True
    # Where the denominator is not the population (the kommuntal): replaces it per municipality.
    namnare: Callable[[dict[int, Result], int], dict[int, Result]] | None = None

    def compute(
        self, municipality_ids: Sequence[int], fran: dt.date, till: dt.date
    ) -> dict[int, Result]:
        """Per municipality: the outcome for the period [fran, till] (both inclusive)."""
        rows = self.rows(municipality_ids, fran, till)
        out: dict[int, Result] = {}
        for mid in municipality_ids:
            mine = rows.municipality == mid
            n = int(mine.sum())
            met = int((mine & rows.met).sum())
            if self.value == "andel":
                varde = _percent(met, n)
            elif self.value == "median":
                chosen = rows.measure[mine & rows.met]
                varde = (
                    None
                    if chosen.size == 0
                    else (Decimal(str(float(np.median(chosen)))) / 7).quantize(
                        Decimal("0.1"), rounding=ROUND_HALF_UP
                    )
                )
                n = met
            elif self.value == "summa":
                lost = int(rows.measure[mine & ~rows.met].sum())
                varde = Decimal(lost) / 100
            else:
                varde = Decimal(met)
            out[mid] = Result(met, n, varde)
        if self.namnare is not None:
            out = self.namnare(out, till.year)
        return out

    def persons(
        self, municipality_id: int, fran: dt.date, till: dt.date
    ) -> tuple[list[int], list[int]]:
        """The persons behind the figure: those counted in the numerator, and the others."""
        rows = self.rows([municipality_id], fran, till)
        met = sorted(int(p) for p in rows.person[rows.met])
        rest = sorted(int(p) for p in rows.person[~rows.met])
        return met, rest


def _percent(met: int, n: int) -> Decimal | None:
    if n == 0:
        return None
    return (Decimal(100 * met) / Decimal(n)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _own(event_filter: Q) -> Q:
    # An event without a municipality is in the person's own (register.services).
    return event_filter & (Q(kommun="") | Q(kommun=F("municipality__kod")))


_NEVER = np.iinfo(np.int64).max


def _arrays(pairs: Sequence[tuple[int, ...]], width: int) -> list[I64]:
    if not pairs:
        return [np.zeros(0, dtype=np.int64) for _ in range(width)]
    a = np.array(pairs, dtype=np.int64)
    return [a[:, i] for i in range(width)]


def _per_person(
    qs: QuerySet[Any], key: str, field: str, aggregate: type[Min] | type[Max] = Min
) -> tuple[I64, I64]:
    """(person ids sorted, day number of the earliest, or with Max the latest, `field` per
    person; _NEVER where the person has rows but no date), ready for `_lookup`."""
    grouped = qs.values(key).annotate(d=aggregate(field)).values_list(key, "d")
    pairs = [(pid, _NEVER if d is None else days(d)) for pid, d in grouped]
    ids, when = _arrays(pairs, 2)
    order = np.argsort(ids)
    return ids[order], when[order]


def _first_in_period(events: QuerySet[Event], fran: dt.date, till: dt.date) -> tuple[I64, I64, I64]:
    """(municipality, person, day) for each person whose earliest event among `events` lies in
    [fran, till]."""
    first = (
        events.values("person_id", "municipality_id")
        .annotate(d=Min("datum"))
        .filter(d__gte=fran, d__lte=till)
        .values_list("municipality_id", "person_id", "d")
    )
    mun, person, when = _arrays([(m, p, days(d)) for m, p, d in first], 3)
    return mun, person, when


def _lookup(ids: I64, values: I64, wanted: I64, missing: int) -> I64:
    """values[ids == wanted] for each wanted id, `missing` where there is none (vectorised)."""
    if ids.size == 0:
        return np.full(wanted.shape, missing, dtype=np.int64)
    at = np.clip(np.searchsorted(ids, wanted), 0, ids.size - 1)
    found = ids[at] == wanted
    return np.where(found, values[at], missing)


# While `compute_all` runs, rows shared by several indicators (the receptions of the period,
# the sfi rows) are read once; outside it nothing is kept between calls.
_MEMO: ContextVar[dict[tuple[Any, ...], Any] | None] = ContextVar("followup_memo", default=None)


def _memo(key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    memo = _MEMO.get()
    if memo is None:
        return make()
    if key not in memo:
        memo[key] = make()
    return memo[key]


@contextmanager
def sharing() -> Iterator[None]:
    """Inside the block, rows several indicators need are read once (one report, one bench)."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def compute_all(
    municipality_ids: Sequence[int], fran: dt.date, till: dt.date
) -> dict[str, dict[int, Result]]:
    """Every indicator in the registry for the municipalities and the period."""
    with sharing():
        return {kod: c.compute(municipality_ids, fran, till) for kod, c in REGISTRY.items()}


def _received_in(municipality_ids: Sequence[int], fran: dt.date, till: dt.date) -> QuerySet[Any]:
    """Persons with any reception in the period (a superset of those first received in it):
    narrows every later query to them, so the database groups thousands of rows, not all."""
    return Event.objects.filter(
        municipality_id__in=municipality_ids, typ="mottagande", datum__gte=fran, datum__lte=till
    ).values("person_id")


def received(municipality_ids: Sequence[int], fran: dt.date, till: dt.date) -> tuple[I64, I64, I64]:
    """(municipality, person, reception day) for persons first received in [fran, till]."""
    key = ("received", tuple(municipality_ids), fran, till)
    return _memo(key, lambda: _received(municipality_ids, fran, till))  # type: ignore[no-any-return]


def _received(
    municipality_ids: Sequence[int], fran: dt.date, till: dt.date
) -> tuple[I64, I64, I64]:
    receptions = Event.objects.filter(
        _own(Q(typ="mottagande")),
        municipality_id__in=municipality_ids,
        person_id__in=_received_in(municipality_ids, fran, till),
    )
    return _first_in_period(receptions, fran, till)


def _sfi_rows(municipality_ids: Sequence[int], fran: dt.date, till: dt.date) -> Rows:
    key = ("sfi", tuple(municipality_ids), fran, till)
    return _memo(key, lambda: _sfi_rows_read(municipality_ids, fran, till))  # type: ignore[no-any-return]


def _sfi_rows_read(municipality_ids: Sequence[int], fran: dt.date, till: dt.date) -> Rows:
    mun, person, when = received(municipality_ids, fran, till)
    sfi = Aktivitet.objects.filter(
        plan__municipality_id__in=municipality_ids,
        plan__person_id__in=_received_in(municipality_ids, fran, till),
        slag=SFI,
    )
    # One row per person with sfi in a plan; the first start, or none yet.
    referred_ids, started = _per_person(sfi, "plan__person_id", "start")
    in_cohort = np.isin(person, referred_ids)
    mun, person, when = mun[in_cohort], person[in_cohort], when[in_cohort]
    start = _lookup(referred_ids, started, person, _NEVER)
    due = deadlines_after(when.astype(np.int32), SFI_MANADER).astype(np.int64)
    has_started = (start != _NEVER) & (start >= when)
    met = has_started & (start <= due)
    return Rows(mun, person, met, np.where(has_started, start - when, 0))


def _sfi_median_rows(municipality_ids: Sequence[int], fran: dt.date, till: dt.date) -> Rows:
    rows = _sfi_rows(municipality_ids, fran, till)
    # Every person who has started counts in the median, within three months or not.
    started = (rows.measure > 0) | rows.met
    return Rows(rows.municipality, rows.person, started, rows.measure)


def _mapping_rows(municipality_ids: Sequence[int], fran: dt.date, till: dt.date) -> Rows:
    mun, person, when = received(municipality_ids, fran, till)
    done = Kartlaggning.objects.filter(
        municipality_id__in=municipality_ids,
        klar__isnull=False,
        person_id__in=_received_in(municipality_ids, fran, till),
    )
    ids, klar = _per_person(done, "person_id", "klar")
    finished = _lookup(ids, klar, person, _NEVER)
    met = (finished != _NEVER) & (finished <= when + KARTLAGGNING_DAGAR)
    return Rows(mun, person, met, np.where(finished != _NEVER, finished - when, 0))


def _school_at_18_rows(municipality_ids: Sequence[int], fran: dt.date, till: dt.date) -> Rows:
    # The date of birth counts as the latest age assessment states it (rules.timeline does the
    # same: an åldersbedömning changes the date of birth from its own date on).
    assessments = Event.objects.filter(
        municipality_id__in=municipality_ids, typ="aldersbedomning"
    ).order_by("person_id", "datum", "id")
    assessed = dict(assessments.values_list("person_id", "fodelsedatum"))  # the last one wins
    # Born so that they turn 18 in the period (a year's margin), or assessed, which may move
    # the birthday into it; the exact test is on the computed birthday below.
    window = Q(
        fodelsedatum__gte=dt.date(fran.year - SKOLA_VID_AR - 1, 1, 1),
        fodelsedatum__lte=dt.date(till.year - SKOLA_VID_AR + 1, 12, 31),
    ) | Q(pk__in=assessments.values("person_id"))
    base = Person.objects.filter(window, municipality_id__in=municipality_ids, ensamkommande=True)
    people = base.values_list("municipality_id", "pk", "fodelsedatum")
    rows = [(m, p, days(assessed.get(p) or f)) for m, p, f in people]
    mun, person, born = _arrays(rows, 3)
    turns = anniversaries(born.astype(np.int32), 12 * SKOLA_VID_AR).astype(np.int64)
    inside = (turns >= days(fran)) & (turns <= days(till))
    mun, person, turns = mun[inside], person[inside], turns[inside]
    studies = Event.objects.filter(
        municipality_id__in=municipality_ids, typ="gymnasiestudier", person_id__in=base.values("pk")
    ).values_list("person_id", "datum", "slut")
    s = [(p, days(d), days(e) if e else _NEVER) for p, d, e in studies]
    sp, sd, se = _arrays(s, 3)
    # In school on the day if any studies cover it: each study is compared with its person's
    # birthday (one row per study, vectorised), then any() per person.
    met = np.zeros(person.size, dtype=bool)
    if sp.size and person.size:
        order = np.argsort(person)
        at = np.clip(np.searchsorted(person[order], sp), 0, person.size - 1)
        index = order[at]
        covers = (person[index] == sp) & (sd <= turns[index]) & (se >= turns[index])
        met[index[covers]] = True
    return Rows(mun, person, met, np.zeros(person.size, dtype=np.int64))


def _self_support_rows(municipality_ids: Sequence[int], fran: dt.date, till: dt.date) -> Rows:
    # Only receptions about 24 months before the period can end in it (a few days of margin
    # for month ends); the exact test is on the computed end below.
    margin = dt.timedelta(days=4)
    mun, person, when = received(
        municipality_ids,
        add_months(fran, -ETABLERING_MANADER) - margin,
        add_months(till, -ETABLERING_MANADER) + margin,
    )
    adult = np.isin(
        person,
        np.fromiter(
            Person.objects.filter(municipality_id__in=municipality_ids, ensamkommande=False)
            .values_list("pk", flat=True)
            .iterator(chunk_size=20_000),
            dtype=np.int64,
        ),
    )
    # The establishment period ends when 24 months from reception have passed (rules.timeline).
    ends = anniversaries(when.astype(np.int32), ETABLERING_MANADER).astype(np.int64)
    inside = adult & (ends >= days(fran)) & (ends <= days(till))
    mun, person = mun[inside], person[inside]
    supported = np.fromiter(
        IndividuellPlan.objects.filter(
            municipality_id__in=municipality_ids, egen_forsorjning=True
        ).values_list("person_id", flat=True),
        dtype=np.int64,
    )
    met = np.isin(person, supported)
    return Rows(mun, person, met, np.zeros(person.size, dtype=np.int64))


def _quota_rows(municipality_ids: Sequence[int], fran: dt.date, till: dt.date) -> Rows:
    # housing.selectors.quota_year's rule: anvisningar in the year, unaccompanied children not
    # counted (they are anvisade under other rules), received in the municipality after it.
    year_start, year_end = dt.date(till.year, 1, 1), dt.date(till.year, 12, 31)
    in_year = Event.objects.filter(
        municipality_id__in=municipality_ids,
        typ="anvisning",
        datum__gte=year_start,
        datum__lte=year_end,
    ).values("person_id")
    anvisningar = Event.objects.filter(
        _own(Q(typ="anvisning")),
        municipality_id__in=municipality_ids,
        person_id__in=in_year,
    ).exclude(person__ensamkommande=True)
    mun, person, when = _first_in_period(anvisningar, year_start, year_end)
    recv = Event.objects.filter(
        _own(Q(typ="mottagande")),
        municipality_id__in=municipality_ids,
        datum__gte=year_start,
        datum__lte=till,
    )
    ids, last = _per_person(recv, "person_id", "datum", Max)
    got = _lookup(ids, last, person, _NEVER)
    met = (got != _NEVER) & (got >= when) & (got <= days(till))
    return Rows(mun, person, met, np.zeros(person.size, dtype=np.int64))


def _claim_rows(municipality_ids: Sequence[int], fran: dt.date, till: dt.date) -> Rows:
    """One row per claim (claims.Ansokan) whose deadline falls in the period and has passed, or
    that has been sent in: met when it was sent in (its first `inskickad` step) on or before its
    deadline; the measure is the amount applied for, in öre."""
    today = timezone.localdate()
    claims = (
        Ansokan.objects.filter(
            municipality_id__in=municipality_ids,
            ansok_senast__gte=fran,
            ansok_senast__lte=till,
        )
        .annotate(sent=Min("handelser__datum", filter=Q(handelser__status=INSKICKAD)))
        .values_list("municipality_id", "pk", "ansok_senast", "sent", "belopp_ansokt")
    )
    rows = []
    for m, claim, due, sent, belopp in claims:
        if due is None or (sent is None and due >= today):
            continue  # not yet due and not sent: neither in time nor late
        rows.append((m, claim, int(sent is not None and sent <= due), int(belopp * 100)))
    mun, pk, met, ore = _arrays(rows, 4)
    return Rows(mun, pk, met.astype(bool), ore)


def _against_quota(out: dict[int, Result], year: int) -> dict[int, Result]:
    quota = dict(
        Kommuntal.objects.filter(municipality_id__in=list(out), ar=year).values_list(
            "municipality_id", "antal"
        )
    )
    return {mid: Result(r.taljare, quota.get(mid, 0), Decimal(r.taljare)) for mid, r in out.items()}


REGISTRY: dict[str, Computed] = {
    c.kod: c
    for c in (
        Computed(
            kod="sfi_start_tre_manader",
            namn=str(_("Andel som börjat sfi inom tre månader från mottagandet")),
            enhet="procent",
            riktning="hogre",
            beskrivning=str(
                _(
                    "Av dem som togs emot i kommunen under perioden (första mottagandet) och har "
                    "sfi i sin individuella plan: andelen vars första sfi-start ligger högst tre "
                    "månader efter mottagandet (samma dag tre månader senare, eller månadens "
                    "sista dag)."
                )
            ),
            kalla="003 Samordning med utförare av SFI",
            rows=_sfi_rows,
        ),
        Computed(
            kod="sfi_start_median_veckor",
            namn=str(_("Mediantid från mottagande till sfi-start")),
            enhet="veckor",
            riktning="lagre",
            beskrivning=str(
                _(
                    "Av dem som togs emot under perioden och har börjat sfi: medianen av antalet "
                    "dagar från mottagandet till första sfi-start, delat med sju."
                )
            ),
            kalla="003 Samordning med utförare av SFI (i genomsnitt fem veckor)",
            rows=_sfi_median_rows,
            value="median",
        ),
        Computed(
            kod="kartlaggning_tre_veckor",
            namn=str(_("Andel nyanlända kartlagda inom tre veckor")),
            enhet="procent",
            riktning="hogre",
            beskrivning=str(
                _(
                    "Av dem som togs emot i kommunen under perioden: andelen vars första "
                    "kartläggning (första eller pedagogisk) var klar högst 21 dagar efter "
                    "mottagandet."
                )
            ),
            kalla="004 Barn- och utbildning (maximalt tre veckor)",
            rows=_mapping_rows,
        ),
        Computed(
            kod="ensamkommande_skola_18",
            namn=str(_("Andel ensamkommande unga i skola vid 18 år")),
            enhet="procent",
            riktning="hogre",
            beskrivning=str(
                _(
                    "Av de ensamkommande som fyller 18 år under perioden (födelsedatum enligt "
                    "senaste åldersbedömningen): andelen som har gymnasiestudier som pågår på "
                    "18-årsdagen."
                )
            ),
            kalla="001 §1 (ensamkommande unga); issue 13",
            rows=_school_at_18_rows,
        ),
        Computed(
            kod="egen_forsorjning_etablering",
            namn=str(_("Andel självförsörjande när etableringstiden slutar")),
            enhet="procent",
            riktning="hogre",
            beskrivning=str(
                _(
                    "Av de vuxna (inte ensamkommande) vars etableringstid, 24 månader från "
                    "första mottagandet, slutar under perioden: andelen som enligt sin "
                    "individuella plan försörjer sig på arbete eller studier då."
                )
            ),
            kalla="2010:1122 10 §; 002 §3.2.2 (etablering i form av självförsörjning)",
            rows=_self_support_rows,
        ),
        Computed(
            kod="ansokningar_i_tid",
            namn=str(_("Andel ansökningar om ersättning inskickade i tid")),
            enhet="procent",
            riktning="hogre",
            beskrivning=str(
                _(
                    "Av kommunens ansökningar om statlig ersättning vars sista ansökningsdag "
                    "ligger i perioden och har passerat, eller som skickats in: andelen som "
                    "skickades in senast den dagen (första steget Inskickad i ansökans historik)."
                )
            ),
            kalla="Förordning (2017:193) om statlig ersättning för mottagande; claims (issue 10)",
            rows=_claim_rows,
            per_person=False,
        ),
        Computed(
            kod="ersattning_forlorad_sen_ansokan",
            namn=str(_("Ersättning förlorad på sena ansökningar")),
            enhet="kronor",
            riktning="lagre",
            beskrivning=str(
                _(
                    "Summan av det ansökta beloppet för ansökningar vars sista ansökningsdag "
                    "ligger i perioden och som inte skickades in senast den dagen."
                )
            ),
            kalla="Förordning (2017:193) om statlig ersättning för mottagande; claims (issue 10)",
            rows=_claim_rows,
            value="summa",
            per_person=False,
        ),
        Computed(
            kod="mottagna_mot_kommuntal",
            namn=str(_("Mottagna anvisade mot kommuntalet")),
            enhet="antal",
            riktning="hogre",
            beskrivning=str(
                _(
                    "Antalet personer som anvisades kommunen under året (ensamkommande barn "
                    "räknas inte) och har tagits emot, jämfört med årets kommuntal. Samma regel "
                    "som sidan Kommuntal."
                )
            ),
            kalla="Bosättningslagen (2016:38); förordning (2016:40)",
            rows=_quota_rows,
            value="antal",
            namnare=_against_quota,
        ),
    )
}
