from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from mottagning.arenden import services as arenden_services
from mottagning.placements import services as placement_services
from tests.fixtures import *  # noqa: F403 - shared fixtures for the Django apps
from tests.fixtures import ekb, user_in


@pytest.fixture
def placed(alingsas: Any) -> dict[str, Any]:
    """An EKB placed in an HVB 150 days ago by a named handläggare at Placeringsenheten: the
    vårdplan and genomförandeplan are overdue, the first review is coming."""
    today = timezone.localdate()
    handlaggare = user_in(alingsas, "placeringsenheten")
    handlaggare.email = "handlaggare@example.se"
    handlaggare.first_name, handlaggare.last_name = "Lina", "Ek"
    handlaggare.save()
    chef = user_in(alingsas, "placeringsenheten", roles=("enhetschef",))
    chef.email = "chef@example.se"
    chef.save()
    child = ekb(
        handlaggare,
        born=today - dt.timedelta(days=int(15.5 * 365.25)),
        asyl=today - dt.timedelta(days=300),
    )
    arende = arenden_services.arende_create(
        actor=handlaggare,
        person=child,
        unit=handlaggare.units.first(),
        typ="placering",
        oppnat=today - dt.timedelta(days=160),
        handlaggare=handlaggare,
    )
    placering = placement_services.placering_create(
        actor=handlaggare,
        arende=arende,
        form="hvb",
        grund="SoL",
        anordnare="Solgårdens HVB AB",
        plats="Solgården",
        start=today - dt.timedelta(days=150),
        kostnad_per_dygn=Decimal("1428.57"),
    )
    return {
        "today": today,
        "handlaggare": handlaggare,
        "chef": chef,
        "child": child,
        "arende": arende,
        "placering": placering,
    }
