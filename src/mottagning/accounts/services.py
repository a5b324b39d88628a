"""Writes to accounts: users with roles and units, API tokens, TOTP devices."""

from __future__ import annotations

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


def api_token_user(*, secret: str) -> User | None:
    try:
        token = ApiToken.objects.select_related("user").get(
            nyckel_hash=hash_token(secret), aterkallad__isnull=True, user__is_active=True
        )
    except ApiToken.DoesNotExist:
        return None
    # One write per request is too many under load; a minute's resolution is enough to see use.
    now = timezone.now()
    if token.senast_anvand is None or (now - token.senast_anvand).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(senast_anvand=now)
    return token.user


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
