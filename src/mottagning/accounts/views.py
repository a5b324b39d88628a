"""Log in (with TOTP when the user has turned it on), log out, second factor, API tokens."""

from __future__ import annotations

import base64
from typing import cast

import segno
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import devices_for_user, match_token  # type: ignore[import-untyped]  # untyped library
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]  # untyped library

from mottagning.accounts import services
from mottagning.accounts.forms import ApiTokenForm, LoginForm, TotpConfirmForm, UserCreateForm
from mottagning.accounts.models import ApiToken, User
from mottagning.accounts.throttle import address_is_throttled
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
                if not url_has_allowed_host_and_scheme(
                    next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
                ):
                    next_url = ""
                return redirect(next_url or "web:start")
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
        services.totp_device_start(user=request.user)
        return redirect("accounts:totp")
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(user=request.user, token=form.cleaned_data["token"]):
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
        services.api_token_revoke(user=request.user, token_id=int(request.POST["revoke"]))
        messages.success(request, _("Nyckeln är återkallad."))
        return redirect("accounts:api_tokens")
    if request.method == "POST" and form.is_valid():
        _token, secret = services.api_token_create(
            user=request.user, namn=form.cleaned_data["namn"]
        )
        form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=cast(User, request.user)).order_by("-skapad")
    return render(
        request, "accounts/api_tokens.html", {"form": form, "secret": secret, "tokens": tokens}
    )


@require_http_methods(["GET", "POST"])
def users_view(request: HttpRequest) -> HttpResponse:
    """The municipality's accounts, and a form for a new one (administratör only)."""
    if not request.user.has_perm("accounts.manage_users"):
        raise PermissionDenied
    admin = cast(User, request.user)
    municipality = admin.municipality
    units = Unit.objects.filter(municipality=municipality).order_by("namn")
    form = UserCreateForm(request.POST or None, units=[(u.pk, u.namn) for u in units])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_create(
                username=data["username"],
                password=data["password"],
                municipality=cast(Municipality, municipality),
                roles=data["roles"],
                units=list(units.filter(pk__in=[int(u) for u in data["units"]])),
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("Kontot %(u)s är skapat.") % {"u": data["username"]})
            return redirect("accounts:users")
    accounts = (
        User.objects.filter(municipality=municipality)
        .prefetch_related("roller", "units")
        .order_by("username")
    )
    return render(request, "accounts/users.html", {"form": form, "accounts": accounts})
