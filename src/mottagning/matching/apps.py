# mypy: disable-error-code="import-untyped"
# (django-stubs loads every installed app's models here; axes, django-otp and simple-history
# ship no type information.)
from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "mottagning.matching"
    label = "matching"
    verbose_name = "Matchning och civilsamhälle"

    def ready(self) -> None:
        from mottagning.matching import permissions  # noqa: F401 - registers the app's rules
