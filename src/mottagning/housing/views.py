"""Pages for homes, contracts, residences and the quota year. Thin: selectors and services do
the work; pages that name residents show only persons the user may see and log the reads."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mottagning.accounts.models import User
from mottagning.accounts.permissions import acting_user, require
from mottagning.audit.services import person_read, person_read_many
from mottagning.housing import selectors, services
from mottagning.housing.forms import (
    BoendeForm,
    BoendeSlutForm,
    BostadForm,
    KommuntalForm,
    KontraktForm,
    KontraktSlutForm,
)
from mottagning.register import selectors as reg
from mottagning.register.models import Municipality
from mottagning.rules.events import DATUM_SENAST, DATUM_TIDIGAST
from mottagning.web import charts
from mottagning.web.views import form_page


def _to_home(bostad_id: int) -> Any:
    return lambda _saved: redirect("housing:bostad", bostad_id=bostad_id)


@require_http_methods(["GET"])
def bostad_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    residents = selectors.residents_today(user=request.user, today=today)
    homes = [
        (home, selectors.current_contract(home, today), residents.get(home.pk, []))
        for home in selectors.bostad_list(user=request.user)
    ]
    return render(
        request,
        "housing/bostad_list.html",
        {"homes": homes, "may_write": request.user.has_perm("housing.write")},
    )


@require_http_methods(["GET", "POST"])
def bostad_create(request: HttpRequest) -> HttpResponse:
    require(request, "housing.write")
    units = reg.user_units(user=request.user)
    first = units.first()
    form = BostadForm(
        request.POST or None, units=units, initial={"enhet": first.pk if first else None}
    )
    return form_page(
        request,
        form,
        lambda data: services.bostad_create(
            actor=request.user,
            enhet=data["enhet"],
            adress=data["adress"],
            hyresvard=data["hyresvard"],
            postnummer=data["postnummer"],
            ort=data["ort"],
            rum=data["rum"],
        ),
        success=_("Bostaden är registrerad. Lägg in kontraktet."),
        done=lambda home: redirect("housing:bostad", bostad_id=home.pk),
        title=_("Ny bostad"),
        submit=_("Registrera bostad"),
    )


@require_http_methods(["GET"])
def bostad_detail(request: HttpRequest, bostad_id: int) -> HttpResponse:
    home = selectors.bostad_get(user=request.user, pk=bostad_id)
    residents = selectors.residences(user=request.user, bostad=home)
    person_read_many(
        user=cast(User, request.user),
        persons=[r.person for r in residents],
        kanal="webb",
    )
    today = timezone.localdate()
    return render(
        request,
        "housing/bostad.html",
        {
            "home": home,
            "contracts": list(home.kontrakt.all()),
            "current": selectors.current_contract(home, today),
            "residents": residents,
            "today": today,
            "may_write": request.user.has_perm("housing.write"),
        },
    )


@require_http_methods(["GET", "POST"])
def kontrakt_create(request: HttpRequest, bostad_id: int) -> HttpResponse:
    require(request, "housing.write")
    home = selectors.bostad_get(user=request.user, pk=bostad_id)
    form = KontraktForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.kontrakt_create(
            actor=request.user,
            bostad=home,
            slag=data["slag"],
            hyra=data["hyra"],
            start=data["start"],
            slut=data["slut"],
        ),
        success=_("Kontraktet är sparat."),
        done=_to_home(home.pk),
        title=_("Nytt kontrakt för %(bostad)s") % {"bostad": home},
        submit=_("Spara kontrakt"),
    )


@require_http_methods(["GET", "POST"])
def kontrakt_end(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "housing.write")
    contract = selectors.kontrakt_get(user=request.user, pk=pk)
    form = KontraktSlutForm(request.POST or None, initial={"slut": contract.slut})
    return form_page(
        request,
        form,
        lambda data: services.kontrakt_set_end(
            actor=request.user, kontrakt=contract, slut=data["slut"]
        ),
        success=_("Kontraktets slut är ändrat."),
        done=_to_home(contract.bostad_id),
        title=_("Förläng eller avsluta %(kontrakt)s") % {"kontrakt": contract},
        submit=_("Spara"),
    )


@require_http_methods(["GET", "POST"])
def boende_create(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "housing.write")
    contract = selectors.kontrakt_get(user=request.user, pk=pk)
    persons = reg.person_list(user=request.user)
    form = BoendeForm(
        request.POST or None,
        persons=persons,
        initial={"fran": max(contract.start, timezone.localdate())},
    )

    def save(data: dict[str, Any]) -> Any:
        person = reg.person_get(user=cast(User, request.user), person_id=data["person"].pk)
        return services.boende_create(
            actor=request.user, person=person, kontrakt=contract, fran=data["fran"]
        )

    return form_page(
        request,
        form,
        save,
        success=_("Inflyttningen är sparad."),
        done=_to_home(contract.bostad_id),
        title=_("Inflyttning i %(bostad)s") % {"bostad": contract.bostad},
        submit=_("Spara inflyttning"),
    )


@require_http_methods(["GET", "POST"])
def boende_end(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "housing.write")
    residence = selectors.boende_get(user=request.user, pk=pk)
    person_read(user=cast(User, request.user), person=residence.person)
    form = BoendeSlutForm(request.POST or None, initial={"till": timezone.localdate()})
    return form_page(
        request,
        form,
        lambda data: services.boende_end(actor=request.user, boende=residence, till=data["till"]),
        success=_("Utflyttningen är sparad."),
        done=_to_home(residence.kontrakt.bostad_id),
        title=_("%(person)s flyttar från %(bostad)s")
        % {"person": residence.person, "bostad": residence.kontrakt.bostad},
        submit=_("Spara utflyttning"),
    )


@require_http_methods(["GET"])
def quota(request: HttpRequest) -> HttpResponse:
    require(request, "housing.see_quota")
    today = timezone.localdate()
    years = selectors.quota_years(user=request.user)
    try:
        year = int(request.GET.get("ar", ""))
    except ValueError:
        year = today.year
    # As the API's quota years: one the rules can answer for (a year 0 or 10**20 was a 500).
    if not DATUM_TIDIGAST.year <= year <= DATUM_SENAST.year:
        year = today.year
    if year not in years:
        years = sorted({*years, year}, reverse=True)
    data = selectors.quota_year(user=request.user, ar=year, today=today)
    chart = charts.bar_chart(
        data.rows(short=True),
        title=_("Kommuntal och mottagande %(ar)d") % {"ar": year},
        description=_(
            "Antal anvisade, mottagna, mottagna inom två månader, bosatta och flyttade "
            "under året, mot kommuntalet. Samma siffror finns i tabellen under diagrammet."
        ),
    )
    return render(
        request,
        "housing/quota.html",
        {
            "data": data,
            "chart": chart,
            "year": year,
            "years": years,
            "municipality": Municipality.objects.get(pk=acting_user(request).municipality_id or 0),
            "may_set": request.user.has_perm("housing.write_quota"),
        },
    )


@require_http_methods(["GET", "POST"])
def kommuntal_set(request: HttpRequest) -> HttpResponse:
    require(request, "housing.write_quota")
    municipality = get_object_or_404(Municipality, pk=acting_user(request).municipality_id or 0)
    form = KommuntalForm(request.POST or None, initial={"ar": timezone.localdate().year})
    # The form's own uniqueness check would refuse a correction; the service updates the year.
    form.validate_unique = lambda: None  # type: ignore[method-assign]
    return form_page(
        request,
        form,
        lambda data: services.kommuntal_set(
            actor=request.user,
            municipality=municipality,
            ar=data["ar"],
            antal=data["antal"],
            kalla=data["kalla"],
            beslutsdatum=data["beslutsdatum"],
        ),
        success=_("Kommuntalet är sparat."),
        done=lambda saved: redirect(f"{redirect('housing:quota').url}?ar={saved.ar}"),
        title=_("Kommuntal från Länsstyrelsen"),
        submit=_("Spara kommuntal"),
    )
