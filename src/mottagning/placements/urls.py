from django.urls import path

from mottagning.placements import views

app_name = "placements"

urlpatterns = [
    path("arenden/<int:arende_id>/placeringar/ny/", views.placering_create, name="create"),
    path("placeringar/<int:placering_id>/", views.placering_detail, name="detail"),
    path("placeringar/<int:placering_id>/avsluta/", views.placering_end, name="end"),
]
