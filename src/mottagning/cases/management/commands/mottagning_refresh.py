"""Recompute every person's responsibility periods, transitions and state for today.

Age and phase move with the calendar even when nothing is recorded, so run this nightly
(docs/operations.md); event writes already refresh their own person.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mottagning.cases.services import person_refresh
from mottagning.register.models import Person


class Command(BaseCommand):
    help = "Räknar om ansvar, övergångar och dagens läge för alla personer."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kommun", help="bara personer i den här kommunen (kod)")

    def handle(self, *args: Any, **options: Any) -> None:
        persons = Person.objects.select_related("municipality").order_by("id")
        if options.get("kommun"):
            persons = persons.filter(municipality__kod=options["kommun"])
        start = time.perf_counter()
        count = 0
        for person in persons.iterator(chunk_size=500):
            person_refresh(person=person)
            count += 1
        self.stdout.write(f"{count} personer omräknade på {time.perf_counter() - start:.1f} s.")
