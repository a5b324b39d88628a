# mypy: disable-error-code="import-untyped"
# (django-stubs loads every installed app's models here; axes, django-otp and simple-history
# ship no type information, and pyproject's mypy section is not ours to extend.)
from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "mottagning.cases"
    label = "cases"
    verbose_name = "Ärenden"

    def ready(self) -> None:
        # The register tells, and cases derives: the register never imports cases.
        from mottagning.cases.services import on_timeline_changed
        from mottagning.register.signals import timeline_changed

        timeline_changed.connect(on_timeline_changed, dispatch_uid="cases.person_refresh")
