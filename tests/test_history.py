from __future__ import annotations

from typing import Any

from mottagning.history import history_record
from mottagning.scenarios.models import BUDGET, Scenario
from tests.fixtures import *  # noqa: F403 - the shared fixtures (alingsas)
from tests.fixtures import user_in


def test_the_next_save_and_delete_are_recorded_with_who_and_why(alingsas: Any) -> None:
    ekonom = user_in(alingsas, roles=("ekonom",))
    scenario = Scenario(municipality=alingsas, namn="Plan", sida=BUDGET, skapad_av=ekonom)
    history_record(scenario, actor=ekonom, reason="Skapad i test")
    scenario.save()
    pk = scenario.pk
    history_record(scenario, actor=None, reason="Borttagen av systemet")
    scenario.delete()
    rows = Scenario.history.filter(id=pk).order_by("history_date", "history_id")
    assert [(r.history_type, r.history_user, r.history_change_reason) for r in rows] == [
        ("+", ekonom, "Skapad i test"),
        ("-", None, "Borttagen av systemet"),
    ]
