"""Placements of children and young people (HVB, stödboende, familjehem, jourhem), and the
kontaktperson and god man assignments social services keep beside them (001 §3.1.1).

A placement in a home writes the `placering` event the rules core reads (services.py); its cost
per day feeds the actual-cost claims (selectors.placement_costs).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords  # type: ignore[import-untyped]  # untyped library

from mottagning.arenden.models import Arende, Beslut
from mottagning.register.models import Event, Municipality, Person

HVB = "hvb"
STODBOENDE = "stodboende"
FAMILJEHEM = "familjehem"
JOURHEM = "jourhem"
KONTAKTPERSON = "kontaktperson"
GOD_MAN = "god_man"
FORMS = [
    (HVB, _("HVB")),
    (STODBOENDE, _("Stödboende")),
    (FAMILJEHEM, _("Familjehem")),
    (JOURHEM, _("Jourhem")),
    (KONTAKTPERSON, _("Kontaktperson")),
    (GOD_MAN, _("God man")),
]
# Forms that are a placement in another home than the child's own (SoL 6 kap.); the others are
# support beside it and move no responsibility in the rules core.
HOME_FORMS = (HVB, STODBOENDE, FAMILJEHEM, JOURHEM)

SOL = "SoL"
LVU = "LVU"
GOD_MAN_EKB = "god_man_ekb"
GROUNDS = [
    (SOL, _("SoL (frivillig placering)")),
    (LVU, _("LVU (vård utan samtycke)")),
    (GOD_MAN_EKB, _("Lagen om god man för ensamkommande barn (2005:429)")),
]


class Placering(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="placeringar")
    arende = models.ForeignKey(
        Arende, on_delete=models.PROTECT, related_name="placeringar", verbose_name=_("ärende")
    )
    beslut = models.ForeignKey(
        Beslut,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placeringar",
        verbose_name=_("beslut"),
    )
    form = models.CharField(_("form"), max_length=20, choices=FORMS)
    grund = models.CharField(_("grund"), max_length=20, choices=GROUNDS)
    anordnare = models.CharField(
        _("anordnare"), max_length=200, help_text=_("Företag, förening, kommun eller familj.")
    )
    plats = models.CharField(
        _("plats"), max_length=200, help_text=_("Boendets eller hemmets namn.")
    )
    kommun = models.CharField(
        _("kommun där platsen finns"),
        max_length=40,
        blank=True,
        help_text=_("Lämna tomt när platsen finns i den egna kommunen."),
    )
    start = models.DateField(_("startdatum"))
    slut = models.DateField(_("slutdatum"), null=True, blank=True)
    kostnad_per_dygn = models.DecimalField(
        _("kostnad per dygn (kr)"), max_digits=9, decimal_places=2
    )
    # The rules core's event this placement wrote (homes only).
    event = models.OneToOneField(
        Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="placering_post"
    )
    skapad = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("placering")
        verbose_name_plural = _("placeringar")
        ordering = ("-start", "-id")
        indexes = (models.Index(fields=["municipality", "slut"]),)

    def __str__(self) -> str:
        return f"{self.get_form_display()}, {self.plats} ({self.start})"
