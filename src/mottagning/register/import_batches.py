"""The life of an uploaded import file: stored for its preview, committed once, or removed.

Every write here is a service (one transaction, history with who and why). The commit claims the
batch with a conditional UPDATE before it writes anything, inside the same transaction: on
PostgreSQL the UPDATE locks the row, so a second request waits and then finds the batch done;
on SQLite the immediate transaction (config/settings/database.py) serialises the writers the
same way. Committing one file from two tabs or by a double click therefore imports it once
(security probe 2026-11-29, finding 1).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mottagning.accounts.models import User
from mottagning.history import history_record
from mottagning.register import imports
from mottagning.register.models import ImportBatch, Unit
from mottagning.register.services import validated_save

# A pending batch is a file someone uploaded and never committed; after this long it is
# removed by the scheduled task (register/tasks.py), so personal data does not linger.
PENDING_LIFETIME = dt.timedelta(days=1)


class ImportAlreadyCommittedError(Exception):
    """Another request committed this batch first."""


def upload_limit_bytes() -> int:
    limit: int = settings.MOTTAGNING_UPLOAD_MAX_BYTES
    return limit


@transaction.atomic
def import_batch_create(*, actor: User, unit: Unit, upload: UploadedFile[bytes]) -> ImportBatch:
    """Store an uploaded file for its preview. Refuses files over the upload limit and files
    that cannot be read at all, with a message for the form's file field."""
    limit = upload_limit_bytes()
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            {
                "fil": _(
                    "Filen är för stor (%(size)s MB). Största tillåtna storlek är %(limit)s MB. "
                    "Dela upp filen i flera mindre och importera dem en i taget."
                )
                % {"size": _megabytes(upload.size or 0), "limit": _megabytes(limit)}
            }
        )
    if unit.id not in actor.unit_ids():
        raise ValidationError({"unit": _("Välj en av dina egna enheter.")})
    content = upload.read()
    try:
        imports.read_rows(content, upload.name or "")
    except imports.FileFormatError as exc:
        raise ValidationError({"fil": str(exc)}) from None
    batch = ImportBatch(
        municipality_id=unit.municipality_id,
        unit=unit,
        user=actor,
        filnamn=(upload.name or "")[:255],
        innehall=content,
    )
    validated_save(batch, actor=actor, reason=_("Uppladdad för förhandsvisning"))
    return batch


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


@transaction.atomic
def import_batch_commit(*, actor: User, batch_id: int) -> ImportBatch:
    """Store the file's persons and events, all or nothing, exactly once."""
    now = timezone.now()
    claimed = ImportBatch.objects.filter(pk=batch_id, user=actor, genomford__isnull=True).update(
        genomford=now
    )
    if not claimed:
        raise ImportAlreadyCommittedError
    batch = ImportBatch.objects.select_related("unit").get(pk=batch_id)
    # Planned again inside the transaction: the register may have changed since the preview.
    plan = imports.plan_import(
        content=bytes(batch.innehall), filename=batch.filnamn, unit=batch.unit, user=actor
    )
    if not plan.ok:
        # Raising rolls the claim back: the batch stays pending and the preview shows why.
        raise ValidationError(_("Filen har fel och importerades inte."))
    created, events = imports.commit_import(
        plan=plan,
        unit=batch.unit,
        user=actor,
        reason=_("Import av %(f)s") % {"f": batch.filnamn},
    )
    batch.antal_personer = created
    batch.antal_handelser = events
    batch.innehall = b""  # the data now lives in the register; don't keep a second copy
    history_record(batch, actor=actor, reason=_("Importen är genomförd"))
    batch.save()
    return batch


@transaction.atomic
def import_batch_purge_stale(*, now: dt.datetime | None = None) -> int:
    """Remove pending batches older than PENDING_LIFETIME; returns how many. Committed batches
    stay (without their content) as the record of what was imported."""
    cutoff = (now or timezone.now()) - PENDING_LIFETIME
    stale = list(ImportBatch.objects.filter(genomford__isnull=True, skapad__lt=cutoff))
    for batch in stale:
        history_record(batch, actor=None, reason=_("Borttagen: inte genomförd inom ett dygn"))
        batch.delete()
    return len(stale)
