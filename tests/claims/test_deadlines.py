"""Claims to send on the ekonom's worklist (MOTTAGNING_DEADLINE_PROVIDERS)."""

from __future__ import annotations

import datetime as dt

import pytest

from mottagning.arenden.worklist import worklist_rows
from mottagning.claims import deadlines, services
from mottagning.register.models import Municipality
from tests.claims.helpers import cost, ekonom
from tests.fixtures import ekb, user_in

D = dt.date
pytestmark = pytest.mark.django_db


def test_drafts_due_are_on_the_ekonoms_worklist(alingsas: Municipality) -> None:
    hl = user_in(alingsas, "integrationsavdelningen")
    me = ekonom(alingsas)
    child = ekb(hl, born=D(2012, 1, 1), asyl=D(2023, 11, 1))
    cost(me, child, slag="ekonomiskt_bistand_asyl", fran=D(2024, 1, 5), till=D(2024, 1, 31))
    claim = services.ansokan_generate(
        actor=me, municipality=alingsas, typ="ekonomiskt_bistand_asyl", ar=2024, kvartal=1
    )
    found = deadlines.deadline_list(user=me, today=D(2024, 8, 1))
    assert [(d.key, d.due, d.person_id) for d in found] == [
        (f"ansokan:{claim.pk}", D(2024, 9, 30), child.pk)
    ]
    rows = worklist_rows(user=me, today=D(2024, 8, 1), mine=True)
    assert [r.deadline.key for r in rows] == [f"ansokan:{claim.pk}"]
    # Nothing for a handläggare, nothing once sent, nothing beyond the horizon.
    assert deadlines.deadline_list(user=hl, today=D(2024, 8, 1)) == []
    assert deadlines.deadline_list(user=me, today=D(2024, 5, 1)) == []
    services.ansokan_status_change(actor=me, ansokan=claim, status="inskickad", datum=D(2024, 8, 2))
    assert deadlines.deadline_list(user=me, today=D(2024, 8, 1)) == []
