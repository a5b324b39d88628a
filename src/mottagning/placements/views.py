"""Pages of placements: new, one placement with its deadlines and cost, end. Thin; every page
that shows a person's record logs the read."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mottagning.accounts.permissions import acting_user, require
from mottagning.arenden.models import FristKlar
from mottagning.arenden.views import _arende, _form, _log
from mottagning.placements import deadlines, selectors, services
from mottagning.placements.forms import EndForm, PlaceringForm
from mottagning.web.views import _municipality_choices


@require_http_methods(["GET", "POST"])
def placering_create(request: HttpRequest, arende_id: int) -> HttpResponse:
    require(request, "register.write_person")
    arende = _arende(request, arende_id)
    beslut = list(arende.beslut.all())
    own = arende.person.municipality.kod
    form = PlaceringForm(
        request.POST or None,
        beslut=[(b.pk, str(b)) for b in beslut],
        municipalities=[(k, n) for k, n in _municipality_choices() if k != own],
        initial={"start": timezone.localdate()},
    )

    def save(data: dict[str, Any]) -> Any:
        chosen = (
            get_object_or_404(arende.beslut, pk=int(data["beslut"])) if data["beslut"] else None
        )
        return services.placering_create(
            actor=acting_user(request),
            arende=arende,
            beslut=chosen,
            form=data["form"],
            grund=data["grund"],
            anordnare=data["anordnare"],
            plats=data["plats"],
            kommun=data["kommun"] or "",
            start=data["start"],
            slut=data["slut"],
            kostnad_per_dygn=data["kostnad_per_dygn"],
        )

    return _form(
        request,
        form,
        save,
        success=_(
            "Placeringen är sparad. Fristerna för vårdplan, genomförandeplan och övervägande står på arbetslistan."
        ),
        done=lambda p: redirect("placements:detail", placering_id=p.pk),
        title=_("Ny placering för %(namn)s") % {"namn": arende.person},
        submit=_("Spara placering"),
        back=(f"/arenden/{arende.pk}/", _("Tillbaka till ärendet")),
    )


@require_http_methods(["GET"])
def placering_detail(request: HttpRequest, placering_id: int) -> HttpResponse:
    require(request, "register.read_person")
    placering = selectors.placering_get(user=request.user, placering_id=placering_id)
    _log(request, placering.person)
    done = dict(
        FristKlar.objects.filter(
            municipality_id=placering.municipality_id, person_id=placering.person_id
        ).values_list("nyckel", "datum")
    )
    born = deadlines._born(placering.person)
    open_deadlines = deadlines.placement_deadlines(placering, done, born)
    report = deadlines.ekb_deadline(placering, done, born)
    if report is not None:
        open_deadlines.append(report)
    prefixes = (
        f"vardplan:{placering.pk}",
        f"genomforandeplan:{placering.pk}",
        f"placering_overvagande:{placering.pk}:",
        f"ekb_18_anmalan:{placering.person_id}",
    )
    done_rows = (
        FristKlar.objects.filter(
            municipality_id=placering.municipality_id, person_id=placering.person_id
        )
        .select_related("klar_av")
        .order_by("datum")
    )
    today = timezone.localdate()
    end = placering.slut or today
    days = max((min(end, today) - placering.start).days + 1, 0)
    return render(
        request,
        "placements/detail.html",
        {
            "placering": placering,
            "person": placering.person,
            "deadlines": sorted(open_deadlines, key=lambda d: d.due),
            "done": [
                (d, deadlines.kind_label(d.nyckel))
                for d in done_rows
                if d.nyckel.startswith(prefixes)
            ],
            "today": today,
            "days": days,
            "cost": placering.kostnad_per_dygn * days,
            "may_write": request.user.has_perm("register.write_person"),
        },
    )


@require_http_methods(["GET", "POST"])
def placering_end(request: HttpRequest, placering_id: int) -> HttpResponse:
    require(request, "register.write_person")
    placering = selectors.placering_get(user=request.user, placering_id=placering_id)
    _log(request, placering.person)
    form = EndForm(request.POST or None, initial={"slut": timezone.localdate()})
    return _form(
        request,
        form,
        lambda d: services.placering_end(
            actor=acting_user(request), placering=placering, slut=d["slut"], reason=d["reason"]
        ),
        success=_("Placeringen är avslutad. Ansvaret är räknat om."),
        done=lambda p: redirect("placements:detail", placering_id=p.pk),
        title=_("Avsluta placeringen %(p)s") % {"p": placering},
        submit=_("Avsluta placeringen"),
        back=(f"/placeringar/{placering.pk}/", _("Tillbaka till placeringen")),
    )
