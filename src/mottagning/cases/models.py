"""Derived from each person's events by the rules core, stored so worklists are queries.

These rows are recomputed in the same transaction as every event write (register.services), so
they never disagree with the timeline they come from.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mottagning.register.models import Municipality, Person, ResponsibilityPeriod, Unit

# ResponsibilityPeriod lives in the register: who may see a person is decided from it, and the
# register must not depend on cases. Named here too for code that reads it with the other rows.
__all__ = ["Handover", "PersonState", "ResponsibilityPeriod", "Transition"]


class Transition(models.Model):
    """A dated change in a person's situation that someone must act on (a worklist row)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="overgangar")
    # The rules core's code (rules.periods: an event type, fyller_N, etableringstid_slut,
    # regelandring, a deadline …) and its sentence and sources, stored as it said them.
    typ = models.CharField(_("typ"), max_length=40)
    datum = models.DateField(_("datum"))
    beskrivning = models.CharField(_("beskrivning"), max_length=300, blank=True)
    kalla = models.TextField(_("källa"), blank=True)
    # Someone must act on it (a deadline, a birthday, the end of a permit or the etableringstid);
    # not a change a recorded event or organisation brought (rules.periods.transition_table).
    uppgift = models.BooleanField(_("uppgift"), default=True)
    # The unit that must act: for a handover the unit handing over; else the unit responsible.
    ansvarig_enhet = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="overgangar"
    )
    hanterad = models.DateTimeField(_("hanterad"), null=True, blank=True)
    hanterad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("övergång")
        verbose_name_plural = _("övergångar")
        ordering = ("datum",)
        indexes = (
            # A unit's open tasks by date: what every worklist asks for.
            models.Index(
                fields=["ansvarig_enhet", "datum"],
                condition=models.Q(hanterad__isnull=True, uppgift=True),
                name="transition_open_by_unit",
            ),
            models.Index(fields=["person", "datum"]),
        )


class Handover(models.Model):
    """Which unit (or state authority) hands an area over to which, at a transition."""

    transition = models.ForeignKey(
        Transition, on_delete=models.CASCADE, related_name="overlamningar"
    )
    # The transition's date, repeated so a unit's coming handovers are one index range.
    datum = models.DateField(_("datum"))
    omrade = models.CharField(_("område"), max_length=40)
    fran_enhet = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="overlamningar_fran"
    )
    till_enhet = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="overlamningar_till"
    )
    fran_text = models.CharField(max_length=200)
    till_text = models.CharField(max_length=200)

    class Meta:
        verbose_name = _("överlämning")
        verbose_name_plural = _("överlämningar")
        indexes = (
            models.Index(fields=["till_enhet", "datum"], name="cases_hando_till_en_datum_idx"),
            models.Index(fields=["fran_enhet", "datum"], name="cases_hando_fran_en_datum_idx"),
        )


TARGET_GROUPS = [
    ("ekb", _("Ensamkommande barn")),
    ("ensamkommande_unga", _("Ensamkommande unga 18–20 år")),
    ("asylsokande", _("Asylsökande")),
    ("nyanlanda", _("Nyanlända")),
    ("ovriga", _("Övriga")),
]


class PersonState(models.Model):
    """The person's state on `datum` (normally today), for dashboards and lists.

    Refreshed with every event write and nightly by `manage.py mottagning_refresh` (age and
    phase move with the calendar even when nothing is recorded).
    """

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="tillstand", primary_key=True
    )
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE)
    datum = models.DateField()
    alder = models.PositiveSmallIntegerField(null=True)
    rattslig_status = models.CharField(max_length=30, blank=True)
    fas = models.CharField(max_length=30, blank=True)
    boendeform = models.CharField(max_length=30, blank=True)
    nyanland = models.BooleanField(default=False)
    malgrupp = models.CharField(max_length=30, choices=TARGET_GROUPS, default="ovriga")

    class Meta:
        verbose_name = _("tillstånd i dag")
        verbose_name_plural = _("tillstånd i dag")


class TransitionHandled(models.Model):
    """Who marked which transition handled, and when: the history of that write. Kept apart
    from Transition because transitions are derived rows, replaced whenever a person's events
    are recomputed; this record stays (no foreign key to the transition for that reason)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    typ = models.CharField(_("typ"), max_length=40)
    datum = models.DateField(_("datum"))
    ansvarig_enhet = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    hanterad = models.DateTimeField(_("hanterad"))
    hanterad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("hanterad övergång")
        verbose_name_plural = _("hanterade övergångar")
        ordering = ("-hanterad", "-id")
        indexes = (models.Index(fields=["person", "hanterad"]),)
