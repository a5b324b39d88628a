"""Internship bank, volunteers, associations and grants, meeting places and networks.

Everything here belongs to a municipality and is managed by its samordnare; persons appear
only in internships (Praktik), consents (Samtycke) and volunteer matches, and are read through
register.selectors like every person record. Vocabularies and their sources: matching.codes.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords  # type: ignore[import-untyped]  # untyped library

from mottagning.matching import codes, labels
from mottagning.matching.labels import choices
from mottagning.plans.models import Kartlaggning
from mottagning.register.models import Municipality, Person


def _validate_orgnr(value: str) -> None:
    error = codes.orgnr_error(value)
    if error:
        raise ValidationError(error)


def _validate_ssyk(value: str) -> None:
    error = codes.ssyk_error(value)
    if error:
        raise ValidationError(error)


def _validate_ssyk_list(value: str) -> None:
    for code in codes.ssyk_split(value):
        _validate_ssyk(code)


class Avslutbar(models.Model):
    """A catalogue record that can be closed: kept for history and yearly totals, but no longer
    offered in active lists or in the ranking (matching.selectors)."""

    avslutad = models.DateField(_("avslutad"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def aktiv(self) -> bool:
        return self.avslutad is None


class Arbetsgivare(Avslutbar):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    namn = models.CharField(_("namn"), max_length=200)
    orgnr = models.CharField(_("organisationsnummer"), max_length=11, validators=[_validate_orgnr])
    ort = models.CharField(_("ort"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("arbetsgivare")
        verbose_name_plural = _("arbetsgivare")
        ordering = ("namn", "id")
        constraints = (
            models.UniqueConstraint(fields=["municipality", "orgnr"], name="arbetsgivare_orgnr"),
        )

    def __str__(self) -> str:
        return self.namn


class Forening(Avslutbar):
    """An association, study association, church or other civil-society organisation."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    namn = models.CharField(_("namn"), max_length=200)
    orgnr = models.CharField(_("organisationsnummer"), max_length=11, validators=[_validate_orgnr])
    verksamhet = models.TextField(_("verksamhet"), blank=True)
    sprak = models.CharField(_("språk"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("förening")
        verbose_name_plural = _("föreningar")
        ordering = ("namn", "id")
        constraints = (
            models.UniqueConstraint(fields=["municipality", "orgnr"], name="forening_orgnr"),
        )

    def __str__(self) -> str:
        return self.namn


class Kontaktperson(models.Model):
    """A contact at an employer or an association (exactly one of them)."""

    arbetsgivare = models.ForeignKey(
        Arbetsgivare, on_delete=models.CASCADE, null=True, blank=True, related_name="kontakter"
    )
    forening = models.ForeignKey(
        Forening, on_delete=models.CASCADE, null=True, blank=True, related_name="kontakter"
    )
    namn = models.CharField(_("namn"), max_length=200)
    roll = models.CharField(_("roll"), max_length=100, blank=True)
    telefon = models.CharField(_("telefon"), max_length=40, blank=True)
    epost = models.EmailField(_("e-post"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")
        ordering = ("namn", "id")
        constraints = (
            models.CheckConstraint(
                condition=(
                    models.Q(arbetsgivare__isnull=False, forening__isnull=True)
                    | models.Q(arbetsgivare__isnull=True, forening__isnull=False)
                ),
                name="kontaktperson_en_organisation",
            ),
        )

    def __str__(self) -> str:
        return self.namn


class Praktikplats(Avslutbar):
    arbetsgivare = models.ForeignKey(
        Arbetsgivare,
        on_delete=models.PROTECT,
        related_name="platser",
        verbose_name=_("arbetsgivare"),
    )
    titel = models.CharField(_("titel"), max_length=200)
    ssyk = models.CharField(
        _("yrke (SSYK 2012)"),
        max_length=4,
        validators=[_validate_ssyk],
        help_text=_("En till fyra siffror ur SCB:s SSYK 2012, till exempel 5120."),
    )
    ort = models.CharField(_("ort"), max_length=100)
    krav_svenska = models.CharField(
        _("krav: svenska"),
        max_length=20,
        choices=choices(codes.SVENSKA, labels.SVENSKA),
        default="ingen",
    )
    krav_utbildning = models.CharField(
        _("krav: utbildning"),
        max_length=20,
        choices=choices(codes.UTBILDNING, labels.UTBILDNING),
        default="ingen",
    )
    krav_korkort = models.CharField(
        _("krav: körkort"),
        max_length=4,
        blank=True,
        choices=[(k, k) for k in codes.KORKORT],
    )
    fran = models.DateField(_("från"))
    till = models.DateField(_("till"), null=True, blank=True)
    kapacitet = models.PositiveSmallIntegerField(
        _("antal platser"), default=1, validators=[MinValueValidator(1)]
    )
    kontakt = models.ForeignKey(
        Kontaktperson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="platser",
        verbose_name=_("kontaktperson"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("praktikplats")
        verbose_name_plural = _("praktikplatser")
        ordering = ("titel", "id")

    def __str__(self) -> str:
        return f"{self.titel} ({self.arbetsgivare})"

    @property
    def yrke(self) -> str:
        return codes.ssyk_name(self.ssyk)

    def clean(self) -> None:
        if self.till and self.fran and self.till < self.fran:
            raise ValidationError(
                {"till": _("Perioden kan inte sluta före den börjar. Rätta datumet.")}
            )


class Kompetensprofil(models.Model):
    """The outcome of a person's mapping in the codes matching needs: the mapping itself
    (plans.Kartlaggning) keeps the free text; this is its coding, one per mapping. Driving
    licence is read from the mapping; the goals may also come from the plan (plans)."""

    kartlaggning = models.OneToOneField(
        Kartlaggning, on_delete=models.CASCADE, related_name="kompetensprofil"
    )
    svenska = models.CharField(
        _("svenska"), max_length=20, choices=choices(codes.SVENSKA, labels.SVENSKA), default="ingen"
    )
    utbildning = models.CharField(
        _("utbildning"),
        max_length=20,
        choices=choices(codes.UTBILDNING, labels.UTBILDNING),
        default="ingen",
    )
    erfarenhet = models.CharField(
        _("yrkeserfarenhet (SSYK)"),
        max_length=100,
        blank=True,
        validators=[_validate_ssyk_list],
        help_text=_("SSYK-koder åtskilda med kommatecken, till exempel 5120, 9412."),
    )
    mal = models.CharField(
        _("yrkesmål (SSYK)"),
        max_length=100,
        blank=True,
        validators=[_validate_ssyk_list],
        help_text=_("SSYK-koder åtskilda med kommatecken."),
    )
    ort = models.CharField(_("bor i (ort)"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kompetensprofil")
        verbose_name_plural = _("kompetensprofiler")


class Praktik(models.Model):
    """A person's internship in a place."""

    plats = models.ForeignKey(Praktikplats, on_delete=models.PROTECT, related_name="praktiker")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="praktiker")
    start = models.DateField(_("start"))
    slut = models.DateField(_("slut"), null=True, blank=True)
    handledare = models.CharField(_("handledare"), max_length=200)
    utfall = models.CharField(
        _("utfall"),
        max_length=20,
        choices=choices(codes.PRAKTIK_UTFALL, labels.PRAKTIK_UTFALL),
        blank=True,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("praktik")
        verbose_name_plural = _("praktiker")
        ordering = ("-start", "id")

    def __str__(self) -> str:
        return f"{self.plats.titel} {self.start}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.slut and self.start and self.slut < self.start:
            errors["slut"] = str(_("Praktiken kan inte sluta före den börjar. Rätta datumet."))
        if self.utfall and not self.slut:
            errors["slut"] = str(_("Ange slutdatum när utfallet registreras."))
        if errors:
            raise ValidationError(errors)


class Uppfoljning(models.Model):
    """A follow-up date of an internship, and when it was held."""

    praktik = models.ForeignKey(Praktik, on_delete=models.CASCADE, related_name="uppfoljningar")
    datum = models.DateField(_("planerad"))
    genomford = models.DateField(_("genomförd"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uppföljning")
        verbose_name_plural = _("uppföljningar")
        ordering = ("datum", "id")


class Volontar(Avslutbar):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    namn = models.CharField(_("namn"), max_length=200)
    telefon = models.CharField(_("telefon"), max_length=40, blank=True)
    epost = models.EmailField(_("e-post"), blank=True)
    insatser = models.CharField(
        _("erbjuder"), max_length=100, help_text=_("Koder åtskilda med kommatecken.")
    )
    sprak = models.CharField(_("språk"), max_length=200, blank=True)
    tillganglighet = models.CharField(
        _("tillgänglighet"), max_length=200, blank=True, help_text=_("Till exempel tisdagskvällar.")
    )
    belastningsregister = models.DateField(
        _("utdrag ur belastningsregistret, daterat"),
        null=True,
        blank=True,
        help_text=_("Krävs för matchning med barn; gäller ett år från datumet."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("volontär")
        verbose_name_plural = _("volontärer")
        ordering = ("namn", "id")

    def __str__(self) -> str:
        return self.namn

    def insats_list(self) -> list[str]:
        return [c for c in (x.strip() for x in self.insatser.split(",")) if c]

    def clean(self) -> None:
        known = set(codes.VOLONTARINSATSER)
        offered = self.insats_list()
        if not offered or set(offered) - known:
            raise ValidationError(
                {"insatser": _("Välj minst en insats: vän/språkvän, vägvisare eller läxhjälp.")}
            )


class Samtycke(models.Model):
    """A person's consent: who gave it, when, to whom it was recorded, for what. Withdrawing it
    ends every match that rests on it (matching.services.samtycke_withdraw)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="samtycken")
    andamal = models.CharField(
        _("för vad"),
        max_length=20,
        choices=choices(codes.SAMTYCKE_ANDAMAL, labels.SAMTYCKE_ANDAMAL),
    )
    lamnat = models.DateField(_("lämnat"))
    registrerat_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aterkallat = models.DateField(_("återkallat"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("samtycke")
        verbose_name_plural = _("samtycken")
        ordering = ("-lamnat", "id")

    @property
    def giltigt(self) -> bool:
        return self.aterkallat is None


class VolontarMatchning(models.Model):
    volontar = models.ForeignKey(Volontar, on_delete=models.PROTECT, related_name="matchningar")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="volontarmatchningar")
    samtycke = models.ForeignKey(Samtycke, on_delete=models.PROTECT, related_name="matchningar")
    insats = models.CharField(
        _("insats"), max_length=20, choices=choices(codes.VOLONTARINSATSER, labels.VOLONTARINSATSER)
    )
    start = models.DateField(_("start"))
    slut = models.DateField(_("slut"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("volontärmatchning")
        verbose_name_plural = _("volontärmatchningar")
        ordering = ("-start", "id")


class Traff(models.Model):
    """A meeting between a volunteer and a person: date, length and kind only. No free text,
    on purpose: notes about a person's circumstances would make this a record of sensitive
    personal data (GDPR art. 9, OSL 26 kap.) held outside case work, where a volunteer
    coordinator may not keep it."""

    matchning = models.ForeignKey(
        VolontarMatchning, on_delete=models.CASCADE, related_name="traffar"
    )
    datum = models.DateField(_("datum"))
    minuter = models.PositiveSmallIntegerField(
        _("längd (minuter)"), validators=[MinValueValidator(1)]
    )
    slag = models.CharField(
        _("slag"), max_length=20, choices=choices(codes.TRAFF_SLAG, labels.TRAFF_SLAG)
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("träff")
        verbose_name_plural = _("träffar")
        ordering = ("-datum", "id")


class Bidragsansokan(models.Model):
    """An association's application for a grant to an integration project, through decision,
    payment and follow-up report; the state moves only as codes.BIDRAG_OVERGANGAR allows."""

    forening = models.ForeignKey(Forening, on_delete=models.PROTECT, related_name="ansokningar")
    projekt = models.CharField(_("projekt"), max_length=200)
    syfte = models.CharField(
        _("syfte"), max_length=30, choices=choices(codes.BIDRAG_SYFTE, labels.BIDRAG_SYFTE)
    )
    inkom = models.DateField(_("inkom"))
    sokt_belopp = models.DecimalField(
        _("sökt belopp (kr)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    budget = models.TextField(_("budget"), help_text=_("En post per rad: vad och belopp."))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=choices(codes.BIDRAG_STATUS, labels.BIDRAG_STATUS),
        default="ansokt",
    )
    beslutsdatum = models.DateField(_("beslutsdatum"), null=True, blank=True)
    beviljat_belopp = models.DecimalField(
        _("beviljat belopp (kr)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    villkor = models.TextField(_("villkor"), blank=True)
    utbetalt_datum = models.DateField(_("utbetalt"), null=True, blank=True)
    utbetalt_belopp = models.DecimalField(
        _("utbetalt belopp (kr)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    rapport_datum = models.DateField(_("återrapport inkom"), null=True, blank=True)
    deltagare = models.PositiveIntegerField(_("deltagare"), null=True, blank=True)
    resultat = models.TextField(_("resultat"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bidragsansökan")
        verbose_name_plural = _("bidragsansökningar")
        ordering = ("-inkom", "id")

    def __str__(self) -> str:
        return f"{self.projekt} ({self.forening})"


class Motesplats(Avslutbar):
    """A meeting place (Vingåker's Mötesplatsen, 002 §4; Östersund's mötesplatser, 003)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    namn = models.CharField(_("namn"), max_length=200)
    adress = models.CharField(_("adress"), max_length=200, blank=True)
    arrangorer = models.CharField(_("drivs av"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mötesplats")
        verbose_name_plural = _("mötesplatser")
        ordering = ("namn", "id")

    def __str__(self) -> str:
        return self.namn


class Arrangemang(models.Model):
    """An activity at a meeting place on a date; public ones are shown in the open calendar,
    which has no personal data (no participants, no contact persons)."""

    motesplats = models.ForeignKey(Motesplats, on_delete=models.CASCADE, related_name="arrangemang")
    titel = models.CharField(_("aktivitet"), max_length=200)
    datum = models.DateField(_("datum"))
    borjar = models.TimeField(_("börjar"))
    slutar = models.TimeField(_("slutar"))
    beskrivning = models.CharField(_("beskrivning"), max_length=500, blank=True)
    publik = models.BooleanField(_("visas i den öppna kalendern"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aktivitet på mötesplats")
        verbose_name_plural = _("aktiviteter på mötesplatser")
        ordering = ("datum", "borjar", "id")

    def clean(self) -> None:
        if self.borjar and self.slutar and self.slutar <= self.borjar:
            raise ValidationError({"slutar": _("Aktiviteten måste sluta efter att den börjar.")})


class Natverksmote(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    namn = models.CharField(_("nätverk"), max_length=200)
    datum = models.DateField(_("datum"))
    plats = models.CharField(_("plats"), max_length=200, blank=True)
    foreningar = models.ManyToManyField(Forening, blank=True, related_name="natverksmoten")
    andra_organisationer = models.CharField(
        _("andra organisationer"),
        max_length=500,
        blank=True,
        help_text=_("Till exempel Arbetsförmedlingen, Länsstyrelsen."),
    )
    overenskommelser = models.TextField(_("överenskomna punkter"), help_text=_("En punkt per rad."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nätverksmöte")
        verbose_name_plural = _("nätverksmöten")
        ordering = ("-datum", "id")

    def punkter(self) -> list[str]:
        return [line.strip() for line in self.overenskommelser.splitlines() if line.strip()]
