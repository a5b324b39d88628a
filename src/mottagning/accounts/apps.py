# mypy: disable-error-code="import-untyped"
# (django-stubs loads every installed app's models here; axes, django-otp and simple-history
# ship no type information, and pyproject's mypy section is not ours to extend.)
from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mottagning.accounts"
    label = "accounts"
    verbose_name = "Konton"

    def ready(self) -> None:
        # Registers the permission predicates with django-rules.
        from mottagning.accounts import permissions  # noqa: F401
