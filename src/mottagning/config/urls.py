from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from mottagning.api.api import api

urlpatterns = [
    path("konto/", include("mottagning.accounts.urls")),
    # The language can be chosen on the login page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("api/", api.urls),
    path("planering/", include("mottagning.web.planning_urls")),
    path("", include("mottagning.arenden.urls")),
    path("", include("mottagning.placements.urls")),
    path("", include("mottagning.plans.urls")),
    path("", include("mottagning.housing.urls")),
    path("", include("mottagning.claims.urls")),
    path("", include("mottagning.matching.urls")),
    path("", include("mottagning.web.urls")),
    path("uppfoljning/", include("mottagning.followup.urls")),
]
