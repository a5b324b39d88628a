from django.urls import path

from mottagning.plans import views

app_name = "plans"

urlpatterns = [
    path("personer/<int:person_id>/plan/", views.person_plans, name="person"),
    path(
        "personer/<int:person_id>/kartlaggning/ny/",
        views.kartlaggning_create,
        name="kartlaggning_create",
    ),
    path("kartlaggningar/<int:pk>/", views.kartlaggning_update, name="kartlaggning_update"),
    path("personer/<int:person_id>/plan/ny/", views.plan_create, name="plan_create"),
    path("planer/<int:pk>/", views.plan_update, name="plan_update"),
    path("planer/<int:pk>/aktiviteter/ny/", views.aktivitet_create, name="aktivitet_create"),
    path("aktiviteter/<int:pk>/", views.aktivitet_update, name="aktivitet_update"),
]
