from django.urls import path

from mottagning.config import converters  # noqa: F401  # registers <id:...>
from mottagning.placements import views

app_name = "placements"

urlpatterns = [
    path("arenden/<id:arende_id>/placeringar/ny/", views.placering_create, name="create"),
    path("placeringar/<id:placering_id>/", views.placering_detail, name="detail"),
    path("placeringar/<id:placering_id>/avsluta/", views.placering_end, name="end"),
]
