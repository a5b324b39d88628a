# mypy: disable-error-code="import-untyped"
# (django-stubs loads every installed app's models here; simple-history ships no types.)
from django.apps import AppConfig


class PlacementsConfig(AppConfig):
    name = "mottagning.placements"
    label = "placements"
    verbose_name = "Placeringar"
