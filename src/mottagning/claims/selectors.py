"""Every read of the economy, filtered by what the user may see.

Ekonomer and administratörer see the municipality's economy; others with `claims.read` see
the items of the persons the register lets them see (register.selectors.person_visibility_q,
never a copy of the rule). Every read that hands out a person's costs or claim lines registers
the read of those persons (audit.services.person_read_many), like other reads of a record.
Sums per quarter and type name nobody and are not reads of a person.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from mottagning.accounts.models import AnyUser, User
from mottagning.audit.services import person_read_many
from mottagning.claims import periods
from mottagning.claims.models import Ansokan, AnsokanRad, ForvantadPost, Kostnad, Utbetalning
from mottagning.claims.types import CLAIM_TYPES, label
from mottagning.placements.models import Placering
from mottagning.placements.selectors import municipality_placement_costs
from mottagning.register.models import Person
from mottagning.register.selectors import person_visibility_q
from mottagning.rules import compensation
from mottagning.rules.codes import ERSATTNINGSTYP
from mottagning.rules.params import USER_STATUS, Parameter, ParameterError, ParameterSet

ZERO = Decimal("0.00")


def sees_municipality(user: AnyUser) -> bool:
    return bool(user.has_perm("claims.see_municipality"))


def _municipality_id(user: AnyUser) -> int:
    """The user's municipality; -1 (no municipality has it) for a user without one, who then
    sees nothing."""
    found = getattr(user, "municipality_id", None)
    return found if isinstance(found, int) else -1


def _person_filter(user: AnyUser, prefix: str = "person") -> Q:
    """Which persons' items the user sees: all of the municipality's, or the visible ones."""
    if not user.is_authenticated or not user.has_perm("claims.read"):
        return Q(pk__in=[])
    if sees_municipality(user):
        return Q(**{f"{prefix}__municipality_id": _municipality_id(user)})
    visible = Person.objects.filter(person_visibility_q(user)).values("pk")
    return Q(**{f"{prefix}__in": visible})


def kostnad_list(
    *, user: User, ar: int | None = None, person: Person | None = None, kanal: str | None = None
) -> list[Kostnad]:
    """Costs the user may see, newest first; each person in the list counts as read."""
    qs = Kostnad.objects.filter(_person_filter(user)).select_related("person", "enhet")
    if ar is not None:
        qs = qs.filter(fran__year=ar)
    if person is not None:
        qs = qs.filter(person=person)
    costs = list(qs.order_by("-fran", "-pk"))
    person_read_many(
        user=user, persons={c.person_id: c.person for c in costs}.values(), kanal=kanal
    )
    return costs


def kostnad_get(*, user: User, kostnad_id: int, kanal: str | None = None) -> Kostnad:
    kostnad = (
        Kostnad.objects.filter(_person_filter(user), pk=kostnad_id)
        .select_related("person", "enhet")
        .first()
    )
    if kostnad is None:
        raise Http404
    person_read_many(user=user, persons=[kostnad.person], kanal=kanal)
    return kostnad


def ansokan_list(*, user: AnyUser, ar: int | None = None) -> QuerySet[Ansokan]:
    """Claims: the municipality's for ekonom and administratör, and for others the claims with
    a line for a person they may see. Names no persons."""
    if not user.is_authenticated or not user.has_perm("claims.read"):
        return Ansokan.objects.none()
    qs = Ansokan.objects.filter(municipality_id=_municipality_id(user))
    if not sees_municipality(user):
        lines = AnsokanRad.objects.filter(_person_filter(user)).values("ansokan_id")
        qs = qs.filter(pk__in=lines)
    if ar is not None:
        qs = qs.filter(ar=ar)
    return qs


@dataclass
class ClaimView:
    ansokan: Ansokan
    rader: list[AnsokanRad]
    # Lines of persons the user may not see: counted, not shown.
    dolda: int
    handelser: list[Any] = field(default_factory=list)


def ansokan_get(*, user: User, ansokan_id: int, kanal: str | None = None) -> ClaimView:
    """A claim with the lines the user may see (each such person counts as read) and its
    status history."""
    ansokan = ansokan_list(user=user).filter(pk=ansokan_id).first()
    if ansokan is None:
        raise Http404
    all_lines = ansokan.rader.select_related("person")
    lines = list(all_lines.filter(_person_filter(user)))
    person_read_many(
        user=user, persons={r.person_id: r.person for r in lines}.values(), kanal=kanal
    )
    return ClaimView(
        ansokan=ansokan,
        rader=lines,
        dolda=all_lines.count() - len(lines),
        handelser=list(ansokan.handelser.select_related("av")),
    )


# The dashboard's rows: per year, quarter and type, what was claimed, granted and paid.
@dataclass(frozen=True)
class QuarterRow:
    ar: int
    kvartal: int
    typ: str
    typ_label: str
    forvantat: Decimal
    ansokt: Decimal
    beviljat: Decimal
    utbetalt: Decimal
    ansokningar: int


def dashboard(*, user: AnyUser, ar: int) -> list[QuarterRow]:
    """Per quarter and type of the year: expected (the engine's items, stored by the
    recomputation), claimed (sent claims), granted and paid. Municipality-wide sums: ekonom
    and administratör only."""
    if not sees_municipality(user):
        return []
    municipality_id = _municipality_id(user)
    expected: dict[tuple[str, int], Decimal] = defaultdict(lambda: ZERO)
    for typ, fran, belopp in (
        ForvantadPost.objects.filter(municipality_id=municipality_id, fran__year=ar)
        .values_list("typ", "fran")
        .annotate(summa=Sum("belopp"))
        .values_list("typ", "fran", "summa")
    ):
        expected[(typ, periods.quarter_of(fran)[1])] += belopp
    claims = {
        (a.typ, a.kvartal): a
        for a in Ansokan.objects.filter(municipality_id=municipality_id, ar=ar)
    }
    rows: list[QuarterRow] = []
    for kvartal in (1, 2, 3, 4):
        for typ in ERSATTNINGSTYP:
            claim = claims.get((typ, kvartal))
            if claim is None and (typ, kvartal) not in expected:
                continue
            sent = claim is not None and claim.status != "utkast"
            rows.append(
                QuarterRow(
                    ar=ar,
                    kvartal=kvartal,
                    typ=typ,
                    typ_label=label(typ),
                    forvantat=expected.get((typ, kvartal), ZERO),
                    ansokt=claim.belopp_ansokt if claim is not None and sent else ZERO,
                    beviljat=(claim.belopp_beviljat or ZERO) if claim is not None else ZERO,
                    utbetalt=(claim.belopp_utbetalt or ZERO) if claim is not None else ZERO,
                    ansokningar=1 if claim is not None else 0,
                )
            )
    return rows


@dataclass(frozen=True)
class DeadlineRow:
    ansokan: Ansokan
    dagar_kvar: int
    bucket: str  # "forsenad", "30", "60", "90"


def deadline_worklist(*, user: AnyUser, today: dt.date | None = None) -> list[DeadlineRow]:
    """Claims not yet sent whose deadline is past or within 90 days, nearest first, with the
    amount at stake (the claim's amount)."""
    today = today or timezone.localdate()
    out = []
    qs = ansokan_list(user=user).filter(
        status="utkast", ansok_senast__isnull=False, ansok_senast__lte=today + dt.timedelta(90)
    )
    for claim in qs.order_by("ansok_senast", "pk"):
        assert claim.ansok_senast is not None  # filtered above
        left = (claim.ansok_senast - today).days
        bucket = "forsenad" if left < 0 else "30" if left <= 30 else "60" if left <= 60 else "90"
        out.append(DeadlineRow(claim, left, bucket))
    return out


# Reconciliation of payment decisions against claims (issue #10 item 3).
BETALD = "betald"
UNDERBETALD = "underbetald"
SAKNAS = "saknas"
OVANTAD = "ovantad"


@dataclass(frozen=True)
class Difference:
    typ: str
    ar: int
    kvartal: int
    person_id: int | None
    person: str
    forvantat: Decimal
    utbetalt: Decimal
    utfall: str

    @property
    def skillnad(self) -> Decimal:
        return self.utbetalt - self.forvantat


def reconciliation(*, user: User, ar: int, kanal: str | None = None) -> list[Difference]:
    """Each person's expected amount in the year's sent claims against what Migrationsverket's
    payment decisions paid for them: betald (paid in full), underbetald (less), saknas (nothing
    paid) or ovantad (paid without a claimed line, or more than claimed). A decision row that
    names no person is compared with the claim's total. Ekonom and administratör only; every
    person listed counts as read."""
    if not sees_municipality(user):
        return []
    expected: dict[tuple[str, int, int, int | None], Decimal] = defaultdict(lambda: ZERO)
    decided = set(
        Utbetalning.objects.filter(municipality_id=_municipality_id(user), ar=ar).values_list(
            "typ", "kvartal"
        )
    )
    # A claim still waiting for its decision is not missing anything yet: compare the claims
    # that were granted, or for whose type and quarter a payment decision has arrived.
    sent = [
        a.pk
        for a in Ansokan.objects.filter(municipality_id=_municipality_id(user), ar=ar).exclude(
            status__in=("utkast", "avslag")
        )
        if a.status != "inskickad" or (a.typ, a.kvartal) in decided
    ]
    for typ, kvartal, person_id, belopp in AnsokanRad.objects.filter(ansokan__in=sent).values_list(
        "ansokan__typ", "ansokan__kvartal", "person_id", "belopp"
    ):
        expected[(typ, ar, kvartal, person_id)] += belopp
    # Types paid without application (schablon, EKB per dygn …): what the engine expects, for
    # the types and quarters a payment decision covers.
    for typ, fran, person_id, belopp in ForvantadPost.objects.filter(
        municipality_id=_municipality_id(user), fran__year=ar, ansokan=False
    ).values_list("typ", "fran", "person_id", "belopp"):
        kvartal = periods.quarter_of(fran)[1]
        if (typ, kvartal) in decided:
            expected[(typ, ar, kvartal, person_id)] += belopp
    paid: dict[tuple[str, int, int, int | None], Decimal] = defaultdict(lambda: ZERO)
    for typ, kvartal, person_id, belopp in Utbetalning.objects.filter(
        municipality_id=_municipality_id(user), ar=ar
    ).values_list("typ", "kvartal", "person_id", "belopp"):
        paid[(typ, ar, kvartal, person_id)] += belopp
    # A decision without persons pays the claim as a whole: compare it with the claim's total.
    for key in [k for k in paid if k[3] is None]:
        typ, year, kvartal, _none = key
        total = ZERO
        for person_key in [k for k in expected if k[:3] == (typ, year, kvartal)]:
            total += expected.pop(person_key)
        expected[key] = total
    persons = {
        p.pk: p for p in Person.objects.filter(pk__in={k[3] for k in (*expected, *paid) if k[3]})
    }
    out = []
    for key in sorted(set(expected) | set(paid), key=lambda k: (k[1], k[2], k[0], k[3] or 0)):
        want, got = expected.get(key, ZERO), paid.get(key, ZERO)
        if key not in expected or got > want:
            outcome = OVANTAD
        elif got == want:
            outcome = BETALD
        elif got == ZERO:
            outcome = SAKNAS
        else:
            outcome = UNDERBETALD
        person = persons.get(key[3]) if key[3] else None
        out.append(
            Difference(
                typ=key[0],
                ar=key[1],
                kvartal=key[2],
                person_id=key[3],
                person=str(person) if person else "",
                forvantat=want,
                utbetalt=got,
                utfall=outcome,
            )
        )
    person_read_many(user=user, persons=persons.values(), kanal=kanal)
    return out


def ledger(*, user: AnyUser, ar: int) -> list[dict[str, Any]]:
    """The year's economy as ledger rows (sums, no persons): the engine's expected
    compensation per quarter and type, grundersättning for the years it existed (the
    municipality's, 2010:1122 9 §), what Migrationsverket paid, and the costs per unit,
    placements from the placements app included. Amounts carried forward as an antagande say
    so. Ekonom and administratör only."""
    if not sees_municipality(user):
        return []
    mid = _municipality_id(user)
    rows: list[dict[str, Any]] = []

    def add(
        kvartal: int | None,
        post: str,
        typ: str,
        enhet: str,
        belopp: Decimal,
        antagande: bool,
        kalla: str,
    ) -> None:
        rows.append(
            {
                "ar": ar,
                "kvartal": kvartal,
                "post": post,
                "typ": typ,
                "enhet": enhet,
                "belopp": belopp,
                "antagande": antagande,
                "kalla": kalla,
            }
        )

    expected: dict[tuple[int, str], list[Any]] = {}
    for typ, fran, belopp, antagande in ForvantadPost.objects.filter(
        municipality_id=mid, fran__year=ar
    ).values_list("typ", "fran", "belopp", "antagande"):
        key = (periods.quarter_of(fran)[1], typ)
        entry = expected.setdefault(key, [ZERO, False])
        entry[0] += belopp
        entry[1] = entry[1] or antagande
    for (kvartal, typ), (belopp, antagande) in sorted(expected.items()):
        add(
            kvartal,
            _("Förväntad ersättning"),
            label(typ),
            "",
            belopp,
            antagande,
            _("Beräknad per person enligt förordning (2010:1122) och förordning (2017:193)"),
        )
    for item in compensation.grundersattning(ar, ar):
        add(
            None,
            _("Förväntad ersättning"),
            label("grundersattning"),
            "",
            item.belopp,
            item.antagande,
            item.kalla,
        )
    for typ, kvartal, belopp in (
        Utbetalning.objects.filter(municipality_id=mid, ar=ar)
        .values_list("typ", "kvartal")
        .annotate(summa=Sum("belopp"))
        .values_list("typ", "kvartal", "summa")
        .order_by("kvartal", "typ")
    ):
        add(kvartal, _("Mottaget"), label(typ), "", belopp, False, _("Utbetalningsbeslut"))
    for used in used_by_unit(municipality_id=mid, ar=ar):
        add(used.kvartal, _("Kostnad"), used.slag, used.enhet, used.belopp, False, used.kalla)
    return rows


@dataclass(frozen=True)
class Used:
    kvartal: int
    slag: str
    enhet: str
    belopp: Decimal
    kalla: str


def used_by_unit(*, municipality_id: int, ar: int) -> list[Used]:
    """What each unit spent in the year per quarter: the costs entered or imported, and the
    placements' cost per day (the unit of the placement's ärende) except in quarters an
    invoice for the placement covers."""
    out: dict[tuple[int, str, str, str], Decimal] = defaultdict(lambda: ZERO)
    invoiced: set[tuple[int, int]] = set()
    for enhet, slag, fran, belopp, placering_id in Kostnad.objects.filter(
        municipality_id=municipality_id, fran__year=ar
    ).values_list("enhet__namn", "slag", "fran", "belopp", "placering_id"):
        kvartal = periods.quarter_of(fran)[1]
        out[(kvartal, label(slag) if slag != "tolk" else _("Tolk"), enhet, _("Kostnad"))] += belopp
        if placering_id is not None:
            invoiced.add((placering_id, kvartal))
    for kvartal in (1, 2, 3, 4):
        fran, till = periods.quarter_bounds(ar, kvartal)
        costs = municipality_placement_costs(municipality_id=municipality_id, fran=fran, till=till)
        units = dict(
            Placering.objects.filter(pk__in=[c.placering_id for c in costs]).values_list(
                "pk", "arende__unit__namn"
            )
        )
        for c in costs:
            if (c.placering_id, kvartal) in invoiced:
                continue
            out[(kvartal, _("Placering"), units[c.placering_id], _("Placeringar"))] += c.kostnad
    return [
        Used(kvartal, slag, enhet, belopp, kalla)
        for (kvartal, slag, enhet, kalla), belopp in sorted(out.items())
    ]


@dataclass(frozen=True)
class BalanceYear:
    ar: int
    ingaende: Decimal
    mottaget: Decimal
    anvant: Decimal
    per_enhet: list[tuple[str, Decimal]]

    @property
    def utgaende(self) -> Decimal:
        return self.ingaende + self.mottaget - self.anvant


def balanskonto(
    *, user: AnyUser, fran_ar: int, till_ar: int, ingaende: Decimal = ZERO
) -> list[BalanceYear]:
    """The balance account (balanskonto, seed 002 §3.4) year by year: what Migrationsverket
    paid (payment decisions), what the units used (costs and placements), and the balance
    carried forward from `ingaende`. Ekonom and administratör only."""
    if not sees_municipality(user):
        return []
    mid = _municipality_id(user)
    out = []
    balance = ingaende
    for ar in range(fran_ar, till_ar + 1):
        received = (
            Utbetalning.objects.filter(municipality_id=mid, ar=ar).aggregate(s=Sum("belopp"))["s"]
            or ZERO
        )
        per_unit: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for used in used_by_unit(municipality_id=mid, ar=ar):
            per_unit[used.enhet] += used.belopp
        spent = sum(per_unit.values(), ZERO)
        year = BalanceYear(ar, balance, received, spent, sorted(per_unit.items()))
        out.append(year)
        balance = year.utgaende
    return out


def claim_quarters(*, municipality_id: int) -> set[tuple[str, int, int]]:
    """(type, year, quarter) of every expected item that needs an application: the claims the
    register asks for."""
    return {
        (typ, *periods.quarter_of(fran))
        for typ, fran in ForvantadPost.objects.filter(
            municipality_id=municipality_id, ansokan=True, typ__in=CLAIM_TYPES
        )
        .values_list("typ", "fran")
        .distinct()
    }


@dataclass(frozen=True)
class Antagande:
    namn: str
    ar: int
    varde: Decimal | None
    antagande: bool
    kalla: str


def antaganden(*, user: AnyUser, fran_ar: int, till_ar: int) -> list[Antagande]:
    """For each amount the engine uses, the years in [fran_ar, till_ar] where it is an
    antagande (carried forward) or a value the municipality's users entered (status U)."""
    from mottagning.claims.services import parameters

    if not sees_municipality(user):
        return []
    params = parameters(municipality_id=_municipality_id(user))
    names = sorted({r.parameter for r in compensation.RULES.values() if r.parameter})
    out = []
    for node in (amount for name in names for amount in _amounts(params, name)):
        name = node.name
        for ar in range(fran_ar, till_ar + 1):
            try:
                entry = node.at(dt.date(ar, 1, 1))
            except ParameterError:
                continue
            if entry.antagande or entry.status == USER_STATUS:
                out.append(Antagande(name, ar, entry.value, entry.antagande, entry.reference))
    return out


def _amounts(params: ParameterSet, name: str) -> list[Parameter]:
    """The dated amounts behind a parameter the engine reads: itself, or each level of a scale
    by its own name (`schablonersattning[age>=65]`, as ParameterSet.with_overrides takes it)."""
    if name not in params:
        return []
    node = params.parameter(name)
    if isinstance(node, Parameter):
        return [node]
    return [bracket.amount for bracket in node.brackets]


def parameter_names() -> list[str]:
    """The amounts a user may enter a value for: those the engine reads, each level of an
    amount by age on its own (the schablon from 2025 is an antagande for every age)."""
    from mottagning.rules.params import load_parameters

    params = load_parameters()
    names = sorted({r.parameter for r in compensation.RULES.values() if r.parameter})
    return [amount.name for name in names for amount in _amounts(params, name)]


@dataclass(frozen=True)
class BalanceForecast:
    ar: int
    saldo: Decimal  # kronor at the end of the year


def balanskonto_prognos(
    *, user: AnyUser, kommun: str, ingaende: Decimal, fran_ar: int
) -> tuple[list[BalanceForecast], str]:
    """The balance account carried forward by the planning module's budget (planning/budget.py,
    the seed's budget for the municipality): starting from today's balance in `fran_ar`, the
    balance at the end of each budget year, and the budget's source. Empty when the
    municipality has no budget the planning module can read."""
    from mottagning.planning import budget as plan
    from mottagning.planning.errors import PlaneringsFel
    from mottagning.rules.params import load_parameters

    if not sees_municipality(user):
        return [], ""
    try:
        underlag = plan.las_budget(
            kommun,
            plan.Andringar(
                startar=fran_ar, balanskonto_tkr=(ingaende / 1000).quantize(Decimal("0.001"))
            ),
        )
        result = plan.budget(underlag, load_parameters(), kommun=kommun)
    except (PlaneringsFel, FileNotFoundError):
        return [], ""
    line = result.linje(plan.BALANSKONTO)
    return [
        BalanceForecast(ar, (tkr * 1000).quantize(Decimal("0.01")))
        for ar, tkr in zip(result.ar, line.tal(), strict=True)
    ], result.kalla
