"""Log in (with TOTP when the user has turned it on), log out, second factor, API tokens."""

from __future__ import annotations

import base64
from typing import Any, cast

import segno
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape
from django.utils.http import urlsafe_base64_decode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import devices_for_user, match_token  # type: ignore[import-untyped]  # untyped library
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]  # untyped library

from mottagning.accounts import services
from mottagning.accounts.forms import (
    ApiTokenForm,
    LoginForm,
    PasswordSetForm,
    ReasonForm,
    TotpConfirmForm,
    UserCreateForm,
    UserUpdateForm,
)
from mottagning.accounts.models import AccessGrant, ApiToken, User
from mottagning.accounts.throttle import address_is_throttled
from mottagning.config.converters import local_path, parse_id
from mottagning.register.models import Municipality, Unit


@login_not_required
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST" and address_is_throttled(request):
        return render(request, "accounts/lockout.html", status=429)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            return render(request, "accounts/lockout.html", status=403)
        if user is None:
            form.add_error(None, _("Fel användarnamn eller lösenord. Kontrollera och försök igen."))
        else:
            devices = list(devices_for_user(user, confirmed=True))
            device = None
            if devices:
                token = form.cleaned_data["otp_token"].strip()
                device = match_token(user, token) if token else None
                if device is None:
                    # A wrong second factor counts as a failed login for throttling.
                    user_login_failed.send(
                        sender=__name__, credentials={"username": username}, request=request
                    )
                    form.add_error(
                        "otp_token",
                        _("Fyll i den sexsiffriga engångskoden från din app.")
                        if not token
                        else _("Engångskoden stämmer inte. Vänta på en ny kod och försök igen."),
                    )
            if not form.errors:
                login(request, user)
                if device is not None:
                    otp_login(request, device)
                return redirect(local_path(request, next_url) or "web:start")
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def totp_view(request: HttpRequest) -> HttpResponse:
    """Turn on the second factor: show the key, confirm with a code from the app."""
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    form = TotpConfirmForm(request.POST or None)
    if request.method == "POST" and "start" in request.POST:
        services.totp_device_start(user=cast(User, request.user))
        return redirect("accounts:totp")
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(
            user=cast(User, request.user), token=form.cleaned_data["token"]
        ):
            messages.success(request, _("Tvåstegsverifiering är påslagen."))
            return redirect("accounts:totp")
        form.add_error(
            "token", _("Koden stämmer inte. Kontrollera klockan i telefonen och försök igen.")
        )
    pending = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    secret = base64.b32encode(pending.bin_key).decode() if pending else ""
    return render(
        request,
        "accounts/totp.html",
        {
            "form": form,
            "confirmed": confirmed,
            "pending": pending,
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "config_url": pending.config_url if pending else "",
            "qr": _qr_svg(pending.config_url) if pending else "",
        },
    )


def _qr_svg(url: str) -> SafeString:
    """The key as a QR code for the app's camera, drawn as inline SVG (no image request, nothing
    for the CSP to allow). Black on white whatever the page's colours, so phones can read it."""
    label = _("QR-kod med nyckeln för din app. Nyckeln står också som text nedanför.")
    svg = segno.make(url, error="m").svg_inline(scale=4, border=4, light="#fff")
    # segno writes the markup itself from the URL's bits; only our label is inserted here.
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


@require_http_methods(["GET", "POST"])
def api_tokens_view(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    secret = ""
    if request.method == "POST" and "revoke" in request.POST:
        token_id = parse_id(request.POST["revoke"])  # a key id, as the form sends it
        if token_id is None:
            raise Http404
        services.api_token_revoke(user=cast(User, request.user), token_id=token_id)
        messages.success(request, _("Nyckeln är återkallad."))
        return redirect("accounts:api_tokens")
    if request.method == "POST" and form.is_valid():
        _token, secret = services.api_token_create(
            user=cast(User, request.user), namn=form.cleaned_data["namn"]
        )
        form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=cast(User, request.user)).order_by("-skapad")
    return render(
        request, "accounts/api_tokens.html", {"form": form, "secret": secret, "tokens": tokens}
    )


def _admin(request: HttpRequest) -> User:
    if not request.user.has_perm("accounts.manage_users"):
        raise PermissionDenied
    return cast(User, request.user)


def _unit_choices(admin: User) -> list[tuple[int, str]]:
    return [
        (u.pk, u.namn)
        for u in Unit.objects.filter(municipality=admin.municipality).order_by("namn")
    ]


def _units(admin: User, ids: list[str]) -> list[Unit]:
    return list(Unit.objects.filter(municipality=admin.municipality, pk__in=[int(i) for i in ids]))


@require_http_methods(["GET", "POST"])
def users_view(request: HttpRequest) -> HttpResponse:
    """The municipality's accounts, and a form for a new one (administratör only)."""
    admin = _admin(request)
    municipality = admin.municipality
    form = UserCreateForm(request.POST or None, units=_unit_choices(admin))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.user_create(
                actor=admin,
                username=data["username"],
                municipality=cast(Municipality, municipality),
                roles=data["roles"],
                units=_units(admin, data["units"]),
                first_name=data["first_name"],
                last_name=data["last_name"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            _errors_on(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Kontot %(u)s är skapat. Dess roller och enheter gäller när en annan "
                    "administratör har godkänt dem. Den administratören skapar också "
                    "engångslänken som personen väljer sitt lösenord med."
                )
                % {"u": created.username},
            )
            return redirect("accounts:user", user_id=created.pk)
    accounts = (
        User.objects.filter(municipality=municipality)
        .prefetch_related("roller", "units")
        .order_by("username")
    )
    return render(request, "accounts/users.html", {"form": form, "accounts": accounts})


def _errors_on(form: Any, exc: ValidationError) -> None:
    for field, errors in (
        exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
    ):
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


@require_http_methods(["GET", "POST"])
def user_view(request: HttpRequest, user_id: int) -> HttpResponse:
    """One account: edit, deactivate or reactivate, a one-time password link, its history."""
    admin = _admin(request)
    account = get_object_or_404(User, pk=user_id, municipality=admin.municipality)
    initial = {
        "first_name": account.first_name,
        "last_name": account.last_name,
        "roles": list(account.roller.values_list("roll", flat=True)),
        "units": [str(i) for i in account.units.values_list("pk", flat=True)],
    }
    action = request.POST.get("action", "") if request.method == "POST" else ""
    form = UserUpdateForm(
        request.POST if action == "update" else None, initial=initial, units=_unit_choices(admin)
    )
    reason_form = ReasonForm(request.POST if action in ("deactivate", "reactivate") else None)
    link = ""
    try:
        if action == "update" and form.is_valid():
            data = form.cleaned_data
            waiting = services.user_update(
                actor=admin,
                user=account,
                first_name=data["first_name"],
                last_name=data["last_name"],
                roles=data["roles"],
                units=_units(admin, data["units"]),
                reason=data["reason"],
            )
            messages.success(
                request,
                ngettext(
                    "Kontot är sparat. %(n)d ny behörighet väntar på en annan administratörs godkännande.",
                    "Kontot är sparat. %(n)d nya behörigheter väntar på en annan administratörs godkännande.",
                    len(waiting),
                )
                % {"n": len(waiting)}
                if waiting
                else _("Kontot är sparat."),
            )
            return redirect("accounts:user", user_id=account.pk)
        if action in ("deactivate", "reactivate") and reason_form.is_valid():
            change = (
                services.user_deactivate if action == "deactivate" else services.user_reactivate
            )
            change(actor=admin, user=account, reason=reason_form.cleaned_data["reason"])
            messages.success(
                request,
                _("Kontot är avaktiverat.")
                if action == "deactivate"
                else _("Kontot är aktivt igen."),
            )
            return redirect("accounts:user", user_id=account.pk)
        if action == "link":
            link = request.build_absolute_uri(
                services.user_password_link(actor=admin, user=account)
            )
    except ValidationError as exc:
        if action == "link":
            messages.error(request, " ".join(exc.messages))
            return redirect("accounts:user", user_id=account.pk)
        _errors_on(form if action == "update" else reason_form, exc)
    history = account.history.select_related("history_user").order_by("-history_date")[:100]
    grants = AccessGrant.objects.filter(user=account).select_related(
        "unit", "begard_av", "beslutad_av"
    )
    return render(
        request,
        "accounts/user.html",
        {
            "account": account,
            "form": form,
            "reason_form": reason_form,
            "link": link,
            "history": history,
            "grants": grants,
        },
    )


@require_http_methods(["GET", "POST"])
def grants_view(request: HttpRequest) -> HttpResponse:
    """Every role and unit given in the municipality, who asked and why, who approved: for the
    revisor to follow up, and for a second administratör to approve or refuse."""
    user = cast(User, request.user)
    if not user.has_perm("accounts.see_access_grants"):
        raise PermissionDenied
    if request.method == "POST":
        admin = _admin(request)
        try:
            grant_id = int(request.POST.get("grant", ""))
        except ValueError:
            raise Http404 from None
        if not AccessGrant.objects.filter(pk=grant_id, municipality=admin.municipality).exists():
            raise Http404
        try:
            services.access_grant_decide(
                actor=admin, grant_id=grant_id, approve=request.POST.get("beslut") == "godkann"
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Beslutet är sparat."))
        return redirect("accounts:grants")
    grants = AccessGrant.objects.filter(municipality=user.municipality).select_related(
        "user", "unit", "begard_av", "beslutad_av"
    )
    return render(
        request,
        "accounts/grants.html",
        {
            "waiting": [g for g in grants if g.status == "vantar"],
            "grants": Paginator(grants, 100).get_page(request.GET.get("sida")),
            "may_decide": user.has_perm("accounts.manage_users"),
        },
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def password_set_view(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The one-time link: the user chooses their own password; the link then stops working."""
    try:
        user_id = int(urlsafe_base64_decode(uidb64).decode())
        account = User.objects.get(pk=user_id, is_active=True)
    except (ValueError, OverflowError, User.DoesNotExist):
        account = None
    if account is None or not default_token_generator.check_token(account, token):
        return render(request, "accounts/password_link_invalid.html", status=404)
    form = PasswordSetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_password_set(user=account, password=form.cleaned_data["password"])
        except ValidationError as exc:
            _errors_on(form, exc)
        else:
            messages.success(request, _("Lösenordet är sparat. Logga in med det."))
            return redirect("accounts:login")
    return render(request, "accounts/password_set.html", {"form": form, "account": account})
