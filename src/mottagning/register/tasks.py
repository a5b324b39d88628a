"""Scheduled work on the register, through Django's tasks API and the database worker
(django-tasks-db: `manage.py db_worker`, docs/operations.md). On Django 5.2 the API comes from
the `django_tasks` backport, from Django 6 it is built in; the code is the same."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

try:
    from django.tasks import task
except ImportError:  # Django 5.2: the backport of the same API
    from django_tasks import task  # type: ignore[no-redef,import-not-found,unused-ignore]

from mottagning.register.import_batches import import_batch_purge_stale

# Pending batches are removed once they are a day old; checking every hour keeps the longest
# life of an uncommitted file at 25 hours.
PURGE_EVERY = dt.timedelta(hours=1)


@task()
def import_batches_purge() -> int:
    """Remove pending import batches older than a day, then schedule the next run."""
    removed = import_batch_purge_stale()
    import_batches_purge_schedule(after=timezone.now() + PURGE_EVERY)
    return removed


def import_batches_purge_schedule(*, after: dt.datetime | None = None) -> bool:
    """Queue the next run unless one is already waiting; True if one was queued. Idempotent,
    so `manage.py mottagning_schedule` can be run on every deploy."""
    from django_tasks_db.models import DBTaskResult  # the worker's own table

    waiting = DBTaskResult.objects.filter(
        task_path=import_batches_purge.module_path, status="READY"
    ).exists()
    if waiting:
        return False
    import_batches_purge.using(run_after=after or timezone.now()).enqueue()
    return True
