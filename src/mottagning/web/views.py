"""HTML pages. Thin: parse the request, call a selector or service, render.

A person's record comes only from the register's selectors, which register the read; the read
log is written once the response has succeeded (audit.middleware).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from mottagning import exports
from mottagning.accounts.permissions import acting_user, require
from mottagning.audit.selectors import access_log_list
from mottagning.cases import selectors as case_selectors
from mottagning.cases.models import Transition
from mottagning.cases.services import transition_mark_handled
from mottagning.config.converters import local_path
from mottagning.plans import selectors as plan_selectors
from mottagning.register import import_batches, imports, services
from mottagning.register import selectors as reg
from mottagning.register.models import Event, Household, ImportBatch, Municipality, Unit
from mottagning.web import charts
from mottagning.web import person_search as person_search_module
from mottagning.web.forms import (
    AccessLogFilterForm,
    EventDeleteForm,
    EventForm,
    HouseholdForm,
    IdentityForm,
    ImportForm,
    PersonCreateForm,
    PersonUpdateForm,
    apply_errors,
)
from mottagning.web.labels import transition_text


def _unit_choices(request: HttpRequest) -> list[tuple[int, str]]:
    return [(u.id, u.namn) for u in reg.user_units(user=request.user)]


def _household_choices(request: HttpRequest) -> list[tuple[int, str]]:
    return [(h.id, h.beteckning) for h in reg.household_list(user=request.user)]


def _municipality_choices() -> list[tuple[str, str]]:
    # The municipalities with a profile, and one choice for all others: what the rules need to
    # know is whether an event happens in the person's own municipality.
    from mottagning.profiles import PROFILE_CODES, load_profile

    known = sorted(((k, load_profile(k).namn) for k in PROFILE_CODES), key=lambda c: c[1])
    return [*known, ("annan", _("Annan kommun"))]


@require_http_methods(["GET"])
def start(request: HttpRequest) -> HttpResponse:
    """Each role's own start page: worklist, dashboard or the read log."""
    user = acting_user(request)
    units = list(reg.user_units(user=user))
    if user.has_perm("register.read_person") and units:
        return redirect("web:worklist", unit_id=units[0].id)
    if user.has_perm("cases.see_dashboard") and units:
        return redirect("web:dashboard", unit_id=units[0].id)
    if user.has_perm("audit.read_log"):
        return redirect("web:access_log")
    if user.has_perm("accounts.manage_users"):
        return redirect("accounts:users")
    return render(request, "web/start.html", {"units": units})


WORKLIST_SECTIONS = {
    # key: (heading, hint, text when empty, shows handovers)
    "anvisningar": (
        gettext_lazy("Anvisningar att ta emot"),
        gettext_lazy(
            "Bosättningslagen: en anvisad person ska tas emot inom två månader. Datumet är sista dag."
        ),
        gettext_lazy(
            "Inga anvisningar väntar. En anvisning visas här när den är registrerad som händelse "
            "på personens sida."
        ),
        False,
    ),
    "forsenade": (
        gettext_lazy("Försenade övergångar"),
        "",
        gettext_lazy(
            "Inget är försenat. En övergång som passerar sitt datum utan att markeras som "
            "hanterad visas här."
        ),
        False,
    ),
    "kommande": (
        gettext_lazy("Övergångar de närmaste 90 dagarna"),
        "",
        gettext_lazy(
            "Inga övergångar de närmaste 90 dagarna. Övergångarna räknas fram ur personernas "
            "händelser: registrera dem på personens sida."
        ),
        False,
    ),
    "till_enheten": (
        gettext_lazy("Ansvar som flyttar till enheten"),
        "",
        gettext_lazy(
            "Inget ansvar flyttar hit de närmaste 90 dagarna. När ansvaret för en person går "
            "över till enheten visas det här, med dagen och vem som lämnar över."
        ),
        True,
    ),
    "fran_enheten": (
        gettext_lazy("Ansvar som flyttar från enheten"),
        "",
        gettext_lazy(
            "Inget ansvar flyttar härifrån de närmaste 90 dagarna. När ansvaret för en person "
            "går över till en annan enhet visas det här, med dagen och vem som tar över."
        ),
        True,
    ),
}


@require_http_methods(["GET"])
def worklist(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = case_selectors.unit_for_user(user=request.user, unit_id=unit_id)
    show = request.GET.get("visa", "")
    if show not in WORKLIST_SECTIONS:
        show = ""
    work = case_selectors.worklist(
        user=request.user, unit=unit, show=show, page=request.GET.get("sida") or 1
    )
    sections = [
        {
            "key": key,
            "title": title,
            "hint": hint,
            "empty": empty,
            "handovers": handovers,
            "data": work.sections[key],
        }
        for key, (title, hint, empty, handovers) in WORKLIST_SECTIONS.items()
        if key in work.sections
    ]
    return render(
        request,
        "web/worklist.html",
        {
            "unit": unit,
            "work": work,
            "sections": sections,
            "show": show,
            "units": reg.user_units(user=request.user),
        },
    )


# An exported worklist holds every row of its sections, not one page of them.
WORKLIST_EXPORT_ROWS = 50_000


@require_http_methods(["GET"])
def worklist_export(request: HttpRequest, unit_id: int, fmt: str) -> HttpResponse:
    """The worklist as shown, with its filter (`?visa=` one section), every row of each
    section, through the shared export: a list to work from, not the unit's register."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    unit = case_selectors.unit_for_user(user=request.user, unit_id=unit_id)
    show = request.GET.get("visa", "")
    keys = [show] if show in WORKLIST_SECTIONS else list(WORKLIST_SECTIONS)
    header = [str(_("Avsnitt")), str(_("Datum")), str(_("Person")), str(_("Vad"))]
    rows: list[list[Any]] = []
    for key in keys:
        work = case_selectors.worklist(
            user=request.user, unit=unit, show=key, page=1, limit=WORKLIST_EXPORT_ROWS
        )
        section = work.sections.get(key)
        for t in section.rows if section is not None else []:
            # What the page shows: the sentence in the user's language, not the stored Swedish.
            vad = transition_text(t.typ, t.beskrivning, lambda: unit.municipality.kod)
            rows.append([str(WORKLIST_SECTIONS[key][0]), t.datum, str(t.person), vad])
    name = f"arbetslista-{unit.kod}-{show or 'alla'}.{fmt}"
    if fmt == "csv":
        content, kind = exports.csv_bytes(header, rows), "text/csv; charset=utf-8"
    else:
        blad = exports.Blad(str(_("Arbetslista")), header, rows, ["text", "datum"])
        content = exports.xlsx_bytes([blad])
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET"])
def dashboard(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = case_selectors.unit_for_user(user=request.user, unit_id=unit_id)
    board = case_selectors.dashboard(user=request.user, unit=unit)
    chart = charts.bar_chart(
        [(label, n) for _code, label, n in board.by_phase],
        title=_("Personer per fas"),
        description=_(
            "Antal personer som enheten ansvarar för i dag, per fas. "
            "Samma siffror finns i tabellen under diagrammet."
        ),
    )
    return render(
        request,
        "web/dashboard.html",
        {"unit": unit, "board": board, "chart": chart, "units": reg.user_units(user=request.user)},
    )


@require_POST
def transition_handled(request: HttpRequest) -> HttpResponse:
    """One form per table, one button per row: the button's value names the transition."""
    require(request, "register.write_person")
    try:
        transition_id = int(request.POST.get("overgang", ""))
    except ValueError:
        raise Http404 from None
    transition = get_object_or_404(
        Transition.objects.filter(person__in=reg.person_list(user=request.user)), pk=transition_id
    )
    transition_mark_handled(actor=acting_user(request), transition=transition)
    messages.success(request, _("Markerad som hanterad."))
    return redirect(local_path(request, request.POST.get("next", "")) or "web:start")


@require_http_methods(["GET"])
def person_search(request: HttpRequest) -> HttpResponse:
    require(request, "register.read_person")
    colleagues = [
        (u.pk, u.get_full_name() or u.username)
        for u in plan_selectors.handlaggare_choices(user=request.user)
    ]
    form = person_search_module.PersonFilterForm(request.GET or None, handlaggare=colleagues)
    data = form.cleaned_data if form.is_valid() else {}
    result = person_search_module.person_filter(
        user=request.user, data=data, today=timezone.localdate()
    )
    page = Paginator(result.persons, 50).get_page(request.GET.get("sida"))
    if result.deadlines is not None:
        for person in page.object_list:
            person.next_due = result.deadlines.get(person.pk)  # type: ignore[attr-defined]  # shown beside the row
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request,
        "web/person_list.html",
        {
            "page": page,
            "form": form,
            "result": result,
            "columns": person_search_module.sort_columns(result, query),
            "query": query.urlencode(),
        },
    )


def form_page(
    request: HttpRequest,
    form: Any,
    save: Callable[[dict[str, Any]], Any],
    *,
    success: str,
    done: Callable[[Any], HttpResponse],
    title: str,
    submit: str,
    person: Any = None,
) -> HttpResponse:
    """Every register form: validate, save through one service call, show the service's
    errors at their fields, or confirm and move on."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, success)
            return done(saved)
    context: dict[str, Any] = {"form": form, "title": title, "submit": submit}
    if person is not None:
        context["person"] = person
    return render(request, "web/form_page.html", context)


def _to_person(person_id: int) -> Callable[[Any], HttpResponse]:
    return lambda _saved: redirect("web:person", person_id=person_id)


@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    require(request, "register.write_person")
    form = PersonCreateForm(
        request.POST or None, units=_unit_choices(request), households=_household_choices(request)
    )

    def save(data: dict[str, Any]) -> Any:
        unit = get_object_or_404(Unit, pk=int(data["unit"]), id__in=acting_user(request).unit_ids())
        try:
            return services.person_create(
                actor=acting_user(request),
                unit=unit,
                fornamn=data["fornamn"],
                efternamn=data["efternamn"],
                fodelsedatum=data["fodelsedatum"],
                ensamkommande=data["ensamkommande"],
                household=_household(request, data["household"]),
                identity_list=[(data["identitetstyp"], data["identitet"])]
                if data["identitetstyp"]
                else [],
            )
        except ValidationError as exc:
            # The form calls the identity field "identitet"; the service calls it "varde".
            if hasattr(exc, "error_dict") and "varde" in exc.error_dict:
                exc.error_dict["identitet"] = exc.error_dict.pop("varde")
            raise

    return form_page(
        request,
        form,
        save,
        success=_("Personen är registrerad. Lägg till händelser för att se ansvaret."),
        done=lambda person: redirect("web:person", person_id=person.pk),
        title=_("Ny person"),
        submit=_("Registrera person"),
    )


def _household(request: HttpRequest, value: str) -> Household | None:
    if not value:
        return None
    return get_object_or_404(reg.household_list(user=request.user), pk=int(value))


@require_http_methods(["GET"])
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    require(request, "register.read_person")
    person = reg.person_get(user=acting_user(request), person_id=person_id)
    overview = case_selectors.person_overview(person=person)
    members, hidden_members = reg.household_members(user=acting_user(request), person=person)
    return render(
        request,
        "web/person.html",
        {
            "person": person,
            "overview": overview,
            "events": person.handelser.all(),
            "identities": person.identiteter.all(),
            "members": members,
            "hidden_members": hidden_members,
            "may_write": request.user.has_perm("register.write_person"),
        },
    )


@require_http_methods(["GET", "POST"])
def person_update(request: HttpRequest, person_id: int) -> HttpResponse:
    require(request, "register.write_person")
    person = reg.person_get(user=acting_user(request), person_id=person_id)
    initial = {
        "fornamn": person.fornamn,
        "efternamn": person.efternamn,
        "fodelsedatum": person.fodelsedatum,
        "ensamkommande": person.ensamkommande,
        "household": str(person.household_id or ""),
    }
    form = PersonUpdateForm(
        request.POST or None, initial=initial, households=_household_choices(request)
    )
    return form_page(
        request,
        form,
        lambda data: services.person_update(
            actor=acting_user(request),
            person=person,
            fornamn=data["fornamn"],
            efternamn=data["efternamn"],
            fodelsedatum=data["fodelsedatum"],
            ensamkommande=data["ensamkommande"],
            household=_household(request, data["household"]),
            reason=data["reason"],
        ),
        success=_("Uppgifterna är sparade."),
        done=_to_person(person.pk),
        title=_("Ändra uppgifter om %(namn)s") % {"namn": person},
        submit=_("Spara"),
        person=person,
    )


@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest, person_id: int) -> HttpResponse:
    require(request, "register.write_person")
    person = reg.person_get(user=acting_user(request), person_id=person_id)
    form = EventForm(request.POST or None, municipalities=_municipality_choices())
    return form_page(
        request,
        form,
        lambda data: services.event_create(
            actor=acting_user(request),
            person=person,
            typ=data["typ"],
            datum=data["datum"],
            anteckning=data["anteckning"],
            **form.details(),
        ),
        success=_("Händelsen är sparad. Ansvaret nedan är räknat om."),
        done=_to_person(person.pk),
        title=_("Ny händelse för %(namn)s") % {"namn": person},
        submit=_("Spara händelse"),
        person=person,
    )


@require_http_methods(["GET", "POST"])
def event_delete(request: HttpRequest, person_id: int, event_id: int) -> HttpResponse:
    require(request, "register.write_person")
    person = reg.person_get(user=acting_user(request), person_id=person_id)
    event = get_object_or_404(Event, pk=event_id, person=person)
    form = EventDeleteForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.event_delete(
            actor=acting_user(request), event=event, reason=data["reason"]
        ),
        success=_("Händelsen är borttagen."),
        done=_to_person(person.pk),
        title=_("Ta bort händelsen %(h)s") % {"h": event},
        submit=_("Ta bort"),
        person=person,
    )


@require_http_methods(["GET", "POST"])
def identity_create(request: HttpRequest, person_id: int) -> HttpResponse:
    require(request, "register.write_person")
    person = reg.person_get(user=acting_user(request), person_id=person_id)
    form = IdentityForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.identity_add(
            actor=acting_user(request),
            person=person,
            typ=data["typ"],
            varde=data["varde"],
            giltig_fran=data["giltig_fran"],
            giltig_till=data["giltig_till"],
        ),
        success=_("Identiteten är sparad."),
        done=_to_person(person.pk),
        title=_("Ny identitet för %(namn)s") % {"namn": person},
        submit=_("Spara identitet"),
        person=person,
    )


@require_http_methods(["GET"])
def person_history(request: HttpRequest, person_id: int) -> HttpResponse:
    require(request, "register.read_person")
    person = reg.person_get(user=acting_user(request), person_id=person_id)
    changes: list[dict[str, Any]] = []
    sources: list[tuple[str, Any]] = [
        (_("Person"), person.history.all()),
        (_("Händelse"), Event.history.filter(person_id=person.pk)),
        (_("Identitet"), person.identiteter.model.history.filter(person_id=person.pk)),
    ]
    kinds = {"+": _("Skapad"), "~": _("Ändrad"), "-": _("Borttagen")}
    for what, history in sources:
        for record in history.select_related("history_user"):
            diff = []
            previous = record.prev_record if record.history_type == "~" else None
            if previous is not None:
                diff = [
                    f"{c.field}: {c.old} → {c.new}" for c in record.diff_against(previous).changes
                ]
            changes.append(
                {
                    "when": record.history_date,
                    "who": record.history_user,
                    "what": what,
                    "kind": kinds.get(record.history_type, record.history_type),
                    "object": str(record.instance),
                    "why": record.history_change_reason or "",
                    "diff": diff,
                }
            )
    changes.sort(key=lambda c: c["when"], reverse=True)
    return render(request, "web/person_history.html", {"person": person, "changes": changes})


@require_http_methods(["GET", "POST"])
def household_create(request: HttpRequest) -> HttpResponse:
    require(request, "register.write_person")
    form = HouseholdForm(request.POST or None, units=_unit_choices(request))

    def save(data: dict[str, Any]) -> Any:
        unit = get_object_or_404(Unit, pk=int(data["unit"]), id__in=acting_user(request).unit_ids())
        return services.household_create(
            actor=acting_user(request), unit=unit, beteckning=data["beteckning"]
        )

    return form_page(
        request,
        form,
        save,
        success=_("Hushållet är registrerat. Välj det när du registrerar eller ändrar en person."),
        done=lambda _saved: redirect("web:person_search"),
        title=_("Nytt hushåll"),
        submit=_("Registrera hushåll"),
    )


@require_http_methods(["GET"])
def import_template(request: HttpRequest, fmt: str) -> HttpResponse:
    """The import template to fill in: CSV (columns and an example) or Excel (also a sheet
    with every allowed value), written by the shared export."""
    require(request, "register.import")
    municipalities = list(Municipality.objects.values_list("kod", "namn"))
    columns, example, values = imports.template_tables(municipalities)
    if fmt == "csv":
        content, kind = exports.csv_bytes(columns, example), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        content = exports.xlsx_bytes(
            [
                exports.Blad(str(_("Import")), columns, example),
                exports.Blad(str(_("Tillåtna värden")), values[0], values[1:]),
            ]
        )
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="importmall.{fmt}"'
    return response


@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    require(request, "register.import")
    form = ImportForm(request.POST or None, request.FILES or None, units=_unit_choices(request))
    if request.method == "POST" and form.is_valid():
        unit = get_object_or_404(
            Unit, pk=int(form.cleaned_data["unit"]), id__in=acting_user(request).unit_ids()
        )
        try:
            batch = import_batches.import_batch_create(
                actor=acting_user(request), unit=unit, upload=form.cleaned_data["fil"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("web:import_preview", batch_id=batch.pk)
    return render(
        request,
        "web/import_upload.html",
        {
            "form": form,
            "columns": imports.COLUMNS,
            "limit_mb": import_batches.upload_limit_bytes() // (1024 * 1024),
        },
    )


@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, batch_id: int) -> HttpResponse:
    require(request, "register.import")
    if request.method == "POST":
        try:
            batch = import_batches.import_batch_commit(
                actor=acting_user(request), batch_id=batch_id
            )
        except import_batches.ImportAlreadyCommittedError:
            # A second tab or a double click: the first request imported it.
            if ImportBatch.objects.filter(pk=batch_id, user=acting_user(request)).exists():
                messages.info(request, _("Importen är redan sparad."))
                return redirect("web:person_search")
            raise Http404 from None
        except ValidationError as exc:
            # The preview runs the commit's checks, so this is the register changing in
            # between (another user took an identity number, say); nothing was stored, and the
            # preview below shows the rows as they stand now.
            messages.error(
                request,
                _("Importen gjordes inte, inget sparades: %(e)s") % {"e": " ".join(exc.messages)},
            )
        else:
            p_n, h_n = batch.antal_personer, batch.antal_handelser
            messages.success(
                request,
                _("Importen är klar: %(personer)s och %(handelser)s.")
                % {
                    "personer": ngettext("%(n)d ny person", "%(n)d nya personer", p_n) % {"n": p_n},
                    "handelser": ngettext("%(n)d händelse", "%(n)d händelser", h_n) % {"n": h_n},
                },
            )
            return redirect("web:person_search")
    batch = get_object_or_404(ImportBatch, pk=batch_id, user=request.user, genomford__isnull=True)
    plan = imports.plan_import(
        content=bytes(batch.innehall),
        filename=batch.filnamn,
        unit=batch.unit,
        user=acting_user(request),
    )
    return render(request, "web/import_preview.html", {"batch": batch, "plan": plan})


@require_http_methods(["GET"])
def export(request: HttpRequest, unit_id: int, fmt: str) -> HttpResponse:
    require(request, "register.export")
    if fmt not in ("csv", "xlsx"):
        raise Http404
    unit = case_selectors.unit_for_user(user=request.user, unit_id=unit_id)
    persons = reg.person_list_export(user=acting_user(request), unit=unit)
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        response = HttpResponse(
            imports.export_xlsx(persons),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(imports.export_csv(persons), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="register-{unit.kod}-{stamp}.{fmt}"'
    return response


@require_http_methods(["GET"])
def access_log(request: HttpRequest) -> HttpResponse:
    require(request, "audit.read_log")
    form = AccessLogFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "username": data["anvandare"] or "",
            "person_query": data["person"] or "",
            "fran": data["fran"],
            "till": data["till"],
            "kanal": data["kanal"] or "",
        }
    rows = (
        access_log_list(user=acting_user(request), **filters)
        if not form.errors
        else access_log_list(user=acting_user(request)).none()
    )
    page = Paginator(rows, 100).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request, "web/access_log.html", {"form": form, "page": page, "query": query.urlencode()}
    )
