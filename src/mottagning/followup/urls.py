from django.urls import path

from mottagning.config import converters  # noqa: F401  # registers <id:...>
from mottagning.followup import views

app_name = "followup"

urlpatterns = [
    path("", views.index, name="index"),
    path("mal/ny/", views.mal_create, name="mal_create"),
    path("indikatorer/ny/", views.indikator_create, name="indikator_create"),
    path("indikatorer/<id:pk>/", views.indikator_detail, name="indikator"),
    path("indikatorer/<id:pk>/varde/", views.indikator_varde, name="indikator_varde"),
    path("indikatorer/<id:pk>/personer/", views.drilldown, name="drilldown"),
    path("kolada/", views.kolada_import, name="kolada"),
    path("handlingsplaner/ny/", views.plan_create, name="plan_create"),
    path("handlingsplaner/<id:pk>/", views.plan_detail, name="plan"),
    path("handlingsplaner/<id:pk>/pdf/", views.plan_pdf, name="plan_pdf"),
    path(
        "handlingsplaner/<id:pk>/aktiviteter/ny/",
        views.planaktivitet_create,
        name="planaktivitet_create",
    ),
    path(
        "aktiviteter/<id:pk>/uppfoljning/",
        views.planaktivitet_follow_up,
        name="planaktivitet_follow_up",
    ),
    path("granskning/", views.granskning, name="granskning"),
    path("granskning/ny/", views.bedomning_create, name="bedomning_create"),
    path("rapport/", views.rapport, name="rapport"),
    path("rapport/pdf/", views.rapport_pdf, name="rapport_pdf"),
    path("rapport/excel/", views.rapport_xlsx, name="rapport_xlsx"),
]
