"""Case work: deadline providers for the worklist, documents, reminders by e-mail."""

import os

import django

# Each app with deadlines exposes `deadline_list(*, user, today) -> list[Deadline]`; the worklist
# collects from these dotted paths (docs/arenden.md).
MOTTAGNING_DEADLINE_PROVIDERS = [
    "mottagning.placements.deadlines.deadline_list",
    "mottagning.plans.deadlines.deadline_list",
    "mottagning.housing.deadlines.deadline_list",
    "mottagning.claims.deadlines.deadline_list",
]

# Documents: at most this many bytes per file. Stored in the database unless a directory is
# given, e.g. on a volume that is backed up with the database.
MOTTAGNING_DOCUMENT_MAX_BYTES = int(
    os.environ.get("MOTTAGNING_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
)
MOTTAGNING_DOCUMENT_DIR = os.environ.get("MOTTAGNING_DOCUMENT_DIR", "")

# Reminders run as a task (`manage.py mottagning_paminnelser` enqueues it, e.g. from cron;
# `manage.py db_worker` runs it), like the clean-up of import batches: TASKS is in apps.py.
# Development and the demo print e-mails to the console; with MOTTAGNING_EMAIL_HOST set
# (production) they go to that SMTP server, over STARTTLS unless told otherwise.
if os.environ.get("MOTTAGNING_EMAIL_HOST"):
    _EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    _EMAIL_OPTIONS: dict[str, object] = {
        "host": os.environ["MOTTAGNING_EMAIL_HOST"],
        "port": int(os.environ.get("MOTTAGNING_EMAIL_PORT", "587")),
        "username": os.environ.get("MOTTAGNING_EMAIL_USER", ""),
        "password": os.environ.get("MOTTAGNING_EMAIL_PASSWORD", ""),
        "use_tls": os.environ.get("MOTTAGNING_EMAIL_TLS", "1") == "1",
    }
else:
    _EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    _EMAIL_OPTIONS = {}
if django.VERSION >= (6, 1):
    # Django 6.1 replaces EMAIL_BACKEND and the EMAIL_HOST family with MAILERS, and warns
    # about the old settings until it removes them ("Migrating email to mailers").
    MAILERS = {"default": {"BACKEND": _EMAIL_BACKEND, "OPTIONS": _EMAIL_OPTIONS}}
else:
    EMAIL_BACKEND = _EMAIL_BACKEND
    if _EMAIL_OPTIONS:
        # The same options under the older settings' names.
        EMAIL_HOST = _EMAIL_OPTIONS["host"]
        EMAIL_PORT = _EMAIL_OPTIONS["port"]
        EMAIL_HOST_USER = _EMAIL_OPTIONS["username"]
        EMAIL_HOST_PASSWORD = _EMAIL_OPTIONS["password"]
        EMAIL_USE_TLS = _EMAIL_OPTIONS["use_tls"]
DEFAULT_FROM_EMAIL = os.environ.get("MOTTAGNING_FROM_EMAIL", "mottagning@localhost")

# Aggregates shown to politicians and in reports never reveal a small group (OSL 21–26 kap.;
# SCB's practice for small counts): a count under this is suppressed and marked.
MOTTAGNING_SUPPRESS_BELOW = int(os.environ.get("MOTTAGNING_SUPPRESS_BELOW", "5"))
