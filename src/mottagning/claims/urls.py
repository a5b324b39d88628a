from django.urls import path

from mottagning.claims import views
from mottagning.config import converters  # noqa: F401  # registers <id:...>

app_name = "claims"

urlpatterns = [
    path("ekonomi/", views.dashboard, name="dashboard"),
    path("ekonomi/ansokningar/skapa/", views.ansokan_generate, name="generate"),
    path("ekonomi/ansokningar/<id:ansokan_id>/", views.ansokan_detail, name="ansokan"),
    path(
        "ekonomi/ansokningar/<id:ansokan_id>/export.<str:fmt>",
        views.ansokan_export,
        name="ansokan_export",
    ),
    path("ekonomi/kostnader/", views.kostnad_list, name="kostnader"),
    path("ekonomi/kostnader/ny/", views.kostnad_create, name="kostnad_create"),
    path("ekonomi/import/", views.import_upload, name="import"),
    path("ekonomi/import/<id:batch_id>/", views.import_preview, name="import_preview"),
    path("ekonomi/avstamning/", views.reconciliation, name="reconciliation"),
    path("ekonomi/huvudbok.xlsx", views.ledger_export, name="ledger_export"),
    path("ekonomi/antaganden/", views.antaganden, name="antaganden"),
]
