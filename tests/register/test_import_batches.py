"""Import batches: a size limit with a clear message, committed once, pending ones removed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mottagning.register.import_batches import (
    ImportAlreadyCommittedError,
    import_batch_commit,
    import_batch_create,
    import_batch_purge_stale,
)
from mottagning.register.models import ImportBatch, Person
from tests.fixtures import unit
from tests.register.test_imports import GOOD, csv_bytes

pytestmark = pytest.mark.django_db


def _batch(user, alingsas) -> ImportBatch:
    return import_batch_create(
        actor=user,
        unit=unit(alingsas, "integrationsavdelningen"),
        upload=SimpleUploadedFile("fil.csv", csv_bytes(GOOD)),
    )


def test_a_file_over_the_limit_is_refused_with_its_size(
    alingsas, integration_user, settings
) -> None:
    settings.MOTTAGNING_UPLOAD_MAX_BYTES = 1024 * 1024
    client = Client()
    client.force_login(integration_user)
    big = csv_bytes(GOOD) + b"x" * (1024 * 1024 + 1)
    response = client.post(
        reverse("web:import_upload"),
        {
            "fil": SimpleUploadedFile("stor.csv", big),
            "unit": unit(alingsas, "integrationsavdelningen").pk,
        },
    )
    assert response.status_code == 200
    assert (
        "Filen är för stor (1,0 MB). Största tillåtna storlek är 1,0 MB."
        in response.content.decode()
    )
    assert not ImportBatch.objects.exists()


def test_the_default_limit_is_ten_megabytes(settings) -> None:
    assert settings.MOTTAGNING_UPLOAD_MAX_BYTES == 10 * 1024 * 1024


def test_a_batch_is_committed_once(alingsas, integration_user) -> None:
    batch = _batch(integration_user, alingsas)
    done = import_batch_commit(actor=integration_user, batch_id=batch.pk)
    assert done.genomford is not None
    assert done.antal_personer == 2
    with pytest.raises(ImportAlreadyCommittedError):
        import_batch_commit(actor=integration_user, batch_id=batch.pk)
    assert Person.objects.count() == 2
    # Who uploaded and committed it is in the batch's history.
    kinds = [(h.history_type, h.history_user_id) for h in done.history.order_by("history_id")]
    assert kinds == [("+", integration_user.pk), ("~", integration_user.pk)]


def test_a_second_commit_request_says_it_is_already_done(alingsas, integration_user) -> None:
    batch = _batch(integration_user, alingsas)
    client = Client()
    client.force_login(integration_user)
    url = reverse("web:import_preview", args=[batch.pk])
    assert client.post(url).status_code == 302
    again = client.post(url, follow=True)
    assert "Importen är redan sparad." in again.content.decode()
    assert Person.objects.count() == 2


def test_another_users_batch_cannot_be_committed(alingsas, integration_user) -> None:
    from tests.fixtures import user_in

    batch = _batch(integration_user, alingsas)
    other = user_in(alingsas, "integrationsavdelningen")
    client = Client()
    client.force_login(other)
    assert client.post(reverse("web:import_preview", args=[batch.pk])).status_code == 404
    with pytest.raises(ImportAlreadyCommittedError):
        import_batch_commit(actor=other, batch_id=batch.pk)
    assert not Person.objects.exists()


def test_a_failing_commit_leaves_the_batch_pending(alingsas, integration_user) -> None:
    batch = _batch(integration_user, alingsas)
    ImportBatch.objects.filter(pk=batch.pk).update(innehall=csv_bytes([{"ref": "1"}]))
    with pytest.raises(ValidationError):
        import_batch_commit(actor=integration_user, batch_id=batch.pk)
    assert ImportBatch.objects.get(pk=batch.pk).genomford is None


def test_pending_batches_older_than_a_day_are_removed(alingsas, integration_user) -> None:
    old = _batch(integration_user, alingsas)
    fresh = _batch(integration_user, alingsas)
    committed = _batch(integration_user, alingsas)
    import_batch_commit(actor=integration_user, batch_id=committed.pk)
    two_days_ago = timezone.now() - dt.timedelta(days=2)
    ImportBatch.objects.filter(pk__in=[old.pk, committed.pk]).update(skapad=two_days_ago)
    assert import_batch_purge_stale() == 1
    assert set(ImportBatch.objects.values_list("pk", flat=True)) == {fresh.pk, committed.pk}
    assert old.history.model.objects.filter(id=old.pk, history_type="-").exists()
