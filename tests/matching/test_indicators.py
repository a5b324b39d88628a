"""Raw counts per municipality and period for the follow-up module: dates at both ends count,
another municipality's records never do."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from mottagning.matching import indicators, services
from tests.fixtures import user_in
from tests.matching.helpers import mapped, place, samordnare

pytestmark = pytest.mark.django_db

JAN, JUN = dt.date(2025, 1, 1), dt.date(2025, 6, 30)


def test_counts_per_period(alingsas: Any, vingaker: Any, integration_user: Any) -> None:
    coordinator = samordnare(alingsas)
    seat = place(coordinator, kapacitet=3)
    first, second = mapped(integration_user), mapped(integration_user, fornamn="Sara")
    done = services.praktik_create(
        actor=integration_user, plats=seat, person=first, start=JAN, handledare="Eva"
    )
    services.praktik_end(actor=integration_user, praktik=done, slut=JUN, utfall="arbete")
    services.praktik_create(
        actor=integration_user,
        plats=seat,
        person=second,
        start=JUN + dt.timedelta(days=1),
        handledare="Eva",
    )
    club = services.forening_create(actor=coordinator, namn="Skå IK", orgnr="8020112234")
    grant = services.bidrag_apply(
        actor=coordinator,
        forening=club,
        projekt="Fotboll",
        syfte="fritid",
        inkom=JAN,
        sokt_belopp=Decimal(1000),
        budget="Bollar 1000",
    )
    services.bidrag_decide(actor=coordinator, ansokan=grant, beslutsdatum=JAN, belopp=Decimal(900))
    services.bidrag_pay(actor=coordinator, ansokan=grant, datum=JUN, belopp=Decimal(900))
    services.bidrag_report(
        actor=coordinator, ansokan=grant, datum=JUN, deltagare=17, resultat="Ett nytt lag"
    )
    # Vingåker's record is not Alingsås's.
    other = user_in(vingaker, "integrationsenheten", roles=("samordnare",))
    services.forening_create(actor=other, namn="Röda korset", orgnr="8024999990")
    counts = indicators.counts(municipality=alingsas, fran=JAN, till=JUN)
    assert counts == {
        "praktik_paborjade": 1,
        "praktik_till_arbete": 1,
        "praktik_till_studier": 0,
        "praktik_fortsatt_sokande": 0,
        "volontarmatchningar": 0,
        "bidrag_beslutade": 1,
        "bidrag_utbetalda": 1,
        "deltagare": 17,
    }
    assert indicators.counts(municipality=vingaker, fran=JAN, till=JUN)["bidrag_beslutade"] == 0


def test_half_years_step_over_new_year_and_cover_every_day() -> None:
    assert indicators.halvar_of(dt.date(2025, 6, 30)) == (2025, 1)
    assert indicators.halvar_of(dt.date(2025, 7, 1)) == (2025, 2)
    assert indicators.halvar_step((2025, 1), -1) == (2024, 2)
    assert indicators.halvar_step((2024, 2), 1) == (2025, 1)
    assert indicators.halvar_range((2024, 2), (2025, 2)) == [(2024, 2), (2025, 1), (2025, 2)]
    assert indicators.halvar_range((2025, 2), (2025, 1)) == []
    assert indicators.halvar_dates((2024, 1)) == (dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    assert indicators.halvar_dates((2024, 2)) == (dt.date(2024, 7, 1), dt.date(2024, 12, 31))
