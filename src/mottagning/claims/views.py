"""Pages of the economy: the ekonom's dashboard (chart with its table, deadlines, claims), a
claim with its lines and history, costs, imports, reconciliation and exports. Thin: every read
goes through claims.selectors (which log the reads of persons), every write through
claims.services."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mottagning.accounts.permissions import acting_user, require
from mottagning.claims import exports, imports, selectors, services
from mottagning.claims.forms import ImportForm, KostnadForm, ParameterVardeForm, StatusForm
from mottagning.claims.models import KOSTNADER, EkonomiImport
from mottagning.claims.types import ATTACHMENTS, label
from mottagning.config.converters import whole_number
from mottagning.planning import underlag
from mottagning.register import identities
from mottagning.register.import_batches import upload_limit_bytes
from mottagning.register.models import Identity, Municipality, Unit
from mottagning.rules.params import load_parameters
from mottagning.web.forms import apply_errors
from mottagning.web.planning_charts import Serie, line_chart

WEB = "webb"
ZERO = Decimal("0.00")


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("ar", "")
    year = whole_number(raw)
    return year if year is not None and 2000 <= year <= 2100 else timezone.localdate().year


@require_http_methods(["GET"])
def dashboard(request: HttpRequest) -> HttpResponse:
    require(request, "claims.read")
    ar = _year(request)
    rows = selectors.dashboard(user=request.user, ar=ar)
    totals = []
    for kvartal in (1, 2, 3, 4):
        mine = [r for r in rows if r.kvartal == kvartal]
        totals.append(
            (
                kvartal,
                sum((r.forvantat for r in mine), ZERO),
                sum((r.ansokt for r in mine), ZERO),
                sum((r.beviljat for r in mine), ZERO),
                sum((r.utbetalt for r in mine), ZERO),
            )
        )
    chart = None
    if rows:
        chart = line_chart(
            chart_id="ekonomi",
            x_labels=[_("kv %(k)d") % {"k": k} for k in (1, 2, 3, 4)],
            series=[
                Serie(_("Förväntat"), [t[1] for t in totals]),
                Serie(_("Ansökt"), [t[2] for t in totals]),
                Serie(_("Beviljat"), [t[3] for t in totals]),
                Serie(_("Utbetalt"), [t[4] for t in totals]),
            ],
            title=_("Ersättning per kvartal %(ar)d") % {"ar": ar},
            description=_(
                "Förväntat, ansökt, beviljat och utbetalt per kvartal; samma siffror står i tabellen."
            ),
            unit="kr",
        )
    balance = selectors.balanskonto(user=request.user, fran_ar=ar - 2, till_ar=ar)
    forecast, forecast_source = (
        selectors.balanskonto_prognos(
            user=request.user,
            kommun=acting_user(request).municipality.kod,  # type: ignore[union-attr]
            ingaende=balance[-1].utgaende,
            fran_ar=ar + 1,
        )
        if balance
        else ([], "")
    )
    return render(
        request,
        "claims/dashboard.html",
        {
            "ar": ar,
            "years": range(ar - 3, ar + 2),
            "rows": rows,
            "totals": totals,
            "chart": chart,
            "deadlines": selectors.deadline_worklist(user=request.user),
            "claims": selectors.ansokan_list(user=request.user, ar=ar),
            "balance": balance,
            "forecast": forecast,
            "forecast_source": forecast_source,
            "may_write": request.user.has_perm("claims.write"),
            "sees_municipality": selectors.sees_municipality(request.user),
        },
    )


@require_http_methods(["POST"])
def ansokan_generate(request: HttpRequest) -> HttpResponse:
    """Create or update the drafts of every claim the register asks for in the year."""
    require(request, "claims.write")
    ar = _year(request)
    me = acting_user(request)
    municipality = get_object_or_404(Municipality, pk=me.municipality_id)
    services.forvantat_recompute(
        municipality=municipality, fran=dt.date(ar, 1, 1), till=dt.date(ar, 12, 31)
    )
    made = 0
    for typ, year, kvartal in sorted(selectors.claim_quarters(municipality_id=municipality.pk)):
        if year != ar:
            continue
        try:
            services.ansokan_generate(
                actor=me, municipality=municipality, typ=typ, ar=year, kvartal=kvartal
            )
        except ValidationError:
            continue  # already sent: what Migrationsverket received stays
        made += 1
    messages.success(request, _("%(n)d utkast är skapade eller uppdaterade.") % {"n": made})
    return redirect(f"{reverse('claims:dashboard')}?ar={ar}")


@require_http_methods(["GET", "POST"])
def ansokan_detail(request: HttpRequest, ansokan_id: int) -> HttpResponse:
    require(request, "claims.read")
    form = StatusForm(request.POST or None, initial={"datum": timezone.localdate()})
    if request.method == "POST":
        require(request, "claims.write")
        claim = get_object_or_404(selectors.ansokan_list(user=request.user), pk=ansokan_id)
        if form.is_valid():
            try:
                services.ansokan_status_change(
                    actor=acting_user(request),
                    ansokan=claim,
                    status=form.cleaned_data["status"],
                    datum=form.cleaned_data["datum"],
                    belopp=form.cleaned_data["belopp"],
                    notering=form.cleaned_data["notering"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Statusen är ändrad."))
                return redirect("claims:ansokan", ansokan_id=ansokan_id)
    view = selectors.ansokan_get(user=acting_user(request), ansokan_id=ansokan_id, kanal=WEB)
    return render(
        request,
        "claims/ansokan.html",
        {
            "view": view,
            "a": view.ansokan,
            "label": label(view.ansokan.typ),
            "attachments": ATTACHMENTS.get(view.ansokan.typ, ()),
            "form": form,
            "may_write": request.user.has_perm("claims.write"),
            "total": sum((r.belopp for r in view.rader), ZERO),
            "antagande": any(r.antagande for r in view.rader),
        },
    )


@require_http_methods(["GET"])
def ansokan_export(request: HttpRequest, ansokan_id: int, fmt: str) -> HttpResponse:
    require(request, "claims.see_municipality")
    if fmt not in ("xlsx", "pdf"):
        raise Http404
    view = selectors.ansokan_get(user=acting_user(request), ansokan_id=ansokan_id, kanal="export")
    a = view.ansokan
    name = f"ansokan-{a.typ}-{a.ar}-kv{a.kvartal}.{fmt}"
    if fmt == "xlsx":
        body = exports.claim_xlsx(view)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = exports.claim_pdf(view)
        kind = "application/pdf"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET"])
def ledger_export(request: HttpRequest) -> HttpResponse:
    require(request, "claims.see_municipality")
    ar = _year(request)
    response = HttpResponse(
        exports.ledger_xlsx(selectors.ledger(user=request.user, ar=ar)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="huvudbok-{ar}.xlsx"'
    return response


@require_http_methods(["GET"])
def kostnad_list(request: HttpRequest) -> HttpResponse:
    require(request, "claims.read")
    ar = _year(request)
    costs = selectors.kostnad_list(user=acting_user(request), ar=ar, kanal=WEB)
    return render(
        request,
        "claims/kostnader.html",
        {
            "ar": ar,
            "costs": costs,
            "total": sum((c.belopp for c in costs), ZERO),
            "may_write": request.user.has_perm("claims.write"),
        },
    )


@require_http_methods(["GET", "POST"])
def kostnad_create(request: HttpRequest) -> HttpResponse:
    require(request, "claims.write")
    me = acting_user(request)
    mid = me.municipality_id
    if mid is None:  # a role is only held within a municipality; deny when in doubt
        raise PermissionDenied
    units = Unit.objects.filter(municipality_id=mid).order_by("namn")
    form = KostnadForm(request.POST or None, units=[(u.pk, u.namn) for u in units])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            number = identities.validate_identity(data["identitetstyp"], data["identitet"]).value
        except identities.IdentityError as exc:
            form.add_error("identitet", str(exc))
            number = None
        found = (
            Identity.objects.filter(municipality_id=mid, typ=data["identitetstyp"], varde=number)
            .select_related("person")
            .first()
            if number
            else None
        )
        if number and found is None:
            form.add_error(
                "identitet", _("Ingen person i kommunens register har det numret. Rätta numret.")
            )
        if found is not None:
            try:
                services.kostnad_create(
                    actor=me,
                    person=found.person,
                    enhet=units.get(pk=int(data["enhet"])),
                    slag=data["slag"],
                    fran=data["fran"],
                    till=data["till"],
                    belopp=data["belopp"],
                    anordnare=data["anordnare"],
                    dagar=data["dagar"],
                    verifikation=data["verifikation"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Kostnaden är sparad."))
                return redirect(f"{reverse('claims:kostnader')}?ar={data['fran'].year}")
    return render(
        request,
        "arenden/form.html",
        {
            "form": form,
            "title": _("Ny kostnad"),
            "submit": _("Spara kostnad"),
            "back_url": reverse("claims:kostnader"),
            "back_text": _("Tillbaka till kostnaderna"),
        },
    )


@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    require(request, "claims.write")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.ekonomi_import_create(
                actor=acting_user(request),
                slag=form.cleaned_data["slag"],
                upload=form.cleaned_data["fil"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("claims:import_preview", batch_id=batch.pk)
    return render(
        request,
        "claims/import.html",
        {
            "form": form,
            "cost_columns": imports.COST_COLUMNS,
            "payment_columns": imports.PAYMENT_COLUMNS,
            "limit_mb": upload_limit_bytes() // (1024 * 1024),
        },
    )


@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, batch_id: int) -> HttpResponse:
    require(request, "claims.write")
    if request.method == "POST":
        try:
            batch = services.ekonomi_import_commit(actor=acting_user(request), batch_id=batch_id)
        except services.ImportAlreadyCommittedError:
            if EkonomiImport.objects.filter(pk=batch_id, user=acting_user(request)).exists():
                messages.info(request, _("Importen är redan sparad."))
                return redirect("claims:dashboard")
            raise Http404 from None
        except ValidationError as exc:
            messages.error(
                request,
                _("Importen gjordes inte, inget sparades: %(e)s") % {"e": " ".join(exc.messages)},
            )
        else:
            messages.success(request, _("Importen är klar: %(n)d rader.") % {"n": batch.antal})
            return redirect("claims:dashboard")
    batch = get_object_or_404(EkonomiImport, pk=batch_id, user=request.user, genomford__isnull=True)
    plan = imports.plan_file(
        slag=batch.slag,
        content=bytes(batch.innehall),
        filename=batch.filnamn,
        municipality_id=batch.municipality_id,
    )
    return render(
        request,
        "claims/import_preview.html",
        {"batch": batch, "plan": plan, "costs": batch.slag == KOSTNADER},
    )


@require_http_methods(["GET"])
def reconciliation(request: HttpRequest) -> HttpResponse:
    require(request, "claims.see_municipality")
    ar = _year(request)
    found = selectors.reconciliation(user=acting_user(request), ar=ar, kanal=WEB)
    return render(
        request,
        "claims/avstamning.html",
        {
            "ar": ar,
            "rows": [(d, label(d.typ)) for d in found if d.utfall != selectors.BETALD],
            "paid": sum(1 for d in found if d.utfall == selectors.BETALD),
        },
    )


@require_http_methods(["GET", "POST"])
def antaganden(request: HttpRequest) -> HttpResponse:
    """Amounts carried forward as an antagande, and the form to enter the real value."""
    require(request, "claims.see_municipality")
    params = load_parameters()
    # The amounts by their names in words and sources as a person cites them (issue 12: no
    # parameter paths on user pages); the form posts the parameter's own name.
    names = [(n, underlag.parameternamn(params, n)) for n in selectors.parameter_names()]
    form = ParameterVardeForm(request.POST or None, names=names)
    if request.method == "POST":
        require(request, "claims.write")
        if form.is_valid():
            try:
                services.parametervarde_set(actor=acting_user(request), **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Värdet är sparat och används vid nästa omräkning."),
                )
                return redirect("claims:antaganden")
    this_year = timezone.localdate().year
    return render(
        request,
        "claims/antaganden.html",
        {
            "rows": [
                replace(
                    row,
                    namn=underlag.parameternamn(params, row.namn),
                    kalla=underlag.citera(row.kalla),
                )
                for row in selectors.antaganden(user=request.user, fran_ar=2010, till_ar=this_year)
            ],
            "form": form,
            "may_write": request.user.has_perm("claims.write"),
        },
    )
