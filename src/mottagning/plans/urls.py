from django.urls import path

from mottagning.config import converters  # noqa: F401  # registers <id:...>
from mottagning.plans import views

app_name = "plans"

urlpatterns = [
    path("personer/<id:person_id>/plan/", views.person_plans, name="person"),
    path(
        "personer/<id:person_id>/kartlaggning/ny/",
        views.kartlaggning_create,
        name="kartlaggning_create",
    ),
    path("kartlaggningar/<id:pk>/", views.kartlaggning_update, name="kartlaggning_update"),
    path("personer/<id:person_id>/plan/ny/", views.plan_create, name="plan_create"),
    path("planer/<id:pk>/", views.plan_update, name="plan_update"),
    path("planer/<id:pk>/aktiviteter/ny/", views.aktivitet_create, name="aktivitet_create"),
    path("aktiviteter/<id:pk>/", views.aktivitet_update, name="aktivitet_update"),
]
