"""The follow-up demo: every municipality's goals, plans and (Östersund) assessments, each row
with its seed citation, and nothing invented where 003 states nothing."""

from __future__ import annotations

from typing import Any

import pytest

from mottagning.followup import demo
from mottagning.followup.models import Bedomning, Handlingsplan, Mal, PlanAktivitet
from mottagning.profiles import PROFILE_CODES
from mottagning.register import services
from tests.fixtures import user_in

pytestmark = pytest.mark.django_db


def test_the_demo_draws_on_the_seeds_and_runs_once(db: Any) -> None:
    for kod in PROFILE_CODES:
        municipality = services.municipality_load_profile(kod=kod)
        actor = user_in(municipality, roles=("strateg",))
        assert demo.fill(kommun=kod, actor=actor) > 0
        assert demo.fill(kommun=kod, actor=actor) == 0  # a second run adds nothing
        assert Handlingsplan.objects.filter(municipality=municipality, ar=2018).exists()
    assert not Mal.objects.filter(kalla="").exists()
    assert not PlanAktivitet.objects.filter(kalla="").exists()
    ostersund = Mal.objects.filter(municipality__kod="ostersund", niva="langsiktigt")
    assert ostersund.count() == 4
    # 003 assesses the areas in 2014 and follows them up in 2017, with one overall level.
    areas = Bedomning.objects.filter(omrade__municipality__kod="ostersund")
    assert set(areas.values_list("ar", flat=True)) == {2014, 2017}
    assert areas.filter(omrade__namn="Samordning med utförare av SFI").count() == 2
    assert list(areas.exclude(niva=None).values_list("omrade__namn", "niva")) == [
        ("Samlad bedömning", 4)
    ]
    assert areas.filter(ar=2017, rekommendation__contains="lagkrav/lokala initiativ").exists()
