# mypy: disable-error-code="import-untyped"
# (django-stubs loads django-otp's models while checking this app; they ship no types.)
"""A user belongs to one municipality, to units in it, and has one or more roles."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _

from mottagning.register.models import Municipality, Unit

HANDLAGGARE = "handlaggare"
ENHETSCHEF = "enhetschef"
EKONOM = "ekonom"
STRATEG = "strateg"
REVISOR = "revisor"
ADMINISTRATOR = "administrator"

ROLES = [
    (HANDLAGGARE, _("Handläggare")),
    (ENHETSCHEF, _("Enhetschef")),
    (EKONOM, _("Ekonom")),
    (STRATEG, _("Strateg")),
    (REVISOR, _("Revisor")),
    (ADMINISTRATOR, _("Administratör")),
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


class UserRole(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roller")
    roll = models.CharField(_("roll"), max_length=20, choices=ROLES)

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

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")

    def __str__(self) -> str:
        return f"{self.namn} ({self.prefix}…)"

    @staticmethod
    def generate() -> str:
        return secrets.token_urlsafe(32)
