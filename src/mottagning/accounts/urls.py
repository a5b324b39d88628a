from django.urls import path

from mottagning.accounts import views

app_name = "accounts"

urlpatterns = [
    path("logga-in/", views.login_view, name="login"),
    path("logga-ut/", views.logout_view, name="logout"),
    path("tvastegsverifiering/", views.totp_view, name="totp"),
    path("api-nycklar/", views.api_tokens_view, name="api_tokens"),
    path("anvandare/", views.users_view, name="users"),
]
