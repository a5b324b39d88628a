"""Queue the scheduled tasks (today: removing pending imports) for the database worker."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mottagning.register.tasks import import_batches_purge_schedule


class Command(BaseCommand):
    help = (
        "Köar de schemalagda uppgifterna (borttagning av importer som inte genomförts inom ett "
        "dygn). Kör efter varje driftsättning; `manage.py db_worker` utför dem."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        queued = import_batches_purge_schedule()
        self.stdout.write("köad" if queued else "redan köad")
