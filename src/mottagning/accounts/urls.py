from django.urls import path

from mottagning.accounts import views
from mottagning.config import converters  # noqa: F401  # registers <id:...>

app_name = "accounts"

urlpatterns = [
    path("logga-in/", views.login_view, name="login"),
    path("logga-ut/", views.logout_view, name="logout"),
    path("tvastegsverifiering/", views.totp_view, name="totp"),
    path("api-nycklar/", views.api_tokens_view, name="api_tokens"),
    path("anvandare/", views.users_view, name="users"),
    path("anvandare/<id:user_id>/", views.user_view, name="user"),
    path("behorigheter/", views.grants_view, name="grants"),
    path("losenord/<str:uidb64>/<str:token>/", views.password_set_view, name="password_set"),
]
