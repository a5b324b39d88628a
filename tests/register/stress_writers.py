"""Concurrent writers against a real database file or server, run as its own process by
test_concurrent_writes.py (the test suite's SQLite database is in memory and shared-cache,
which has other locking than a file, so it cannot show the production behaviour).

Writes: threads that create persons and add events through the API, and threads that commit
the same import batch at once. Prints one JSON line: requests, errors, duplicates.
"""

from __future__ import annotations

import json
import sys
import threading
import time

import django

WRITER_THREADS = 6
IMPORT_THREADS = 4
ROUNDS = 12  # per writer thread: a person and an event each round


def main() -> None:
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    from mottagning.accounts.services import api_token_create
    from mottagning.register import services
    from mottagning.register.import_batches import import_batch_create
    from mottagning.register.models import Event, ImportBatch, Person, Unit
    from tests.factories import UserFactory
    from tests.register.test_imports import GOOD, csv_bytes

    alingsas = services.municipality_load_profile(kod="alingsas")
    unit = Unit.objects.get(municipality=alingsas, kod="integrationsavdelningen")
    user = UserFactory(username="stress", municipality=alingsas, units=[unit])
    _token, secret = api_token_create(user=user, namn="stress")
    from django.core.files.uploadedfile import SimpleUploadedFile

    batch = import_batch_create(
        actor=user, unit=unit, upload=SimpleUploadedFile("stress.csv", csv_bytes(GOOD))
    )
    connection.close()

    # As behind the documented proxy, which terminates TLS (production settings redirect HTTP).
    proxy = {"X-Forwarded-Proto": "https"}
    results: list[tuple[str, int]] = []
    problems: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(WRITER_THREADS + IMPORT_THREADS)

    def record(kind: str, status: int) -> None:
        with lock:
            results.append((kind, status))

    def writer(n: int) -> None:
        client = Client(
            headers={"Authorization": f"Bearer {secret}", **proxy}, raise_request_exception=False
        )
        start.wait()
        try:
            for i in range(ROUNDS):
                created = client.post(
                    "/api/personer",
                    {
                        "enhet_id": unit.pk,
                        "fornamn": f"Stress{n}",
                        "efternamn": f"Nr{i}",
                        "fodelsedatum": "1990-01-01",
                    },
                    content_type="application/json",
                )
                record("person", created.status_code)
                if created.status_code != 201 and not problems:
                    problems.append(created.content.decode()[:500])
                if created.status_code != 201:
                    continue
                event = client.post(
                    f"/api/personer/{created.json()['id']}/handelser",
                    {"typ": "asylansokan", "datum": "2024-01-10"},
                    content_type="application/json",
                )
                record("event", event.status_code)
        finally:
            connection.close()

    def importer() -> None:
        client = Client(headers=proxy, raise_request_exception=False)
        client.force_login(user)
        start.wait()
        try:
            response = client.post(f"/import/{batch.pk}/")
            record("import", response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITER_THREADS)]
    threads += [threading.Thread(target=importer) for _ in range(IMPORT_THREADS)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = round(time.monotonic() - began, 2)

    writes = [s for kind, s in results if kind in ("person", "event")]
    persons = Person.objects.filter(fornamn__startswith="Stress").count()
    events = Event.objects.filter(person__fornamn__startswith="Stress").count()
    imported = Person.objects.filter(efternamn="Haddad").count()
    print(
        json.dumps(
            {
                "vendor": connection.vendor,
                "seconds": seconds,
                "writes": len(writes),
                "errors": sum(1 for s in writes if s != 201),
                "statuses": sorted({s for _k, s in results}),
                "persons_acknowledged": sum(1 for k, s in results if k == "person" and s == 201),
                "persons_stored": persons,
                "events_acknowledged": sum(1 for k, s in results if k == "event" and s == 201),
                "events_stored": events,
                "import_statuses": sorted(s for k, s in results if k == "import"),
                "import_committed": ImportBatch.objects.get(pk=batch.pk).genomford is not None,
                "imported_persons": imported,
                "first_problem": problems[:1],
                "expected_imported_persons": len({r["ref"] for r in GOOD}),
            }
        )
    )


if __name__ == "__main__":
    sys.exit(main())
