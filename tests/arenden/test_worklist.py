"""The worklist: own, unit and enhetschef lists, filters, done with a note, exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import openpyxl
from django.test import Client

from mottagning.arenden import worklist
from mottagning.arenden.models import FristKlar
from mottagning.audit.models import PersonAccess
from tests.fixtures import user_in


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_own_list_has_overdue_first(placed: dict[str, Any]) -> None:
    rows = worklist.worklist_rows(user=placed["handlaggare"], today=placed["today"], mine=True)
    kinds = [r.deadline.kind for r in rows]
    assert kinds[:2] == ["genomforandeplan", "vardplan"] or kinds[:2] == [
        "vardplan",
        "genomforandeplan",
    ]
    assert kinds[2] == "placering_overvagande"
    assert [r.overdue(placed["today"]) for r in rows] == [True, True, False]


def test_overdue_starts_the_day_after_the_due_date(placed: dict[str, Any]) -> None:
    (review,) = [
        r
        for r in worklist.worklist_rows(
            user=placed["handlaggare"], today=placed["today"], mine=True
        )
        if r.deadline.kind == "placering_overvagande"
    ]
    due = review.deadline.due
    assert not review.overdue(due)
    assert review.overdue(due + dt.timedelta(days=1))


def test_horizon_includes_its_last_day(placed: dict[str, Any]) -> None:
    user, today = placed["handlaggare"], placed["today"]
    rows = worklist.worklist_rows(user=user, today=today, mine=True)
    review = next(r for r in rows if r.deadline.kind == "placering_overvagande").deadline
    days = (review.due - today).days
    inside = worklist.worklist_rows(user=user, today=today, filters=worklist.Filters(days=days))
    outside = worklist.worklist_rows(
        user=user, today=today, filters=worklist.Filters(days=days - 1)
    )
    assert review.key in {r.deadline.key for r in inside}
    assert review.key not in {r.deadline.key for r in outside}


def test_someone_else_sees_nothing_of_a_hidden_person(
    placed: dict[str, Any], alingsas: Any
) -> None:
    ia = user_in(alingsas, "integrationsavdelningen")
    assert worklist.deadline_collect(user=ia, today=placed["today"]) == []


def test_pages_filter_and_mark_done(placed: dict[str, Any]) -> None:
    client = _client(placed["handlaggare"])
    page = client.get("/arbete/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Upprätta vårdplan: Solgården" in html
    assert (
        "SoL (2001:453) 11 kap. 3 §" in html or "SoL (2025:400) 9 kap. 12 § första stycket" in html
    )
    filtered = client.get("/arbete/?typ=placering_overvagande").content.decode()
    assert "Upprätta vårdplan" not in filtered
    assert "Överväg om vården fortfarande behövs" in filtered
    unit_page = client.get(f"/arbete/enheter/{placed['arende'].unit_id}/?handlaggare=ingen")
    assert "Inga frister med de här valen." in unit_page.content.decode()

    key = f"vardplan:{placed['placering'].pk}"
    form = client.get(f"/arbete/klar/?nyckel={key}")
    assert form.status_code == 200
    empty = client.post("/arbete/klar/", {"nyckel": key, "datum": placed["today"], "notering": ""})
    assert "Det finns fel i formuläret" in empty.content.decode()
    done = client.post(
        "/arbete/klar/",
        {
            "nyckel": key,
            "datum": placed["today"],
            "notering": "Vårdplan upprättad",
            "next": "/arbete/",
        },
    )
    assert done.status_code == 302
    klar = FristKlar.objects.get(nyckel=key)
    assert (klar.notering, klar.klar_av) == ("Vårdplan upprättad", placed["handlaggare"])
    assert "Upprätta vårdplan" not in client.get("/arbete/").content.decode()
    # A key the user does not have is not found, not recorded.
    assert client.get("/arbete/klar/?nyckel=vardplan:999999").status_code == 404


def test_enhetschef_sees_the_units_overdue(placed: dict[str, Any], alingsas: Any) -> None:
    page = _client(placed["chef"]).get("/arbete/forsenat/")
    html = page.content.decode()
    assert "Upprätta vårdplan" in html
    assert "Överväg om vården" not in html  # not yet due
    handlaggare = _client(placed["handlaggare"])
    assert handlaggare.get("/arbete/forsenat/").status_code == 403


def test_csv_export_of_the_list_itself(placed: dict[str, Any]) -> None:
    client = _client(placed["handlaggare"])
    response = client.get("/arbete/?typ=vardplan&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    body = response.content
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Sista dag", "Försenad", "Typ"]
    assert len(rows) == 2
    assert rows[1][2] == "Vårdplan"
    assert rows[1][1] == "Ja"
    assert PersonAccess.objects.filter(kanal="export", person=placed["child"]).count() == 1


def test_excel_export_has_typed_date_cells(placed: dict[str, Any]) -> None:
    response = _client(placed["handlaggare"]).get("/arbete/?format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Sista dag"
    assert isinstance(sheet["A2"].value, dt.datetime)
    assert sheet["A2"].number_format == "yyyy-mm-dd"
    assert sheet.max_row == 4


def test_filters_by_target_group_and_named_handlaggare(placed: dict[str, Any]) -> None:
    user, today = placed["handlaggare"], placed["today"]

    def keys(**kwargs: Any) -> set[str]:
        rows = worklist.worklist_rows(user=user, today=today, filters=worklist.Filters(**kwargs))
        return {r.deadline.key for r in rows}

    everything = keys()
    assert len(everything) == 3
    assert keys(malgrupp="ekb") == everything
    assert keys(malgrupp="nyanlanda") == set()
    assert keys(assigned=str(user.pk)) == everything
    assert keys(assigned=str(placed["chef"].pk)) == set()
    assert keys(kind="vardplan") == {f"vardplan:{placed['placering'].pk}"}
