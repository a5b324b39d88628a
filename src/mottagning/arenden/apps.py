# mypy: disable-error-code="import-untyped"
# (django-stubs loads every installed app's models here; simple-history ships no types.)
from django.apps import AppConfig


class ArendenConfig(AppConfig):
    name = "mottagning.arenden"
    label = "arenden"
    verbose_name = "Ärenden och beslut"
