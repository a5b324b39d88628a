"""The decision letter: appeal instructions for each way a decision can be appealed."""

from __future__ import annotations

import datetime as dt

import pytest

from mottagning.arenden.letters import appeal_text, beslut_pdf
from mottagning.arenden.models import Arende, Beslut
from mottagning.register.models import Committee, Municipality, Person, Unit


def _beslut(overklagande: str) -> Beslut:
    kommun = Municipality(kod="alingsas", namn="Alingsås kommun")
    namnd = Committee(municipality=kommun, kod="sn", namn="Socialnämnden")
    enhet = Unit(municipality=kommun, committee=namnd, kod="pe", namn="Placeringsenheten")
    person = Person(fornamn="Omar", efternamn="Ali", fodelsedatum=dt.date(2009, 1, 2))
    arende = Arende(person=person, unit=enhet, typ="placering", oppnat=dt.date(2025, 1, 1))
    return Beslut(
        arende=arende,
        lagrum="SoL",
        paragraf="4 kap. 1 §",
        insats="Placering i HVB",
        utfall="avslag",
        motivering="Behovet kan tillgodoses på annat sätt.",
        beslutsdatum=dt.date(2025, 1, 10),
        beslutsfattare="Socialnämndens individutskott",
        overklagande=overklagande,
    )


def test_administrative_appeal_names_the_committee_date_and_three_weeks() -> None:
    text = " ".join(appeal_text(_beslut("forvaltningsbesvar")))
    assert "Skriv ett brev till Socialnämnden" in text
    assert "beslutsdatum 2025-01-10" in text
    assert "inom tre veckor" in text
    assert "förvaltningslagen 44 §" in text


def test_legality_review_and_no_appeal() -> None:
    assert "kommunallagen 13 kap." in " ".join(appeal_text(_beslut("laglighetsprovning")))
    assert appeal_text(_beslut("ej")) == ["Det här beslutet går inte att överklaga."]
    with pytest.raises(ValueError, match="okand"):
        appeal_text(_beslut("okand"))


@pytest.mark.parametrize("kind", ["forvaltningsbesvar", "laglighetsprovning", "ej"])
def test_letter_is_a_pdf(kind: str) -> None:
    assert beslut_pdf(_beslut(kind)).startswith(b"%PDF-")
