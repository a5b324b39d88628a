"""Writes to accounts: users with roles and units, API tokens, TOTP devices."""

from __future__ import annotations

import math
import time
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]  # untyped library

from mottagning.accounts.models import ROLE_CODES, ApiToken, User, UserRole, hash_token
from mottagning.register.models import Municipality, Unit


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    municipality: Municipality,
    roles: Iterable[str],
    units: Iterable[Unit] = (),
    first_name: str = "",
    last_name: str = "",
    check_password: bool = True,
) -> User:
    roles = list(roles)
    units = list(units)
    unknown = [r for r in roles if r not in ROLE_CODES]
    if unknown:
        raise ValidationError({"roles": _("Okänd roll: %(r)s.") % {"r": ", ".join(unknown)}})
    if any(u.municipality_id != municipality.id for u in units):
        # A user works in one municipality only (different authorities under OSL).
        raise ValidationError({"units": _("Alla enheter måste höra till användarens kommun.")})
    user = User(
        username=username,
        municipality=municipality,
        first_name=first_name,
        last_name=last_name,
    )
    if check_password:
        validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user.units.set(units)
    UserRole.objects.bulk_create(UserRole(user=user, roll=r) for r in roles)
    user.forget_access()
    return user


def api_token_create(*, user: Any, namn: str) -> tuple[ApiToken, str]:
    """Returns the stored token and the secret, which is shown once and never stored."""
    secret = ApiToken.generate()
    token = ApiToken.objects.create(
        user=user, namn=namn.strip(), nyckel_hash=hash_token(secret), prefix=secret[:8]
    )
    return token, secret


def api_token_revoke(*, user: Any, token_id: int) -> None:
    ApiToken.objects.filter(user=user, pk=token_id, aterkallad__isnull=True).update(
        aterkallad=timezone.now()
    )


# Every API request asks this. Written out, with the user's columns, because the ORM's
# select_related version cost three times the CPU (py-spy under `make bench`).
_TOKEN_USER_SQL = (
    f"SELECT u.*, t.id AS token_pk FROM {User._meta.db_table} u "
    f"JOIN {ApiToken._meta.db_table} t ON t.user_id = u.id "
    "WHERE t.nyckel_hash = %s AND t.aterkallad IS NULL AND u.is_active = %s"
)
# When this process last wrote a token's senast_anvand: a write per request is too many under
# load, and a minute's resolution is enough to see that a key is in use.
_last_written: dict[str, float] = {}
LAST_USED_RESOLUTION_SECONDS = 60


def api_token_user(*, secret: str) -> User | None:
    """The active user of a valid, unrevoked token, else None. Checked against the database on
    every request, so a revoked key or a deactivated user is refused at once."""
    key = hash_token(secret)
    found = list(User.objects.raw(_TOKEN_USER_SQL, [key, True]))
    if not found:
        return None
    user = found[0]
    now = time.monotonic()
    if now - _last_written.get(key, -math.inf) > LAST_USED_RESOLUTION_SECONDS:
        token_pk = user.token_pk  # type: ignore[attr-defined]  # extra column of the query
        ApiToken.objects.filter(pk=token_pk).update(senast_anvand=timezone.now())
        _last_written[key] = now
    return user


def totp_device_start(*, user: Any) -> TOTPDevice:
    """An unconfirmed device; it counts only after the user has typed a code from it."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device: TOTPDevice = TOTPDevice.objects.create(user=user, name="app", confirmed=False)
    return device


def totp_device_confirm(*, user: Any, token: str) -> bool:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True
