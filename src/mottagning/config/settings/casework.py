"""Case work: deadline providers for the worklist, documents, reminders by e-mail."""

import os

# Each app with deadlines exposes `deadline_list(*, user, today) -> list[Deadline]`; the worklist
# collects from these dotted paths (docs/arenden.md).
MOTTAGNING_DEADLINE_PROVIDERS = [
    "mottagning.placements.deadlines.deadline_list",
    "mottagning.plans.deadlines.deadline_list",
    "mottagning.housing.deadlines.deadline_list",
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
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["MOTTAGNING_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("MOTTAGNING_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("MOTTAGNING_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("MOTTAGNING_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("MOTTAGNING_EMAIL_TLS", "1") == "1"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("MOTTAGNING_FROM_EMAIL", "mottagning@localhost")

# Counts below this are shown as "färre än 5" on pages with aggregates (small-count
# suppression, so that no person can be recognised from a count; issues 13 and 14).
MOTTAGNING_SUPPRESS_BELOW = 5
