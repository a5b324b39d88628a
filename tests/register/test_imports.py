"""Import with a preview of every bad row, committed all-or-nothing; export in the same columns."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from mottagning.register.imports import COLUMNS, export_csv, plan_import
from mottagning.register.models import Event, ImportBatch, Person
from tests.factories import personnummer
from tests.fixtures import newcomer, unit, user_in

pytestmark = pytest.mark.django_db


def csv_bytes(rows: list[dict[str, str]], delimiter: str = ";") -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter=delimiter)
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in COLUMNS})
    return buffer.getvalue().encode("utf-8")


GOOD = [
    {
        "ref": "1",
        "fornamn": "Lina",
        "efternamn": "Haddad",
        "fodelsedatum": "1992-02-03",
        "identitetstyp": "personnummer",
        "identitet": personnummer("19920203"),
        "handelse": "asylansokan",
        "datum": "2023-01-10",
    },
    {"ref": "1", "handelse": "uppehallstillstand", "datum": "2023-09-01", "tillstand": "PUT"},
    {"ref": "1", "handelse": "anvisning", "datum": "2023-10-01", "kommun": "alingsas"},
    {"ref": "1", "handelse": "mottagande", "datum": "2023-11-15"},
    {
        "ref": "2",
        "fornamn": "Yusuf",
        "efternamn": "Haddad",
        "fodelsedatum": "2015-06-01",
        "handelse": "asylansokan",
        "datum": "2023-01-10",
    },
]


def upload(client: Client, content: bytes, name: str, unit_id: int):
    return client.post(
        reverse("web:import_upload"),
        {"fil": SimpleUploadedFile(name, content), "unit": unit_id},
    )


def test_preview_then_commit_stores_everything(integration_user, alingsas) -> None:
    client = Client()
    client.force_login(integration_user)
    ia = unit(alingsas, "integrationsavdelningen").pk
    response = upload(client, csv_bytes(GOOD), "personer.csv", ia)
    assert response.status_code == 302
    preview = client.get(response["Location"])
    html = preview.content.decode()
    assert "5 rader: 2 personer och 5 händelser" in html
    assert Person.objects.count() == 0  # nothing is stored by the preview
    done = client.post(response["Location"])
    assert done.status_code == 302
    assert Person.objects.count() == 2
    assert Event.objects.count() == 5
    lina = Person.objects.get(fornamn="Lina")
    assert lina.identiteter.get().typ == "personnummer"
    batch = ImportBatch.objects.get()
    assert batch.genomford is not None
    assert batch.antal_personer == 2
    assert batch.innehall == b""
    assert (
        "Importen är klar: 2 nya personer och 5 händelser."
        in client.get(done["Location"]).content.decode()
    )


def test_one_of_each_is_said_in_the_singular(integration_user, alingsas) -> None:
    client = Client()
    client.force_login(integration_user)
    ia = unit(alingsas, "integrationsavdelningen").pk
    one = [{**GOOD[0]}]
    response = upload(client, csv_bytes(one), "en.csv", ia)
    html = client.get(response["Location"]).content.decode()
    assert "1 rad: 1 person och 1 händelse." in html
    done = client.post(response["Location"])
    html = client.get(done["Location"]).content.decode()
    assert "Importen är klar: 1 ny person och 1 händelse." in html


def test_every_bad_row_is_listed_and_nothing_is_stored(integration_user, alingsas) -> None:
    bad = [
        *GOOD,
        {
            "ref": "3",
            "fornamn": "",
            "efternamn": "X",
            "fodelsedatum": "1990-13-01",
            "handelse": "asylansokan",
            "datum": "2023-01-10",
        },
        {
            "ref": "4",
            "fornamn": "Ali",
            "efternamn": "Y",
            "fodelsedatum": "1990-01-01",
            "identitetstyp": "dossiernummer",
            "identitet": "12",
            "handelse": "uppehallstillstand",
            "datum": "2023-02-01",
            "tillstand": "TUT",
        },
        {
            "ref": "5",
            "fornamn": "Sam",
            "efternamn": "Z",
            "fodelsedatum": "1990-01-01",
            "handelse": "flytt",
            "datum": "2023-02-01",
        },
        {
            "ref": "6",
            "fornamn": "Nour",
            "efternamn": "W",
            "fodelsedatum": "1980-01-01",
            "handelse": "mottagande",
            "datum": "2023-02-01",
        },
    ]
    plan = plan_import(
        content=csv_bytes(bad),
        filename="x.csv",
        unit=unit(alingsas, "integrationsavdelningen"),
        user=integration_user,
    )
    found = {(e.row, e.column) for e in plan.errors}
    assert (7, "fornamn") in found
    assert (7, "fodelsedatum") in found
    assert (8, "identitet") in found
    assert (8, "giltigt_till") in found
    assert (9, "handelse") in found
    assert (10, "handelse") in found  # mottagande before any permit: the rules core's own check
    assert not plan.ok

    client = Client()
    client.force_login(integration_user)
    response = upload(client, csv_bytes(bad), "x.csv", unit(alingsas, "integrationsavdelningen").pk)
    html = client.get(response["Location"]).content.decode()
    assert "Ingenting har sparats" in html
    client.post(response["Location"])
    assert Person.objects.count() == 0


def test_excel_import_and_existing_person_gets_events(integration_user, alingsas) -> None:
    existing = newcomer(integration_user, identity_list=[("dossiernummer", "7654321")])
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        {
            "ref": "a",
            "identitetstyp": "dossiernummer",
            "identitet": "7654321",
            "handelse": "eget_boende",
            "datum": "2024-09-01",
        }
    )
    sheet.append([row[c] for c in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    plan = plan_import(
        content=buffer.getvalue(),
        filename="lista.xlsx",
        unit=unit(alingsas, "integrationsavdelningen"),
        user=integration_user,
    )
    assert plan.ok, plan.errors
    assert plan.persons[0].existing == existing


def test_person_of_another_unit_cannot_be_extended_by_import(alingsas) -> None:
    owner = user_in(alingsas, "integrationsavdelningen")
    newcomer(owner, identity_list=[("dossiernummer", "7654321")])
    other = user_in(alingsas, "vuxenenheten")
    content = csv_bytes(
        [
            {
                "ref": "a",
                "identitetstyp": "dossiernummer",
                "identitet": "7654321",
                "handelse": "eget_boende",
                "datum": "2024-09-01",
            }
        ]
    )
    plan = plan_import(
        content=content, filename="x.csv", unit=unit(alingsas, "vuxenenheten"), user=other
    )
    assert any("Numret kan inte användas här." in e.message for e in plan.errors)


def test_unreadable_file_is_refused_on_the_form(integration_user, alingsas) -> None:
    client = Client()
    client.force_login(integration_user)
    response = upload(
        client, b"namn;alder\nx;1\n", "x.csv", unit(alingsas, "integrationsavdelningen").pk
    )
    assert response.status_code == 200
    assert "Kolumner saknas" in response.content.decode()


def test_export_round_trips_through_import(integration_user, alingsas) -> None:
    newcomer(integration_user, identity_list=[("personnummer", personnummer("19900510"))])
    manager = user_in(alingsas, "integrationsavdelningen", roles=("enhetschef",))
    client = Client()
    client.force_login(manager)
    ia = unit(alingsas, "integrationsavdelningen").pk
    response = client.get(reverse("web:export", args=[ia, "csv"]))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [r["handelse"] for r in rows] == [
        "asylansokan",
        "uppehallstillstand",
        "anvisning",
        "mottagande",
    ]
    assert rows[0]["identitet"] == personnummer("19900510").replace("-", "")
    xlsx = client.get(reverse("web:export", args=[ia, "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert sheet.max_row == 5
    from mottagning.audit.models import PersonAccess

    assert PersonAccess.objects.filter(kanal="export", user=manager).count() == 2


def test_export_is_for_unit_heads_and_economists(integration_user, alingsas) -> None:
    client = Client()
    client.force_login(integration_user)
    ia = unit(alingsas, "integrationsavdelningen").pk
    assert client.get(reverse("web:export", args=[ia, "csv"])).status_code == 403


def test_csv_injection_is_neutralised(integration_user) -> None:
    newcomer(integration_user, fornamn="=HYPERLINK(1)")
    text = export_csv(Person.objects.all()).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text


def test_preview_refuses_what_the_commit_would_refuse(integration_user, alingsas) -> None:
    rows = [{**GOOD[0], "efternamn": "x" * 300}, *GOOD[1:]]
    plan = plan_import(
        content=csv_bytes(rows),
        filename="lang.csv",
        unit=unit(alingsas, "integrationsavdelningen"),
        user=integration_user,
    )
    assert [(e.row, e.column) for e in plan.errors] == [(2, "efternamn")]


def test_export_survives_a_control_character_stored_before_the_check(integration_user) -> None:
    from mottagning.register.imports import export_xlsx

    person = newcomer(integration_user)
    Person.objects.filter(pk=person.pk).update(fornamn="A\x01B")  # as stored before issue 9
    sheet = openpyxl.load_workbook(io.BytesIO(export_xlsx([Person.objects.get()]))).active
    assert sheet.cell(row=2, column=2).value == "AB"


def test_swedish_words_are_accepted_in_any_case_and_without_accents(
    integration_user, alingsas
) -> None:
    client = Client()
    client.force_login(integration_user)
    ia = unit(alingsas, "integrationsavdelningen").pk
    rows = [
        {**GOOD[0], "handelse": "Asylansökan"},
        {"ref": "1", "handelse": "UPPEHALLSTILLSTAND", "datum": "2023-09-01", "tillstand": "put"},
        {
            "ref": "1",
            "handelse": "anvisning till kommun",
            "datum": "2023-10-01",
            "kommun": "Alingsås",
        },
    ]
    response = upload(client, csv_bytes(rows), "svenska.csv", ia)
    html = client.get(response["Location"]).content.decode()
    assert "1 person" in html
    assert "3 händelser" in html
    assert "Okänd" not in html


def test_an_unknown_event_lists_the_allowed_values(integration_user, alingsas) -> None:
    client = Client()
    client.force_login(integration_user)
    ia = unit(alingsas, "integrationsavdelningen").pk
    response = upload(client, csv_bytes([{**GOOD[0], "handelse": "Flytt"}]), "fel.csv", ia)
    html = client.get(response["Location"]).content.decode()
    assert "Okänd händelse ”Flytt”" in html
    assert "Asylansökan (asylansokan)" in html


def test_the_template_lists_the_columns_an_example_and_the_allowed_values(
    integration_user, alingsas
) -> None:
    client = Client()
    client.force_login(integration_user)
    page = client.get(reverse("web:import_upload")).content.decode()
    assert reverse("web:import_template", args=["xlsx"]) in page
    csv_file = client.get(reverse("web:import_template", args=["csv"]))
    assert csv_file.status_code == 200
    text = csv_file.content.decode("utf-8-sig")
    assert text.startswith(";".join(COLUMNS))
    xlsx = client.get(reverse("web:import_template", args=["xlsx"]))
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    values = [tuple(r) for r in book.worksheets[1].iter_rows(values_only=True)]
    assert ("handelse", "Asylansökan", "asylansokan") in values
    assert ("kommun", "Alingsås kommun", "alingsas") in values
    # The template's own example imports without an error.
    response = upload(
        client, csv_file.content, "importmall.csv", unit(alingsas, "integrationsavdelningen").pk
    )
    html = client.get(response["Location"]).content.decode()
    assert "1 person" in html
    assert "2 händelser" in html
    assert client.get(reverse("web:import_template", args=["pdf"])).status_code == 404
