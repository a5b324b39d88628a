"""Saving scenarios: every save a version with who, when and what changed; exact amounts;
one municipality's scenarios out of another's reach."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from mottagning.scenarios import services
from mottagning.scenarios.models import BUDGET, PROGNOS, Scenario, ScenarioBelopp
from mottagning.scenarios.selectors import scenarier_for
from tests.fixtures import user_in

pytestmark = pytest.mark.django_db

SCHABLON = ("schablonersattning[age>=0]", dt.date(2026, 1, 1))


@pytest.fixture
def ekonom(alingsas: Any) -> Any:
    return user_in(alingsas, roles=("ekonom",))


def test_a_new_scenario_is_version_one_with_its_fields_and_exact_amounts(ekonom: Any) -> None:
    v = services.scenario_spara(
        actor=ekonom,
        namn="  Hög mottagning  ",
        sida=BUDGET,
        falt={"kommun": ["alingsas"], "vuxna": ["40"], "barn": [""]},
        belopp={SCHABLON: Decimal("165432.10")},
    )
    assert v.nummer == 1
    assert v.sparad_av == ekonom
    assert v.scenario.namn == "Hög mottagning"
    assert v.scenario.municipality_id == ekonom.municipality_id
    # An empty field is the page's default, not a value of the scenario.
    assert v.falt == {"kommun": ["alingsas"], "vuxna": ["40"]}
    stored = ScenarioBelopp.objects.get(version=v)
    assert (stored.parameter, stored.fran) == SCHABLON
    assert stored.belopp == Decimal("165432.10")
    assert isinstance(stored.belopp, Decimal)


def test_each_save_is_a_new_version_saying_what_changed(ekonom: Any, alingsas: Any) -> None:
    strateg = user_in(alingsas, roles=("strateg",))
    v1 = services.scenario_spara(
        actor=ekonom, namn="Plan", sida=BUDGET, falt={"vuxna": ["40"]}, belopp={}
    )
    v2 = services.scenario_spara(
        actor=strateg,
        namn="Plan 2027",
        sida=BUDGET,
        falt={"vuxna": ["45"], "barn": ["20"]},
        belopp={SCHABLON: Decimal(170000)},
        scenario=v1.scenario,
    )
    assert v2.nummer == 2
    assert v2.sparad_av == strateg
    assert v2.andringar == [
        {"falt": "namn", "fore": ["Plan"], "efter": ["Plan 2027"]},
        {"falt": "barn", "fore": [], "efter": ["20"]},
        {"falt": "vuxna", "fore": ["40"], "efter": ["45"]},
        {
            "falt": "belopp:schablonersattning[age>=0]:2026-01-01",
            "fore": [],
            "efter": ["170000"],
        },
    ]
    assert [v.nummer for v in v1.scenario.versioner.all()] == [2, 1]
    # The first version is kept as it was.
    v1.refresh_from_db()
    assert v1.falt == {"vuxna": ["40"]}
    assert not v1.belopp.exists()
    with pytest.raises(ValidationError, match="Inget har ändrats sedan version 2"):
        services.scenario_spara(
            actor=ekonom,
            namn="Plan 2027",
            sida=BUDGET,
            falt={"vuxna": ["45"], "barn": ["20"]},
            belopp={SCHABLON: Decimal("170000.00")},
            scenario=v1.scenario,
        )
    assert v1.scenario.versioner.count() == 2


@pytest.mark.parametrize(
    ("belopp", "text"),
    [
        (Decimal("1.005"), "högst två decimaler"),
        (Decimal(-1), "inte är negativt"),
        (Decimal("NaN"), "inte är negativt"),
    ],
)
def test_amounts_must_be_kronor_and_ore(ekonom: Any, belopp: Decimal, text: str) -> None:
    with pytest.raises(ValidationError, match=text):
        services.scenario_spara(
            actor=ekonom, namn="X", sida=BUDGET, falt={}, belopp={SCHABLON: belopp}
        )
    assert not Scenario.objects.exists()


def test_name_is_required_and_unique_among_the_municipalitys_active_scenarios(
    ekonom: Any, vingaker: Any
) -> None:
    with pytest.raises(ValidationError, match="Skriv ett namn"):
        services.scenario_spara(actor=ekonom, namn=" ", sida=BUDGET, falt={})
    v = services.scenario_spara(actor=ekonom, namn="Plan", sida=BUDGET, falt={})
    with pytest.raises(ValidationError, match="redan ett scenario"):
        services.scenario_spara(actor=ekonom, namn="Plan", sida=PROGNOS, falt={})
    # Another municipality may use the same name; an archived scenario frees it.
    services.scenario_spara(
        actor=user_in(vingaker, roles=("ekonom",)), namn="Plan", sida=BUDGET, falt={}
    )
    services.scenario_arkivera(actor=ekonom, scenario=v.scenario)
    services.scenario_spara(actor=ekonom, namn="Plan", sida=PROGNOS, falt={})
    with pytest.raises(ValidationError, match="giltigt alternativ"):
        services.scenario_spara(actor=ekonom, namn="Y", sida="okand", falt={})


def test_archived_scenarios_keep_their_versions_and_cannot_be_changed(ekonom: Any) -> None:
    v = services.scenario_spara(actor=ekonom, namn="Plan", sida=BUDGET, falt={"ar": ["6"]})
    s = services.scenario_arkivera(actor=ekonom, scenario=v.scenario)
    assert s.arkiverad is not None
    assert s.arkiverad_av == ekonom
    assert s.versioner.count() == 1
    with pytest.raises(ValidationError, match="arkiverat"):
        services.scenario_spara(
            actor=ekonom, namn="Plan", sida=BUDGET, falt={"ar": ["7"]}, scenario=s
        )
    with pytest.raises(ValidationError, match="arkiverat"):
        services.scenario_arkivera(actor=ekonom, scenario=s)


def test_an_archived_scenario_is_restored_when_its_name_is_free(ekonom: Any, vingaker: Any) -> None:
    v = services.scenario_spara(actor=ekonom, namn="Plan", sida=BUDGET, falt={"ar": ["6"]})
    with pytest.raises(ValidationError, match="inte arkiverat"):
        services.scenario_aterstall(actor=ekonom, scenario=v.scenario)
    s = services.scenario_arkivera(actor=ekonom, scenario=v.scenario)
    with pytest.raises(ValidationError, match="annan kommun"):
        services.scenario_aterstall(actor=user_in(vingaker, roles=("ekonom",)), scenario=s)
    ny = services.scenario_spara(actor=ekonom, namn="Plan", sida=PROGNOS, falt={})
    with pytest.raises(ValidationError, match="redan ett scenario som heter ”Plan”"):
        services.scenario_aterstall(actor=ekonom, scenario=s)
    services.scenario_arkivera(actor=ekonom, scenario=ny.scenario)
    s = services.scenario_aterstall(actor=ekonom, scenario=s)
    assert (s.arkiverad, s.arkiverad_av) == (None, None)
    assert [x.nummer for x in s.versioner.all()] == [1]
    # Active again, it takes new versions.
    services.scenario_spara(actor=ekonom, namn="Plan", sida=BUDGET, falt={"ar": ["7"]}, scenario=s)
    assert s.versioner.count() == 2


def test_who_archived_and_who_restored_a_scenario_stays_in_its_history(
    ekonom: Any, alingsas: Any
) -> None:
    v = services.scenario_spara(actor=ekonom, namn="Plan", sida=BUDGET, falt={"ar": ["6"]})
    chef = user_in(alingsas, roles=("ekonom",))
    s = services.scenario_arkivera(actor=ekonom, scenario=v.scenario)
    services.scenario_aterstall(actor=chef, scenario=s)
    rows = list(s.history.order_by("history_date", "history_id"))
    assert [(r.history_user, r.history_change_reason) for r in rows] == [
        (ekonom, "Scenario sparat"),
        (ekonom, "Scenario arkiverat"),
        (chef, "Scenario återställt"),
    ]
    # The restore cleared the scenario's own fields; the archiving is still on record.
    assert rows[1].arkiverad is not None
    assert rows[1].arkiverad_av_id == ekonom.pk
    assert (rows[2].arkiverad, rows[2].arkiverad_av_id) == (None, None)


def test_another_municipalitys_scenario_is_neither_seen_nor_changed(
    ekonom: Any, vingaker: Any
) -> None:
    v = services.scenario_spara(actor=ekonom, namn="Plan", sida=BUDGET, falt={})
    annan = user_in(vingaker, roles=("ekonom",))
    assert list(scenarier_for(ekonom)) == [v.scenario]
    assert not scenarier_for(annan).exists()
    with pytest.raises(ValidationError, match="annan kommun"):
        services.scenario_spara(
            actor=annan, namn="Plan", sida=BUDGET, falt={"ar": ["3"]}, scenario=v.scenario
        )
    with pytest.raises(ValidationError, match="annan kommun"):
        services.scenario_arkivera(actor=annan, scenario=v.scenario)
    assert v.scenario.versioner.count() == 1


def test_the_page_saved_from_must_stay_the_same(ekonom: Any) -> None:
    v = services.scenario_spara(actor=ekonom, namn="Plan", sida=BUDGET, falt={})
    with pytest.raises(ValidationError, match="annan sida"):
        services.scenario_spara(
            actor=ekonom, namn="Plan", sida=PROGNOS, falt={"ar": ["3"]}, scenario=v.scenario
        )
