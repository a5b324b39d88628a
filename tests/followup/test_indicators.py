"""Each computed indicator on a hand-built register whose answer is worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from mottagning.followup.indicators import REGISTRY
from mottagning.housing.services import kommuntal_set
from mottagning.plans import services as plans
from mottagning.register import services as register
from tests.fixtures import ekb, newcomer, user_in

pytestmark = pytest.mark.django_db

YEAR = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def _sfi(user: Any, person: Any, *, start: dt.date | None, ansokan: dt.date) -> None:
    plan = plans.plan_create(
        actor=user, person=person, enhet=user.units.first(), upprattad=ansokan, mal="Arbete"
    )
    plans.aktivitet_create(
        actor=user,
        plan=plan,
        slag="sfi",
        forfaller=ansokan + dt.timedelta(days=90),
        partner="Campus Alingsås",
        ansokan=ansokan,
        start=start,
    )


def _mapped(user: Any, person: Any, *, mottagen: dt.date, klar: dt.date | None) -> None:
    plans.kartlaggning_create(
        actor=user, person=person, enhet=user.units.first(), mottagen=mottagen, klar=klar
    )


@pytest.fixture
def register_2024(alingsas: Any, vingaker: Any, integration_user: Any) -> dict[str, Any]:
    u = integration_user
    a = newcomer(u, mottagen=dt.date(2024, 3, 1), fornamn="A")
    b = newcomer(u, mottagen=dt.date(2024, 5, 10), fornamn="B")
    c = newcomer(u, mottagen=dt.date(2024, 6, 1), fornamn="C")
    d = newcomer(u, mottagen=dt.date(2023, 12, 1), fornamn="D")  # received the year before
    _sfi(u, a, ansokan=dt.date(2024, 3, 5), start=dt.date(2024, 4, 15))  # 45 days: in time
    _sfi(u, b, ansokan=dt.date(2024, 5, 20), start=dt.date(2024, 9, 1))  # 114 days: late
    _sfi(u, c, ansokan=dt.date(2024, 6, 5), start=None)  # not started
    _sfi(u, d, ansokan=dt.date(2023, 12, 5), start=dt.date(2024, 1, 10))
    _mapped(u, a, mottagen=dt.date(2024, 3, 1), klar=dt.date(2024, 3, 22))  # day 21: in time
    _mapped(u, b, mottagen=dt.date(2024, 5, 10), klar=dt.date(2024, 6, 1))  # day 22: late
    # Another municipality's newcomer, in time, must not count for Alingsås.
    other = user_in(vingaker, "integrationsenheten")
    e = newcomer(other, mottagen=dt.date(2024, 2, 1), fornamn="E")
    _mapped(other, e, mottagen=dt.date(2024, 2, 1), klar=dt.date(2024, 2, 2))
    return {"alingsas": alingsas, "vingaker": vingaker, "user": u}


def test_sfi_within_three_months(register_2024: dict[str, Any]) -> None:
    m = register_2024["alingsas"]
    r = REGISTRY["sfi_start_tre_manader"].compute([m.pk], *YEAR)[m.pk]
    # A, B and C were received in 2024 and have sfi in their plan; only A started in time.
    assert (r.taljare, r.namnare, r.varde) == (1, 3, Decimal("33.3"))
    met, rest = REGISTRY["sfi_start_tre_manader"].persons(m.pk, *YEAR)
    assert len(met) == 1
    assert len(rest) == 2


def test_sfi_median_weeks(register_2024: dict[str, Any]) -> None:
    m = register_2024["alingsas"]
    r = REGISTRY["sfi_start_median_veckor"].compute([m.pk], *YEAR)[m.pk]
    # Started after 45 and 114 days: median 79.5 days = 11.36 weeks.
    assert (r.namnare, r.varde) == (2, Decimal("11.4"))


def test_mapped_within_three_weeks(register_2024: dict[str, Any]) -> None:
    m, v = register_2024["alingsas"], register_2024["vingaker"]
    out = REGISTRY["kartlaggning_tre_veckor"].compute([m.pk, v.pk], *YEAR)
    assert (out[m.pk].taljare, out[m.pk].namnare) == (1, 3)
    assert (out[v.pk].taljare, out[v.pk].namnare, out[v.pk].varde) == (1, 1, Decimal("100.0"))


def test_received_against_the_quota(register_2024: dict[str, Any]) -> None:
    m = register_2024["alingsas"]
    kommuntal_set(actor=register_2024["user"], municipality=m, ar=2024, antal=10, kalla="Lst")
    r = REGISTRY["mottagna_mot_kommuntal"].compute([m.pk], *YEAR)[m.pk]
    # Anvisade 30 days before reception: A, B and C in 2024 (D in 2023), all received.
    assert (r.taljare, r.namnare, r.varde) == (3, 10, Decimal(3))


def test_unaccompanied_in_school_at_18(alingsas: Any, placering_user: Any) -> None:
    u = placering_user
    in_school = ekb(u, born=dt.date(2006, 5, 1), asyl=dt.date(2021, 1, 10), fornamn="S")
    register.event_create(
        actor=u, person=in_school, typ="gymnasiestudier", datum=dt.date(2023, 8, 15)
    )
    ekb(u, born=dt.date(2006, 9, 1), asyl=dt.date(2021, 1, 10), fornamn="N")
    ekb(u, born=dt.date(2005, 1, 1), asyl=dt.date(2021, 1, 10), fornamn="Older")
    assessed = ekb(u, born=dt.date(2007, 3, 1), asyl=dt.date(2021, 1, 10), fornamn="Assessed")
    register.event_create(
        actor=u,
        person=assessed,
        typ="aldersbedomning",
        datum=dt.date(2021, 6, 1),
        fodelsedatum=dt.date(2006, 3, 1),
    )
    ended = ekb(u, born=dt.date(2006, 2, 1), asyl=dt.date(2021, 1, 10), fornamn="Ended")
    register.event_create(
        actor=u,
        person=ended,
        typ="gymnasiestudier",
        datum=dt.date(2022, 8, 15),
        slut=dt.date(2023, 6, 10),
    )
    r = REGISTRY["ensamkommande_skola_18"].compute([alingsas.pk], *YEAR)[alingsas.pk]
    # Turning 18 in 2024: S (in school), N, Assessed (by the assessment) and Ended (studies
    # ended before the birthday); Older turned 18 in 2023.
    assert (r.taljare, r.namnare, r.varde) == (1, 4, Decimal("25.0"))


def test_an_empty_register_gives_no_value(alingsas: Any) -> None:
    for computed in REGISTRY.values():
        r = computed.compute([alingsas.pk], *YEAR)[alingsas.pk]
        assert r.taljare == 0
        assert r.varde is None or r.varde == 0


def test_self_supporting_when_the_establishment_period_ends(
    alingsas: Any, integration_user: Any
) -> None:
    u = integration_user
    supported = newcomer(u, mottagen=dt.date(2022, 3, 1), fornamn="Arbete")
    unknown = newcomer(u, mottagen=dt.date(2022, 6, 10), fornamn="Okand")
    later = newcomer(u, mottagen=dt.date(2023, 1, 1), fornamn="Senare")  # ends in 2025
    for person, value in ((supported, True), (unknown, None), (later, True)):
        plan = plans.plan_create(
            actor=u, person=person, enhet=u.units.first(), upprattad=dt.date(2022, 7, 1), mal="x"
        )
        plans.plan_update(actor=u, plan=plan, mal="x", egen_forsorjning=value)
    r = REGISTRY["egen_forsorjning_etablering"].compute([alingsas.pk], *YEAR)[alingsas.pk]
    # Periods ending 2024-03-01 and 2024-06-10 fall in 2024; one of the two supports themself.
    assert (r.taljare, r.namnare, r.varde) == (1, 2, Decimal("50.0"))


def test_claims_sent_in_time_and_money_lost_to_late_claims(alingsas: Any) -> None:
    from mottagning.claims.models import Ansokan
    from mottagning.claims.services import ansokan_status_change
    from mottagning.claims.types import CLAIM_TYPES

    ekonom = user_in(alingsas, roles=("ekonom",))

    def claim(kvartal: int, due: dt.date, belopp: str, sent: dt.date | None) -> None:
        a = Ansokan.objects.create(
            municipality=alingsas,
            typ=CLAIM_TYPES[0],
            ar=2023,
            kvartal=kvartal,
            fran=dt.date(2023, 3 * kvartal - 2, 1),
            till=dt.date(2023, 3 * kvartal, 28),
            ansok_senast=due,
            belopp_ansokt=Decimal(belopp),
        )
        if sent is not None:
            ansokan_status_change(actor=ekonom, ansokan=a, status="inskickad", datum=sent)

    claim(1, dt.date(2024, 3, 31), "1000.00", dt.date(2024, 3, 20))  # in time
    claim(2, dt.date(2024, 6, 30), "2500.50", dt.date(2024, 7, 5))  # five days late
    claim(3, dt.date(2024, 9, 30), "400.00", None)  # never sent, deadline passed
    claim(4, dt.date(2023, 12, 31), "9999.00", None)  # deadline the year before
    share = REGISTRY["ansokningar_i_tid"].compute([alingsas.pk], *YEAR)[alingsas.pk]
    assert (share.taljare, share.namnare, share.varde) == (1, 3, Decimal("33.3"))
    lost = REGISTRY["ersattning_forlorad_sen_ansokan"].compute([alingsas.pk], *YEAR)
    assert lost[alingsas.pk].varde == Decimal("2900.50")
