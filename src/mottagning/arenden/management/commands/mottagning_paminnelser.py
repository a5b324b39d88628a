"""Enqueue the reminder e-mails (cron, once a day); `--nu` sends them in this process."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mottagning.arenden.tasks import deadline_reminders_send


class Command(BaseCommand):
    help = "Köar påminnelser om frister (kör `db_worker` för att skicka), eller skickar dem nu."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--nu", action="store_true", help="skicka direkt utan kö")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["nu"]:
            sent = deadline_reminders_send.call()
            self.stdout.write(f"{sent} påminnelser skickade.")
            return
        result = deadline_reminders_send.enqueue()
        self.stdout.write(f"Påminnelserna är köade ({result.id}).")
