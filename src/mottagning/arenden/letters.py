"""A decision as a letter (PDF) in plain Swedish, with how to appeal.

The letter is always in Swedish, whatever language the case worker reads the interface in: it
is the authority's decision (språklagen 2009:600 10 §). The appeal instructions are the ones
förvaltningslagen (2017:900) 33 § requires with a decision that can be appealed.
"""

from __future__ import annotations

from fpdf import FPDF

from mottagning.arenden.models import (
    EJ_OVERKLAGBART,
    FORVALTNINGSBESVAR,
    LAGLIGHETSPROVNING,
    Beslut,
)
from mottagning.exports import pdf_font

UTFALL_TEXT = {
    "bifall": "Du får det du har ansökt om.",
    "delvis_bifall": "Du får en del av det du har ansökt om.",
    "avslag": "Du får inte det du har ansökt om.",
}


def appeal_text(beslut: Beslut) -> list[str]:
    """How to appeal, as paragraphs: one place for the words on the letter and the page."""
    nämnd = beslut.arende.unit.committee.namn
    if beslut.overklagande == FORVALTNINGSBESVAR:
        return [
            "Om du inte är nöjd med beslutet kan du överklaga det till förvaltningsrätten.",
            f"Skriv ett brev till {nämnd}. Skriv vilket beslut du överklagar (beslutsdatum "
            f"{beslut.beslutsdatum.isoformat()}), varför du tycker att beslutet är fel och hur "
            "du vill att det ska ändras. Skriv under brevet och skriv ditt namn, din adress "
            "och ditt telefonnummer.",
            "Överklagandet måste ha kommit in till oss inom tre veckor från den dag du fick "
            "veta om beslutet (förvaltningslagen 44 §). Vi prövar först om vi själva ska ändra "
            "beslutet. Annars skickar vi överklagandet vidare till förvaltningsrätten.",
            "Du kan få hjälp att överklaga av din handläggare.",
        ]
    if beslut.overklagande == LAGLIGHETSPROVNING:
        return [
            "Beslutet kan inte överklagas till förvaltningsrätten, men varje medlem av "
            "kommunen kan begära att förvaltningsrätten prövar om beslutet är lagligt "
            "(laglighetsprövning enligt kommunallagen 13 kap.).",
            "Skicka överklagandet till förvaltningsrätten inom tre veckor från den dag då "
            "protokollet med beslutet tillkännagavs på kommunens anslagstavla.",
        ]
    if beslut.overklagande == EJ_OVERKLAGBART:
        return ["Det här beslutet går inte att överklaga."]
    raise ValueError(beslut.overklagande)


def _person_line(beslut: Beslut) -> str:
    person = beslut.arende.person
    return f"{person.fornamn} {person.efternamn}, född {person.fodelsedatum.isoformat()}"


def beslut_pdf(beslut: Beslut) -> bytes:
    arende = beslut.arende
    pdf = FPDF(format="A4")
    family, clean = pdf_font(pdf)

    pdf.set_title(clean(f"Beslut {beslut.beslutsdatum.isoformat()}"))
    pdf.set_lang("sv")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(22, 20, 22)
    pdf.add_page()
    width = pdf.epw

    # Ragged right: justified lines stretch the spaces and read worse (klarspråk).
    def heading(text: str, size: int = 12) -> None:
        pdf.ln(3)
        pdf.set_font(family, "B", size)
        pdf.multi_cell(width, 7, clean(text), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 10.5)

    def para(text: str) -> None:
        pdf.multi_cell(width, 5.5, clean(text), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)

    pdf.set_font(family, "", 9.5)
    municipality = arende.unit.municipality.namn
    para(f"{municipality}\n{arende.unit.committee.namn}\n{arende.unit.namn}")
    para(f"Datum: {beslut.beslutsdatum.isoformat()}")
    heading(f"Beslut: {beslut.insats}", 15)
    para(f"Till: {_person_line(beslut)}")

    heading("Vårt beslut")
    para(f"{beslut.get_utfall_display()}. {UTFALL_TEXT[beslut.utfall]}")
    if beslut.giltigt_fran or beslut.giltigt_till:
        fran = beslut.giltigt_fran.isoformat() if beslut.giltigt_fran else "beslutsdagen"
        till = beslut.giltigt_till.isoformat() if beslut.giltigt_till else "tills vidare"
        para(f"Beslutet gäller från {fran} till och med {till}.")
    para(f"Vi har fattat beslutet enligt {beslut.get_lagrum_display()}, {beslut.paragraf}.")

    heading("Varför vi har beslutat så")
    para(beslut.motivering)

    heading("Så överklagar du")
    for text in appeal_text(beslut):
        para(text)

    heading("Vem som har fattat beslutet")
    para(beslut.beslutsfattare)
    if arende.handlaggare is not None:
        namn = arende.handlaggare.get_full_name() or arende.handlaggare.username
        para(f"Din handläggare: {namn}, {arende.unit.namn}.")
    return bytes(pdf.output())
