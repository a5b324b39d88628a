"""The scheduled removal of pending imports runs through the tasks API's database worker."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mottagning.register.import_batches import import_batch_create
from mottagning.register.models import ImportBatch
from mottagning.register.tasks import import_batches_purge, import_batches_purge_schedule
from tests.fixtures import unit
from tests.register.test_imports import GOOD, csv_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def test_schedule_is_idempotent() -> None:
    assert import_batches_purge_schedule() is True
    assert import_batches_purge_schedule() is False
    call_command("mottagning_schedule")
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_the_worker_removes_stale_batches_and_queues_the_next_run(
    alingsas, integration_user
) -> None:
    batch = import_batch_create(
        actor=integration_user,
        unit=unit(alingsas, "integrationsavdelningen"),
        upload=SimpleUploadedFile("fil.csv", csv_bytes(GOOD)),
    )
    ImportBatch.objects.filter(pk=batch.pk).update(skapad=timezone.now() - dt.timedelta(days=2))
    import_batches_purge_schedule()
    call_command("db_worker", batch=True, verbosity=0)
    assert not ImportBatch.objects.exists()
    done = DBTaskResult.objects.get(status="SUCCESSFUL")
    assert done.task_path == import_batches_purge.module_path
    assert done.return_value == 1
    following = DBTaskResult.objects.get(status="READY")
    assert following.run_after > timezone.now() + dt.timedelta(minutes=50)
