"""Production: secrets and hosts from the environment, HTTPS-only cookies.

Refuses to start when a required variable is missing, so a server never runs with the
development key or an open host list.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from mottagning.config.settings import *  # noqa: F403 - production builds on the common settings
from mottagning.config.settings.paths import VAR_DIR

_REQUIRED = ("MOTTAGNING_SECRET_KEY", "MOTTAGNING_ALLOWED_HOSTS", "DATABASE_URL")
_missing = [name for name in _REQUIRED if not os.environ.get(name)]
if _missing:
    raise ImproperlyConfigured(
        "Produktionsinställningarna kräver miljövariablerna "
        + ", ".join(_missing)
        + ". Sätt dem i tjänstens miljö (se docs/operations.md); servern startar inte utan dem."
    )

SECRET_KEY = os.environ["MOTTAGNING_SECRET_KEY"]
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "MOTTAGNING_SECRET_KEY är för kort: använd minst 50 slumpmässiga tecken, t.ex. från "
        "`python -c 'import secrets; print(secrets.token_urlsafe(64))'`."
    )
ALLOWED_HOSTS = [h.strip() for h in os.environ["MOTTAGNING_ALLOWED_HOSTS"].split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS]
DEBUG = False

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (documented in docs/operations.md).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("MOTTAGNING_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True

STATIC_ROOT = os.environ.get("MOTTAGNING_STATIC_ROOT", str(VAR_DIR / "static"))
WHITENOISE_USE_FINDERS = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
