# mypy: disable-error-code="import-untyped"
# (django-stubs loads django-otp's and simple-history's models while checking this app; they
# ship no types.)
"""A user belongs to one municipality, to units in it, and has one or more roles."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.cache import cache
from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history import register as history_register
from simple_history.models import HistoricalRecords

from mottagning.register.models import Municipality, Unit

HANDLAGGARE = "handlaggare"
ENHETSCHEF = "enhetschef"
EKONOM = "ekonom"
STRATEG = "strateg"
REVISOR = "revisor"
ADMINISTRATOR = "administrator"
# Elected member (issue 13): reads follow-up reports and aggregates, never a person record.
FORTROENDEVALD = "fortroendevald"
# Integration coordinator (Vingåker's integrationssamordnare, 002 §3.1): manages employers,
# volunteers and associations (matching); opens no person records.
SAMORDNARE = "samordnare"

ROLES = [
    (HANDLAGGARE, _("Handläggare")),
    (ENHETSCHEF, _("Enhetschef")),
    (EKONOM, _("Ekonom")),
    (STRATEG, _("Strateg")),
    (REVISOR, _("Revisor")),
    (ADMINISTRATOR, _("Administratör")),
    (FORTROENDEVALD, _("Förtroendevald")),
    (SAMORDNARE, _("Samordnare")),
]
ROLE_CODES = tuple(code for code, _label in ROLES)
ACCESS_CACHE_SECONDS = 30


class User(AbstractUser):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anvandare",
        verbose_name=_("kommun"),
    )
    units = models.ManyToManyField(
        Unit, blank=True, related_name="anvandare", verbose_name=_("enheter")
    )
    # Who created, edited, deactivated or reactivated the account, when and why. Roles and
    # units are recorded as AccessGrant rows; the password hash is never copied.
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")

    def role_codes(self) -> frozenset[str]:
        return self._access()[0]

    def unit_ids(self) -> frozenset[int]:
        return self._access()[1]

    def _access(self) -> tuple[frozenset[str], frozenset[int]]:
        """Roles and units, asked for on every permission check: remembered on the object for
        the request and in the process's cache for ACCESS_CACHE_SECONDS, so a busy API does not
        ask the database twice per request. A change of roles or units reaches every server
        process within that time (docs/security.md)."""
        cached: tuple[frozenset[str], frozenset[int]] | None = getattr(self, "_access_cache", None)
        if cached is not None:
            return cached
        # date_joined makes the key unique to this row even if an id is ever reused.
        key = f"user-access:{self.pk}:{self.date_joined.timestamp()}"
        cached = cache.get(key)
        if cached is None:
            cached = (
                frozenset(self.roller.values_list("roll", flat=True)),
                frozenset(self.units.values_list("id", flat=True)),
            )
            cache.set(key, cached, ACCESS_CACHE_SECONDS)
        self._access_cache = cached
        return cached

    def forget_access(self) -> None:
        """After roles or units change: this process asks the database again at once."""
        cache.delete(f"user-access:{self.pk}:{self.date_joined.timestamp()}")
        self.__dict__.pop("_access_cache", None)


# Whoever a request carries: a permission check or a selector must also answer for anonymous.
AnyUser = User | AnonymousUser


class UserRole(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roller")
    roll = models.CharField(_("roll"), max_length=20, choices=ROLES)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("roll")
        verbose_name_plural = _("roller")
        constraints = (models.UniqueConstraint(fields=["user", "roll"], name="userrole_unique"),)

    def __str__(self) -> str:
        return self.get_roll_display()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the REST API. Only its hash is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    namn = models.CharField(_("namn"), max_length=100)
    nyckel_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    skapad = models.DateTimeField(auto_now_add=True)
    senast_anvand = models.DateTimeField(null=True, blank=True)
    aterkallad = models.DateTimeField(_("återkallad"), null=True, blank=True)
    # Created and revoked, by whom; senast_anvand is written with .update() and not recorded.
    history = HistoricalRecords(excluded_fields=["nyckel_hash", "senast_anvand"])

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")

    def __str__(self) -> str:
        return f"{self.namn} ({self.prefix}…)"

    @staticmethod
    def generate() -> str:
        return secrets.token_urlsafe(32)


@receiver(pre_save, sender=User)
def _no_history_for_logins(
    sender: Any, instance: User, update_fields: Any = None, **kw: Any
) -> None:
    # Every login saves last_login alone; that is not a change to the account.
    if update_fields is not None and set(update_fields) == {"last_login"}:
        instance.skip_history_when_saving = True  # type: ignore[attr-defined]
    else:
        instance.__dict__.pop("skip_history_when_saving", None)


# The second factor's devices: turned on, replaced or removed, by whom. The key is never copied.
history_register(TOTPDevice, app=__package__, excluded_fields=["key"])

# Roles that open person records (accounts/permissions.py) and the roles that control access.
# Granting any role or unit through the interface needs a second administratör (four eyes).
GRANT_STATUSES = [
    ("vantar", _("Väntar på godkännande")),
    ("godkand", _("Godkänd")),
    ("avslagen", _("Avslagen")),
]


class AccessGrant(models.Model):
    """A role or unit given to an account: who asked for it and why, and which second
    administratör approved it. Only an approved grant takes effect (issue 9, item 3)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="behorigheter")
    roll = models.CharField(_("roll"), max_length=20, choices=ROLES, blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enhet"),
    )
    motivering = models.CharField(_("motivering"), max_length=500)
    # None: created by the operator from the command line (bootstrap, docs/operations.md).
    begard_av = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    begard = models.DateTimeField(_("begärd"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=GRANT_STATUSES)
    beslutad_av = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beslutad = models.DateTimeField(_("beslutad"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("behörighet")
        verbose_name_plural = _("behörigheter")
        ordering = ("-begard", "-id")
        constraints = (
            models.CheckConstraint(
                condition=(models.Q(roll="") & models.Q(unit__isnull=False))
                | (~models.Q(roll="") & models.Q(unit__isnull=True)),
                name="accessgrant_role_or_unit",
            ),
        )

    def __str__(self) -> str:
        return str(self.get_roll_display()) if self.roll else str(self.unit)
