"""Mapping (kartläggning) and individual plans with activities, per person.

A plan and a mapping name the unit responsible and the named handläggare; each activity names
who carries it out (one of the municipality's units, or a partner such as Arbetsförmedlingen)
and when it is due. Deadlines are computed from these rows (plans.deadlines), never stored.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords  # type: ignore[import-untyped]  # untyped library

from mottagning.register.models import Municipality, Person, Unit

FORSTA = "forsta"
PEDAGOGISK = "pedagogisk"
MAPPING_KINDS = [
    (FORSTA, _("Första kartläggning")),
    (PEDAGOGISK, _("Pedagogisk kartläggning (elev)")),
]

SFI = "sfi"
ACTIVITY_KINDS = [
    (SFI, _("Sfi")),
    ("samhallsorientering", _("Samhällsorientering")),
    ("praktik", _("Praktik")),
    ("etableringsplan", _("Etableringsplan med Arbetsförmedlingen")),
    ("annan", _("Annan aktivitet")),
]


class Kartlaggning(models.Model):
    """A mapping of a person. `mottagen` is the date its deadline counts from: reception in the
    municipality for the first mapping, first reception in school for a pupil's."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="kartlaggningar")
    slag = models.CharField(_("slag"), max_length=20, choices=MAPPING_KINDS, default=FORSTA)
    enhet = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="kartlaggningar", verbose_name=_("enhet")
    )
    handlaggare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kartlaggningar",
        verbose_name=_("ansvarig handläggare"),
    )
    mottagen = models.DateField(
        _("mottagen"),
        help_text=_(
            "Mottagandet i kommunen (första kartläggningen) eller i skolan (elevens). "
            "Fristen räknas härifrån."
        ),
    )
    utbildning = models.TextField(_("utbildning"), blank=True)
    arbetslivserfarenhet = models.TextField(_("arbetslivserfarenhet"), blank=True)
    sprak = models.TextField(_("språk"), blank=True)
    halsobehov = models.TextField(_("hälsa och behov av stöd"), blank=True)
    korkort = models.CharField(
        _("körkort"), max_length=100, blank=True, help_text=_("Till exempel B, eller saknas.")
    )
    mal = models.TextField(_("mål"), blank=True)
    # The pupil's mapping follows Skolverket's three steps (skollagen 3 kap. 12 c §).
    erfarenheter = models.TextField(_("steg 1: språk och erfarenheter"), blank=True)
    litteracitet = models.TextField(_("steg 2: litteracitet och numeracitet"), blank=True)
    amneskunskaper = models.TextField(_("steg 3: ämneskunskaper"), blank=True)
    rekommendation = models.TextField(
        _("rekommendation"), blank=True, help_text=_("Årskurs, undervisningsgrupp eller insats.")
    )
    klar = models.DateField(_("klar"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kartläggning")
        verbose_name_plural = _("kartläggningar")
        ordering = ("-mottagen", "-id")
        indexes = (models.Index(fields=["municipality", "klar"]),)

    def __str__(self) -> str:
        return f"{self.get_slag_display()} {self.mottagen}"

    def clean(self) -> None:
        if self.klar and self.mottagen and self.klar < self.mottagen:
            raise ValidationError(
                {"klar": _("Kartläggningen kan inte vara klar före mottagandet. Rätta datumet.")}
            )


class IndividuellPlan(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="planer")
    enhet = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="planer", verbose_name=_("ansvarig enhet")
    )
    handlaggare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planer",
        verbose_name=_("ansvarig handläggare"),
    )
    upprattad = models.DateField(_("upprättad"))
    mal = models.TextField(_("mål"), help_text=_("Personens mål med etableringen, med egna ord."))
    avslutad = models.DateField(_("avslutad"), null=True, blank=True)
    # The one fact the follow-up's "självförsörjande när etableringstiden slutar" needs and the
    # register did not hold (issue 13): recorded by the case worker, empty when not known.
    egen_forsorjning = models.BooleanField(
        _("självförsörjande när etableringstiden slutade"),
        null=True,
        blank=True,
        help_text=_(
            "Försörjer sig personen på arbete eller studier när 24 månader gått från "
            "mottagandet (2010:1122 10 §)? Lämna tomt om det inte är känt."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("individuell plan")
        verbose_name_plural = _("individuella planer")
        ordering = ("-upprattad", "-id")

    def __str__(self) -> str:
        return _("Individuell plan %(datum)s") % {"datum": self.upprattad.isoformat()}

    def clean(self) -> None:
        if self.avslutad and self.upprattad and self.avslutad < self.upprattad:
            raise ValidationError(
                {"avslutad": _("Planen kan inte avslutas före den upprättades. Rätta datumet.")}
            )


class Aktivitet(models.Model):
    plan = models.ForeignKey(IndividuellPlan, on_delete=models.CASCADE, related_name="aktiviteter")
    slag = models.CharField(_("aktivitet"), max_length=30, choices=ACTIVITY_KINDS)
    beskrivning = models.CharField(_("beskrivning"), max_length=300, blank=True)
    ansvarig_enhet = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aktiviteter",
        verbose_name=_("ansvarig enhet"),
    )
    partner = models.CharField(
        _("samarbetspart"),
        max_length=200,
        blank=True,
        help_text=_("Till exempel Arbetsförmedlingen eller sfi-anordnaren."),
    )
    ansokan = models.DateField(
        _("ansökan"), null=True, blank=True, help_text=_("För sfi: dagen ansökan kom in.")
    )
    start = models.DateField(_("start"), null=True, blank=True)
    forfaller = models.DateField(_("förfallodatum"))
    klar = models.DateField(_("klar"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ("forfaller", "id")

    def __str__(self) -> str:
        return f"{self.get_slag_display()} {self.forfaller}"

    @property
    def utforare(self) -> str:
        return self.ansvarig_enhet.namn if self.ansvarig_enhet else self.partner

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.ansvarig_enhet_id is None and not self.partner.strip():
            errors["partner"] = str(
                _("Ange vem som ansvarar: välj en enhet eller skriv samarbetsparten.")
            )
        if self.slag == SFI and self.ansokan is None:
            errors["ansokan"] = str(
                _("Ange dagen ansökan om sfi kom in; målet för start räknas från den.")
            )
        if self.start and self.ansokan and self.start < self.ansokan:
            errors["start"] = str(_("Starten kan inte ligga före ansökan. Rätta datumet."))
        if errors:
            raise ValidationError(errors)
