"""Saved planning scenarios (issue 12 item 1): save what a planning page shows under a name,
list the municipality's scenarios, open one (the page as it was saved), save new versions and
archive. Thin: the page's own form checks the values, `scenarios.services` writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mottagning.accounts.models import User
from mottagning.accounts.permissions import acting_user, require
from mottagning.config.converters import parse_id, whole_number
from mottagning.planning.underlag import KOMMUNER, kommun_namn, parameternamn
from mottagning.rules.params import load_parameters
from mottagning.scenarios import services
from mottagning.scenarios.models import BUDGET, JAMFOR, PROGNOS, SIDOR, Scenario, ScenarioVersion
from mottagning.scenarios.selectors import scenarier_for
from mottagning.web import planning_views as pv
from mottagning.web.planning_forms import BudgetForm, JamforForm, PlanningForm, PrognosForm

SIDA_URL = {BUDGET: "planering:budget", PROGNOS: "planering:forecast", JAMFOR: "planering:compare"}
FORMULAR: dict[str, type[PlanningForm]] = {
    BUDGET: BudgetForm,
    PROGNOS: PrognosForm,
    JAMFOR: JamforForm,
}


def _keeper(request: HttpRequest) -> User:
    """The user of a scenario page, who must be allowed to keep scenarios."""
    require(request, "scenarios.keep")
    return acting_user(request)


def _sidans_falt(sida: str, query: QueryDict) -> dict[str, list[str]]:
    """The page's own fields in the address; anything else (the export format, a scenario
    number) is not part of the scenario."""
    names = set(FORMULAR[sida].base_fields)
    return {
        k: query.getlist(k)
        for k in query
        if k in names or (sida == JAMFOR and k.startswith("flytt_"))
    }


def _las_sida(
    user: User, sida: str, query: QueryDict
) -> tuple[dict[str, list[str]], dict[tuple[str, dt.date], Decimal], list[str]]:
    """The page's fields and the user's own amounts, checked by the page's own forms."""
    fel: list[str] = []
    belopp: dict[tuple[str, dt.date], Decimal] = {}
    form: PlanningForm
    if sida == BUDGET:
        bs = pv.budget_sida(query, pv.planning_kommuner(user, "budget"))
        form = bs.form
        if bs.belopp is not None and bs.belopp.is_bound and not bs.belopp.is_valid():
            fel.append(_("Ett eget belopp är fel; rätta det på sidan först."))
        belopp = pv.belopp_som_parametrar(bs)
    elif sida == PROGNOS:
        form = PrognosForm(query, kommuner=pv.planning_kommuner(user, "prognos", "budget"))
    else:
        kommuner = pv.planning_kommuner(user, "organisation")
        if not kommuner:
            raise PermissionDenied
        form = pv.jamfor_form(query, kommuner)[2]
    if form.is_bound and not form.is_valid():
        fel.append(_("Sidans uppgifter har fel; rätta dem på sidan först."))
    return _sidans_falt(sida, query), belopp, fel


def _sidan(sida: str, query: QueryDict, scenario: Scenario | None) -> HttpResponseRedirect:
    q = query.copy()
    q.pop("scenario", None)
    if scenario is not None:
        q["scenario"] = str(scenario.pk)
    text = q.urlencode()
    return redirect(reverse(SIDA_URL[sida]) + (f"?{text}" if text else ""))


@require_POST
def spara(request: HttpRequest) -> HttpResponse:
    user = _keeper(request)
    sida = request.POST.get("sida", "")
    if sida not in SIDA_URL:
        raise PermissionDenied
    query = QueryDict(request.POST.get("query", ""))
    scenario = None
    if request.POST.get("atgard") == "uppdatera":
        vald = request.POST.get("scenario", "").strip()
        scenario = get_object_or_404(scenarier_for(user), pk=parse_id(vald) or 0)
    falt, belopp, fel = _las_sida(user, sida, query)
    if fel:
        for text in fel:
            messages.error(request, text)
        return _sidan(sida, query, scenario)
    try:
        version = services.scenario_spara(
            actor=user,
            namn=request.POST.get("namn", ""),
            sida=sida,
            falt=falt,
            belopp=belopp,
            scenario=scenario,
        )
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, _("Scenariot sparades inte: %(fel)s") % {"fel": text})
        return _sidan(sida, query, scenario)
    messages.success(
        request,
        _("Scenariot ”%(namn)s” är sparat som version %(n)s.")
        % {"namn": version.scenario.namn, "n": version.nummer},
    )
    return redirect("planering:scenario", pk=version.scenario.pk)


@require_GET
def lista(request: HttpRequest) -> HttpResponse:
    user = _keeper(request)
    scenarier = scenarier_for(user).prefetch_related(
        Prefetch("versioner", queryset=ScenarioVersion.objects.select_related("sparad_av"))
    )
    rows = [(s, s.versioner.all()[0]) for s in scenarier]
    return render(
        request,
        "web/planning/scenarier.html",
        {
            "aktiva": [r for r in rows if r[0].arkiverad is None],
            "arkiverade": [r for r in rows if r[0].arkiverad is not None],
            "active": "scenarier",
        },
    )


def _sidans_form(user: User, s: Scenario, v: ScenarioVersion) -> PlanningForm:
    """The page's form for naming the fields and values of a version: the comparison's
    units, tasks and alternatives are those of the version's municipality."""
    if s.sida == JAMFOR:
        kommuner = pv.planning_kommuner(user, "organisation")
        if kommuner:
            query = QueryDict(mutable=True)
            for name, values in v.falt.items():
                query.setlist(name, values)
            return pv.jamfor_form(query, kommuner)[2]
        return JamforForm(kommuner=[], alternativ=[], enheter=[], uppgifter=[])
    if s.sida == PROGNOS:
        return PrognosForm(kommuner=pv.planning_kommuner(user, "prognos", "budget"))
    return BudgetForm(kommuner=pv.planning_kommuner(user, "budget"))


def _andring(form: PlanningForm, change: dict[str, Any], params: Any) -> tuple[str, str, str]:
    """A change as the page says it: the field's label, and values by their names (a
    municipality, a unit or a task) rather than their codes."""
    nyckel: str = change["falt"]
    fore, efter = list(change["fore"]), list(change["efter"])

    def _text(values: list[str], names: dict[str, str]) -> str:
        return ", ".join(names.get(value, value) for value in values)

    if nyckel == "namn":
        return _("Namn"), _text(fore, {}), _text(efter, {})
    if nyckel.startswith("belopp:"):
        _prefix, name, start = nyckel.split(":", 2)
        label = _("Eget belopp: %(namn)s från %(datum)s") % {
            "namn": parameternamn(params, name),
            "datum": start,
        }
        return label, _text(fore, {}), _text(efter, {})
    if nyckel == "kommun":
        names = {k: kommun_namn(k) for k in (*fore, *efter) if k in KOMMUNER}
        return str(form.fields["kommun"].label), _text(fore, names), _text(efter, names)
    field = form.fields.get(nyckel)
    if field is None:
        return nyckel, _text(fore, {}), _text(efter, {})
    names = {str(k): str(label) for k, label in getattr(field, "choices", [])}
    return str(field.label), _text(fore, names), _text(efter, names)


@require_GET
def scenario(request: HttpRequest, pk: int) -> HttpResponse:
    user = _keeper(request)
    s = get_object_or_404(scenarier_for(user).select_related("skapad_av", "arkiverad_av"), pk=pk)
    params = load_parameters()
    versioner = []
    for v in s.versioner.select_related("sparad_av"):
        form = _sidans_form(user, s, v)
        versioner.append((v, [_andring(form, c, params) for c in v.andringar]))
    return render(
        request,
        "web/planning/scenario.html",
        {
            "scenario": s,
            "sida_namn": dict(SIDOR)[s.sida],
            "versioner": versioner,
            "active": "scenarier",
        },
    )


@require_GET
def oppna(request: HttpRequest, pk: int) -> HttpResponse:
    """The page with the version's fields (the latest unless `version` is given)."""
    user = _keeper(request)
    s = get_object_or_404(scenarier_for(user), pk=pk)
    versioner = s.versioner.prefetch_related("belopp")
    nummer = request.GET.get("version", "")
    chosen = whole_number(nummer)
    v = get_object_or_404(versioner, nummer=chosen) if chosen is not None else versioner[0]
    query = QueryDict(mutable=True)
    for name, values in v.falt.items():
        query.setlist(name, values)
    belopp = {(b.parameter, b.fran): b.belopp for b in v.belopp.all()}
    if s.sida == BUDGET and belopp:
        bas = pv.budget_sida(query, pv.planning_kommuner(user, "budget"))
        query.update(pv.belopp_som_falt(bas, belopp))
    return _sidan(s.sida, query, s if s.arkiverad is None else None)


def _change(
    request: HttpRequest, pk: int, write: Callable[..., Scenario], success: str
) -> tuple[Scenario, bool]:
    """Archive or restore: the service's refusal as messages, or `success` with the name."""
    user = _keeper(request)
    s = get_object_or_404(scenarier_for(user), pk=pk)
    try:
        write(actor=user, scenario=s)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return s, False
    messages.success(request, success % {"namn": s.namn})
    return s, True


@require_POST
def arkivera(request: HttpRequest, pk: int) -> HttpResponse:
    s, done = _change(
        request, pk, services.scenario_arkivera, _("Scenariot ”%(namn)s” är arkiverat.")
    )
    return redirect("planering:scenarier") if done else redirect("planering:scenario", pk=s.pk)


@require_POST
def aterstall(request: HttpRequest, pk: int) -> HttpResponse:
    """An archived scenario back in the list: an archiving by mistake is undone here."""
    s, _done = _change(
        request, pk, services.scenario_aterstall, _("Scenariot ”%(namn)s” är återställt.")
    )
    return redirect("planering:scenario", pk=s.pk)
