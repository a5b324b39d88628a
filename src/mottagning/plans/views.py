"""Pages for mappings and individual plans. Thin: the person is fetched through the register's
selector (visibility) and the read logged, as on the person page; writes go through services."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mottagning.accounts.models import User
from mottagning.accounts.permissions import acting_user, require
from mottagning.housing.selectors import person_residences
from mottagning.plans import selectors, services
from mottagning.plans.forms import AktivitetForm, KartlaggningForm, PlanForm
from mottagning.register import selectors as reg
from mottagning.register.models import Person, Unit
from mottagning.web.views import form_page


def _person(request: HttpRequest, person_id: int) -> Person:
    return reg.person_get(user=cast(User, request.user), person_id=person_id)


def _choices(request: HttpRequest) -> dict[str, Any]:
    return {
        "units": Unit.objects.filter(municipality_id=acting_user(request).municipality_id or 0),
        "users": selectors.handlaggare_choices(user=request.user),
    }


def _to_plans(person_id: int) -> Any:
    return lambda _saved: redirect("plans:person", person_id=person_id)


@require_http_methods(["GET"])
def person_plans(request: HttpRequest, person_id: int) -> HttpResponse:
    require(request, "plans.read")
    person = _person(request, person_id)
    return render(
        request,
        "plans/person_plans.html",
        {
            "person": person,
            "data": selectors.person_plans(person=person),
            "residences": person_residences(person=person),
            "today": timezone.localdate(),
            "may_write": request.user.has_perm("plans.write"),
        },
    )


@require_http_methods(["GET", "POST"])
def kartlaggning_create(request: HttpRequest, person_id: int) -> HttpResponse:
    require(request, "plans.write")
    person = _person(request, person_id)
    received = person.handelser.filter(typ="mottagande").order_by("-datum").first()
    # Where the municipality names the unit that maps newcomers (Ekerö: the centrum), it is
    # the default; otherwise the user's own unit.
    rule = selectors.first_mapping_rule(person.municipality.kod)
    mapping_unit = (
        Unit.objects.filter(municipality_id=person.municipality_id, kod=rule.enhet).first()
        if rule and rule.enhet
        else None
    )
    initial = {
        "mottagen": received.datum if received else None,
        "handlaggare": request.user.pk,
        "enhet": mapping_unit.pk
        if mapping_unit
        else min(acting_user(request).unit_ids(), default=None),
    }
    form = KartlaggningForm(request.POST or None, initial=initial, **_choices(request))

    def save(data: dict[str, Any]) -> Any:
        texts = {k: v for k, v in data.items() if k in services.MAPPING_TEXT_FIELDS}
        return services.kartlaggning_create(
            actor=request.user,
            person=person,
            enhet=data["enhet"],
            slag=data["slag"],
            mottagen=data["mottagen"],
            handlaggare=data["handlaggare"],
            klar=data["klar"],
            **texts,
        )

    return form_page(
        request,
        form,
        save,
        success=_("Kartläggningen är sparad."),
        done=_to_plans(person.pk),
        title=_("Ny kartläggning för %(namn)s") % {"namn": person},
        submit=_("Spara kartläggning"),
        person=person,
    )


@require_http_methods(["GET", "POST"])
def kartlaggning_update(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "plans.write")
    mapping = selectors.kartlaggning_get(user=request.user, pk=pk)
    person = _person(request, mapping.person_id)
    form = KartlaggningForm(request.POST or None, instance=mapping, **_choices(request))
    # What the mapping is and whom it is about do not change; a wrong one is a new one.
    for name in ("slag", "enhet", "mottagen"):
        form.fields[name].disabled = True

    def save(data: dict[str, Any]) -> Any:
        texts = {k: v for k, v in data.items() if k in services.MAPPING_TEXT_FIELDS}
        return services.kartlaggning_update(
            actor=request.user,
            kartlaggning=mapping,
            handlaggare=data["handlaggare"],
            klar=data["klar"],
            **texts,
        )

    return form_page(
        request,
        form,
        save,
        success=_("Kartläggningen är sparad."),
        done=_to_plans(person.pk),
        title=_("Kartläggning för %(namn)s") % {"namn": person},
        submit=_("Spara kartläggning"),
        person=person,
    )


@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest, person_id: int) -> HttpResponse:
    require(request, "plans.write")
    person = _person(request, person_id)
    initial = {
        "upprattad": timezone.localdate(),
        "handlaggare": request.user.pk,
        "enhet": min(acting_user(request).unit_ids(), default=None),
    }
    form = PlanForm(request.POST or None, initial=initial, **_choices(request))
    del form.fields["avslutad"]
    del form.fields["egen_forsorjning"]
    return form_page(
        request,
        form,
        lambda data: services.plan_create(
            actor=request.user,
            person=person,
            enhet=data["enhet"],
            upprattad=data["upprattad"],
            mal=data["mal"],
            handlaggare=data["handlaggare"],
        ),
        success=_("Planen är upprättad. Lägg till aktiviteter."),
        done=_to_plans(person.pk),
        title=_("Ny individuell plan för %(namn)s") % {"namn": person},
        submit=_("Upprätta plan"),
        person=person,
    )


@require_http_methods(["GET", "POST"])
def plan_update(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "plans.write")
    plan = selectors.plan_get(user=request.user, pk=pk)
    person = _person(request, plan.person_id)
    form = PlanForm(request.POST or None, instance=plan, **_choices(request))
    for name in ("enhet", "upprattad"):
        form.fields[name].disabled = True
    return form_page(
        request,
        form,
        lambda data: services.plan_update(
            actor=request.user,
            plan=plan,
            mal=data["mal"],
            handlaggare=data["handlaggare"],
            avslutad=data["avslutad"],
            egen_forsorjning=data["egen_forsorjning"],
        ),
        success=_("Planen är sparad."),
        done=_to_plans(person.pk),
        title=_("Individuell plan för %(namn)s") % {"namn": person},
        submit=_("Spara plan"),
        person=person,
    )


@require_http_methods(["GET", "POST"])
def aktivitet_create(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "plans.write")
    plan = selectors.plan_get(user=request.user, pk=pk)
    person = _person(request, plan.person_id)
    form = AktivitetForm(request.POST or None, **_choices(request))
    return form_page(
        request,
        form,
        lambda data: services.aktivitet_create(
            actor=request.user,
            plan=plan,
            slag=data["slag"],
            forfaller=data["forfaller"],
            ansvarig_enhet=data["ansvarig_enhet"],
            partner=data["partner"],
            beskrivning=data["beskrivning"],
            ansokan=data["ansokan"],
            start=data["start"],
            klar=data["klar"],
        ),
        success=_("Aktiviteten är sparad."),
        done=_to_plans(person.pk),
        title=_("Ny aktivitet för %(namn)s") % {"namn": person},
        submit=_("Spara aktivitet"),
        person=person,
    )


@require_http_methods(["GET", "POST"])
def aktivitet_update(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "plans.write")
    activity = selectors.aktivitet_get(user=request.user, pk=pk)
    person = _person(request, activity.plan.person_id)
    form = AktivitetForm(request.POST or None, instance=activity, **_choices(request))
    for name in ("slag", "beskrivning", "ansvarig_enhet", "partner", "ansokan"):
        form.fields[name].disabled = True
    return form_page(
        request,
        form,
        lambda data: services.aktivitet_update(
            actor=request.user,
            aktivitet=activity,
            forfaller=data["forfaller"],
            start=data["start"],
            klar=data["klar"],
        ),
        success=_("Aktiviteten är sparad."),
        done=_to_plans(person.pk),
        title=_("%(aktivitet)s för %(namn)s")
        % {"aktivitet": activity.get_slag_display(), "namn": person},
        submit=_("Spara aktivitet"),
        person=person,
    )
