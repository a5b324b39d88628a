"""Login throttling behind the documented reverse proxy (docs/operations.md, docs/security.md).

django-axes locks a user name *from one client address* after five failures: an attacker
elsewhere cannot lock the real user out from everywhere (security probe 2026-11-29, finding 9).
On top of that each client address has a rate limit over all user names, so one address
cannot guess its way through the municipality's accounts. Both need the real client address:
behind nginx every request comes from 127.0.0.1, so the address is read from X-Forwarded-For,
but only when the request comes from a proxy listed in MOTTAGNING_TRUSTED_PROXIES (a client
could write anything in that header itself).
"""

from __future__ import annotations

import datetime as dt
import ipaddress

from axes.models import AccessAttempt  # type: ignore[import-untyped]  # untyped library
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or, when that is a trusted proxy, the right-most
    address in X-Forwarded-For that is not itself a trusted proxy (proxies append on the
    right, so everything left of the first untrusted hop may be forged)."""
    remote = _valid(request.META.get("REMOTE_ADDR", ""))
    trusted: frozenset[str] = frozenset(settings.MOTTAGNING_TRUSTED_PROXIES)
    if remote is None or remote not in trusted:
        return remote
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        address = _valid(hop)
        if address is None:
            return remote  # a malformed header: fall back to the proxy rather than guess
        if address not in trusted:
            return address
    return remote


def address_is_throttled(request: HttpRequest) -> bool:
    """True when this client address has failed more logins, over all user names, than
    MOTTAGNING_LOGIN_FAILURES_PER_ADDRESS within axes' cool-off time."""
    address = client_address(request)
    if address is None:
        return False
    since = timezone.now() - dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    failures = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    limit: int = settings.MOTTAGNING_LOGIN_FAILURES_PER_ADDRESS
    return (failures or 0) >= limit
