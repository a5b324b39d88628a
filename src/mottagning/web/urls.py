from django.urls import path

from mottagning.config import converters  # noqa: F401  # registers <id:...>
from mottagning.web import osl_views, views

app_name = "web"

urlpatterns = [
    path("", views.start, name="start"),
    path("enheter/<id:unit_id>/", views.worklist, name="worklist"),
    path("enheter/<id:unit_id>/oversikt/", views.dashboard, name="dashboard"),
    path("enheter/<id:unit_id>/export.<str:fmt>", views.export, name="export"),
    path(
        "enheter/<id:unit_id>/arbetslista.<str:fmt>",
        views.worklist_export,
        name="worklist_export",
    ),
    path("overgangar/hanterad/", views.transition_handled, name="transition_handled"),
    path("personer/", views.person_search, name="person_search"),
    path("personer/ny/", views.person_create, name="person_create"),
    path("personer/<id:person_id>/", views.person_detail, name="person"),
    path("personer/<id:person_id>/andra/", views.person_update, name="person_update"),
    path("personer/<id:person_id>/historik/", views.person_history, name="person_history"),
    path("personer/<id:person_id>/handelser/ny/", views.event_create, name="event_create"),
    path(
        "personer/<id:person_id>/handelser/<id:event_id>/ta-bort/",
        views.event_delete,
        name="event_delete",
    ),
    path("personer/<id:person_id>/identiteter/ny/", views.identity_create, name="identity_create"),
    path("hushall/nytt/", views.household_create, name="household_create"),
    path("import/", views.import_upload, name="import_upload"),
    path("import/mall.<str:fmt>", views.import_template, name="import_template"),
    path("import/<id:batch_id>/", views.import_preview, name="import_preview"),
    path("logg/", views.access_log, name="access_log"),
    path("begaran/", osl_views.request_list, name="osl_requests"),
    path("begaran/ny/<id:conflict_id>/", osl_views.request_create, name="osl_request_create"),
    path("begaran/<id:request_id>/beslut/", osl_views.request_decide, name="osl_request_decide"),
]
