"""The case-work pages through the test client: each step a case worker takes."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from mottagning.arenden.letters import appeal_text
from mottagning.arenden.models import Anteckning, Arende, Beslut, Dokument
from mottagning.audit.models import PersonAccess
from mottagning.placements.models import Placering
from tests.fixtures import user_in

PDF = b"%PDF-1.4\n%%EOF"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_case_decision_letter_note_and_document(placed: dict[str, Any]) -> None:
    user, child, today = placed["handlaggare"], placed["child"], placed["today"]
    client = _client(user)
    assert client.get(f"/personer/{child.pk}/arenden/").status_code == 200
    response = client.post(
        f"/personer/{child.pk}/arenden/nytt/",
        {
            "typ": "utredning_sol",
            "unit": user.units.first().pk,
            "oppnat": today,
            "handlaggare": user.pk,
        },
    )
    arende = Arende.objects.get(typ="utredning_sol")
    assert response["Location"] == f"/arenden/{arende.pk}/"

    bad = client.post(f"/arenden/{arende.pk}/beslut/nytt/", {"insats": "Placering i HVB"})
    assert "Det finns fel i formuläret" in bad.content.decode()
    client.post(
        f"/arenden/{arende.pk}/beslut/nytt/",
        {
            "insats": "Placering i HVB",
            "utfall": "bifall",
            "lagrum": "SoL",
            "paragraf": "4 kap. 1 §",
            "motivering": "Du behöver ett boende med stöd.",
            "beslutsdatum": today,
            "giltigt_fran": today,
            "beslutsfattare": "Lina Ek, socialsekreterare",
            "overklagande": "forvaltningsbesvar",
        },
    )
    beslut = Beslut.objects.get(arende=arende)
    letter = client.get(f"/beslut/{beslut.pk}/brev.pdf")
    assert letter["Content-Type"] == "application/pdf"
    assert letter.content.startswith(b"%PDF")
    assert "tre veckor" in " ".join(appeal_text(beslut))

    client.post(
        f"/arenden/{arende.pk}/anteckningar/ny/", {"datum": today, "text": "Samtal med Omar."}
    )
    note = Anteckning.objects.get(arende=arende)
    client.post(
        f"/arenden/{arende.pk}/anteckningar/ny/?rattar={note.pk}",
        {"datum": today, "text": "Samtalet var med god man."},
    )
    assert Anteckning.objects.get(rattar=note).text == "Samtalet var med god man."
    # "²" is a digit to str.isdigit, not to int(): a new note's form, not a 500.
    assert client.get(f"/arenden/{arende.pk}/anteckningar/ny/?rattar=²").status_code == 200
    page = client.get(f"/arenden/{arende.pk}/").content.decode()
    assert "Rättelse av anteckningen" in page
    assert "Samtal med Omar." in page

    upload = SimpleUploadedFile("intyg.pdf", PDF, content_type="application/pdf")
    client.post(
        f"/personer/{child.pk}/dokument/nytt/",
        {"titel": "Läkarintyg", "fil": upload, "arende": arende.pk},
    )
    doc = Dokument.objects.get(titel="Läkarintyg")
    before = PersonAccess.objects.filter(person=child, sokvag=f"/dokument/{doc.pk}/").count()
    download = client.get(f"/dokument/{doc.pk}/")
    assert download.content == PDF
    assert download["Content-Disposition"].startswith("attachment")
    assert (
        PersonAccess.objects.filter(person=child, sokvag=f"/dokument/{doc.pk}/").count()
        == before + 1
    )

    fake = SimpleUploadedFile("bild.png", b"not a png", content_type="image/png")
    refused = client.post(f"/personer/{child.pk}/dokument/nytt/", {"titel": "Bild", "fil": fake})
    assert "inte en PNG-fil" in refused.content.decode()


def test_placement_from_decision_to_follow_up(placed: dict[str, Any]) -> None:
    user, today = placed["handlaggare"], placed["today"]
    client = _client(user)
    arende = placed["arende"]
    response = client.post(
        f"/arenden/{arende.pk}/placeringar/ny/",
        {
            "form": "stodboende",
            "grund": "SoL",
            "anordnare": "Kommunens stödboende",
            "plats": "Ängen",
            "start": today,
            "kostnad_per_dygn": "1428,57",
        },
    )
    placering = Placering.objects.get(plats="Ängen")
    assert response["Location"] == f"/placeringar/{placering.pk}/"
    page = client.get(f"/placeringar/{placering.pk}/").content.decode()
    assert "Upprätta vårdplan: Ängen" in page
    assert "1\xa0428,57 kr" in page  # Swedish grouping and decimal comma
    end = client.post(f"/placeringar/{placering.pk}/avsluta/", {"slut": today, "reason": "Flytt"})
    assert end.status_code == 302
    placering.refresh_from_db()
    assert placering.slut == today


def test_another_namnd_gets_404_on_the_case_file(placed: dict[str, Any], alingsas: Any) -> None:
    other = _client(user_in(alingsas, "integrationsavdelningen"))
    assert other.get(f"/arenden/{placed['arende'].pk}/").status_code == 404
    assert other.get(f"/placeringar/{placed['placering'].pk}/").status_code == 404


def test_reassign_needs_a_reason(placed: dict[str, Any], alingsas: Any) -> None:
    colleague = user_in(alingsas, "placeringsenheten")
    client = _client(placed["handlaggare"])
    arende = placed["arende"]
    bad = client.post(f"/arenden/{arende.pk}/handlaggare/", {"handlaggare": colleague.pk})
    assert "Det finns fel i formuläret" in bad.content.decode()
    client.post(
        f"/arenden/{arende.pk}/handlaggare/", {"handlaggare": colleague.pk, "reason": "Semester"}
    )
    arende.refresh_from_db()
    assert arende.handlaggare == colleague
    assert "Semester" in client.get(f"/arenden/{arende.pk}/").content.decode()


def test_reading_the_case_logs_the_read(placed: dict[str, Any]) -> None:
    client = _client(placed["handlaggare"])
    client.get(f"/arenden/{placed['arende'].pk}/")
    assert PersonAccess.objects.filter(
        person=placed["child"], sokvag=f"/arenden/{placed['arende'].pk}/", kanal="webb"
    ).exists()


def test_english_interface(placed: dict[str, Any]) -> None:
    client = _client(placed["handlaggare"])
    client.post("/i18n/setlang/", {"language": "en"})
    page = client.get("/arbete/").content.decode()
    assert "My work" in page


@pytest.mark.parametrize("role", ["strateg", "revisor", "administrator"])
def test_roles_without_person_records_are_refused(
    placed: dict[str, Any], alingsas: Any, role: str
) -> None:
    client = _client(user_in(alingsas, "placeringsenheten", roles=(role,)))
    assert client.get("/arbete/").status_code == 403
    assert client.get(f"/arenden/{placed['arende'].pk}/").status_code == 403
    assert client.get(f"/personer/{placed['child'].pk}/arenden/").status_code == 403


def test_ekonom_reads_but_does_not_write(placed: dict[str, Any], alingsas: Any) -> None:
    client = _client(user_in(alingsas, "placeringsenheten", roles=("ekonom",)))
    assert client.get(f"/placeringar/{placed['placering'].pk}/").status_code == 200
    assert client.get(f"/arenden/{placed['arende'].pk}/beslut/nytt/").status_code == 403
    key = f"vardplan:{placed['placering'].pk}"
    assert client.get(f"/arbete/klar/?nyckel={key}").status_code == 403
