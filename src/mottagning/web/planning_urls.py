"""Planning pages under /planering/ (issue 4 item 5); each page exports as .xlsx and .pdf."""

from django.urls import path

from mottagning.config import converters  # noqa: F401  # registers <id:...>
from mottagning.web import planning_views as views
from mottagning.web import scenario_views

app_name = "planering"

urlpatterns = [
    path("", views.index, name="index"),
    path("budget/", views.budget, name="budget"),
    path("budget/export.<str:fmt>", views.budget, name="budget_export"),
    path("prognos/", views.forecast, name="forecast"),
    path("prognos/export.<str:fmt>", views.forecast, name="forecast_export"),
    path("jamfor/", views.compare, name="compare"),
    path("jamfor/export.<str:fmt>", views.compare, name="compare_export"),
    path("boende/", views.housing, name="housing"),
    path("boende/export.<str:fmt>", views.housing, name="housing_export"),
    path("scenarier/", scenario_views.lista, name="scenarier"),
    path("scenarier/spara/", scenario_views.spara, name="scenario_spara"),
    path("scenarier/<id:pk>/", scenario_views.scenario, name="scenario"),
    path("scenarier/<id:pk>/oppna/", scenario_views.oppna, name="scenario_oppna"),
    path("scenarier/<id:pk>/arkivera/", scenario_views.arkivera, name="scenario_arkivera"),
    path("scenarier/<id:pk>/aterstall/", scenario_views.aterstall, name="scenario_aterstall"),
]
