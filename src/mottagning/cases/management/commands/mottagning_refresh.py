"""Recompute every person's responsibility periods, transitions and state for today.

Age and phase move with the calendar even when nothing is recorded, so run this nightly
(docs/operations.md); event writes already refresh their own person. Each municipality's
register goes through the rules core in one vectorised pass, a few thousand persons per
transaction (cases.services.register_refresh).
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mottagning.cases.services import register_refresh
from mottagning.register.models import Municipality


class Command(BaseCommand):
    help = "Räknar om ansvar, övergångar och dagens läge för alla personer."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kommun", help="bara personer i den här kommunen (kod)")

    def handle(self, *args: Any, **options: Any) -> None:
        municipalities = Municipality.objects.order_by("kod")
        if options.get("kommun"):
            municipalities = municipalities.filter(kod=options["kommun"])
        start = time.perf_counter()
        count = sum(register_refresh(municipality=m) for m in municipalities)
        self.stdout.write(f"{count} personer omräknade på {time.perf_counter() - start:.1f} s.")
