"""Writes of case work: validated, recorded, and the journal append-only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import override_settings

from mottagning.arenden import selectors, services
from mottagning.arenden.models import Anteckning, Dokument
from tests.fixtures import newcomer, unit, user_in

D = dt.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@pytest.fixture
def setting(alingsas: Any) -> dict[str, Any]:
    chef = user_in(alingsas, "integrationsavdelningen", "stod_forsorjning", roles=("enhetschef",))
    person = newcomer(chef)
    arende = services.arende_create(
        actor=chef,
        person=person,
        unit=unit(alingsas, "stod_forsorjning"),
        typ="ekonomiskt_bistand",
        oppnat=D(2024, 3, 5),
        handlaggare=chef,
    )
    return {"chef": chef, "person": person, "arende": arende, "alingsas": alingsas}


def test_reassignment_keeps_who_had_it(setting: dict[str, Any]) -> None:
    other = user_in(setting["alingsas"], "stod_forsorjning")
    arende = services.arende_assign(
        actor=setting["chef"], arende=setting["arende"], handlaggare=other, reason="Ny fördelning"
    )
    assert arende.handlaggare == other
    past = list(arende.history.order_by("history_date").values_list("handlaggare_id", flat=True))
    assert past == [setting["chef"].pk, other.pk]
    assert arende.history.latest().history_change_reason == "Ny fördelning"


def test_assignment_only_to_someone_at_the_unit(setting: dict[str, Any]) -> None:
    stranger = user_in(setting["alingsas"], "placeringsenheten")
    with pytest.raises(ValidationError) as exc:
        services.arende_assign(
            actor=setting["chef"], arende=setting["arende"], handlaggare=stranger, reason="x"
        )
    assert "handlaggare" in exc.value.message_dict


def test_a_note_is_never_changed_only_corrected(setting: dict[str, Any]) -> None:
    note = services.anteckning_create(
        actor=setting["chef"], arende=setting["arende"], datum=D(2024, 3, 6), text="Besök hemma."
    )
    note.text = "Ändrad"
    with pytest.raises(ValueError, match="rättelse"):
        note.save()
    with pytest.raises(ValueError, match="rättelse"):
        note.delete()
    fix = services.anteckning_create(
        actor=setting["chef"],
        arende=setting["arende"],
        datum=D(2024, 3, 6),
        text="Besöket var på kontoret.",
        rattar=note,
    )
    assert Anteckning.objects.get(pk=note.pk).text == "Besök hemma."
    assert list(note.rattelser.all()) == [fix]


def test_decision_before_the_case_opened_is_refused(setting: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as exc:
        services.beslut_create(
            actor=setting["chef"],
            arende=setting["arende"],
            lagrum="SoL",
            paragraf="4 kap. 1 §",
            insats="Ekonomiskt bistånd mars",
            utfall="bifall",
            motivering="Behovet finns.",
            beslutsdatum=D(2024, 3, 4),
            beslutsfattare="Anna Berg",
            overklagande="forvaltningsbesvar",
        )
    assert "beslutsdatum" in exc.value.message_dict


def test_document_whose_content_is_not_its_kind_is_refused(setting: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as exc:
        services.dokument_add(
            actor=setting["chef"],
            person=setting["person"],
            titel="Intyg",
            filnamn="intyg.pdf",
            content=b"MZ\x90\x00 not a pdf",
        )
    assert "inte en PDF-fil" in exc.value.message_dict["fil"][0]
    with pytest.raises(ValidationError):
        services.dokument_add(
            actor=setting["chef"],
            person=setting["person"],
            titel="Program",
            filnamn="program.exe",
            content=b"MZ",
        )
    assert not Dokument.objects.exists()


@override_settings(MOTTAGNING_DOCUMENT_MAX_BYTES=len(PDF) - 1)
def test_document_over_the_size_limit_is_refused(setting: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as exc:
        services.dokument_add(
            actor=setting["chef"],
            person=setting["person"],
            titel="Intyg",
            filnamn="intyg.pdf",
            content=PDF,
        )
    assert "största tillåtna" in exc.value.message_dict["fil"][0]


def test_document_in_the_database(setting: dict[str, Any]) -> None:
    doc = services.dokument_add(
        actor=setting["chef"],
        person=setting["person"],
        titel="Intyg",
        filnamn="intyg.pdf",
        content=PDF,
        arende=setting["arende"],
    )
    assert doc.content_type == "application/pdf"
    assert doc.lagringsnamn == ""
    assert services.dokument_content(dokument=doc) == PDF


def test_document_in_a_directory(setting: dict[str, Any], tmp_path: Path) -> None:
    with override_settings(MOTTAGNING_DOCUMENT_DIR=str(tmp_path)):
        doc = services.dokument_add(
            actor=setting["chef"],
            person=setting["person"],
            titel="Intyg",
            filnamn="../../etc/intyg.pdf",
            content=PDF,
        )
        assert doc.innehall is None
        assert (tmp_path / doc.lagringsnamn).read_bytes() == PDF
        assert doc.filnamn == "intyg.pdf"
        assert services.dokument_content(dokument=doc) == PDF


def test_another_namnds_case_file_is_not_visible(setting: dict[str, Any]) -> None:
    # Integrationsavdelningen (utbildningsnämnden) sees the person it registered, but not the
    # socialnämnd's ärende about them (OSL: different nämnder are different authorities).
    ia = user_in(setting["alingsas"], "integrationsavdelningen")
    assert not selectors.arende_list(user=ia).exists()
    with pytest.raises(Http404):
        selectors.arende_get(user=ia, arende_id=setting["arende"].pk)
    assert selectors.arende_list(user=setting["chef"]).count() == 1


def test_marking_a_deadline_done_twice_is_refused(setting: dict[str, Any]) -> None:
    services.frist_mark_done(
        actor=setting["chef"], key="vardplan:1", person_id=setting["person"].pk, notering="Klar"
    )
    with pytest.raises(ValidationError):
        services.frist_mark_done(
            actor=setting["chef"], key="vardplan:1", person_id=setting["person"].pk, notering="Igen"
        )
    with pytest.raises(ValidationError):
        services.frist_mark_done(
            actor=setting["chef"], key="vardplan:2", person_id=setting["person"].pk, notering=" "
        )


def test_closing_on_the_opening_day_but_not_before(setting: dict[str, Any]) -> None:
    arende = setting["arende"]
    with pytest.raises(ValidationError) as exc:
        services.arende_close(
            actor=setting["chef"], arende=arende, avslutat=D(2024, 3, 4), reason=""
        )
    assert "avslutat" in exc.value.message_dict
    services.arende_close(actor=setting["chef"], arende=arende, avslutat=D(2024, 3, 5), reason="")
    assert arende.avslutat == D(2024, 3, 5)
    with pytest.raises(ValidationError):
        services.arende_close(
            actor=setting["chef"], arende=arende, avslutat=D(2024, 3, 6), reason=""
        )


def test_decision_period_may_be_one_day_but_not_end_before_it_starts(
    setting: dict[str, Any],
) -> None:
    data: dict[str, Any] = {
        "actor": setting["chef"],
        "arende": setting["arende"],
        "lagrum": "SoL",
        "paragraf": "4 kap. 1 §",
        "insats": "Ekonomiskt bistånd",
        "utfall": "avslag",
        "motivering": "Inkomsten räcker.",
        "beslutsdatum": D(2024, 3, 5),
        "beslutsfattare": "Anna Berg",
        "overklagande": "forvaltningsbesvar",
    }
    with pytest.raises(ValidationError) as exc:
        services.beslut_create(**data, giltigt_fran=D(2024, 4, 2), giltigt_till=D(2024, 4, 1))
    assert "giltigt_till" in exc.value.message_dict
    one_day = services.beslut_create(**data, giltigt_fran=D(2024, 4, 1), giltigt_till=D(2024, 4, 1))
    assert one_day.giltigt_till == one_day.giltigt_fran
    assert one_day.history.first().history_user == setting["chef"]
