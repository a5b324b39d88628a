"""Every read of the follow-up. Figures computed from the register are suppressed here
(followup.suppression, `settings.MOTTAGNING_SUPPRESS_BELOW`) before any page, file or API sees
them; the drill-down to persons goes through the register's visibility and read log."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from mottagning.accounts.models import User
from mottagning.audit.services import person_read_many
from mottagning.followup.indicators import REGISTRY, sharing
from mottagning.followup.models import (
    ACTIVITY_STATUSES,
    BERAKNAD,
    HOGRE,
    LANGSIKTIGT,
    Bedomning,
    Granskningsomrade,
    Handlingsplan,
    Indikator,
    Mal,
    PlanAktivitet,
    Utfall,
)
from mottagning.followup.suppression import suppress_count, suppress_share
from mottagning.register import selectors as reg
from mottagning.register.models import Committee, Person


def _require(user: Any, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied


def threshold() -> int:
    return int(settings.MOTTAGNING_SUPPRESS_BELOW)


def period_dates(ar: int, period: str) -> tuple[dt.date, dt.date]:
    """A delårsrapport covers January to August (003: "delårsrapporten per augusti"), a
    bokslut the whole year."""
    return dt.date(ar, 1, 1), dt.date(ar, 8, 31) if period == "delar" else dt.date(ar, 12, 31)


# --- goals ---------------------------------------------------------------------------------


@dataclass
class GoalNode:
    mal: Mal
    children: list[GoalNode] = field(default_factory=list)
    indikatorer: list[Indikator] = field(default_factory=list)


def goal_tree(*, user: Any, namnd: Committee | None = None) -> list[GoalNode]:
    """Long-term goals with their qualitative goals and sub-goals, each with its indicators.
    With a committee: the goals it or one of its units owns, with the goals above them."""
    _require(user, "followup.view")
    goals = list(
        Mal.objects.filter(municipality_id=user.municipality_id).select_related(
            "agare_namnd", "agare_enhet"
        )
    )
    indicators = Indikator.objects.filter(municipality_id=user.municipality_id, mal__isnull=False)
    nodes = {g.pk: GoalNode(g) for g in goals}
    for i in indicators:
        if i.mal_id is not None and i.mal_id in nodes:
            nodes[i.mal_id].indikatorer.append(i)
    keep: set[int] = set(nodes)
    if namnd is not None:
        owned = {
            g.pk
            for g in goals
            if g.agare_namnd_id == namnd.pk
            or (g.agare_enhet is not None and g.agare_enhet.committee_id == namnd.pk)
        }
        keep = set()
        by_id = {g.pk: g for g in goals}
        for pk in owned:
            while pk is not None and pk not in keep:
                keep.add(pk)
                pk = by_id[pk].overordnat_id  # type: ignore[assignment]
        # Goals under an owned goal belong to the committee's report as well.
        changed = True
        while changed:
            changed = False
            for g in goals:
                if g.overordnat_id in owned and g.pk not in owned:
                    owned.add(g.pk)
                    keep.add(g.pk)
                    changed = True
    roots = []
    for g in goals:
        if g.pk not in keep:
            continue
        if g.overordnat_id is None or g.overordnat_id not in keep:
            roots.append(nodes[g.pk])
        else:
            nodes[g.overordnat_id].children.append(nodes[g.pk])
    return roots


def mal_get(*, user: Any, pk: int) -> Mal:
    _require(user, "followup.view")
    return get_object_or_404(Mal, pk=pk, municipality_id=user.municipality_id)


def mal_choices(*, user: Any) -> QuerySet[Mal]:
    return Mal.objects.filter(municipality_id=user.municipality_id or 0)


# --- indicators ------------------------------------------------------------------------------


def indikator_list(*, user: Any) -> QuerySet[Indikator]:
    _require(user, "followup.view")
    return Indikator.objects.filter(municipality_id=user.municipality_id).select_related("mal")


def indikator_get(*, user: Any, pk: int) -> Indikator:
    _require(user, "followup.view")
    return get_object_or_404(
        Indikator.objects.select_related("mal"), pk=pk, municipality_id=user.municipality_id
    )


@dataclass(frozen=True)
class Outcome:
    """One year's figure as it may be shown."""

    ar: int
    varde: Decimal | None
    taljare: int | None = None
    namnare: int | None = None
    undertryckt: bool = False  # hidden because it would reveal a small group
    kommentar: str = ""
    malvarde: Decimal | None = None
    malvarde_antagande: bool = False  # the target is carried forward from an earlier year

    @property
    def status(self) -> str:
        """uppnatt, ej_uppnatt or saknas: whether the outcome reached the year's target."""
        return (
            "saknas"
            if self.varde is None or self.malvarde is None
            else "uppnatt"
            if self.met
            else "ej_uppnatt"
        )

    met: bool = False


def _target(indikator: Indikator, ar: int) -> tuple[Decimal | None, bool]:
    """The year's target, or the last earlier one carried forward as an assumption."""
    earlier = [m for m in indikator.malvarden.all() if m.ar <= ar]
    if not earlier:
        return None, False
    last = max(earlier, key=lambda m: m.ar)
    return last.varde, last.ar != ar


def _with_target(indikator: Indikator, o: Outcome) -> Outcome:
    target, assumed = _target(indikator, o.ar)
    met = False
    if o.varde is not None and target is not None:
        met = o.varde >= target if indikator.riktning == HOGRE else o.varde <= target
    return Outcome(
        o.ar, o.varde, o.taljare, o.namnare, o.undertryckt, o.kommentar, target, assumed, met
    )


def computed_outcome(indikator: Indikator, fran: dt.date, till: dt.date) -> Outcome:
    """The figure for the period with small counts suppressed (aggregates only)."""
    computed = REGISTRY[indikator.berakning]
    r = computed.compute([indikator.municipality_id], fran, till)[indikator.municipality_id]
    t = threshold()
    if not computed.per_person:
        # Claims, not persons: nothing to suppress.
        o = Outcome(till.year, r.varde, r.taljare, r.namnare, False)
    elif computed.value == "andel":
        share = suppress_share(r.taljare, r.namnare, t)
        o = Outcome(till.year, share.percent, share.numerator, share.denominator, share.suppressed)
    elif computed.value == "median":
        hidden = suppress_count(r.namnare, t) is None
        o = Outcome(
            till.year, None if hidden else r.varde, None, None if hidden else r.namnare, hidden
        )
    else:
        shown = suppress_count(r.taljare, t)
        o = Outcome(
            till.year,
            None if shown is None else Decimal(shown),
            shown,
            r.namnare,
            shown is None,
        )
    return _with_target(indikator, o)


def outcome_for(indikator: Indikator, ar: int, period: str = "bokslut") -> Outcome:
    if indikator.kalla_typ == BERAKNAD:
        return computed_outcome(indikator, *period_dates(ar, period))
    own = [u for u in indikator.utfall.all() if u.ar == ar and u.kon == "T"]
    # The municipality's own figure: entered by hand (no code), else the imported one.
    own.sort(key=lambda u: u.kommunkod != "")
    chosen = own[0] if own else None
    return _with_target(
        indikator,
        Outcome(ar, chosen.varde if chosen else None, kommentar=chosen.kommentar if chosen else ""),
    )


def indikator_outcomes(*, user: Any, indikator: Indikator, years: list[int]) -> list[Outcome]:
    _require(user, "followup.view")
    return [outcome_for(indikator, ar) for ar in years]


def comparison_figures(*, user: Any, indikator: Indikator) -> list[Utfall]:
    """Imported figures of other municipalities and the country, beside our own."""
    _require(user, "followup.view")
    return list(indikator.utfall.exclude(kommunkod="").order_by("ar", "kommunkod", "kon"))


def years_of(indikator: Indikator, today: dt.date) -> list[int]:
    years = {m.ar for m in indikator.malvarden.all()} | {u.ar for u in indikator.utfall.all()}
    years.add(today.year)
    return sorted(y for y in years if y <= today.year)[-6:]


@dataclass
class Drilldown:
    uppfyllt: list[Person]
    ovriga: list[Person]


def drilldown(*, user: User, indikator: Indikator, ar: int) -> Drilldown:
    """The persons behind a computed figure whom the user may see, each a read of the record
    (read log). Needs the right to read person records: a förtroendevald never gets here."""
    _require(user, "followup.view")
    _require(user, "register.read_person")
    if indikator.kalla_typ != BERAKNAD or not REGISTRY[indikator.berakning].per_person:
        raise PermissionDenied
    fran, till = period_dates(ar, "bokslut")
    met, rest = REGISTRY[indikator.berakning].persons(indikator.municipality_id, fran, till)
    visible = reg.person_list(user=user).filter(pk__in=met + rest)
    persons = list(visible)
    # A page of the web interface: the request's own channel (webb).
    person_read_many(user=user, persons=persons)
    met_ids = set(met)
    return Drilldown(
        [p for p in persons if p.pk in met_ids], [p for p in persons if p.pk not in met_ids]
    )


# --- action plans ----------------------------------------------------------------------------


def plan_list(*, user: Any) -> QuerySet[Handlingsplan]:
    _require(user, "followup.view")
    return Handlingsplan.objects.filter(municipality_id=user.municipality_id).select_related(
        "namnd"
    )


def plan_get(*, user: Any, pk: int) -> Handlingsplan:
    _require(user, "followup.view")
    return get_object_or_404(
        Handlingsplan.objects.select_related("namnd"), pk=pk, municipality_id=user.municipality_id
    )


def plan_activities(plan: Handlingsplan) -> list[PlanAktivitet]:
    return list(
        plan.aktiviteter.select_related("mal", "ansvarig_namnd", "ansvarig_enhet").order_by(
            "forfaller", "id"
        )
    )


def planaktivitet_get(*, user: Any, pk: int) -> PlanAktivitet:
    _require(user, "followup.view")
    return get_object_or_404(
        PlanAktivitet.objects.select_related("plan"),
        pk=pk,
        plan__municipality_id=user.municipality_id,
    )


# --- assessments -----------------------------------------------------------------------------


@dataclass
class AreaHistory:
    omrade: Granskningsomrade
    per_ar: dict[int, Bedomning]


def assessment_history(*, user: Any) -> tuple[list[int], list[AreaHistory]]:
    _require(user, "followup.view")
    areas = list(Granskningsomrade.objects.filter(municipality_id=user.municipality_id))
    found = Bedomning.objects.filter(omrade__in=areas)
    years = sorted({b.ar for b in found})
    by_area: dict[int, dict[int, Bedomning]] = {a.pk: {} for a in areas}
    for b in found:
        by_area[b.omrade_id][b.ar] = b
    return years, [AreaHistory(a, by_area[a.pk]) for a in areas]


def omrade_get(*, user: Any, pk: int) -> Granskningsomrade:
    _require(user, "followup.view")
    return get_object_or_404(Granskningsomrade, pk=pk, municipality_id=user.municipality_id)


# --- the report ------------------------------------------------------------------------------


@dataclass
class ReportRow:
    mal: Mal
    indikator: Indikator
    outcome: Outcome


@dataclass
class Report:
    ar: int
    period: str
    namnd: Committee | None
    fran: dt.date
    till: dt.date
    goals: list[GoalNode]
    rows: list[ReportRow]
    activities: list[PlanAktivitet]
    status_counts: list[tuple[str, int]]
    summary: list[tuple[str, int]]
    threshold: int


def _walk(nodes: list[GoalNode]) -> list[GoalNode]:
    out: list[GoalNode] = []
    for n in nodes:
        out.append(n)
        out.extend(_walk(n.children))
    return out


def committees(*, user: Any) -> QuerySet[Committee]:
    return Committee.objects.filter(municipality_id=user.municipality_id or 0)


def report(*, user: Any, ar: int, period: str, namnd: Committee | None) -> Report:
    """The follow-up report for a committee (or the whole municipality) and a period. It has no
    filter narrower than a committee, and every figure from the register is suppressed."""
    _require(user, "followup.view")
    if namnd is not None and namnd.municipality_id != user.municipality_id:
        raise PermissionDenied
    fran, till = period_dates(ar, period)
    goals = goal_tree(user=user, namnd=namnd)
    rows = []
    with sharing():
        for node in _walk(goals):
            for i in node.indikatorer:
                outcome = (
                    computed_outcome(i, fran, till)
                    if i.kalla_typ == BERAKNAD
                    else outcome_for(i, ar, period)
                )
                rows.append(ReportRow(node.mal, i, outcome))
    activities = PlanAktivitet.objects.filter(
        plan__municipality_id=user.municipality_id, plan__ar=ar
    ).select_related("plan", "mal", "ansvarig_namnd", "ansvarig_enhet")
    if namnd is not None:
        activities = activities.filter(Q(ansvarig_namnd=namnd) | Q(ansvarig_enhet__committee=namnd))
    acts = list(activities.order_by("forfaller", "id"))
    counts = Counter(a.status for a in acts)
    status_counts = [(str(label), counts.get(code, 0)) for code, label in ACTIVITY_STATUSES]
    lights = Counter(r.outcome.status for r in rows)
    summary = [(code, lights.get(code, 0)) for code in ("uppnatt", "ej_uppnatt", "saknas")]
    return Report(
        ar, period, namnd, fran, till, goals, rows, acts, status_counts, summary, threshold()
    )


def long_term_goals(*, user: Any) -> QuerySet[Mal]:
    _require(user, "followup.view")
    return Mal.objects.filter(municipality_id=user.municipality_id, niva=LANGSIKTIGT)
