"""Pages of case work: a person's ärenden, an ärende with its decisions, journal and
documents, the decision letter, and the worklists. Thin: parse, call a selector or service,
render. Every page that shows a person's record logs the read before rendering."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mottagning.accounts.models import ENHETSCHEF, User
from mottagning.accounts.permissions import acting_user, require
from mottagning.arenden import selectors, services, worklist
from mottagning.arenden.documents import DocumentError
from mottagning.arenden.forms import (
    AnteckningForm,
    ArendeForm,
    AssignForm,
    BeslutForm,
    CloseForm,
    DokumentForm,
    DoneForm,
    WorklistFilterForm,
)
from mottagning.arenden.letters import appeal_text, beslut_pdf
from mottagning.arenden.models import Anteckning, Arende
from mottagning.audit.services import person_read, person_read_many
from mottagning.config.converters import local_path, parse_id
from mottagning.register import selectors as reg
from mottagning.register.models import Person, Unit
from mottagning.web.forms import apply_errors


def _log(request: HttpRequest, person: Person) -> None:
    person_read(
        user=cast(User, request.user),
        person=person,
        kanal="webb",
    )


def _person(request: HttpRequest, person_id: int) -> Person:
    require(request, "register.read_person")
    return reg.person_get(user=cast(User, request.user), person_id=person_id)


def _arende(request: HttpRequest, arende_id: int) -> Arende:
    require(request, "register.read_person")
    arende = selectors.arende_get(user=request.user, arende_id=arende_id)
    _log(request, arende.person)
    return arende


def _user_choices(unit: Unit) -> list[tuple[int, str]]:
    return [(u.pk, u.get_full_name() or u.username) for u in selectors.assignable_users(unit=unit)]


def _form(
    request: HttpRequest,
    form: Any,
    save: Any,
    *,
    success: str,
    done: Any,
    title: str,
    submit: str,
    back: tuple[str, str],
) -> HttpResponse:
    """Validate, save through one service call, show the service's errors at their fields."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, success)
            return cast(HttpResponse, done(saved))
    return render(
        request,
        "arenden/form.html",
        {"form": form, "title": title, "submit": submit, "back_url": back[0], "back_text": back[1]},
    )


# --- a person's ärenden and documents --------------------------------------------------------


@require_http_methods(["GET"])
def person_arenden(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id)
    return render(
        request,
        "arenden/person.html",
        {
            "person": person,
            "arenden": selectors.arende_list(user=request.user, person=person),
            "dokument": selectors.dokument_list(user=request.user, person=person),
            "may_write": request.user.has_perm("register.write_person"),
        },
    )


@require_http_methods(["GET", "POST"])
def arende_create(request: HttpRequest, person_id: int) -> HttpResponse:
    require(request, "register.write_person")
    person = _person(request, person_id)
    units = list(reg.user_units(user=request.user))
    if not units:
        raise PermissionDenied
    chosen = request.POST.get("unit") or str(units[0].pk)
    unit = next((u for u in units if str(u.pk) == chosen), units[0])
    form = ArendeForm(
        request.POST or None,
        units=[(u.pk, u.namn) for u in units],
        users=_user_choices(unit),
        initial={
            "oppnat": timezone.localdate(),
            "unit": str(unit.pk),
            "handlaggare": str(request.user.pk),
        },
    )

    def save(data: dict[str, Any]) -> Arende:
        picked = get_object_or_404(
            Unit, pk=int(data["unit"]), id__in=acting_user(request).unit_ids()
        )
        handlaggare = (
            get_object_or_404(selectors.assignable_users(unit=picked), pk=int(data["handlaggare"]))
            if data["handlaggare"]
            else None
        )
        return services.arende_create(
            actor=acting_user(request),
            person=person,
            unit=picked,
            typ=data["typ"],
            oppnat=data["oppnat"],
            handlaggare=handlaggare,
        )

    return _form(
        request,
        form,
        save,
        success=_("Ärendet är öppnat."),
        done=lambda a: redirect("arenden:detail", arende_id=a.pk),
        title=_("Nytt ärende för %(namn)s") % {"namn": person},
        submit=_("Öppna ärende"),
        back=(f"/personer/{person.pk}/arenden/", _("Tillbaka till ärendena")),
    )


# --- one ärende ---------------------------------------------------------------------------


@require_http_methods(["GET"])
def arende_detail(request: HttpRequest, arende_id: int) -> HttpResponse:
    arende = _arende(request, arende_id)
    notes = list(arende.anteckningar.select_related("forfattare").prefetch_related("rattelser"))
    return render(
        request,
        "arenden/detail.html",
        {
            "arende": arende,
            "person": arende.person,
            "beslut": [
                (b, appeal_text(b)) for b in arende.beslut.select_related("arende__unit__committee")
            ],
            "anteckningar": notes,
            "dokument": selectors.dokument_list(user=request.user, person=arende.person).filter(
                arende=arende
            ),
            "placeringar": arende.placeringar.all(),
            "history": arende.history.select_related("history_user", "handlaggare").order_by(
                "-history_date"
            ),
            "may_write": request.user.has_perm("register.write_person"),
        },
    )


@require_http_methods(["GET", "POST"])
def arende_assign(request: HttpRequest, arende_id: int) -> HttpResponse:
    require(request, "register.write_person")
    arende = _arende(request, arende_id)
    users = _user_choices(arende.unit)
    form = AssignForm(
        request.POST or None, users=users, initial={"handlaggare": arende.handlaggare_id}
    )

    def save(data: dict[str, Any]) -> Arende:
        user = (
            get_object_or_404(
                selectors.assignable_users(unit=arende.unit), pk=int(data["handlaggare"])
            )
            if data["handlaggare"]
            else None
        )
        return services.arende_assign(
            actor=acting_user(request), arende=arende, handlaggare=user, reason=data["reason"]
        )

    return _form(
        request,
        form,
        save,
        success=_("Ärendet har fått ny handläggare."),
        done=lambda a: redirect("arenden:detail", arende_id=a.pk),
        title=_("Byt handläggare för %(a)s") % {"a": arende},
        submit=_("Spara"),
        back=(f"/arenden/{arende.pk}/", _("Tillbaka till ärendet")),
    )


@require_http_methods(["GET", "POST"])
def arende_close(request: HttpRequest, arende_id: int) -> HttpResponse:
    require(request, "register.write_person")
    arende = _arende(request, arende_id)
    form = CloseForm(request.POST or None, initial={"avslutat": timezone.localdate()})
    return _form(
        request,
        form,
        lambda d: services.arende_close(
            actor=acting_user(request), arende=arende, avslutat=d["avslutat"], reason=d["reason"]
        ),
        success=_("Ärendet är avslutat."),
        done=lambda a: redirect("arenden:detail", arende_id=a.pk),
        title=_("Avsluta %(a)s") % {"a": arende},
        submit=_("Avsluta ärendet"),
        back=(f"/arenden/{arende.pk}/", _("Tillbaka till ärendet")),
    )


@require_http_methods(["GET", "POST"])
def beslut_create(request: HttpRequest, arende_id: int) -> HttpResponse:
    require(request, "register.write_person")
    arende = _arende(request, arende_id)
    me = acting_user(request)
    form = BeslutForm(
        request.POST or None,
        initial={
            "beslutsdatum": timezone.localdate(),
            "beslutsfattare": me.get_full_name() or me.username,
        },
    )
    return _form(
        request,
        form,
        lambda d: services.beslut_create(actor=me, arende=arende, **d),
        success=_("Beslutet är sparat. Skriv ut brevet och skicka det till personen."),
        done=lambda b: redirect("arenden:detail", arende_id=arende.pk),
        title=_("Nytt beslut i %(a)s") % {"a": arende},
        submit=_("Spara beslut"),
        back=(f"/arenden/{arende.pk}/", _("Tillbaka till ärendet")),
    )


@require_http_methods(["GET"])
def beslut_letter(request: HttpRequest, beslut_id: int) -> HttpResponse:
    require(request, "register.read_person")
    beslut = selectors.beslut_get(user=request.user, beslut_id=beslut_id)
    _log(request, beslut.arende.person)
    response = HttpResponse(beslut_pdf(beslut), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="beslut-{beslut.beslutsdatum.isoformat()}-{beslut.pk}.pdf"'
    )
    return response


@require_http_methods(["GET", "POST"])
def anteckning_create(request: HttpRequest, arende_id: int) -> HttpResponse:
    require(request, "register.write_person")
    arende = _arende(request, arende_id)
    rattar: Anteckning | None = None
    rattar_id = parse_id(request.GET.get("rattar", ""))
    if rattar_id is not None:
        rattar = get_object_or_404(arende.anteckningar, pk=rattar_id)
    form = AnteckningForm(request.POST or None, initial={"datum": timezone.localdate()})
    title = (
        _("Rätta anteckningen från %(d)s") % {"d": rattar.datum}
        if rattar
        else _("Ny anteckning i %(a)s") % {"a": arende}
    )
    return _form(
        request,
        form,
        lambda d: services.anteckning_create(
            actor=acting_user(request),
            arende=arende,
            datum=d["datum"],
            text=d["text"],
            rattar=rattar,
        ),
        success=_("Anteckningen är sparad i journalen."),
        done=lambda a: redirect("arenden:detail", arende_id=arende.pk),
        title=title,
        submit=_("Spara anteckning"),
        back=(f"/arenden/{arende.pk}/", _("Tillbaka till ärendet")),
    )


@require_http_methods(["GET", "POST"])
def dokument_create(request: HttpRequest, person_id: int) -> HttpResponse:
    require(request, "register.write_person")
    person = _person(request, person_id)
    arenden = list(selectors.arende_list(user=request.user, person=person))
    form = DokumentForm(
        request.POST or None,
        request.FILES or None,
        arenden=[(a.pk, str(a)) for a in arenden],
        initial={"arende": request.GET.get("arende", "")},
    )

    def save(data: dict[str, Any]) -> Any:
        arende = next((a for a in arenden if str(a.pk) == data["arende"]), None)
        upload = data["fil"]
        if upload.size > settings.MOTTAGNING_DOCUMENT_MAX_BYTES:
            # Refused before reading it into memory; the service says the same with the sizes.
            return services.dokument_add(
                actor=acting_user(request),
                person=person,
                titel=data["titel"],
                filnamn=upload.name,
                content=upload.read(settings.MOTTAGNING_DOCUMENT_MAX_BYTES + 1),
            )
        return services.dokument_add(
            actor=acting_user(request),
            person=person,
            arende=arende,
            titel=data["titel"],
            filnamn=upload.name,
            content=upload.read(),
        )

    return _form(
        request,
        form,
        save,
        success=_("Dokumentet är sparat."),
        done=lambda d: (
            redirect("arenden:detail", arende_id=d.arende_id)
            if d.arende_id
            else redirect("arenden:person", person_id=person.pk)
        ),
        title=_("Nytt dokument för %(namn)s") % {"namn": person},
        submit=_("Ladda upp"),
        back=(f"/personer/{person.pk}/arenden/", _("Tillbaka till ärendena")),
    )


@require_http_methods(["GET"])
def dokument_download(request: HttpRequest, dokument_id: int) -> HttpResponse:
    """A download is a read of the person's record and is logged."""
    require(request, "register.read_person")
    dokument = selectors.dokument_get(user=request.user, dokument_id=dokument_id)
    try:
        content = services.dokument_content(dokument=dokument)
    except (DocumentError, OSError):
        raise Http404 from None
    _log(request, dokument.person)
    response = HttpResponse(content, content_type=dokument.content_type)
    # attachment: a stored file is never rendered by the browser as part of this site.
    response["Content-Disposition"] = (
        f'attachment; filename="dokument-{dokument.pk}{_suffix(dokument.filnamn)}"'
    )
    return response


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot >= 0 else ""


# --- worklists ----------------------------------------------------------------------------


def _worklist(
    request: HttpRequest,
    *,
    title: str,
    intro: str,
    mine: bool = False,
    unit: Unit | None = None,
    overdue_only: bool = False,
    scope: str,
) -> HttpResponse:
    require(request, "register.read_person")
    today = timezone.localdate()
    collected = worklist.deadline_collect(user=request.user, today=today)
    everything = worklist.worklist_rows(
        collected=collected,
        user=request.user,
        today=today,
        mine=mine,
        unit=unit,
        overdue_only=overdue_only,
        filters=worklist.Filters(days=365),
    )
    units = [unit] if unit else list(reg.user_units(user=request.user))
    users: dict[int, str] = {}
    for u in units:
        users.update(_user_choices(u))
    form = WorklistFilterForm(
        request.GET or None,
        kinds=worklist.kind_choices(everything),
        users=sorted(users.items(), key=lambda x: x[1]),
    )
    filters = worklist.Filters()
    if form.is_valid():
        data = form.cleaned_data
        filters = worklist.Filters(
            kind=data["typ"] or "",
            malgrupp=data["malgrupp"] or "",
            assigned=data["handlaggare"] or "",
            days=data["dagar"] or worklist.HORIZON_DAYS,
        )
    rows = worklist.worklist_rows(
        collected=collected,
        user=request.user,
        today=today,
        mine=mine,
        unit=unit,
        overdue_only=overdue_only,
        filters=filters,
    )
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "xlsx"):
        require(request, "register.read_person")
        person_read_many(
            user=cast(User, request.user),
            persons=list({r.person.pk: r.person for r in rows}.values()),
            kanal="export",
        )
        if fmt == "csv":
            response = HttpResponse(
                worklist.export_csv(rows, today), content_type="text/csv; charset=utf-8"
            )
        else:
            response = HttpResponse(
                worklist.export_xlsx(rows, today),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = (
            f'attachment; filename="arbetslista-{scope}-{today.isoformat()}.{fmt}"'
        )
        return response
    query = request.GET.copy()
    query.pop("format", None)
    my_cases = (
        selectors.arende_list(user=request.user)
        .filter(handlaggare=acting_user(request), avslutat__isnull=True)
        .order_by("oppnat")
        if mine
        else None
    )
    return render(
        request,
        "arenden/worklist.html",
        {
            "title": title,
            "intro": intro,
            "rows": [(r, r.overdue(today)) for r in rows],
            "form": form,
            "query": query.urlencode(),
            "my_cases": my_cases,
            "units": reg.user_units(user=request.user),
            "is_chef": ENHETSCHEF in acting_user(request).role_codes(),
            "may_write": request.user.has_perm("register.write_person"),
            "current": request.get_full_path(),
            "scope": scope,
        },
    )


@require_http_methods(["GET"])
def my_worklist(request: HttpRequest) -> HttpResponse:
    return _worklist(
        request,
        title=_("Mitt arbete"),
        intro=_("Dina ärenden och frister. Försenade frister står först."),
        mine=True,
        scope="mitt",
    )


@require_http_methods(["GET"])
def unit_worklist(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(reg.user_units(user=request.user), pk=unit_id)
    return _worklist(
        request,
        title=_("Frister på %(enhet)s") % {"enhet": unit.namn},
        intro=_("Alla frister på enheten, försenade först."),
        unit=unit,
        scope=unit.kod,
    )


@require_http_methods(["GET"])
def overdue_worklist(request: HttpRequest) -> HttpResponse:
    if ENHETSCHEF not in acting_user(request).role_codes():
        raise PermissionDenied
    return _worklist(
        request,
        title=_("Försenat på mina enheter"),
        intro=_(
            "Frister som har passerat utan att markeras som klara, på de enheter du är chef för."
        ),
        overdue_only=True,
        scope="forsenat",
    )


@require_http_methods(["GET", "POST"])
def deadline_done(request: HttpRequest) -> HttpResponse:
    """Mark a deadline done with a note. The key must be one of the user's own open
    deadlines, which also checks that the user may see the person."""
    require(request, "register.write_person")
    key = request.POST.get("nyckel") or request.GET.get("nyckel", "")
    today = timezone.localdate()
    deadline = next(
        (d for d in worklist.deadline_collect(user=request.user, today=today) if d.key == key),
        None,
    )
    if deadline is None:
        raise Http404
    person = _person(request, deadline.person_id)
    form = DoneForm(request.POST or None, initial={"nyckel": key, "datum": today})
    back = local_path(request, request.GET.get("next") or request.POST.get("next") or "")
    back = back or "/arbete/"

    def save(data: dict[str, Any]) -> Any:
        return services.frist_mark_done(
            actor=acting_user(request),
            key=key,
            person_id=person.pk,
            notering=data["notering"],
            datum=data["datum"],
        )

    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Fristen är markerad som klar."))
            return redirect(back)
    return render(
        request,
        "arenden/done.html",
        {"form": form, "deadline": deadline, "person": person, "next": back},
    )
