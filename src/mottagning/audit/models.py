"""The read log, blocked identity numbers and requests for information (begäran om uppgifter).
Changes are recorded by django-simple-history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords  # type: ignore[import-untyped]  # untyped library

from mottagning.register.models import IDENTITY_KINDS, Municipality, Person, Unit

CHANNELS = [("webb", _("Webbsida")), ("api", _("API")), ("export", _("Export"))]


class PersonAccess(models.Model):
    """One read of a person's record. Never updated or deleted by the application."""

    # No index of their own: each is the first column of one of the Meta indexes, which serve
    # the same lookups. The log takes a row on every read of a record, and each index is one
    # more write per row (issue 9 item 9): three indexes here, not seven.
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, db_index=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", db_index=False)
    # Searched only inside a municipality (audit.selectors), which the first index serves.
    tidpunkt = models.DateTimeField(_("tidpunkt"), auto_now_add=True)
    kanal = models.CharField(_("kanal"), max_length=10, choices=CHANNELS)
    sokvag = models.CharField(_("sida eller endpoint"), max_length=300)

    class Meta:
        verbose_name = _("läsning av personakt")
        verbose_name_plural = _("läsningar av personakter")
        ordering = (
            "-tidpunkt",
            "-id",
        )
        indexes = (
            models.Index(fields=["municipality", "tidpunkt"]),
            models.Index(fields=["person", "tidpunkt"]),
            models.Index(fields=["user", "tidpunkt"]),
        )


# The grounds on which one authority may disclose a secret detail to another (offentlighets- och
# sekretesslagen 2009:400). Each committee is its own authority, so a detail held by another
# committee's unit is disclosed only on one of these, after that unit's own secrecy review.
LEGAL_BASES = [
    (
        "osl_10_2",
        _("OSL 10 kap. 2 §: nödvändigt för att myndigheten ska kunna fullgöra sin verksamhet"),
    ),
    ("osl_10_27", _("OSL 10 kap. 27 §: intresset av utlämnande har uppenbart företräde")),
    ("osl_10_28", _("OSL 10 kap. 28 §: uppgiftsskyldighet enligt lag eller förordning")),
    ("osl_12_2", _("OSL 12 kap. 2 §: den enskilde har samtyckt")),
]

CONFLICT_CHANNELS = [*CHANNELS, ("import", _("Import"))]


class IdentityConflict(models.Model):
    """An attempt to register an identity number that a person the user may not see already
    has. The user is told only that the number cannot be used (no existence oracle across
    committees, security probe 2026-11-29 finding 4); the attempt is recorded here."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    typ = models.CharField(_("identitetstyp"), max_length=20, choices=IDENTITY_KINDS)
    varde = models.CharField(_("nummer"), max_length=20)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    tidpunkt = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)
    kanal = models.CharField(_("kanal"), max_length=10, choices=CONFLICT_CHANNELS)

    class Meta:
        verbose_name = _("spärrat nummer")
        verbose_name_plural = _("spärrade nummer")
        ordering = ("-tidpunkt", "-id")


REQUEST_STATUSES = [
    ("vantar", _("Väntar på beslut")),
    ("beviljad", _("Beviljad")),
    ("avslagen", _("Avslagen")),
]


class InformationRequest(models.Model):
    """A begäran om uppgifter: an enhetschef or administratör asks the unit that holds a
    conflicting number which unit it is and whom the number belongs to, stating the legal
    basis. An enhetschef of a unit that may see the person decides after a secrecy review.
    Granted, the requester learns the holding unit and the person's name and birth date,
    enough to resolve the duplicate with that unit; never the record itself."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    conflict = models.ForeignKey(
        IdentityConflict, on_delete=models.PROTECT, related_name="begaranden"
    )
    begard_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    rattslig_grund = models.CharField(_("rättslig grund"), max_length=20, choices=LEGAL_BASES)
    motivering = models.TextField(_("motivering"), max_length=2000)
    skapad = models.DateTimeField(_("skapad"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=REQUEST_STATUSES, default="vantar"
    )
    beslutad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    beslutad = models.DateTimeField(_("beslutad"), null=True, blank=True)
    beslut_motivering = models.TextField(_("beslutets motivering"), max_length=2000, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("begäran om uppgifter")
        verbose_name_plural = _("begäranden om uppgifter")
        ordering = ("-skapad", "-id")
