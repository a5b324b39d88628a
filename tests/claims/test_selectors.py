"""Who sees the economy, the read log, the dashboard, the deadline worklist and the
reconciliation of payment decisions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.http import Http404

from mottagning.audit.models import PersonAccess
from mottagning.claims import selectors, services
from mottagning.claims.models import Utbetalning
from mottagning.register.models import Municipality
from tests.claims.helpers import cost, ekonom
from tests.fixtures import ekb, newcomer, user_in

D = dt.date
pytestmark = pytest.mark.django_db


def test_visibility_and_read_log(alingsas: Municipality) -> None:
    hl = user_in(alingsas, "integrationsavdelningen")
    other = user_in(alingsas, "placeringsenheten")
    admin = user_in(alingsas, "integrationsavdelningen", roles=("administrator",))
    strateg = user_in(alingsas, "integrationsavdelningen", roles=("strateg",))
    me = ekonom(alingsas)
    person = newcomer(hl)
    kostnad = cost(me, person)
    PersonAccess.objects.all().delete()
    assert [c.pk for c in selectors.kostnad_list(user=hl, kanal="webb")] == [kostnad.pk]
    assert PersonAccess.objects.filter(user=hl, person=person).count() == 1
    assert selectors.kostnad_list(user=other) == []
    assert selectors.kostnad_list(user=strateg) == []
    assert [c.pk for c in selectors.kostnad_list(user=me)] == [kostnad.pk]
    assert [c.pk for c in selectors.kostnad_list(user=admin)] == [kostnad.pk]
    with pytest.raises(Http404):
        selectors.kostnad_get(user=other, kostnad_id=kostnad.pk)
    claim = services.ansokan_generate(
        actor=me, municipality=alingsas, typ="ekonomiskt_bistand", ar=2024, kvartal=4
    )
    assert list(selectors.ansokan_list(user=other)) == []
    view = selectors.ansokan_get(user=hl, ansokan_id=claim.pk)
    assert [r.person_id for r in view.rader] == [person.pk]
    assert view.dolda == 0
    # The dashboard's sums are the municipality's: ekonom and administratör only.
    assert selectors.dashboard(user=hl, ar=2024) == []
    rows = selectors.dashboard(user=me, ar=2024)
    q4 = next(r for r in rows if r.kvartal == 4 and r.typ == "ekonomiskt_bistand")
    assert (q4.forvantat, q4.ansokt) == (Decimal("4321.50"), Decimal("0.00"))


def test_deadline_worklist(alingsas: Municipality) -> None:
    hl = user_in(alingsas, "integrationsavdelningen")
    me = ekonom(alingsas)
    person = ekb(hl, born=D(2012, 1, 1), asyl=D(2023, 11, 1))
    cost(me, person, slag="ekonomiskt_bistand_asyl", fran=D(2024, 1, 5), till=D(2024, 1, 31))
    cost(me, person, slag="ekonomiskt_bistand_asyl", fran=D(2024, 4, 5), till=D(2024, 4, 30))
    for kvartal in (1, 2):
        services.ansokan_generate(
            actor=me, municipality=alingsas, typ="ekonomiskt_bistand_asyl", ar=2024, kvartal=kvartal
        )
    # Q1 is due 2024-09-30, Q2 2024-12-31.
    rows = selectors.deadline_worklist(user=me, today=D(2024, 10, 15))
    assert [(r.ansokan.kvartal, r.bucket, r.dagar_kvar) for r in rows] == [
        (1, "forsenad", -15),
        (2, "90", 77),
    ]


def test_reconciliation(alingsas: Municipality) -> None:
    hl = user_in(alingsas, "integrationsavdelningen")
    me = ekonom(alingsas)
    paid_in_full, short, missing, stranger = (
        newcomer(hl, fornamn=n) for n in ("Ada", "Bo", "Cy", "Di")
    )
    for p in (paid_in_full, short, missing):
        cost(me, p, belopp=Decimal("1000.00"))
    claim = services.ansokan_generate(
        actor=me, municipality=alingsas, typ="ekonomiskt_bistand", ar=2024, kvartal=4
    )
    services.ansokan_status_change(actor=me, ansokan=claim, status="inskickad", datum=D(2025, 1, 5))
    for person, amount in ((paid_in_full, "1000.00"), (short, "600.00"), (stranger, "50.00")):
        Utbetalning.objects.create(
            municipality=alingsas,
            beslutsdatum=D(2025, 3, 1),
            referens="MV-7",
            typ="ekonomiskt_bistand",
            ar=2024,
            kvartal=4,
            person=person,
            belopp=Decimal(amount),
            filnamn="u.csv",
            importerad_av=me,
        )
    found = {
        d.person_id: (d.utfall, d.skillnad) for d in selectors.reconciliation(user=me, ar=2024)
    }
    assert found == {
        paid_in_full.pk: ("betald", Decimal("0.00")),
        short.pk: ("underbetald", Decimal("-400.00")),
        missing.pk: ("saknas", Decimal("-1000.00")),
        stranger.pk: ("ovantad", Decimal("50.00")),
    }
    assert selectors.reconciliation(user=hl, ar=2024) == []
