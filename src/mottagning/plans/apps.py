# mypy: disable-error-code="import-untyped"
# (django-stubs loads every installed app's models here; axes, django-otp and simple-history
# ship no type information.)
from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "mottagning.plans"
    label = "plans"
    verbose_name = "Kartläggning och individuella planer"

    def ready(self) -> None:
        from mottagning.plans import permissions  # noqa: F401 - registers the app's rules
