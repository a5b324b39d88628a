"""The nightly job: recomputes, brings drafts up to date, reminds once; safe to run twice and to
kill midway."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail

from mottagning.claims import services, tasks
from mottagning.claims.models import Ansokan, ForvantadPost
from mottagning.register.models import Municipality
from tests.claims.helpers import cost, ekonom
from tests.fixtures import ekb, user_in

D = dt.date
pytestmark = pytest.mark.django_db


def _register(alingsas: Municipality) -> Any:
    hl = user_in(alingsas, "integrationsavdelningen")
    me = ekonom(alingsas)
    me.email = "ekonom@example.org"
    me.save()
    children = [
        ekb(hl, born=D(2012, 1, 1), asyl=D(2023, 11, 1), fornamn=name) for name in ("A", "B", "C")
    ]
    for child in children:
        cost(me, child, slag="ekonomiskt_bistand_asyl", fran=D(2024, 4, 1), till=D(2024, 4, 30))
    return children


def _snapshot() -> list[tuple[Any, ...]]:
    return sorted(
        ForvantadPost.objects.values_list("person_id", "typ", "fran", "till", "belopp", "regel")
    )


def test_twice_gives_the_same_and_reminds_once(alingsas: Municipality) -> None:
    _register(alingsas)
    # Q2 2024 is due 2024-12-31: within 30 days of 2024-12-10.
    first = tasks.nightly(today=D(2024, 12, 10), chunk=2)
    snapshot = _snapshot()
    claims = list(Ansokan.objects.values_list("typ", "ar", "kvartal", "belopp_ansokt"))
    assert ("ekonomiskt_bistand_asyl", 2024, 2) in {c[:3] for c in claims}
    assert first["paminnelser"] == 1
    assert len(mail.outbox) == 1
    assert "ekonomiskt" in mail.outbox[0].body.lower() or "2024" in mail.outbox[0].body
    second = tasks.nightly(today=D(2024, 12, 10), chunk=2)
    assert _snapshot() == snapshot
    assert list(Ansokan.objects.values_list("typ", "ar", "kvartal", "belopp_ansokt")) == claims
    assert second["paminnelser"] == 0
    assert len(mail.outbox) == 1


def test_killed_midway_then_run_again(alingsas: Municipality, monkeypatch: Any) -> None:
    _register(alingsas)
    tasks.nightly(today=D(2024, 12, 10), chunk=1)
    complete = _snapshot()
    ForvantadPost.objects.all().delete()
    real = services.compensation.compensation
    calls = {"n": 0}

    def dies_on_the_second_chunk(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # the worker is killed
        return real(*args, **kwargs)

    monkeypatch.setattr(services.compensation, "compensation", dies_on_the_second_chunk)
    with pytest.raises(KeyboardInterrupt):
        services.forvantat_recompute(
            municipality=alingsas, fran=D(2022, 1, 1), till=D(2024, 12, 31), chunk=1
        )
    partial = _snapshot()
    # The first chunk is stored whole, the rest untouched: never half a person.
    assert partial
    assert len({row[0] for row in partial}) == 1
    monkeypatch.setattr(services.compensation, "compensation", real)
    tasks.nightly(today=D(2024, 12, 10), chunk=1)
    assert _snapshot() == complete
