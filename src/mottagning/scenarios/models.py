# mypy: disable-error-code="import-untyped"
# (django-stubs loads django-otp's and simple-history's models while checking this app; they
# ship no types.)
"""Saved planning scenarios (issue 12 item 1): a planning page's assumptions under a name,
kept by the municipality, with every save as a numbered version saying who, when and what
changed. Amounts the user put in place of a parameter are exact öre (`ScenarioBelopp`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mottagning.register.models import Municipality

BUDGET = "budget"
PROGNOS = "prognos"
JAMFOR = "jamfor"
SIDOR = [
    (BUDGET, _("Budget")),
    (PROGNOS, _("Prognos")),
    (JAMFOR, _("Jämför organisation")),
]


class Scenario(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("kommun")
    )
    namn = models.CharField(_("namn"), max_length=200)
    sida = models.CharField(_("sida"), max_length=10, choices=SIDOR)
    skapad = models.DateTimeField(_("skapad"), auto_now_add=True)
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Archived rather than deleted: its versions stay readable (who decided on what).
    arkiverad = models.DateTimeField(_("arkiverad"), null=True, blank=True)
    arkiverad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Who created, renamed, archived and restored it, and when: restoring clears `arkiverad`
    # and `arkiverad_av`, and without this the archiving would leave no trace.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarier")
        ordering = ("namn", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["municipality", "namn"],
                condition=models.Q(arkiverad__isnull=True),
                name="scenario_unique_active_name",
            ),
        )

    def __str__(self) -> str:
        return self.namn

    def senaste(self) -> ScenarioVersion:
        return self.versioner.order_by("-nummer")[0]


class ScenarioVersion(models.Model):
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="versioner")
    nummer = models.PositiveIntegerField(_("version"))
    sparad = models.DateTimeField(_("sparad"), auto_now_add=True)
    sparad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The page's fields as the user sent them ({"vuxna": ["30"], …}): the page reads them
    # again when the scenario is opened, so it shows what it showed when saved.
    falt = models.JSONField(_("fält"), default=dict)
    # What differs from the previous version: [{"falt": …, "fore": [...], "efter": [...]}].
    andringar = models.JSONField(_("ändringar"), default=list)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versioner")
        ordering = ("scenario", "-nummer")
        constraints = (
            models.UniqueConstraint(fields=["scenario", "nummer"], name="scenarioversion_unique"),
        )

    def __str__(self) -> str:
        return f"{self.scenario} v{self.nummer}"


class ScenarioBelopp(models.Model):
    """The user's own amount for one dated parameter entry (`ParameterSet.with_overrides`)."""

    version = models.ForeignKey(ScenarioVersion, on_delete=models.CASCADE, related_name="belopp")
    parameter = models.CharField(_("parameter"), max_length=200)
    fran = models.DateField(_("från"))
    belopp = models.DecimalField(_("belopp"), max_digits=15, decimal_places=2)

    class Meta:
        verbose_name = _("eget belopp")
        verbose_name_plural = _("egna belopp")
        ordering = ("parameter", "fran")
        constraints = (
            models.UniqueConstraint(
                fields=["version", "parameter", "fran"], name="scenariobelopp_unique"
            ),
        )

    def __str__(self) -> str:
        return f"{self.parameter} {self.fran}: {self.belopp}"
