"""A minimal authenticated Django JSON view, served beside the application by the reliability
benchmark: the floor of what one API request costs in this framework on this machine.

Same settings as production except the URLconf, which adds this one view to the real URLs.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path

from mottagning.accounts.services import api_token_user
from mottagning.config.urls import urlpatterns as app_urlpatterns


@login_not_required
def minimal(request: HttpRequest) -> HttpResponse:
    """The API's own token check, then a constant answer: authentication without any work."""
    header = request.headers.get("Authorization", "")
    user = api_token_user(secret=header.removeprefix("Bearer ")) if header else None
    if user is None:
        return JsonResponse({"detail": "Unauthorized"}, status=401)
    return JsonResponse({"id": user.pk})


urlpatterns = [path("bench/minimal/", minimal), *app_urlpatterns]
