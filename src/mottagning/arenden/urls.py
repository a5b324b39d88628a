from django.urls import path

from mottagning.arenden import views
from mottagning.config import converters  # noqa: F401  # registers <id:...>

app_name = "arenden"

urlpatterns = [
    path("personer/<id:person_id>/arenden/", views.person_arenden, name="person"),
    path("personer/<id:person_id>/arenden/nytt/", views.arende_create, name="create"),
    path("personer/<id:person_id>/dokument/nytt/", views.dokument_create, name="dokument_create"),
    path("arenden/<id:arende_id>/", views.arende_detail, name="detail"),
    path("arenden/<id:arende_id>/handlaggare/", views.arende_assign, name="assign"),
    path("arenden/<id:arende_id>/avsluta/", views.arende_close, name="close"),
    path("arenden/<id:arende_id>/beslut/nytt/", views.beslut_create, name="beslut_create"),
    path(
        "arenden/<id:arende_id>/anteckningar/ny/",
        views.anteckning_create,
        name="anteckning_create",
    ),
    path("beslut/<id:beslut_id>/brev.pdf", views.beslut_letter, name="beslut_letter"),
    path("dokument/<id:dokument_id>/", views.dokument_download, name="dokument"),
    path("arbete/", views.my_worklist, name="mine"),
    path("arbete/enheter/<id:unit_id>/", views.unit_worklist, name="unit"),
    path("arbete/forsenat/", views.overdue_worklist, name="overdue"),
    path("arbete/klar/", views.deadline_done, name="done"),
]
