"""The economy demo: claims in every status, some overdue, a short payment; once only."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from mottagning.accounts.models import User
from mottagning.claims import demo, selectors
from mottagning.claims.models import STATUSES, Ansokan
from mottagning.demo import ensure_users
from mottagning.register.models import Municipality

pytestmark = pytest.mark.django_db


def test_every_status_overdue_drafts_and_a_difference(alingsas: Municipality) -> None:
    ensure_users("alingsas")
    made = demo.fill(kommun="alingsas", registrar="placeringsenheten", seed=1, out=io.StringIO())
    assert made > 7
    assert set(Ansokan.objects.values_list("status", flat=True)) == {s for s, _l in STATUSES}
    ekonom = User.objects.get(username="alingsas.ekonom")
    overdue = [
        r
        for r in selectors.deadline_worklist(user=ekonom, today=dt.date(2026, 3, 1))
        if r.bucket == "forsenad"
    ]
    assert overdue
    assert any(d.utfall == "underbetald" for d in selectors.reconciliation(user=ekonom, ar=2017))
    assert (
        demo.fill(kommun="alingsas", registrar="placeringsenheten", seed=1, out=io.StringIO()) == 0
    )
