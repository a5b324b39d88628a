"""Writes to accounts: users with roles and units, API tokens, TOTP devices."""

from __future__ import annotations

import math
import time
from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]  # untyped library

from mottagning.accounts.models import (
    ROLE_CODES,
    AccessGrant,
    ApiToken,
    User,
    UserRole,
    hash_token,
)
from mottagning.history import history_record
from mottagning.register.models import Municipality, Unit
from mottagning.register.services import validate_instance, validated_save


def _check_roles_and_units(
    roles: list[str], units: list[Unit], municipality_id: int | None
) -> None:
    unknown = [r for r in roles if r not in ROLE_CODES]
    if unknown:
        raise ValidationError({"roles": _("Okänd roll: %(r)s.") % {"r": ", ".join(unknown)}})
    if any(u.municipality_id != municipality_id for u in units):
        # A user works in one municipality only (different authorities under OSL).
        raise ValidationError({"units": _("Alla enheter måste höra till användarens kommun.")})


def _municipality_id(user: User) -> int:
    # Every account with roles or units belongs to a municipality (user_create requires one).
    if user.municipality_id is None:
        raise ValidationError(_("Kontot hör inte till någon kommun."))
    return user.municipality_id


def _require_admin_of(actor: User, user: User) -> None:
    if not actor.has_perm("accounts.manage_users") or actor.municipality_id != user.municipality_id:
        raise PermissionDenied


@transaction.atomic
def user_create(
    *,
    username: str,
    municipality: Municipality,
    roles: Iterable[str],
    units: Iterable[Unit] = (),
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
    check_password: bool = True,
    actor: User | None = None,
    reason: str = "",
) -> User:
    """A new account. From the interface (`actor` an administratör) it has no password (the
    user sets one through a one-time link, `user_password_link`) and its roles and units wait
    for a second administratör (`access_grant_decide`): nobody can create an account with
    access to person records and then use it. Without an actor it is the operator's command
    line (bootstrap, docs/operations.md): roles and units apply at once, recorded as granted
    by the operator."""
    roles = list(roles)
    units = list(units)
    _check_roles_and_units(roles, units, municipality.id)
    if actor is not None and (
        not actor.has_perm("accounts.manage_users") or actor.municipality_id != municipality.id
    ):
        raise PermissionDenied
    if actor is not None and password is not None:
        raise ValidationError(
            _(
                "En administratör sätter inte lösenord; användaren väljer sitt eget via en engångslänk."
            )
        )
    user = User(
        username=username,
        municipality=municipality,
        first_name=first_name,
        last_name=last_name,
    )
    if password is None:
        user.set_unusable_password()
    else:
        if check_password:
            validate_password(password, user)
        user.set_password(password)
    validate_instance(user, exclude=["password"])
    history_record(user, actor=actor, reason=reason or _("Nytt konto"))
    user.save()
    for grant in _grants(user=user, actor=actor, roles=roles, units=units, reason=reason):
        if actor is None:
            _grant_apply(grant, actor=None)
    return user


def _grants(
    *, user: User, actor: User | None, roles: list[str], units: list[Unit], reason: str
) -> list[AccessGrant]:
    made = []
    for roll, unit in [*((r, None) for r in roles), *(("", u) for u in units)]:
        grant = AccessGrant(
            municipality_id=_municipality_id(user),
            user=user,
            roll=roll,
            unit=unit,
            motivering=reason.strip() or (_("Nytt konto") if actor else _("Skapad av driften")),
            begard_av=actor,
            status="vantar" if actor is not None else "godkand",
        )
        validated_save(grant, actor=actor, reason=grant.motivering)
        made.append(grant)
    return made


def _grant_apply(grant: AccessGrant, *, actor: User | None) -> None:
    grant.status = "godkand"
    grant.beslutad_av = actor
    grant.beslutad = timezone.now()
    history_record(grant, actor=actor, reason=_("Godkänd"))
    grant.save()
    user = grant.user
    if grant.roll:
        role = UserRole(user=user, roll=grant.roll)
        if not UserRole.objects.filter(user=user, roll=grant.roll).exists():
            history_record(role, actor=actor, reason=grant.motivering)
            role.save()
    elif grant.unit is not None:
        user.units.add(grant.unit)
    user.forget_access()


@transaction.atomic
def access_grant_decide(*, actor: User, grant_id: int, approve: bool) -> AccessGrant:
    """The second administratör's decision. Not the one who asked for it, not the account
    itself: four eyes on every role and unit that opens records or controls access."""
    grant = AccessGrant.objects.select_for_update().select_related("user").get(pk=grant_id)
    _require_admin_of(actor, grant.user)
    if actor.pk in (grant.begard_av_id, grant.user_id):
        raise ValidationError(
            _("En annan administratör än den som begärde behörigheten måste pröva den.")
        )
    if grant.status != "vantar":
        raise ValidationError(_("Behörigheten är redan prövad."))
    if approve:
        _grant_apply(grant, actor=actor)
    else:
        grant.status = "avslagen"
        grant.beslutad_av = actor
        grant.beslutad = timezone.now()
        history_record(grant, actor=actor, reason=_("Avslagen"))
        grant.save()
    return grant


@transaction.atomic
def user_update(
    *,
    actor: User,
    user: User,
    first_name: str,
    last_name: str,
    roles: Iterable[str],
    units: Iterable[Unit],
    reason: str,
) -> list[AccessGrant]:
    """Edit an account. Removing a role or unit takes effect at once; adding one waits for a
    second administratör. Returns the grants that wait. An administratör cannot edit their
    own roles or units."""
    _require_admin_of(actor, user)
    roles = list(roles)
    units = list(units)
    _check_roles_and_units(roles, units, user.municipality_id)
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv varför kontot ändras.")})
    current_roles = set(user.roller.values_list("roll", flat=True))
    current_units = set(user.units.all())
    added_roles = [r for r in roles if r not in current_roles]
    added_units = [u for u in units if u not in current_units]
    if user.pk == actor.pk and (added_roles or added_units):
        raise ValidationError(_("Du kan inte ge dig själv behörigheter."))
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    validate_instance(user, exclude=["password"])
    history_record(user, actor=actor, reason=reason)
    user.save()
    for role in user.roller.exclude(roll__in=roles):
        history_record(role, actor=actor, reason=reason)
        role.delete()
    removed_units = [u for u in current_units if u not in units]
    if removed_units:
        user.units.remove(*removed_units)
        for unit in removed_units:
            grant = AccessGrant(
                municipality_id=_municipality_id(user),
                user=user,
                unit=unit,
                motivering=reason.strip(),
                begard_av=actor,
                status="avslagen",
                beslutad_av=actor,
                beslutad=timezone.now(),
            )
            history_record(grant, actor=actor, reason=_("Enheten borttagen: %(r)s") % {"r": reason})
            grant.save()
    # Pending grants for what is no longer asked for are withdrawn.
    for grant in AccessGrant.objects.filter(user=user, status="vantar"):
        if (grant.roll and grant.roll not in roles) or (grant.unit and grant.unit not in units):
            grant.status = "avslagen"
            grant.beslutad_av = actor
            grant.beslutad = timezone.now()
            history_record(grant, actor=actor, reason=_("Återtagen"))
            grant.save()
    waiting = {(g.roll, g.unit_id) for g in AccessGrant.objects.filter(user=user, status="vantar")}
    user.forget_access()
    return _grants(
        user=user,
        actor=actor,
        roles=[r for r in added_roles if (r, None) not in waiting],
        units=[u for u in added_units if ("", u.pk) not in waiting],
        reason=reason,
    )


@transaction.atomic
def user_deactivate(*, actor: User, user: User, reason: str) -> User:
    """The account can no longer log in or use its API keys (checked on every request)."""
    _require_admin_of(actor, user)
    if user.pk == actor.pk:
        raise ValidationError(_("Du kan inte avaktivera ditt eget konto."))
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv varför kontot avaktiveras.")})
    user.is_active = False
    history_record(user, actor=actor, reason=reason)
    user.save()
    user.forget_access()
    return user


@transaction.atomic
def user_reactivate(*, actor: User, user: User, reason: str) -> User:
    """The account works again with the roles and units it had; nothing new is granted."""
    _require_admin_of(actor, user)
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv varför kontot aktiveras igen.")})
    user.is_active = True
    history_record(user, actor=actor, reason=reason)
    user.save()
    return user


def user_password_link(*, actor: User, user: User) -> str:
    """The path of a one-time link with which the user chooses their own password. It stops
    working once used (the token depends on the password hash) or after
    PASSWORD_RESET_TIMEOUT. Making one removes the current password, so the administratör
    handing it over cannot also know a working password. It is made by another administratör
    than the one who asked for the account's access: whoever asks for access never also holds
    the way in (four eyes, issue 9 item 3)."""
    _require_admin_of(actor, user)
    if AccessGrant.objects.filter(user=user, begard_av=actor).exists():
        raise ValidationError(
            _(
                "Du har begärt behörigheter för kontot. En annan administratör skapar "
                "engångslänken, så att ingen både ger behörighet och kan logga in med den."
            )
        )
    with transaction.atomic():
        user.set_unusable_password()
        history_record(user, actor=actor, reason=_("Engångslänk för lösenord skapad"))
        user.save()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:password_set", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def api_token_create(*, user: User, namn: str) -> tuple[ApiToken, str]:
    """Returns the stored token and the secret, which is shown once and never stored."""
    secret = ApiToken.generate()
    token = ApiToken(
        user=user, namn=namn.strip(), nyckel_hash=hash_token(secret), prefix=secret[:8]
    )
    validated_save(token, actor=user, reason=_("Ny API-nyckel"))
    return token, secret


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> None:
    """Revoke one of the user's own keys; someone else's or an unknown id changes nothing."""
    for token in ApiToken.objects.filter(user=user, pk=token_id, aterkallad__isnull=True):
        token.aterkallad = timezone.now()
        history_record(token, actor=user, reason=_("Återkallad"))
        token.save()


# Every API request asks this. Written out, with the user's columns, because the ORM's
# select_related version cost three times the CPU (py-spy under `make bench`). The columns are
# named, not `u.*`: PostgreSQL keeps the statement prepared per connection (settings/database),
# and a prepared `*` fails once a migration adds a column to the table.
_TOKEN_USER_SQL = (
    f"SELECT {', '.join(f'u.{f.column}' for f in User._meta.concrete_fields)}, "
    f"t.id AS token_pk FROM {User._meta.db_table} u "
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


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed device; it counts only after the user has typed a code from it."""
    for old in TOTPDevice.objects.filter(user=user, confirmed=False):
        history_record(old, actor=user, reason=_("Ersatt av en ny nyckel"))
        old.delete()
    device: TOTPDevice = TOTPDevice(user=user, name="app", confirmed=False)
    history_record(device, actor=user, reason=_("Ny nyckel för tvåstegsverifiering"))
    device.save()
    return device


@transaction.atomic
def totp_device_confirm(*, user: User, token: str) -> bool:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token):
        return False
    for old in TOTPDevice.objects.filter(user=user, confirmed=True):
        history_record(old, actor=user, reason=_("Ersatt av en ny bekräftad nyckel"))
        old.delete()
    device.confirmed = True
    history_record(device, actor=user, reason=_("Tvåstegsverifiering påslagen"))
    device.save()
    return True


@transaction.atomic
def totp_device_remove(*, actor: User | None, user: User, reason: str) -> int:
    """A user who lost the phone: remove the devices (the operator, docs/operations.md)."""
    removed = 0
    for device in TOTPDevice.objects.filter(user=user):
        history_record(device, actor=actor, reason=reason)
        device.delete()
        removed += 1
    return removed


@transaction.atomic
def user_password_set(*, user: User, password: str) -> User:
    """The user chooses their own password (from a one-time link)."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    user.set_password(password)
    history_record(user, actor=user, reason=_("Lösenord valt av användaren"))
    user.save()
    return user
