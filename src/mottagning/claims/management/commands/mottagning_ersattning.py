"""Enqueue the economy's nightly job (cron, once a night); `--nu` runs it in this process."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mottagning.claims.tasks import ersattning_nightly


class Command(BaseCommand):
    help = (
        "Köar nattens omräkning av förväntad ersättning, utkast och påminnelser "
        "(kör `db_worker`), eller kör den nu."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--nu", action="store_true", help="kör direkt utan kö")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["nu"]:
            done = ersattning_nightly.call()
            self.stdout.write(
                f"{done['poster']} poster beräknade, {done['utkast']} utkast, "
                f"{done['paminnelser']} påminnelser skickade."
            )
            return
        result = ersattning_nightly.enqueue()
        self.stdout.write(f"Omräkningen är köad ({result.id}).")
