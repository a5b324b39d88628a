"""Reminder e-mails from the scheduled task."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import mail
from django.core.management import call_command

from mottagning.arenden.tasks import deadline_reminders_send


def test_reminders_to_the_handlaggare_and_the_enhetschef(placed: dict[str, Any]) -> None:
    sent = deadline_reminders_send.call(today=placed["today"].isoformat())
    assert sent == 2
    by_to = {m.to[0]: m for m in mail.outbox}
    mine = by_to["handlaggare@example.se"].body
    assert "Upprätta vårdplan: Solgården" in mine
    assert "försenad" in mine
    chef = by_to["chef@example.se"].body
    assert "Försenat på dina enheter" in chef


def test_command_enqueues_the_task(placed: dict[str, Any], capsys: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    call_command("mottagning_paminnelser")
    assert DBTaskResult.objects.count() == 1
    assert "köade" in capsys.readouterr().out


def test_reminder_gives_a_weeks_notice(placed: dict[str, Any]) -> None:
    from mottagning.arenden.tasks import REMIND_DAYS, reminder_for
    from mottagning.arenden.worklist import worklist_rows

    user = placed["handlaggare"]
    review = next(
        r.deadline
        for r in worklist_rows(user=user, today=placed["today"], mine=True)
        if r.deadline.kind == "placering_overvagande"
    )
    week_before = review.due - dt.timedelta(days=REMIND_DAYS)
    message = reminder_for(user, week_before)
    assert message is not None
    assert "Överväg om vården" in message[1]
    day_earlier = reminder_for(user, week_before - dt.timedelta(days=1))
    assert day_earlier is not None  # the overdue plans are still there
    assert "Överväg om vården" not in day_earlier[1]
