"""Case work: ärenden with their named handläggare, beslut, the journal and documents, and the
worklist's record of deadlines done.

Every row carries its municipality (the tenant). Writes go through services.py (history with
django-simple-history); a journal note is never changed or deleted, only corrected by a later
note that points to it (issue 11 item 3).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords  # type: ignore[import-untyped]  # untyped library

from mottagning.register.models import Municipality, Person, Unit

# Kinds of ärende the seeds' units handle (001 §3.1.1, §3.2; 002 §3; 003; 004).
ARENDE_TYPES = [
    ("utredning_sol", _("Utredning enligt SoL 11 kap. 1 §")),
    ("placering", _("Placering")),
    ("lvu", _("Vård enligt LVU")),
    ("ekonomiskt_bistand", _("Ekonomiskt bistånd")),
    ("bosattning", _("Bosättning")),
    ("god_man", _("God man eller särskilt förordnad vårdnadshavare")),
    ("kontaktperson", _("Kontaktperson")),
]

# Laws a decision rests on; the codes follow docs/glossary.md.
LAGRUM = [
    ("SoL", _("Socialtjänstlagen (SoL)")),
    ("LVU", _("Lagen med särskilda bestämmelser om vård av unga (LVU)")),
    ("LMA", _("Lagen om mottagande av asylsökande (LMA)")),
    ("bosättningslagen", _("Bosättningslagen (2016:38)")),
    ("god_man_ekb", _("Lagen om god man för ensamkommande barn (2005:429)")),
]

UTFALL = [
    ("bifall", _("Bifall")),
    ("delvis_bifall", _("Delvis bifall")),
    ("avslag", _("Avslag")),
]

FORVALTNINGSBESVAR = "forvaltningsbesvar"
LAGLIGHETSPROVNING = "laglighetsprovning"
EJ_OVERKLAGBART = "ej"
OVERKLAGANDE = [
    (FORVALTNINGSBESVAR, _("Kan överklagas till förvaltningsrätten (förvaltningsbesvär)")),
    (LAGLIGHETSPROVNING, _("Kan prövas genom laglighetsprövning (kommunallagen 13 kap.)")),
    (EJ_OVERKLAGBART, _("Kan inte överklagas")),
]


class Arende(models.Model):
    """An ärende for one person at one unit, assigned to a named handläggare."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="arenden")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="arenden", verbose_name=_("enhet")
    )
    typ = models.CharField(_("typ av ärende"), max_length=30, choices=ARENDE_TYPES)
    oppnat = models.DateField(_("öppnat"))
    avslutat = models.DateField(_("avslutat"), null=True, blank=True)
    handlaggare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="arenden",
        verbose_name=_("handläggare"),
    )
    skapad = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ärende")
        verbose_name_plural = _("ärenden")
        ordering = ("-oppnat", "-id")
        indexes = (
            models.Index(fields=["person", "oppnat"]),
            models.Index(fields=["handlaggare", "avslutat"]),
        )

    def __str__(self) -> str:
        return f"{self.get_typ_display()} ({self.oppnat})"


class Beslut(models.Model):
    """A decision in an ärende: ground, outcome, period, decision-maker and how to appeal."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    arende = models.ForeignKey(Arende, on_delete=models.PROTECT, related_name="beslut")
    lagrum = models.CharField(_("lag"), max_length=30, choices=LAGRUM)
    paragraf = models.CharField(
        _("lagrum"), max_length=100, help_text=_("Till exempel 4 kap. 1 § eller 2 §.")
    )
    insats = models.CharField(
        _("beslutet gäller"),
        max_length=300,
        help_text=_("Vad personen ansökte om eller vad nämnden beslutade, med vanliga ord."),
    )
    utfall = models.CharField(_("beslut"), max_length=20, choices=UTFALL)
    motivering = models.TextField(_("motivering"))
    beslutsdatum = models.DateField(_("beslutsdatum"))
    giltigt_fran = models.DateField(_("gäller från"), null=True, blank=True)
    giltigt_till = models.DateField(_("gäller till och med"), null=True, blank=True)
    beslutsfattare = models.CharField(
        _("beslutsfattare"),
        max_length=200,
        help_text=_("Namn och befattning, eller nämnden, som på brevet."),
    )
    overklagande = models.CharField(_("överklagande"), max_length=30, choices=OVERKLAGANDE)
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    skapad = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        ordering = ("-beslutsdatum", "-id")

    def __str__(self) -> str:
        return f"{self.get_utfall_display()}: {self.insats} ({self.beslutsdatum})"


class Anteckning(models.Model):
    """A dated journal note. Never edited or deleted: a correction is a later note that points
    to the one it corrects (issue 11 item 3)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    arende = models.ForeignKey(Arende, on_delete=models.PROTECT, related_name="anteckningar")
    datum = models.DateField(_("datum"), help_text=_("Dagen det som antecknas hände."))
    text = models.TextField(_("anteckning"))
    forfattare = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    rattar = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rattelser",
        verbose_name=_("rättar anteckningen"),
    )
    skapad = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("journalanteckning")
        verbose_name_plural = _("journalanteckningar")
        ordering = ("datum", "skapad", "id")

    def __str__(self) -> str:
        return f"{self.datum} {self.text[:40]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The journal is append-only: a stored note is the record of what was written.
        if not self._state.adding:
            raise ValueError("En journalanteckning ändras inte; skriv en rättelse.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("En journalanteckning tas inte bort; skriv en rättelse.")


class Dokument(models.Model):
    """A file attached to a person, and to one of their ärenden when it belongs to one.

    The content lives in the database (`innehall`) or, when MOTTAGNING_DOCUMENT_DIR is set, in
    that directory under `lagringsnamn`; the sha256 is checked on every download."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="dokument")
    arende = models.ForeignKey(
        Arende, on_delete=models.PROTECT, null=True, blank=True, related_name="dokument"
    )
    titel = models.CharField(_("titel"), max_length=200)
    filnamn = models.CharField(_("filnamn"), max_length=255)
    content_type = models.CharField(max_length=120)
    storlek = models.PositiveIntegerField(_("storlek (byte)"))
    sha256 = models.CharField(max_length=64)
    innehall = models.BinaryField(null=True, blank=True)
    lagringsnamn = models.CharField(max_length=100, blank=True)
    uppladdad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    skapad = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["innehall"])

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokument")
        ordering = ("-skapad", "-id")

    def __str__(self) -> str:
        return self.titel


class FristKlar(models.Model):
    """The worklist's record that a deadline (by its provider's stable key) is done."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    nyckel = models.CharField(max_length=120)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    datum = models.DateField(_("klar den"))
    notering = models.TextField(_("notering"))
    klar_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    skapad = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("klar frist")
        verbose_name_plural = _("klara frister")
        constraints = (
            models.UniqueConstraint(fields=["municipality", "nyckel"], name="fristklar_unique"),
        )

    def __str__(self) -> str:
        return f"{self.nyckel} {self.datum}"
