"""Costs, claims generated from the register (placements included once), the status machine
and its history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from mottagning.claims import services
from mottagning.claims.models import AnsokanHandelse, Kostnad
from mottagning.register.models import Municipality
from tests.claims.helpers import cost, ekonom, placed_child
from tests.fixtures import newcomer, user_in

D = dt.date
pytestmark = pytest.mark.django_db


def test_cost_is_kept_with_history(alingsas: Municipality) -> None:
    hl = user_in(alingsas, "integrationsavdelningen")
    me = ekonom(alingsas)
    kostnad = cost(me, newcomer(hl))
    assert kostnad.belopp == Decimal("4321.50")
    assert kostnad.history.first().history_user == me


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"fran": D(2024, 9, 20)}, "till"),  # two quarters
        ({"till": D(2024, 9, 30)}, "till"),  # before the start
        ({"belopp": Decimal("-1")}, "belopp"),
        ({"slag": "sol_placering"}, "anordnare"),
    ],
)
def test_cost_refused_with_field(alingsas: Municipality, changes: dict, field: str) -> None:
    hl = user_in(alingsas, "integrationsavdelningen")
    with pytest.raises(ValidationError) as exc:
        cost(ekonom(alingsas), newcomer(hl), **changes)
    assert field in exc.value.message_dict
    assert not Kostnad.objects.exists()


def test_cost_of_another_municipality_refused(
    alingsas: Municipality, vingaker: Municipality
) -> None:
    hl = user_in(alingsas, "integrationsavdelningen")
    with pytest.raises(ValidationError):
        cost(ekonom(vingaker), newcomer(hl))


def test_claim_from_costs_and_placements(alingsas: Municipality) -> None:
    pl = user_in(alingsas, "placeringsenheten")
    me = ekonom(alingsas)
    placering = placed_child(pl, start=D(2024, 11, 1))
    # A kontaktperson is support beside a placement, no care in another home: not claimed.
    placed_child(pl, form="kontaktperson", grund="SoL", start=D(2024, 10, 1))
    claim = services.ansokan_generate(
        actor=me, municipality=alingsas, typ="lvu_placering", ar=2024, kvartal=4
    )
    lines = list(claim.rader.all())
    # 1 Nov – 31 Dec: 61 days at 2,500 kr, counted once from the placements app.
    assert [(r.person_id, r.fran, r.till, r.belopp, r.regel) for r in lines] == [
        (
            placering.person_id,
            D(2024, 11, 1),
            D(2024, 12, 31),
            Decimal("152500.00"),
            "ERS-KOSTNAD-LVU-ASYL",
        )
    ]
    assert claim.belopp_ansokt == Decimal("152500.00")
    # An asylum-seeking child: six months from the quarter's end (2017:193 19 §).
    assert claim.ansok_senast == D(2025, 6, 30)
    assert claim.status == "utkast"
    assert [h.status for h in claim.handelser.all()] == ["utkast"]


def test_invoice_replaces_the_day_rate(alingsas: Municipality) -> None:
    pl = user_in(alingsas, "placeringsenheten")
    me = ekonom(alingsas)
    placering = placed_child(pl, start=D(2024, 11, 1))
    invoice = cost(
        me,
        placering.person,
        slag="lvu_placering",
        placering=placering,
        anordnare="Solgården AB",
        dagar=30,
        fran=D(2024, 11, 1),
        till=D(2024, 11, 30),
        belopp=Decimal("74000.00"),
    )
    claim = services.ansokan_generate(
        actor=me, municipality=alingsas, typ="lvu_placering", ar=2024, kvartal=4
    )
    assert [(r.fran, r.till, r.belopp) for r in claim.rader.all()] == [
        (invoice.fran, invoice.till, Decimal("74000.00"))
    ]


def test_generate_twice_changes_nothing(alingsas: Municipality) -> None:
    hl = user_in(alingsas, "integrationsavdelningen")
    me = ekonom(alingsas)
    person = newcomer(hl)
    cost(me, person)
    first = services.ansokan_generate(
        actor=me, municipality=alingsas, typ="ekonomiskt_bistand", ar=2024, kvartal=4
    )
    history = first.history.count()
    again = services.ansokan_generate(
        actor=me, municipality=alingsas, typ="ekonomiskt_bistand", ar=2024, kvartal=4
    )
    assert again.pk == first.pk
    assert again.history.count() == history
    assert again.rader.count() == 1
    # A new cost in the quarter brings the draft up to date.
    cost(me, person, fran=D(2024, 11, 1), till=D(2024, 11, 30), belopp=Decimal("100.00"))
    updated = services.ansokan_generate(
        actor=me, municipality=alingsas, typ="ekonomiskt_bistand", ar=2024, kvartal=4
    )
    assert updated.belopp_ansokt == Decimal("4421.50")
    assert updated.rader.count() == 2


def test_status_machine_and_history(alingsas: Municipality) -> None:
    hl = user_in(alingsas, "integrationsavdelningen")
    me = ekonom(alingsas)
    cost(me, newcomer(hl))
    claim = services.ansokan_generate(
        actor=me, municipality=alingsas, typ="ekonomiskt_bistand", ar=2024, kvartal=4
    )
    with pytest.raises(ValidationError) as exc:
        services.ansokan_status_change(
            actor=me, ansokan=claim, status="beviljad", datum=D(2025, 1, 10)
        )
    assert "inskickad" in exc.value.message_dict["status"][0]
    claim = services.ansokan_status_change(
        actor=me, ansokan=claim, status="inskickad", datum=D(2025, 1, 10)
    )
    # Once sent, a claim is what Migrationsverket received: no recomputation.
    with pytest.raises(ValidationError):
        services.ansokan_generate(
            actor=me, municipality=alingsas, typ="ekonomiskt_bistand", ar=2024, kvartal=4
        )
    with pytest.raises(ValidationError) as exc:
        services.ansokan_status_change(
            actor=me,
            ansokan=claim,
            status="delvis_beviljad",
            datum=D(2025, 3, 1),
            belopp=Decimal("4321.50"),
        )
    assert "belopp" in exc.value.message_dict
    claim = services.ansokan_status_change(
        actor=me,
        ansokan=claim,
        status="delvis_beviljad",
        datum=D(2025, 3, 1),
        belopp=Decimal("4000.00"),
    )
    claim = services.ansokan_status_change(
        actor=me, ansokan=claim, status="utbetald", datum=D(2025, 3, 20)
    )
    assert claim.belopp_beviljat == claim.belopp_utbetalt == Decimal("4000.00")
    with pytest.raises(ValidationError) as exc:
        services.ansokan_status_change(
            actor=me, ansokan=claim, status="overklagad", datum=D(2025, 3, 25)
        )
    assert "notering" in exc.value.message_dict
    claim = services.ansokan_status_change(
        actor=me,
        ansokan=claim,
        status="overklagad",
        datum=D(2025, 3, 25),
        notering="Hyran för november ska ingå.",
    )
    steps = list(AnsokanHandelse.objects.filter(ansokan=claim))
    assert [s.status for s in steps] == [
        "utkast",
        "inskickad",
        "delvis_beviljad",
        "utbetald",
        "overklagad",
    ]
    assert all(s.av == me for s in steps)
    assert claim.history.first().history_user == me


def test_status_change_of_another_municipality_refused(
    alingsas: Municipality, vingaker: Municipality
) -> None:
    hl = user_in(alingsas, "integrationsavdelningen")
    me = ekonom(alingsas)
    cost(me, newcomer(hl))
    claim = services.ansokan_generate(
        actor=me, municipality=alingsas, typ="ekonomiskt_bistand", ar=2024, kvartal=4
    )
    with pytest.raises(ValidationError):
        services.ansokan_status_change(
            actor=ekonom(vingaker), ansokan=claim, status="inskickad", datum=D(2025, 1, 1)
        )


def test_cost_in_sent_claim_cannot_be_deleted(alingsas: Municipality) -> None:
    hl = user_in(alingsas, "integrationsavdelningen")
    me = ekonom(alingsas)
    kostnad = cost(me, newcomer(hl))
    claim = services.ansokan_generate(
        actor=me, municipality=alingsas, typ="ekonomiskt_bistand", ar=2024, kvartal=4
    )
    services.ansokan_status_change(actor=me, ansokan=claim, status="inskickad", datum=D(2025, 1, 2))
    with pytest.raises(ValidationError):
        services.kostnad_delete(actor=me, kostnad=kostnad, reason="fel")
    assert Kostnad.objects.filter(pk=kostnad.pk).exists()


def test_real_value_replaces_an_antagande(alingsas: Municipality, monkeypatch: Any) -> None:
    from mottagning.claims import selectors

    me = ekonom(alingsas)
    name = "ekb.dygnsschablon_18_20"
    before = {
        (a.ar, a.antagande) for a in selectors.antaganden(user=me, fran_ar=2024, till_ar=2024)
    }
    assert (2024, True) in before
    with pytest.raises(ValidationError) as exc:
        services.parametervarde_set(
            actor=me, namn=name, fran=D(2024, 1, 1), varde=Decimal("800"), notering=""
        )
    assert "notering" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.parametervarde_set(
            actor=me, namn="finns_inte", fran=D(2024, 1, 1), varde=Decimal("1"), notering="x"
        )
    row = services.parametervarde_set(
        actor=me, namn=name, fran=D(2024, 1, 1), varde=Decimal("800"), notering="MV 2024"
    )
    assert row.history.first().history_user == me
    params = services.parameters(municipality_id=alingsas.pk)
    assert params.get(name, D(2024, 6, 1)) == Decimal("800")
    after = [a for a in selectors.antaganden(user=me, fran_ar=2024, till_ar=2024) if a.namn == name]
    assert [(a.varde, a.antagande) for a in after] == [(Decimal("800"), False)]
    # The recomputation hands the engine the municipality's values.
    seen: list[Any] = []
    real = services.compensation.compensation

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(kwargs["params"])
        return real(*args, **kwargs)

    monkeypatch.setattr(services.compensation, "compensation", spy)
    newcomer(user_in(alingsas, "integrationsavdelningen"))
    services.forvantat_recompute(municipality=alingsas, fran=D(2024, 1, 1), till=D(2024, 12, 31))
    assert seen
    assert seen[0].get(name, D(2024, 6, 1)) == Decimal("800")


def test_a_level_by_age_can_replace_its_antagande(alingsas: Municipality) -> None:
    # The schablon from 2025 is an antagande for every age (domain-facts §1.1: 165,000 without
    # a year); the ekonom enters the real amount for one level, and only that level changes.
    from mottagning.claims import selectors

    me = ekonom(alingsas)
    name = "schablonersattning[age>=0]"
    assert name in selectors.parameter_names()
    assert (name, 2025, True) in {
        (a.namn, a.ar, a.antagande)
        for a in selectors.antaganden(user=me, fran_ar=2025, till_ar=2025)
    }
    services.parametervarde_set(
        actor=me, namn=name, fran=D(2025, 1, 1), varde=Decimal("165000"), notering="MV 2025"
    )
    params = services.parameters(municipality_id=alingsas.pk)
    assert params.get_bracket("schablonersattning", D(2025, 6, 1), age=30) == Decimal("165000")
    assert params.lookup_bracket("schablonersattning", D(2025, 6, 1), age=70).antagande
