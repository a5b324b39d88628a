"""The economy pages through Django's test client: content, forms, exports with typed cells,
permissions."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import openpyxl  # type: ignore[import-untyped]  # no stubs in the lock
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from mottagning.audit.models import PersonAccess
from mottagning.claims.models import Ansokan, Kostnad
from mottagning.register.models import Municipality
from tests.claims.helpers import cost, ekonom
from tests.factories import personnummer
from tests.fixtures import ekb, newcomer, user_in

D = dt.date
pytestmark = pytest.mark.django_db
PNR = personnummer("20120101")


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_ekonom_makes_sends_and_exports_a_claim(alingsas: Municipality) -> None:
    hl = user_in(alingsas, "integrationsavdelningen")
    me = ekonom(alingsas)
    child = ekb(hl, born=D(2012, 1, 1), asyl=D(2023, 11, 1), identity_list=[("personnummer", PNR)])
    cost(me, child, slag="ekonomiskt_bistand_asyl", fran=D(2024, 1, 5), till=D(2024, 1, 31))
    web = client_for(me)
    response = web.post(reverse("claims:generate") + "?ar=2024")
    assert response.status_code == 302
    claim = Ansokan.objects.get(typ="ekonomiskt_bistand_asyl", ar=2024, kvartal=1)
    page = web.get(reverse("claims:dashboard") + "?ar=2024").content.decode()
    assert "<svg" in page
    assert 'id="quarter-totals"' in page
    detail = web.get(reverse("claims:ansokan", args=[claim.pk]))
    assert "Omar Ali" in detail.content.decode() or "Ali" in detail.content.decode()
    assert PersonAccess.objects.filter(user=me, person=child, kanal="webb").exists()
    # A step the state machine does not allow is shown at the field, nothing changes.
    bad = web.post(
        reverse("claims:ansokan", args=[claim.pk]),
        {"status": "utbetald", "datum": "2024-04-02", "belopp": "", "notering": ""},
    )
    assert bad.status_code == 200
    assert "inskickad" in bad.content.decode()
    ok = web.post(
        reverse("claims:ansokan", args=[claim.pk]),
        {"status": "inskickad", "datum": "2024-04-02", "belopp": "", "notering": ""},
    )
    assert ok.status_code == 302
    claim.refresh_from_db()
    assert claim.status == "inskickad"
    xlsx = web.get(reverse("claims:ansokan_export", args=[claim.pk, "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.freeze_panes == "A2"
    assert sheet["A2"].value.endswith(PNR.replace("-", "")[-4:])
    assert isinstance(sheet["H2"].value, float | int | Decimal)
    assert "kr" in sheet["H2"].number_format
    pdf = web.get(reverse("claims:ansokan_export", args=[claim.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    ledger = web.get(reverse("claims:ledger_export") + "?ar=2024")
    rows = list(
        openpyxl.load_workbook(io.BytesIO(ledger.content)).active.iter_rows(values_only=True)
    )
    assert rows[0][0] == "År"
    assert all(isinstance(r[5], float | int) for r in rows[1:])


def test_cost_form_and_import(alingsas: Municipality) -> None:
    hl = user_in(alingsas, "integrationsavdelningen")
    me = ekonom(alingsas)
    ekb(hl, born=D(2012, 1, 1), asyl=D(2023, 11, 1), identity_list=[("personnummer", PNR)])
    web = client_for(me)
    unit_id = hl.units.first().pk
    form = {
        "identitetstyp": "personnummer",
        "identitet": PNR,
        "slag": "ekonomiskt_bistand_asyl",
        "enhet": str(unit_id),
        "fran": "2024-02-01",
        "till": "2024-04-30",
        "belopp": "1200.00",
    }
    refused = web.post(reverse("claims:kostnad_create"), form)
    assert refused.status_code == 200
    assert "kvartal" in refused.content.decode()
    assert not Kostnad.objects.exists()
    form["till"] = "2024-02-29"
    assert web.post(reverse("claims:kostnad_create"), form).status_code == 302
    assert Kostnad.objects.get().belopp == Decimal("1200.00")
    upload = _upload_interpreter_cost(web, "950")
    assert upload.status_code == 302
    preview = web.get(upload["Location"])
    assert "950" in preview.content.decode()
    assert web.post(upload["Location"]).status_code == 302
    assert Kostnad.objects.count() == 2


def _upload_interpreter_cost(web: Client, belopp: str) -> Any:
    """A cost file with one interpreter cost for PNR in March 2024, uploaded for preview."""
    content = (
        "identitetstyp;identitet;slag;fran;till;belopp;enhet\n"
        f"personnummer;{PNR};tolk;2024-03-01;2024-03-31;{belopp};integrationsavdelningen\n"
    ).encode()
    return web.post(
        reverse("claims:import"),
        {"slag": "kostnader", "fil": SimpleUploadedFile("k.csv", content)},
    )


def test_roles(alingsas: Municipality) -> None:
    hl = user_in(alingsas, "integrationsavdelningen")
    other = user_in(alingsas, "placeringsenheten")
    strateg = user_in(alingsas, "integrationsavdelningen", roles=("strateg",))
    admin = user_in(alingsas, "integrationsavdelningen", roles=("administrator",))
    me = ekonom(alingsas)
    # An adult newcomer: integrationsavdelningen's, not placeringsenheten's (register rule).
    cost(me, newcomer(hl, efternamn="Hassanova"))
    costs = reverse("claims:kostnader") + "?ar=2024"
    assert client_for(strateg).get(reverse("claims:dashboard")).status_code == 403
    assert "Hassanova" in client_for(hl).get(costs).content.decode()
    assert "Hassanova" not in client_for(other).get(costs).content.decode()
    assert "Hassanova" in client_for(admin).get(costs).content.decode()
    assert client_for(hl).get(reverse("claims:ledger_export")).status_code == 403
    assert client_for(hl).get(reverse("claims:reconciliation")).status_code == 403
    assert client_for(admin).post(reverse("claims:generate")).status_code == 403
    assert client_for(admin).get(reverse("claims:reconciliation")).status_code == 200


def test_an_import_amount_beyond_the_largest_cost_and_a_year_that_is_no_number_are_answered(
    alingsas: Municipality,
) -> None:
    hl = user_in(alingsas, "integrationsavdelningen")
    ekb(hl, born=D(2012, 1, 1), asyl=D(2023, 11, 1), identity_list=[("personnummer", PNR)])
    web = client_for(ekonom(alingsas))
    for belopp in ("1e308", "1000000000.01"):
        upload = _upload_interpreter_cost(web, belopp)
        preview = web.get(upload["Location"])
        assert preview.status_code == 200  # 1e308 was a 500 (Decimal.quantize)
        # The bound in the locale's own grouping (a no-break space in Swedish).
        assert "högst 1\xa0000\xa0000\xa0000 kr" in preview.content.decode()
        assert web.post(upload["Location"]).status_code == 200  # the preview again
    assert not Kostnad.objects.exists()
    # "²" is a digit to str.isdigit, not to int(): the current year instead of a 500.
    assert web.get(reverse("claims:ledger_export") + "?ar=²").status_code == 200
