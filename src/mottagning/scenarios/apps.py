# mypy: disable-error-code="import-untyped"
# (django-stubs loads every installed app's models here; axes, django-otp and simple-history
# ship no type information.)
from django.apps import AppConfig


class ScenariosConfig(AppConfig):
    name = "mottagning.scenarios"
    label = "scenarios"
    verbose_name = "Sparade planeringsscenarier"

    def ready(self) -> None:
        from mottagning.scenarios import permissions  # noqa: F401 - registers the app's rules
