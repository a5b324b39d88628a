"""Follow-up of the municipality's integration work (issue 13): goals in a hierarchy, indicators
with targets and outcomes, yearly action plans with activities, and the auditors' assessments.

None of these rows is about a person. Computed indicators are read from the register when asked
(followup.indicators); only hand-entered and imported outcomes are stored (`Utfall`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords  # type: ignore[import-untyped]  # untyped library

from mottagning.register.models import Committee, Municipality, Unit

# 003 Riktlinjer: "Fyra långsiktiga mål med underliggande kvalitativa mål och delmål".
LANGSIKTIGT = "langsiktigt"
KVALITATIVT = "kvalitativt"
DELMAL = "delmal"
GOAL_LEVELS = [
    (LANGSIKTIGT, _("Långsiktigt mål")),
    (KVALITATIVT, _("Kvalitativt mål")),
    (DELMAL, _("Delmål")),
]
# The level a goal's parent must have.
PARENT_LEVEL = {LANGSIKTIGT: None, KVALITATIVT: LANGSIKTIGT, DELMAL: KVALITATIVT}

HOGRE = "hogre"
LAGRE = "lagre"
DIRECTIONS = [(HOGRE, _("Högre är bättre")), (LAGRE, _("Lägre är bättre"))]

BERAKNAD = "beraknad"
MANUELL = "manuell"
IMPORTERAD = "importerad"
SOURCES = [
    (BERAKNAD, _("Beräknas ur registret")),
    (MANUELL, _("Förs in för hand")),
    (IMPORTERAD, _("Importeras (Kolada-format)")),
]
OUTCOME_SOURCES = [(MANUELL, _("Infört för hand")), (IMPORTERAD, _("Importerat"))]
# Kolada's gender column: T total, K kvinnor, M män.
GENDERS = [("T", _("Totalt")), ("K", _("Kvinnor")), ("M", _("Män"))]

# 003 Integrationsfrämjande insatser: "insatserna behöver sorteras utifrån lagkrav/lokala
# initiativ och på strategisk/operativ nivå".
LAGKRAV = "lagkrav"
LOKALT = "lokalt_initiativ"
GROUNDS = [(LAGKRAV, _("Lagkrav")), (LOKALT, _("Lokalt initiativ"))]
STRATEGISK = "strategisk"
OPERATIV = "operativ"
PLAN_LEVELS = [(STRATEGISK, _("Strategisk")), (OPERATIV, _("Operativ"))]
ACTIVITY_STATUSES = [
    ("ej_paborjad", _("Ej påbörjad")),
    ("pagar", _("Pågår")),
    ("klar", _("Genomförd")),
    ("installd", _("Inställd")),
]

# 003 Måluppfyllelse, "Bedömningen grundas enligt följande", from worst to best.
SCALE = [
    (1, _("Erfordrar väsentliga förbättringar")),
    (2, _("Erfordrar förbättringar")),
    (3, _("Tillfredsställande med mindre iakttagelser")),
    (4, _("Tillfredsställande")),
]

PERIODS = [("delar", _("Delårsrapport (januari–augusti)")), ("bokslut", _("Bokslut (helår)"))]


def _owner_clean(instance: models.Model, municipality_id: int | None, prefix: str) -> None:
    committee = getattr(instance, f"{prefix}namnd")
    unit = getattr(instance, f"{prefix}enhet")
    errors: dict[str, str] = {}
    if committee is None and unit is None:
        errors[f"{prefix}namnd"] = str(_("Ange en ansvarig nämnd eller enhet."))
    for name, owner in ((f"{prefix}namnd", committee), (f"{prefix}enhet", unit)):
        if owner is not None and owner.municipality_id != municipality_id:
            errors[name] = str(_("Välj en nämnd eller enhet i den egna kommunen."))
    if errors:
        raise ValidationError(errors)


class Mal(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    overordnat = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="undermal",
        verbose_name=_("överordnat mål"),
    )
    niva = models.CharField(_("nivå"), max_length=20, choices=GOAL_LEVELS)
    titel = models.CharField(_("mål"), max_length=300)
    beskrivning = models.TextField(_("beskrivning"), blank=True)
    agare_namnd = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ägare (nämnd)"),
    )
    agare_enhet = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ägare (enhet)"),
    )
    giltig_fran = models.DateField(_("gäller från"))
    giltig_till = models.DateField(_("gäller till"), null=True, blank=True)
    kalla = models.CharField(_("källa"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ("giltig_fran", "id")

    def __str__(self) -> str:
        return self.titel

    def clean(self) -> None:
        _owner_clean(self, self.municipality_id, "agare_")
        wanted = PARENT_LEVEL.get(self.niva)
        parent = self.overordnat
        if wanted is None and parent is not None:
            raise ValidationError(
                {"overordnat": _("Ett långsiktigt mål har inget överordnat mål.")}
            )
        if wanted is not None and (parent is None or parent.niva != wanted):
            raise ValidationError(
                {
                    "overordnat": _(
                        "Ett kvalitativt mål hör till ett långsiktigt mål och ett delmål till "
                        "ett kvalitativt mål. Välj ett sådant överordnat mål."
                    )
                }
            )
        if parent is not None and parent.municipality_id != self.municipality_id:
            raise ValidationError({"overordnat": _("Välj ett mål i den egna kommunen.")})
        if self.giltig_till and self.giltig_fran and self.giltig_till < self.giltig_fran:
            raise ValidationError({"giltig_till": _("Slutet kan inte ligga före början.")})


class Indikator(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    mal = models.ForeignKey(
        Mal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indikatorer",
        verbose_name=_("mål"),
    )
    namn = models.CharField(_("indikator"), max_length=300)
    enhet = models.CharField(
        _("enhet"), max_length=30, help_text=_("Till exempel procent, veckor, antal eller kronor.")
    )
    riktning = models.CharField(_("riktning"), max_length=10, choices=DIRECTIONS)
    kalla_typ = models.CharField(_("källa för utfallet"), max_length=20, choices=SOURCES)
    berakning = models.CharField(
        _("beräkning"),
        max_length=60,
        blank=True,
        help_text=_("Koden för beräkningen ur registret (bara för beräknade indikatorer)."),
    )
    kolada_kpi = models.CharField(
        _("Kolada-nyckeltal"), max_length=20, blank=True, help_text=_("Till exempel N00945.")
    )
    kalla = models.CharField(_("källa"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ("id",)

    def __str__(self) -> str:
        return self.namn

    def clean(self) -> None:
        from mottagning.followup.indicators import REGISTRY

        if self.kalla_typ == BERAKNAD and self.berakning not in REGISTRY:
            raise ValidationError(
                {
                    "berakning": _("Välj en av beräkningarna ur registret: %(k)s.")
                    % {"k": ", ".join(sorted(REGISTRY))}
                }
            )
        if self.kalla_typ != BERAKNAD and self.berakning:
            raise ValidationError(
                {"berakning": _("Bara en beräknad indikator har en beräkning. Töm fältet.")}
            )
        if self.kalla_typ == IMPORTERAD and not self.kolada_kpi.strip():
            raise ValidationError(
                {"kolada_kpi": _("En importerad indikator behöver sitt Kolada-nyckeltal.")}
            )
        if self.mal is not None and self.mal.municipality_id != self.municipality_id:
            raise ValidationError({"mal": _("Välj ett mål i den egna kommunen.")})


class Malvarde(models.Model):
    """The target an indicator shall reach in a year."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="malvarden")
    ar = models.PositiveSmallIntegerField(_("år"), validators=[MinValueValidator(2000)])
    varde = models.DecimalField(_("målvärde"), max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("målvärde")
        verbose_name_plural = _("målvärden")
        ordering = ("ar",)
        constraints = (
            models.UniqueConstraint(fields=["indikator", "ar"], name="malvarde_unique_year"),
        )


class Utfall(models.Model):
    """An outcome entered by hand (with its comment) or imported from a Kolada-format file.
    `kommunkod` is the municipality code of the figure (Kolada's four digits) when it is a
    comparison figure of another municipality or of the whole country (0000); blank is our own."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="utfall")
    ar = models.PositiveSmallIntegerField(_("år"), validators=[MinValueValidator(2000)])
    kon = models.CharField(_("kön"), max_length=1, choices=GENDERS, default="T")
    kommunkod = models.CharField(_("kommunkod"), max_length=4, blank=True)
    varde = models.DecimalField(_("värde"), max_digits=14, decimal_places=2)
    kommentar = models.TextField(_("kommentar"), blank=True)
    kalla_typ = models.CharField(_("källa"), max_length=20, choices=OUTCOME_SOURCES)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("utfall")
        verbose_name_plural = _("utfall")
        ordering = ("ar", "kommunkod", "kon")
        constraints = (
            models.UniqueConstraint(
                fields=["indikator", "ar", "kon", "kommunkod"], name="utfall_unique"
            ),
        )

    def clean(self) -> None:
        if self.kalla_typ == MANUELL and not self.kommentar.strip():
            raise ValidationError(
                {
                    "kommentar": _(
                        "Skriv en kommentar: var värdet kommer ifrån och hur det tagits fram."
                    )
                }
            )


class Handlingsplan(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    ar = models.PositiveSmallIntegerField(_("år"), validators=[MinValueValidator(2000)])
    namn = models.CharField(_("namn"), max_length=200)
    namnd = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslutad av nämnd"),
    )
    kalla = models.CharField(_("källa"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("handlingsplan")
        verbose_name_plural = _("handlingsplaner")
        ordering = ("-ar", "namn")
        constraints = (
            models.UniqueConstraint(
                fields=["municipality", "ar", "namn"], name="handlingsplan_unique"
            ),
        )

    def __str__(self) -> str:
        return f"{self.namn} {self.ar}"

    def clean(self) -> None:
        if self.namnd is not None and self.namnd.municipality_id != self.municipality_id:
            raise ValidationError({"namnd": _("Välj en nämnd i den egna kommunen.")})


class PlanAktivitet(models.Model):
    plan = models.ForeignKey(Handlingsplan, on_delete=models.CASCADE, related_name="aktiviteter")
    mal = models.ForeignKey(
        Mal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aktiviteter",
        verbose_name=_("mål"),
    )
    titel = models.CharField(_("aktivitet"), max_length=300)
    ansvarig_namnd = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarig nämnd"),
    )
    ansvarig_enhet = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarig enhet"),
    )
    grund = models.CharField(_("grund"), max_length=20, choices=GROUNDS)
    niva = models.CharField(_("nivå"), max_length=20, choices=PLAN_LEVELS)
    status = models.CharField(
        _("status"), max_length=20, choices=ACTIVITY_STATUSES, default="ej_paborjad"
    )
    forfaller = models.DateField(_("klart senast"))
    uppfoljning = models.TextField(_("uppföljning"), blank=True)
    kalla = models.CharField(_("källa"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aktivitet i handlingsplan")
        verbose_name_plural = _("aktiviteter i handlingsplan")
        ordering = ("forfaller", "id")

    def __str__(self) -> str:
        return self.titel

    def clean(self) -> None:
        _owner_clean(self, self.plan.municipality_id, "ansvarig_")
        if self.mal is not None and self.mal.municipality_id != self.plan.municipality_id:
            raise ValidationError({"mal": _("Välj ett mål i den egna kommunen.")})


class Granskningsomrade(models.Model):
    """An area the auditors assess (003's table: Riktlinjer, Organisering, …)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    namn = models.CharField(_("område"), max_length=200)
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("granskningsområde")
        verbose_name_plural = _("granskningsområden")
        ordering = ("ordning", "namn")
        constraints = (
            models.UniqueConstraint(fields=["municipality", "namn"], name="omrade_unique"),
        )

    def __str__(self) -> str:
        return self.namn


class Bedomning(models.Model):
    """An area assessed in a year. `niva` is empty when the audit report states no level for
    the area (003 gives one overall assessment in 2017, not one per area)."""

    omrade = models.ForeignKey(
        Granskningsomrade, on_delete=models.PROTECT, related_name="bedomningar"
    )
    ar = models.PositiveSmallIntegerField(
        _("år"), validators=[MinValueValidator(2000), MaxValueValidator(2199)]
    )
    niva = models.PositiveSmallIntegerField(_("bedömning"), choices=SCALE, null=True, blank=True)
    grunder = models.TextField(_("grunder"))
    rekommendation = models.TextField(_("rekommendation"), blank=True)
    rekommendation_foljd = models.BooleanField(
        _("tidigare rekommendation följd"), null=True, blank=True
    )
    kalla = models.CharField(_("källa"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bedömning")
        verbose_name_plural = _("bedömningar")
        ordering = ("omrade__ordning", "ar")
        constraints = (models.UniqueConstraint(fields=["omrade", "ar"], name="bedomning_unique"),)
