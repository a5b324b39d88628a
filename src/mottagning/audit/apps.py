# mypy: disable-error-code="import-untyped"
# (django-stubs loads every installed app's models here; axes, django-otp and simple-history
# ship no type information, and pyproject's mypy section is not ours to extend.)
from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "mottagning.audit"
    label = "audit"
    verbose_name = "Logg"
