# mypy: disable-error-code="import-untyped"
# (django-stubs loads every installed app's models here; simple-history ships no types.)
from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "mottagning.claims"
    label = "claims"
    verbose_name = "Ekonomi: kostnader och ansökningar"

    def ready(self) -> None:
        from mottagning.claims import permissions  # noqa: F401 - registers the app's rules
