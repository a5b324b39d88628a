"""Housing against the quota: the yearly kommuntal, homes with their contracts, and who lives
where. The assignments counted against the kommuntal are the register's `anvisning` events
(one place per fact); housing.selectors counts them per quota year."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords  # type: ignore[import-untyped]  # untyped library

from mottagning.register.models import Municipality, Person, Unit

TIDSBEGRANSAT = "tidsbegransat"
CONTRACT_KINDS = [
    ("forstahand", _("Förstahandskontrakt")),
    ("andrahand", _("Andrahandskontrakt")),
    ("socialt_kontrakt", _("Socialt kontrakt")),
    (TIDSBEGRANSAT, _("Tidsbegränsat kontrakt")),
]


class Kommuntal(models.Model):
    """How many anvisade the municipality shall receive in a year: the Länsstyrelse's decision
    (bosättningslagen 2016:38; förordning 2016:40; from 2017 set by the Länsstyrelse)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    ar = models.PositiveSmallIntegerField(_("år"), validators=[MinValueValidator(2016)])
    antal = models.PositiveIntegerField(_("kommuntal"))
    beslutsdatum = models.DateField(_("beslutsdatum"), null=True, blank=True)
    kalla = models.CharField(
        _("källa"),
        max_length=300,
        help_text=_("Länsstyrelsens beslut, till exempel diarienummer och datum."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kommuntal")
        verbose_name_plural = _("kommuntal")
        ordering = ("-ar",)
        constraints = (
            models.UniqueConstraint(fields=["municipality", "ar"], name="kommuntal_unique_year"),
        )

    def __str__(self) -> str:
        return f"{self.ar}: {self.antal}"


class Bostad(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    enhet = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="bostader", verbose_name=_("förvaltande enhet")
    )
    adress = models.CharField(_("adress"), max_length=200)
    postnummer = models.CharField(_("postnummer"), max_length=10, blank=True)
    ort = models.CharField(_("ort"), max_length=100, blank=True)
    hyresvard = models.CharField(_("hyresvärd"), max_length=200)
    rum = models.PositiveSmallIntegerField(_("antal rum"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bostad")
        verbose_name_plural = _("bostäder")
        ordering = ("adress", "id")

    def __str__(self) -> str:
        return ", ".join(p for p in (self.adress, self.ort) if p)


class Kontrakt(models.Model):
    bostad = models.ForeignKey(Bostad, on_delete=models.CASCADE, related_name="kontrakt")
    slag = models.CharField(_("kontraktsform"), max_length=20, choices=CONTRACT_KINDS)
    hyra = models.DecimalField(
        _("hyra per månad (kr)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    start = models.DateField(_("start"))
    slut = models.DateField(_("slut"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kontrakt")
        verbose_name_plural = _("kontrakt")
        ordering = ("-start", "-id")
        indexes = (models.Index(fields=["slut"]),)

    def __str__(self) -> str:
        end = self.slut.isoformat() if self.slut else "…"
        return f"{self.get_slag_display()} {self.start.isoformat()}–{end}"

    def clean(self) -> None:
        if self.slut and self.start and self.slut < self.start:
            raise ValidationError({"slut": _("Kontraktet kan inte sluta före det börjar.")})
        if self.slag == TIDSBEGRANSAT and self.slut is None:
            raise ValidationError({"slut": _("Ett tidsbegränsat kontrakt behöver ett slutdatum.")})


class Boende(models.Model):
    """A person lives in a home under a contract from `fran` to `till` (inclusive; None: still)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="boenden")
    kontrakt = models.ForeignKey(Kontrakt, on_delete=models.PROTECT, related_name="boenden")
    fran = models.DateField(_("inflyttning"))
    till = models.DateField(_("utflyttning"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("boende")
        verbose_name_plural = _("boenden")
        ordering = ("-fran", "-id")
        indexes = (models.Index(fields=["person", "fran"]),)

    def __str__(self) -> str:
        return f"{self.kontrakt.bostad} {self.fran.isoformat()}"

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.till and self.fran and self.till < self.fran:
            errors["till"] = _("Utflyttningen kan inte ligga före inflyttningen.")
        contract = self.kontrakt if self.kontrakt_id else None
        outside = contract is not None and (
            self.fran < contract.start or (contract.slut is not None and self.fran > contract.slut)
        )
        if self.fran and outside:
            errors["fran"] = _(
                "Inflyttningen ligger utanför kontraktets tid (%(tid)s). "
                "Välj ett datum inom kontraktet eller lägg in ett nytt kontrakt."
            ) % {"tid": str(contract)}
        if errors:
            raise ValidationError(errors)
