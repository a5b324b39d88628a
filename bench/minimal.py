"""Two views served beside the application by the reliability benchmark, to measure what the
API state endpoint costs against what any request costs on this server:

- `minimal`: a minimal authenticated Django JSON view, the floor of one API request in this
  framework on this machine (the API's token check and a constant answer);
- `person_read`: the state endpoint without its rules core. The same token check and permission,
  the person and events through the same selector (visibility, the read registered and written
  to the read log by the middleware), and a constant answer. State ÷ this is the rules core's
  share of the gap; this ÷ minimal is the share of the read and its log.

Same settings as production except the URLconf, which adds these views to the real URLs.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path

from mottagning.accounts.models import User
from mottagning.accounts.permissions import require
from mottagning.accounts.services import api_token_user
from mottagning.config.urls import urlpatterns as app_urlpatterns
from mottagning.register import selectors as reg


def _token_user(request: HttpRequest) -> User | None:
    header = request.headers.get("Authorization", "")
    return api_token_user(secret=header.removeprefix("Bearer ")) if header else None


@login_not_required
def minimal(request: HttpRequest) -> HttpResponse:
    """The API's own token check, then a constant answer: authentication without any work."""
    user = _token_user(request)
    if user is None:
        return JsonResponse({"detail": "Unauthorized"}, status=401)
    return JsonResponse({"id": user.pk})


@login_not_required
def person_read(request: HttpRequest, person_id: int) -> HttpResponse:
    """What the state endpoint (api.person_state) does before and after the rules core."""
    user = _token_user(request)
    if user is None:
        return JsonResponse({"detail": "Unauthorized"}, status=401)
    request.user = user
    require(request, "register.read_person")
    person, events = reg.person_with_events_get(user=user, person_id=person_id)
    return JsonResponse({"id": person.pk, "handelser": len(events)})


urlpatterns = [
    path("bench/minimal/", minimal),
    path("bench/personer/<int:person_id>/", person_read),
    *app_urlpatterns,
]
