# mypy: disable-error-code="import-untyped"
# (django-stubs loads every installed app's models here; axes, django-otp and simple-history
# ship no type information.)
from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "mottagning.followup"
    label = "followup"
    verbose_name = "Uppföljning och granskning"

    def ready(self) -> None:
        from mottagning.followup import permissions  # noqa: F401 - registers the app's rules
