"""The economy's nightly work, as a task of Django's tasks API (django-tasks-db runs it on
SQLite and PostgreSQL): recompute the expected compensation and the deadlines for the
register, bring the claim drafts of ended quarters up to date, and e-mail the ekonomer about
drafts due within REMIND_DAYS (or overdue). `manage.py mottagning_ersattning` enqueues it,
e.g. nightly from cron; `manage.py db_worker` runs it.

Safe to run twice and to kill midway: the recomputation replaces each chunk of persons in its
own transaction, a draft is recomputed only when something changed, sent claims are never
touched, and a claim is reminded at most once a day (Ansokan.paminnelse).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

try:  # Django 6.1 has the tasks API built in; 5.2 has it from the django-tasks backport.
    from django.tasks import task  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - the other Django branch
    from django_tasks import task  # type: ignore[no-redef,unused-ignore]

from mottagning.accounts.models import EKONOM, User
from mottagning.claims import periods, selectors, services
from mottagning.claims.models import UTKAST, Ansokan
from mottagning.register.models import Municipality

# Issue #10 item 5: reminders for claims due within 30 days.
REMIND_DAYS = 30
# How far back claims can still be open: the longest deadline is a year after the quarter
# (2010:1122 29 § before 2017-07-01); two calendar years back covers it with room.
YEARS_BACK = 2


def nightly(*, today: dt.date, chunk: int = services.RECOMPUTE_CHUNK) -> dict[str, int]:
    """The whole night's work for every municipality; returns what it did."""
    fran = dt.date(today.year - YEARS_BACK, 1, 1)
    till = periods.quarter_bounds(*periods.quarter_of(today))[1]
    done = {"poster": 0, "utkast": 0, "paminnelser": 0}
    for municipality in Municipality.objects.order_by("pk"):
        done["poster"] += services.forvantat_recompute(
            municipality=municipality, fran=fran, till=till, chunk=chunk
        )
        for typ, ar, kvartal in sorted(selectors.claim_quarters(municipality_id=municipality.pk)):
            if periods.quarter_bounds(ar, kvartal)[1] >= today or ar < fran.year:
                continue  # a quarter is claimed once it has ended
            try:
                services.ansokan_generate(
                    actor=None, municipality=municipality, typ=typ, ar=ar, kvartal=kvartal
                )
            except ValidationError:
                continue  # already sent
            done["utkast"] += 1
        done["paminnelser"] += reminders_send(municipality=municipality, today=today)
    return done


def reminders_send(*, municipality: Municipality, today: dt.date) -> int:
    """E-mail each ekonom of the municipality the drafts due within REMIND_DAYS or overdue,
    once a day. Returns the number of e-mails sent."""
    due = list(
        Ansokan.objects.filter(
            municipality=municipality,
            status=UTKAST,
            ansok_senast__isnull=False,
            ansok_senast__lte=today + dt.timedelta(days=REMIND_DAYS),
        )
        .exclude(paminnelse=today)
        .order_by("ansok_senast", "pk")
    )
    if not due:
        return 0
    ekonomer = (
        User.objects.filter(municipality=municipality, is_active=True, roller__roll=EKONOM)
        .exclude(email="")
        .order_by("pk")
    )
    sent = 0
    with translation.override("sv"):
        lines = [
            f"- {a.ansok_senast.isoformat() if a.ansok_senast else ''}"
            f"{' (' + _('försenad') + ')' if a.ansok_senast and a.ansok_senast < today else ''}: "
            f"{a} – {a.belopp_ansokt} kr"
            for a in due
        ]
        subject = _("mottagning: %(n)d ansökningar om ersättning att skicka") % {"n": len(due)}
        body = "\n".join([_("Ansökningar med sista dag inom 30 dagar eller passerad:"), *lines])
    with transaction.atomic():
        for user in ekonomer:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            sent += 1
        Ansokan.objects.filter(pk__in=[a.pk for a in due]).update(paminnelse=today)
    return sent


@task()
def ersattning_nightly(today: str | None = None) -> dict[str, int]:
    """The nightly job as a task (see the module's docstring)."""
    return nightly(today=dt.date.fromisoformat(today) if today else timezone.localdate())
