"""Reminder e-mails about deadlines, as a task of Django's tasks API (django-tasks-db runs it on
SQLite and PostgreSQL). `manage.py mottagning_paminnelser` enqueues it, e.g. nightly from cron;
`manage.py db_worker` runs what is enqueued."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

try:  # Django 6.1 has the tasks API built in; 5.2 has it from the django-tasks backport.
    from django.tasks import task  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - the other Django branch
    from django_tasks import task  # type: ignore[no-redef,unused-ignore]

from mottagning.accounts.models import ENHETSCHEF, HANDLAGGARE, User
from mottagning.arenden.worklist import Row, worklist_rows

REMIND_DAYS = 7  # a week's notice of what falls due; overdue rows are always included


def _lines(rows: list[Row], today: dt.date) -> list[str]:
    return [
        f"- {r.deadline.due.isoformat()}{' (' + _('försenad') + ')' if r.overdue(today) else ''}: "
        f"{r.deadline.title} – {r.person.fornamn} {r.person.efternamn}"
        for r in rows
    ]


def reminder_for(user: User, today: dt.date) -> tuple[str, str] | None:
    """Subject and body of one user's reminder, or None when there is nothing to say. A
    handläggare hears about their own deadlines; an enhetschef also about what is overdue in
    their units. Only deadlines of persons the user may see (the providers' rule)."""
    from mottagning.arenden.worklist import Filters

    roles = user.role_codes()
    soon = Filters(days=REMIND_DAYS)
    parts: list[str] = []
    if HANDLAGGARE in roles or ENHETSCHEF in roles:
        mine = worklist_rows(user=user, today=today, mine=True, filters=soon)
        if mine:
            parts += [_("Dina frister den närmaste veckan och försenade:"), *_lines(mine, today)]
    if ENHETSCHEF in roles:
        late = worklist_rows(user=user, today=today, overdue_only=True)
        if late:
            parts += ["", _("Försenat på dina enheter:"), *_lines(late, today)]
    if not parts:
        return None
    subject = _("mottagning: %(n)d frister att se över") % {
        "n": sum(1 for p in parts if p.startswith("- "))
    }
    return subject, "\n".join(parts)


@task()
def deadline_reminders_send(today: str | None = None) -> int:
    """Send each active user with an e-mail address their reminder; returns how many."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    sent = 0
    users = User.objects.filter(is_active=True, municipality__isnull=False).exclude(email="")
    for user in users.order_by("pk"):
        with translation.override("sv"):
            message = reminder_for(user, day)
        if message is None:
            continue
        send_mail(message[0], message[1], settings.DEFAULT_FROM_EMAIL, [user.email])
        sent += 1
    return sent
