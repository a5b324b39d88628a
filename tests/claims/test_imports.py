"""Cost files and payment-decision files: preview with row and column, all or nothing, once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from mottagning.claims import imports, services
from mottagning.claims.models import Kostnad, Utbetalning
from mottagning.register.models import Municipality
from tests.claims.helpers import ekonom
from tests.factories import personnummer
from tests.fixtures import newcomer, user_in

D = dt.date
pytestmark = pytest.mark.django_db
PNR = personnummer("19900510")
HEADER = "identitetstyp;identitet;slag;fran;till;belopp;enhet;anordnare;dagar;verifikation\n"


def _person(alingsas: Municipality) -> object:
    hl = user_in(alingsas, "integrationsavdelningen")
    return newcomer(hl, identity_list=[("personnummer", PNR)])


def test_cost_file_preview_names_row_and_column(alingsas: Municipality) -> None:
    _person(alingsas)
    content = (
        HEADER
        + f"personnummer;{PNR};ekonomiskt_bistand;2024-10-01;2024-10-31;4 321,50;integrationsavdelningen;;;V-1\n"
        + f"personnummer;{PNR};bistand;2024-10-01;2024-10-31;12;integrationsavdelningen;;;\n"
        + f"personnummer;{PNR};tolk;2024-10-01;2024-13-01;12,345;okand;;;\n"
    ).encode()
    plan = imports.plan_costs(content=content, filename="k.csv", municipality_id=alingsas.pk)
    assert not plan.ok
    assert {(e.row, e.column) for e in plan.errors} == {
        (3, "slag"),
        (4, "till"),
        (4, "belopp"),
        (4, "enhet"),
    }
    assert plan.rows[0]["belopp"] == Decimal("4321.50")


def test_cost_file_commit_all_or_nothing_and_once(alingsas: Municipality) -> None:
    person = _person(alingsas)
    me = ekonom(alingsas)
    good = (
        HEADER
        + f"personnummer;{PNR};ekonomiskt_bistand;2024-10-01;2024-10-31;100;integrationsavdelningen;;;\n"
        + f"personnummer;{PNR};tolk;2024-11-01;2024-11-30;850,00;integrationsavdelningen;Tolkbolaget;;T-9\n"
    ).encode()
    batch = services.ekonomi_import_create(
        actor=me, slag="kostnader", upload=SimpleUploadedFile("k.csv", good)
    )
    services.ekonomi_import_commit(actor=me, batch_id=batch.pk)
    assert sorted(Kostnad.objects.filter(person=person).values_list("belopp", flat=True)) == [
        Decimal("100.00"),
        Decimal("850.00"),
    ]
    with pytest.raises(services.ImportAlreadyCommittedError):
        services.ekonomi_import_commit(actor=me, batch_id=batch.pk)
    assert Kostnad.objects.count() == 2
    bad = (
        HEADER + f"personnummer;{PNR};tolk;2024-11-01;2024-11-30;x;integrationsavdelningen;;;\n"
    ).encode()
    batch = services.ekonomi_import_create(
        actor=me, slag="kostnader", upload=SimpleUploadedFile("k.csv", good + bad[len(HEADER) :])
    )
    with pytest.raises(ValidationError):
        services.ekonomi_import_commit(actor=me, batch_id=batch.pk)
    assert Kostnad.objects.count() == 2


def test_file_without_columns_refused(alingsas: Municipality) -> None:
    with pytest.raises(ValidationError) as exc:
        services.ekonomi_import_create(
            actor=ekonom(alingsas),
            slag="utbetalningar",
            upload=SimpleUploadedFile("u.csv", b"a;b\n1;2\n"),
        )
    assert "referens" in exc.value.message_dict["fil"][0]


def test_payment_file(alingsas: Municipality) -> None:
    _person(alingsas)
    me = ekonom(alingsas)
    content = (
        "referens;beslutsdatum;typ;ar;kvartal;belopp;identitetstyp;identitet\n"
        f"MV-1;2025-02-01;ekonomiskt_bistand_asyl;2024;4;100,00;personnummer;{PNR}\n"
        "MV-1;2025-02-01;lvu_placering;2024;4;5000;;\n"
        "MV-2;2024-11-01;lvu_placering;2024;4;5000;;\n"
    ).encode()
    plan = imports.plan_payments(content=content, filename="u.csv", municipality_id=alingsas.pk)
    assert [(e.row, e.column) for e in plan.errors] == [(4, "beslutsdatum")]
    batch = services.ekonomi_import_create(
        actor=me, slag="utbetalningar", upload=SimpleUploadedFile("u.csv", content[:-44])
    )
    services.ekonomi_import_commit(actor=me, batch_id=batch.pk)
    assert Utbetalning.objects.count() == 2
