# mypy: disable-error-code="import-untyped"
# (django-stubs loads every installed app's models here; axes, django-otp and simple-history
# ship no type information.)
from django.apps import AppConfig


class HousingConfig(AppConfig):
    name = "mottagning.housing"
    label = "housing"
    verbose_name = "Bostäder och kommuntal"

    def ready(self) -> None:
        from mottagning.housing import permissions  # noqa: F401 - registers the app's rules
