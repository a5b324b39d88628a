"""Begäran om uppgifter: blocked identity numbers, requests with their legal basis, decisions.

Thin like the other pages: the services check who may do what and record it with history."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mottagning.accounts.models import User
from mottagning.audit import selectors, services
from mottagning.web.forms import apply_errors
from mottagning.web.osl_forms import InformationDecisionForm, InformationRequestForm


def _me(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not user.has_perm("audit.see_information_requests"):
        raise PermissionDenied
    return user


@require_http_methods(["GET"])
def request_list(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    mine = [
        (r, selectors.information_request_holders(request=r) if r.begard_av_id == user.pk else [])
        for r in selectors.information_request_list(user=user)[:200]
    ]
    return render(
        request,
        "web/osl_requests.html",
        {
            "to_decide": list(selectors.information_requests_to_decide(user=user)),
            "conflicts": list(selectors.identity_conflict_list(user=user)[:200]),
            "requests": mine,
            "may_request": user.has_perm("audit.request_information"),
        },
    )


@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest, conflict_id: int) -> HttpResponse:
    user = _me(request)
    if not user.has_perm("audit.request_information"):
        raise PermissionDenied
    conflict = get_object_or_404(selectors.identity_conflict_list(user=user), pk=conflict_id)
    form = InformationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.information_request_create(
                actor=user,
                conflict=conflict,
                rattslig_grund=form.cleaned_data["rattslig_grund"],
                motivering=form.cleaned_data["motivering"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Begäran är skickad till den enhet som har numret. Den är loggad.")
            )
            return redirect("web:osl_requests")
    return render(
        request,
        "web/osl_request_form.html",
        {"form": form, "conflict": conflict, "submit": _("Skicka begäran")},
    )


@require_http_methods(["GET", "POST"])
def request_decide(request: HttpRequest, request_id: int) -> HttpResponse:
    user = _me(request)
    pending = get_object_or_404(selectors.information_requests_to_decide(user=user), pk=request_id)
    form = InformationDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.information_request_decide(
                actor=user,
                request=pending,
                bevilja=form.cleaned_data["beslut"] == "bevilja",
                motivering=form.cleaned_data["motivering"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Beslutet är sparat och loggat."))
            return redirect("web:osl_requests")
    return render(
        request,
        "web/osl_decide_form.html",
        {"form": form, "pending": pending, "submit": _("Spara beslut")},
    )
