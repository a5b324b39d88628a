"""The read log. Changes are recorded by django-simple-history on the register's models."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mottagning.register.models import Municipality, Person

CHANNELS = [("webb", _("Webbsida")), ("api", _("API")), ("export", _("Export"))]


class PersonAccess(models.Model):
    """One read of a person's record. Never updated or deleted by the application."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    tidpunkt = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)
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
