"""Pages of the follow-up. Thin: reads through followup.selectors, writes through
followup.services, files from followup.export."""

from __future__ import annotations

import base64
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from mottagning.accounts.models import User
from mottagning.accounts.permissions import acting_user, require
from mottagning.followup import charts, export, selectors, services
from mottagning.followup.forms import (
    BedomningForm,
    HandlingsplanForm,
    IndikatorForm,
    KoladaForm,
    MalForm,
    PlanAktivitetForm,
    UppfoljningForm,
    VardeForm,
)
from mottagning.followup.indicators import REGISTRY
from mottagning.followup.models import BERAKNAD, PERIODS, SCALE
from mottagning.register.models import Committee
from mottagning.web.views import form_page

KOLADA_SESSION_KEY = "followup-kolada"
KOLADA_MAX_BYTES = 1024 * 1024


def _mid(request: HttpRequest) -> int:
    return acting_user(request).municipality_id or 0


@require_http_methods(["GET"])
def index(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    return render(
        request,
        "followup/index.html",
        {
            "goals": selectors.goal_tree(user=user),
            "indikatorer": selectors.indikator_list(user=user),
            "plans": selectors.plan_list(user=user),
            "may_edit": user.has_perm("followup.edit"),
        },
    )


@require_http_methods(["GET", "POST"])
def mal_create(request: HttpRequest) -> HttpResponse:
    require(request, "followup.edit")
    form = MalForm(request.POST or None, municipality_id=_mid(request))

    def save(d: dict[str, Any]) -> Any:
        return services.mal_create(
            actor=acting_user(request),
            niva=d["niva"],
            titel=d["titel"],
            giltig_fran=d["giltig_fran"],
            giltig_till=d["giltig_till"],
            overordnat=d["overordnat"],
            agare_namnd=d["agare_namnd"],
            agare_enhet=d["agare_enhet"],
            beskrivning=d["beskrivning"],
            kalla=d["kalla"],
        )

    return form_page(
        request,
        form,
        save,
        success=_("Målet är sparat."),
        done=lambda _m: redirect("followup:index"),
        title=_("Nytt mål"),
        submit=_("Spara mål"),
    )


@require_http_methods(["GET", "POST"])
def indikator_create(request: HttpRequest) -> HttpResponse:
    require(request, "followup.edit")
    form = IndikatorForm(request.POST or None, municipality_id=_mid(request))

    def save(d: dict[str, Any]) -> Any:
        return services.indikator_create(
            actor=acting_user(request),
            mal=d["mal"],
            namn=d["namn"],
            enhet=d["enhet"],
            riktning=d["riktning"],
            kalla_typ=d["kalla_typ"],
            berakning=d["berakning"],
            kolada_kpi=d["kolada_kpi"],
            kalla=d["kalla"],
        )

    return form_page(
        request,
        form,
        save,
        success=_("Indikatorn är sparad."),
        done=lambda i: redirect("followup:indikator", pk=i.pk),
        title=_("Ny indikator"),
        submit=_("Spara indikator"),
    )


@require_http_methods(["GET"])
def indikator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    indikator = selectors.indikator_get(user=user, pk=pk)
    years = selectors.years_of(indikator, timezone.localdate())
    outcomes = selectors.indikator_outcomes(user=user, indikator=indikator, years=years)
    computed = REGISTRY.get(indikator.berakning) if indikator.kalla_typ == BERAKNAD else None
    chart = charts.svg(
        charts.Bars(
            title=indikator.namn,
            description=_("Utfall per år; samma värden som i tabellen."),
            series=_("Utfall"),
            axis=indikator.enhet,
            bars=tuple(charts.Bar(str(o.ar), o.varde, o.undertryckt) for o in outcomes),
        ),
        ident="indikator-chart",
    )
    return render(
        request,
        "followup/indikator.html",
        {
            "indikator": indikator,
            "outcomes": outcomes,
            "computed": computed,
            "chart": chart,
            "comparisons": selectors.comparison_figures(user=user, indikator=indikator),
            "may_edit": user.has_perm("followup.edit"),
            "may_drill": computed is not None
            and computed.per_person
            and user.has_perm("register.read_person"),
            "threshold": selectors.threshold(),
        },
    )


@require_http_methods(["GET", "POST"])
def indikator_varde(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "followup.edit")
    indikator = selectors.indikator_get(user=acting_user(request), pk=pk)
    form = VardeForm(request.POST or None, initial={"slag": "malvarde"})

    def save(d: dict[str, Any]) -> Any:
        if d["slag"] == "malvarde":
            return services.malvarde_set(
                actor=acting_user(request), indikator=indikator, ar=d["ar"], varde=d["varde"]
            )
        return services.utfall_set(
            actor=acting_user(request),
            indikator=indikator,
            ar=d["ar"],
            varde=d["varde"],
            kommentar=d["kommentar"],
        )

    return form_page(
        request,
        form,
        save,
        success=_("Värdet är sparat."),
        done=lambda _v: redirect("followup:indikator", pk=indikator.pk),
        title=_("Målvärde eller utfall för %(i)s") % {"i": indikator.namn},
        submit=_("Spara värde"),
    )


class _YearForm(forms.Form):
    ar = forms.IntegerField(label=gettext_lazy("år"), min_value=2000, max_value=2199)


@require_http_methods(["GET"])
def drilldown(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    indikator = selectors.indikator_get(user=user, pk=pk)
    form = _YearForm(request.GET)
    if not form.is_valid():
        return render(
            request, "followup/drilldown.html", {"indikator": indikator, "form": form}, status=400
        )
    data = selectors.drilldown(user=user, indikator=indikator, ar=form.cleaned_data["ar"])
    return render(
        request,
        "followup/drilldown.html",
        {"indikator": indikator, "form": form, "data": data, "ar": form.cleaned_data["ar"]},
    )


@require_http_methods(["GET", "POST"])
def kolada_import(request: HttpRequest) -> HttpResponse:
    require(request, "followup.edit")
    user = acting_user(request)
    preview = None
    form = KoladaForm()
    if request.method == "POST" and "spara" in request.POST:
        stored = request.session.pop(KOLADA_SESSION_KEY, None)
        if stored is None:
            messages.error(request, _("Ladda upp filen igen; förhandsvisningen har gått ut."))
            return redirect("followup:kolada")
        try:
            n = services.kolada_import(actor=user, content=base64.b64decode(stored))
        except ValidationError as exc:
            preview = services.kolada_preview(actor=user, content=base64.b64decode(stored))
            messages.error(request, "; ".join(exc.messages[:3]))
        else:
            messages.success(request, _("%(n)d värden är importerade.") % {"n": n})
            return redirect("followup:index")
    elif request.method == "POST":
        form = KoladaForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["fil"]
            if upload.size > KOLADA_MAX_BYTES:
                form.add_error("fil", _("Filen är större än 1 MB. Dela upp den."))
            else:
                content = upload.read()
                preview = services.kolada_preview(actor=user, content=content)
                if preview.ok:
                    request.session[KOLADA_SESSION_KEY] = base64.b64encode(content).decode()
    return render(request, "followup/kolada.html", {"form": form, "preview": preview})


# --- action plans ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    require(request, "followup.edit")
    form = HandlingsplanForm(request.POST or None, municipality_id=_mid(request))

    def save(d: dict[str, Any]) -> Any:
        return services.handlingsplan_create(
            actor=acting_user(request),
            ar=d["ar"],
            namn=d["namn"],
            namnd=d["namnd"],
            kalla=d["kalla"],
        )

    return form_page(
        request,
        form,
        save,
        success=_("Handlingsplanen är sparad."),
        done=lambda p: redirect("followup:plan", pk=p.pk),
        title=_("Ny handlingsplan"),
        submit=_("Spara handlingsplan"),
    )


@require_http_methods(["GET"])
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    plan = selectors.plan_get(user=user, pk=pk)
    return render(
        request,
        "followup/plan.html",
        {
            "plan": plan,
            "activities": selectors.plan_activities(plan),
            "may_edit": user.has_perm("followup.edit"),
        },
    )


@require_http_methods(["GET"])
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(user=acting_user(request), pk=pk)
    response = HttpResponse(
        export.plan_pdf(plan, selectors.plan_activities(plan)), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="handlingsplan-{plan.ar}-{plan.pk}.pdf"'
    )
    return response


@require_http_methods(["GET", "POST"])
def planaktivitet_create(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "followup.edit")
    plan = selectors.plan_get(user=acting_user(request), pk=pk)
    form = PlanAktivitetForm(request.POST or None, municipality_id=_mid(request))

    def save(d: dict[str, Any]) -> Any:
        return services.planaktivitet_create(actor=acting_user(request), plan=plan, **d)

    return form_page(
        request,
        form,
        save,
        success=_("Aktiviteten är sparad."),
        done=lambda _a: redirect("followup:plan", pk=plan.pk),
        title=_("Ny aktivitet i %(p)s") % {"p": plan},
        submit=_("Spara aktivitet"),
    )


@require_http_methods(["GET", "POST"])
def planaktivitet_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "followup.edit")
    aktivitet = selectors.planaktivitet_get(user=acting_user(request), pk=pk)
    form = UppfoljningForm(
        request.POST or None,
        initial={"status": aktivitet.status, "uppfoljning": aktivitet.uppfoljning},
    )

    def save(d: dict[str, Any]) -> Any:
        return services.planaktivitet_follow_up(
            actor=acting_user(request),
            aktivitet=aktivitet,
            status=d["status"],
            uppfoljning=d["uppfoljning"],
        )

    return form_page(
        request,
        form,
        save,
        success=_("Uppföljningen är sparad."),
        done=lambda _a: redirect("followup:plan", pk=aktivitet.plan_id),
        title=_("Följ upp %(a)s") % {"a": aktivitet.titel},
        submit=_("Spara uppföljning"),
    )


# --- assessments -----------------------------------------------------------------------------


@require_http_methods(["GET"])
def granskning(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    years, areas = selectors.assessment_history(user=user)
    return render(
        request,
        "followup/granskning.html",
        {
            "years": years,
            "areas": areas,
            "scale": SCALE,
            "may_assess": user.has_perm("followup.assess"),
        },
    )


@require_http_methods(["GET", "POST"])
def bedomning_create(request: HttpRequest) -> HttpResponse:
    require(request, "followup.assess")
    form = BedomningForm(request.POST or None, municipality_id=_mid(request))

    def save(d: dict[str, Any]) -> Any:
        return services.bedomning_set(actor=acting_user(request), **d)

    return form_page(
        request,
        form,
        save,
        success=_("Bedömningen är sparad."),
        done=lambda _b: redirect("followup:granskning"),
        title=_("Ny bedömning"),
        submit=_("Spara bedömning"),
    )


# --- the report ------------------------------------------------------------------------------


class ReportForm(forms.Form):
    ar = forms.IntegerField(label=gettext_lazy("år"), min_value=2000, max_value=2199)
    period = forms.ChoiceField(label=gettext_lazy("period"), choices=PERIODS)
    namnd: forms.ModelChoiceField[Committee] = forms.ModelChoiceField(
        label=gettext_lazy("nämnd"),
        queryset=Committee.objects.none(),
        required=False,
        empty_label=gettext_lazy("Hela kommunen"),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField[Committee], self.fields["namnd"]
        ).queryset = selectors.committees(user=user)


def _report(request: HttpRequest) -> tuple[ReportForm, selectors.Report | None]:
    user = acting_user(request)
    require(request, "followup.view")
    data = (
        request.GET
        if "ar" in request.GET
        else {"ar": timezone.localdate().year, "period": "bokslut"}
    )
    form = ReportForm(data, user=user)
    if not form.is_valid():
        return form, None
    d = form.cleaned_data
    return form, selectors.report(user=user, ar=d["ar"], period=d["period"], namnd=d["namnd"])


@require_http_methods(["GET"])
def rapport(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    context: dict[str, Any] = {"form": form, "report": report}
    if report is not None:
        context["title"] = export.report_title(report)
        context["summary"] = [(export.status_label(c), n) for c, n in report.summary]
        summary_chart, status_chart = export.report_charts(report)
        context["summary_chart"] = charts.svg(summary_chart, ident="summary-chart")
        context["status_chart"] = charts.svg(status_chart, ident="status-chart")
        context["note"] = export.suppression_note(report.threshold)
        context["query"] = request.GET.urlencode()
    return render(request, "followup/rapport.html", context, status=200 if report else 400)


@require_http_methods(["GET"])
def rapport_pdf(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    if report is None:
        return render(request, "followup/rapport.html", {"form": form}, status=400)
    response = HttpResponse(export.report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="uppfoljning-{report.ar}.pdf"'
    return response


@require_http_methods(["GET"])
def rapport_xlsx(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    if report is None:
        return render(request, "followup/rapport.html", {"form": form}, status=400)
    response = HttpResponse(
        export.report_xlsx(report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="uppfoljning-{report.ar}.xlsx"'
    return response
