from django.urls import path

from mottagning.config import converters  # noqa: F401  # registers <id:...>
from mottagning.housing import views

app_name = "housing"

urlpatterns = [
    path("bostader/", views.bostad_list, name="bostad_list"),
    path("bostader/ny/", views.bostad_create, name="bostad_create"),
    path("bostader/<id:bostad_id>/", views.bostad_detail, name="bostad"),
    path("bostader/<id:bostad_id>/kontrakt/nytt/", views.kontrakt_create, name="kontrakt_create"),
    path("kontrakt/<id:pk>/slut/", views.kontrakt_end, name="kontrakt_end"),
    path("kontrakt/<id:pk>/boende/nytt/", views.boende_create, name="boende_create"),
    path("boenden/<id:pk>/utflyttning/", views.boende_end, name="boende_end"),
    path("kommuntal/", views.quota, name="quota"),
    path("kommuntal/nytt/", views.kommuntal_set, name="kommuntal_set"),
]
