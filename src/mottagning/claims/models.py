"""Economy: actual costs per person and period, claims (ansökningar) to Migrationsverket with
their lines and status history, and Migrationsverket's payment decisions (utbetalningsbeslut).

Amounts are Decimal kronor with two decimals, never float. Every model keeps its history
(django-simple-history) with who and why; the status history of a claim is also rows of its own
(AnsokanHandelse) because the ekonom reads it as part of the claim.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords  # type: ignore[import-untyped]  # untyped library

from mottagning.claims.types import CLAIM_TYPE_CHOICES, COST_KINDS, TYPE_CHOICES
from mottagning.placements.models import Placering
from mottagning.register.models import Municipality, Person, Unit

# Kronor with öre; 14 digits hold any municipality's yearly sums.


class Kostnad(models.Model):
    """One actual cost for one person and period, paid by one unit."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="kostnader")
    enhet = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="kostnader", verbose_name=_("enhet")
    )
    slag = models.CharField(_("slag"), max_length=30, choices=COST_KINDS)
    fran = models.DateField(_("från"))
    till = models.DateField(_("till"))
    belopp = models.DecimalField(_("belopp (kr)"), max_digits=14, decimal_places=2)
    anordnare = models.CharField(
        _("anordnare"), max_length=200, blank=True, help_text=_("Vem som fakturerade.")
    )
    dagar = models.PositiveIntegerField(_("dygn"), null=True, blank=True)
    # An invoice for a placement registered in the placements app replaces that placement's
    # cost per day for the invoice's quarter (never both; claims.services.register_costs).
    placering = models.ForeignKey(
        Placering,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fakturor",
        verbose_name=_("placering"),
    )
    verifikation = models.CharField(
        _("verifikation"),
        max_length=60,
        blank=True,
        help_text=_("Verifikationsnummer i ekonomisystemet."),
    )
    skapad = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kostnad")
        verbose_name_plural = _("kostnader")
        ordering = ("-fran", "-id")
        indexes = (models.Index(fields=["municipality", "slag", "fran"]),)

    def __str__(self) -> str:
        return f"{self.get_slag_display()} {self.fran}–{self.till}: {self.belopp} kr"


UTKAST = "utkast"
INSKICKAD = "inskickad"
BEVILJAD = "beviljad"
DELVIS_BEVILJAD = "delvis_beviljad"
AVSLAG = "avslag"
UTBETALD = "utbetald"
OVERKLAGAD = "overklagad"
STATUSES = [
    (UTKAST, _("Utkast")),
    (INSKICKAD, _("Inskickad")),
    (BEVILJAD, _("Beviljad")),
    (DELVIS_BEVILJAD, _("Delvis beviljad")),
    (AVSLAG, _("Avslag")),
    (UTBETALD, _("Utbetald")),
    (OVERKLAGAD, _("Överklagad")),
]


class Ansokan(models.Model):
    """A claim of one type for one quarter of one municipality."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    typ = models.CharField(_("typ"), max_length=40, choices=CLAIM_TYPE_CHOICES)
    ar = models.PositiveSmallIntegerField(_("år"))
    kvartal = models.PositiveSmallIntegerField(_("kvartal"))
    fran = models.DateField(_("från"))
    till = models.DateField(_("till"))
    ansok_senast = models.DateField(_("ansök senast"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=STATUSES, default=UTKAST)
    belopp_ansokt = models.DecimalField(
        _("ansökt belopp (kr)"), default=0, max_digits=14, decimal_places=2
    )
    belopp_beviljat = models.DecimalField(
        _("beviljat belopp (kr)"), null=True, blank=True, max_digits=14, decimal_places=2
    )
    belopp_utbetalt = models.DecimalField(
        _("utbetalt belopp (kr)"), null=True, blank=True, max_digits=14, decimal_places=2
    )
    # The day the nightly job last sent the reminder: a second run that day sends none.
    paminnelse = models.DateField(_("påmind"), null=True, blank=True)
    skapad = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["paminnelse"])

    class Meta:
        verbose_name = _("ansökan")
        verbose_name_plural = _("ansökningar")
        ordering = ("-ar", "-kvartal", "typ")
        constraints = (
            models.UniqueConstraint(
                fields=["municipality", "typ", "ar", "kvartal"], name="ansokan_unique"
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_typ_display()} {self.ar} kv {self.kvartal}"


class AnsokanRad(models.Model):
    """One expected item of one person in a claim, as the engine computed it."""

    ansokan = models.ForeignKey(Ansokan, on_delete=models.CASCADE, related_name="rader")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    fran = models.DateField(_("från"))
    till = models.DateField(_("till"))
    antal = models.PositiveIntegerField(_("antal"))
    enhet = models.CharField(_("enhet"), max_length=10)
    belopp = models.DecimalField(_("belopp (kr)"), max_digits=14, decimal_places=2)
    regel = models.CharField(_("regel"), max_length=40)
    forfattning = models.CharField(_("författning"), max_length=100)
    antagande = models.BooleanField(_("antagande"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ansökningsrad")
        verbose_name_plural = _("ansökningsrader")
        ordering = ("person_id", "fran", "id")

    def __str__(self) -> str:
        return f"{self.regel} {self.fran}–{self.till}: {self.belopp} kr"


class AnsokanHandelse(models.Model):
    """One step in a claim's status history: to which status, when, by whom, with which
    amount (granted or paid) and note."""

    ansokan = models.ForeignKey(Ansokan, on_delete=models.CASCADE, related_name="handelser")
    status = models.CharField(_("status"), max_length=20, choices=STATUSES)
    datum = models.DateField(_("datum"))
    belopp = models.DecimalField(
        _("belopp (kr)"), null=True, blank=True, max_digits=14, decimal_places=2
    )
    notering = models.TextField(_("notering"), blank=True)
    av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    skapad = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("statusändring")
        verbose_name_plural = _("statusändringar")
        ordering = ("skapad", "id")

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.datum}"


class Utbetalning(models.Model):
    """One row of Migrationsverket's payment decision: what was paid for which type, quarter
    and (where the decision names one) person."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    beslutsdatum = models.DateField(_("beslutsdatum"))
    referens = models.CharField(_("beslutets referens"), max_length=60)
    typ = models.CharField(_("typ"), max_length=40, choices=TYPE_CHOICES)
    ar = models.PositiveSmallIntegerField(_("år"))
    kvartal = models.PositiveSmallIntegerField(_("kvartal"))
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    belopp = models.DecimalField(_("belopp (kr)"), max_digits=14, decimal_places=2)
    filnamn = models.CharField(max_length=255)
    importerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    skapad = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("utbetalningsbeslut")
        verbose_name_plural = _("utbetalningsbeslut")
        ordering = ("ar", "kvartal", "typ", "id")
        indexes = (models.Index(fields=["municipality", "ar", "kvartal"]),)

    def __str__(self) -> str:
        return f"{self.referens} {self.typ} {self.ar} kv {self.kvartal}: {self.belopp} kr"


KOSTNADER = "kostnader"
UTBETALNINGAR = "utbetalningar"
IMPORT_KINDS = [
    (KOSTNADER, _("Kostnader från ekonomisystemet")),
    (UTBETALNINGAR, _("Migrationsverkets utbetalningsbeslut")),
]


class EkonomiImport(models.Model):
    """An uploaded file kept for its preview, committed once (like register.ImportBatch, whose
    reading and commit pattern it shares; see claims/imports.py)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    slag = models.CharField(max_length=20, choices=IMPORT_KINDS)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filnamn = models.CharField(max_length=255)
    innehall = models.BinaryField()
    skapad = models.DateTimeField(auto_now_add=True)
    genomford = models.DateTimeField(null=True, blank=True)
    antal = models.PositiveIntegerField(default=0)
    history = HistoricalRecords(excluded_fields=["innehall"])

    class Meta:
        verbose_name = _("ekonomiimport")
        verbose_name_plural = _("ekonomiimporter")

    def __str__(self) -> str:
        return self.filnamn


class ForvantadPost(models.Model):
    """One compensation item the engine expects for a person (rules.compensation), stored by
    the nightly recomputation (claims.services.forvantat_recompute) so pages, claims and the
    deadline worklist read it without running the engine."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    typ = models.CharField(_("typ"), max_length=40, choices=TYPE_CHOICES)
    fran = models.DateField(_("från"))
    till = models.DateField(_("till"))
    antal = models.PositiveIntegerField(_("antal"))
    enhet = models.CharField(_("enhet"), max_length=10)
    a_pris = models.DecimalField(_("à-pris (kr)"), max_digits=14, decimal_places=2)
    belopp = models.DecimalField(_("belopp (kr)"), max_digits=14, decimal_places=2)
    ansokan = models.BooleanField(_("kräver ansökan"))
    ansok_senast = models.DateField(_("ansök senast"), null=True, blank=True)
    forfattning = models.CharField(_("författning"), max_length=100)
    regel = models.CharField(_("regel"), max_length=40)
    kalla = models.TextField(_("källa"))
    antagande = models.BooleanField(_("antagande"), default=False)
    beraknad = models.DateTimeField(_("beräknad"), auto_now=True)

    class Meta:
        verbose_name = _("förväntad ersättning")
        verbose_name_plural = _("förväntade ersättningar")
        ordering = ("person_id", "fran", "typ")
        indexes = (models.Index(fields=["municipality", "typ", "fran"]),)

    def __str__(self) -> str:
        return f"{self.typ} {self.fran}–{self.till}: {self.belopp} kr"


class ParameterVarde(models.Model):
    """A value a user entered for a year a source does not give (an antagande), used by the
    engine for this municipality through ParameterSet.with_overrides."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    namn = models.CharField(_("parameter"), max_length=100)
    fran = models.DateField(_("gäller från"))
    varde = models.DecimalField(_("värde"), max_digits=14, decimal_places=2)
    notering = models.TextField(_("källa eller notering"))
    skapad = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("eget parametervärde")
        verbose_name_plural = _("egna parametervärden")
        ordering = ("namn", "fran")
        constraints = (
            models.UniqueConstraint(
                fields=["municipality", "namn", "fran"], name="parametervarde_unique"
            ),
        )

    def __str__(self) -> str:
        return f"{self.namn} {self.fran}: {self.varde}"
