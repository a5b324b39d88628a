"""Derived from each person's events by the rules core, stored so worklists and access are queries.

These rows are recomputed in the same transaction as every event write (register.services), so
they never disagree with the timeline they come from.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mottagning.register.models import Municipality, Person, Unit

TRANSITION_TYPES = [
    ("anvisning_mottagande", _("Ta emot anvisad person")),
    ("anmal_fortsatt_ansvar", _("Anmäl fortsatt ansvar till Migrationsverket")),
    ("fyller_18", _("Fyller 18 år")),
    ("fyller_21", _("Fyller 21 år")),
    ("etableringstid_slut", _("Etableringstiden slutar")),
    ("tut_upphor", _("Tillfälligt uppehållstillstånd har gått ut")),
    ("placering_slut", _("Placeringen har slutat")),
    ("gymnasiestudier_slut", _("Gymnasiestudierna har slutat")),
]


class ResponsibilityPeriod(models.Model):
    """A unit held (or will hold) responsibility for an area of a person's life in [fran, till)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ansvarsperioder")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="ansvarsperioder")
    omrade = models.CharField(_("område"), max_length=40)
    arbete = models.CharField(_("arbete"), max_length=30)
    fran = models.DateField(_("från"))
    till = models.DateField(_("till"), null=True, blank=True)  # exclusive; None = open

    class Meta:
        verbose_name = _("ansvarsperiod")
        verbose_name_plural = _("ansvarsperioder")
        indexes = (
            models.Index(fields=["unit", "fran"]),
            models.Index(fields=["person", "unit"]),
        )


class Transition(models.Model):
    """A dated change in a person's situation that someone must act on (a worklist row)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="overgangar")
    typ = models.CharField(_("typ"), max_length=40, choices=TRANSITION_TYPES)
    datum = models.DateField(_("datum"))
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
                condition=models.Q(hanterad__isnull=True),
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
    typ = models.CharField(_("typ"), max_length=40, choices=TRANSITION_TYPES)
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
