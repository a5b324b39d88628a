"""Installed apps, middleware, templates, static files."""

import os
from importlib.util import find_spec

from mottagning.config.settings.paths import PACKAGE_DIR

# Django's tasks API (reminder e-mails, the scheduled clean-up of import batches): built into
# Django 6.1, the django-tasks backport on 5.2; django-tasks-db is the worker on both.
TASK_APPS = (
    ["django_tasks_db"] if find_spec("django.tasks") else ["django_tasks", "django_tasks_db"]
)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "rules",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",
    "mottagning.register",
    "mottagning.accounts",
    "mottagning.cases",
    "mottagning.audit",
    "mottagning.plans",
    "mottagning.housing",
    "mottagning.api",
    "mottagning.web",
    "mottagning.arenden",
    "mottagning.placements",
    "mottagning.claims",
    "mottagning.followup",
    "mottagning.matching",
    "mottagning.scenarios",
    *TASK_APPS,
]

AUTH_USER_MODEL = "accounts.User"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mottagning.web.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Person reads registered by the selectors are written here, only for a successful response.
    "mottagning.audit.middleware.ReadLogMiddleware",
    # Deny by default: every page needs a logged-in user unless its view says otherwise;
    # the API under /api/ authenticates with tokens and denies by default itself.
    "mottagning.accounts.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so it sees failed logins after authentication has run.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mottagning.config.urls"
WSGI_APPLICATION = "mottagning.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "web" / "static"]
# Without collectstatic (development, tests, the demo) whitenoise serves straight from the apps;
# production.py sets STATIC_ROOT and serves the collected, hashed files instead.
WHITENOISE_USE_FINDERS = True
# Plain storage in development (no collectstatic needed); production.py switches to hashed names.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:start"
LOGOUT_REDIRECT_URL = "accounts:login"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Imports are read whole into memory before the preview; 10 MB is ~100,000 rows of CSV. A
# larger file is refused with a message (register/import_batches.py); set
# MOTTAGNING_UPLOAD_MAX_MB in the environment to change the limit.
MOTTAGNING_UPLOAD_MAX_BYTES = int(
    float(os.environ.get("MOTTAGNING_UPLOAD_MAX_MB", "10")) * 1024 * 1024
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
