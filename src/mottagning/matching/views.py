"""Pages of the matching app. Thin: selectors read, services write. Pages that name persons
show only those the user's unit has (register.selectors) and log the reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from mottagning.accounts.models import User
from mottagning.accounts.permissions import acting_user, require
from mottagning.matching import forms, indicators, labels, selectors, services
from mottagning.matching.models import (
    Arbetsgivare,
    Avslutbar,
    Forening,
    Motesplats,
    Praktikplats,
    Volontar,
    VolontarMatchning,
)
from mottagning.register import selectors as reg
from mottagning.web.views import form_page


def _to(name: str, *args: Any) -> Any:
    return lambda _saved: redirect(name, *args)


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    """A list page of the catalogue: whether the user may manage it, and the closed records
    (`closed`: pairs of kind and queryset) kept apart from the active ones."""
    context["may_manage"] = request.user.has_perm("matching.manage")
    context["closed"] = [
        (KATALOG[kind], rows.filter(avslutad__isnull=False).order_by("-avslutad", "id"))
        for kind, rows in context.pop("closed", [])
    ]
    return render(request, template, context)


# The catalogue: one table drives create, edit, close, reopen and delete for each kind ---


@dataclass(frozen=True)
class Katalog:
    model: type[Avslutbar]
    prefix: str  # of the URL path
    home: str  # URL name of the list page
    detail: str | None  # URL name of a record's own page, if it has one
    texts: tuple[Any, Any, Any]  # registered, the new form's title, its button

    @property
    def kind(self) -> str:
        return self.model.__name__.lower()

    @property
    def label(self) -> Any:
        return self.model._meta.verbose_name_plural

    @property
    def reopen(self) -> str:
        """URL name of the page that reopens a closed record of this kind."""
        return f"matching:{self.kind}_reopen"

    def get(self, request: HttpRequest, pk: int) -> Any:
        return getattr(selectors, f"{self.kind}_get")(user=request.user, pk=pk)

    def create(self, actor: User, data: dict[str, Any]) -> Any:
        return getattr(services, f"{self.kind}_create")(actor=actor, **data)

    def form(self, request: HttpRequest, record: Any) -> Any:
        data = request.POST or None
        initial = None if record is None else model_to_dict(record)
        if isinstance(record, Volontar):
            initial = {**(initial or {}), "insatser": record.insats_list()}
        if self.model is Praktikplats:
            return forms.PraktikplatsForm(
                data,
                employers=selectors.arbetsgivare_list(user=request.user),
                kontakter=record.arbetsgivare.kontakter.all() if record else None,
                initial=initial,
            )
        form_class = getattr(forms, f"{self.model.__name__}Form")
        return form_class(data, initial=initial)

    def done(self, record: Any) -> HttpResponse:
        return redirect(self.detail, record.pk) if self.detail else redirect(self.home)


KATALOG: dict[str, Katalog] = {
    k.kind: k
    for k in (
        Katalog(
            Arbetsgivare,
            "praktikbank/arbetsgivare/",
            "matching:praktikbank",
            None,
            (
                _lazy("Arbetsgivaren är registrerad."),
                _lazy("Ny arbetsgivare"),
                _lazy("Registrera arbetsgivare"),
            ),
        ),
        Katalog(
            Praktikplats,
            "praktikbank/platser/",
            "matching:praktikbank",
            "matching:praktikplats",
            (
                _lazy("Praktikplatsen är registrerad."),
                _lazy("Ny praktikplats"),
                _lazy("Registrera praktikplats"),
            ),
        ),
        Katalog(
            Volontar,
            "volontarer/",
            "matching:volontarer",
            "matching:volontar",
            (
                _lazy("Volontären är registrerad."),
                _lazy("Ny volontär"),
                _lazy("Registrera volontär"),
            ),
        ),
        Katalog(
            Forening,
            "foreningar/",
            "matching:foreningar",
            None,
            (
                _lazy("Föreningen är registrerad."),
                _lazy("Ny förening"),
                _lazy("Registrera förening"),
            ),
        ),
        Katalog(
            Motesplats,
            "motesplatser/",
            "matching:motesplatser",
            None,
            (
                _lazy("Mötesplatsen är registrerad."),
                _lazy("Ny mötesplats"),
                _lazy("Registrera mötesplats"),
            ),
        ),
    )
}


def _record(request: HttpRequest, kind: str, pk: int | None) -> tuple[Katalog, User, Any]:
    require(request, "matching.manage")
    katalog = KATALOG[kind]
    return katalog, acting_user(request), None if pk is None else katalog.get(request, pk)


@require_http_methods(["GET", "POST"])
def katalog_create(request: HttpRequest, kind: str) -> HttpResponse:
    k, actor, _none = _record(request, kind, None)
    created, title, submit = k.texts
    return form_page(
        request,
        k.form(request, None),
        lambda d: k.create(actor, d),
        success=str(created),
        done=k.done,
        title=str(title),
        submit=str(submit),
    )


@require_http_methods(["GET", "POST"])
def katalog_update(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    k, actor, record = _record(request, kind, pk)
    return form_page(
        request,
        k.form(request, record),
        lambda d: services.update(actor=actor, record=record, **d),
        success=_("Ändringarna är sparade."),
        done=k.done,
        title=_("Ändra %(namn)s") % {"namn": record},
        submit=_("Spara ändringar"),
    )


@require_http_methods(["GET", "POST"])
def katalog_close(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    k, actor, record = _record(request, kind, pk)
    return form_page(
        request,
        forms.AvslutaForm(request.POST or None, initial={"datum": timezone.localdate()}),
        lambda d: services.close(actor=actor, record=record, datum=d["datum"]),
        success=_("%(namn)s är avslutad.") % {"namn": record},
        done=k.done,
        title=_("Avsluta %(namn)s") % {"namn": record},
        submit=_("Avsluta"),
    )


@require_http_methods(["GET", "POST"])
def katalog_reopen(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    k, actor, record = _record(request, kind, pk)
    return form_page(
        request,
        forms.AteroppnaForm(request.POST or None),
        lambda _d: services.reopen(actor=actor, record=record),
        success=_("%(namn)s är återöppnad.") % {"namn": record},
        done=k.done,
        title=_("Återöppna %(namn)s") % {"namn": record},
        submit=_("Återöppna"),
    )


@require_http_methods(["GET", "POST"])
def katalog_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    k, actor, record = _record(request, kind, pk)
    return form_page(
        request,
        forms.TaBortForm(request.POST or None),
        lambda _d: services.delete(actor=actor, record=record),
        success=_("%(namn)s är borttagen.") % {"namn": record},
        done=_to(k.home),  # the record's own page is gone
        title=_("Ta bort %(namn)s") % {"namn": record},
        submit=_("Ta bort"),
    )


@require_http_methods(["GET", "POST"])
def kontakt_create(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """A contact person at an employer or an association (`kind`)."""
    k, actor, owner = _record(request, kind, pk)
    title = (
        _("Ny kontaktperson hos %(namn)s")
        if kind == "arbetsgivare"
        else _("Ny kontaktperson i %(namn)s")
    )
    return form_page(
        request,
        forms.KontaktForm(request.POST or None),
        lambda d: services.kontaktperson_create(actor=actor, **{kind: owner}, **d),
        success=_("Kontaktpersonen är tillagd."),
        done=_to(k.home),
        title=title % {"namn": owner.namn},
        submit=_("Lägg till"),
    )


@require_http_methods(["GET", "POST"])
def kontakt_delete(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "matching.manage")
    contact = selectors.kontaktperson_get(user=request.user, pk=pk)
    back = "matching:praktikbank" if contact.arbetsgivare_id else "matching:foreningar"
    return form_page(
        request,
        forms.TaBortForm(request.POST or None),
        lambda _d: services.kontaktperson_delete(actor=acting_user(request), kontaktperson=contact),
        success=_("%(namn)s är borttagen som kontaktperson.") % {"namn": contact.namn},
        done=_to(back),
        title=_("Ta bort kontaktpersonen %(namn)s") % {"namn": contact.namn},
        submit=_("Ta bort"),
    )


# Internship bank -------------------------------------------------------------------------


@require_http_methods(["GET"])
def praktikbank(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "matching/praktikbank.html",
        employers=list(selectors.arbetsgivare_list(user=request.user)),
        places=list(selectors.praktikplats_list(user=request.user)),
        closed=[
            ("arbetsgivare", selectors.arbetsgivare_list(user=request.user, alla=True)),
            ("praktikplats", selectors.praktikplats_list(user=request.user, alla=True)),
        ],
    )


@require_http_methods(["GET"])
def praktikplats_detail(request: HttpRequest, pk: int) -> HttpResponse:
    place = selectors.praktikplats_get(user=request.user, pk=pk)
    today = timezone.localdate()
    proposal = None
    if request.user.has_perm("matching.read_person"):
        proposal = selectors.persons_for_place(user=acting_user(request), plats=place, today=today)
    return render(
        request,
        "matching/praktikplats.html",
        {
            "place": place,
            "may_manage": request.user.has_perm("matching.manage"),
            "proposal": proposal,
            "reason": labels.reason,
            "rows": _ranked_rows(proposal.ranked, proposal.persons, "person") if proposal else [],
            "excluded": _ranked_rows(proposal.excluded, proposal.persons, "person", hinder=True)
            if proposal
            else [],
        },
    )


def _ranked_rows(
    matches: list[Any], objects: dict[int, Any], side: str, *, hinder: bool = False
) -> list[dict[str, Any]]:
    rows = []
    for m in matches:
        key = m.kandidat.person_id if side == "person" else m.plats.plats_id
        rows.append(
            {
                "object": objects[key],
                "poang": m.poang,
                "reasons": [labels.reason(s) for s in (m.hinder if hinder else m.skal)],
            }
        )
    return rows


@require_http_methods(["GET"])
def person_matchning(request: HttpRequest, person_id: int) -> HttpResponse:
    require(request, "matching.read_person")
    person = reg.person_get(user=acting_user(request), person_id=person_id)
    today = timezone.localdate()
    proposal = selectors.places_for_person(user=acting_user(request), person=person, today=today)
    return render(
        request,
        "matching/person.html",
        {
            "person": person,
            "coded": proposal.coded,
            "mapping": person.kartlaggningar.order_by("-mottagen", "-id").first(),
            "rows": _ranked_rows(proposal.ranked, proposal.places, "plats"),
            "excluded": _ranked_rows(proposal.excluded, proposal.places, "plats", hinder=True),
            "praktiker": selectors.person_praktiker(person=person),
            "samtycken": selectors.person_samtycken(person=person),
            "may_write": request.user.has_perm("matching.write_person"),
        },
    )


@require_http_methods(["GET", "POST"])
def kompetensprofil_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    require(request, "matching.write_person")
    person = reg.person_get(user=acting_user(request), person_id=person_id)
    mapping = person.kartlaggningar.order_by("-mottagen", "-id").first()
    if mapping is None:
        raise PermissionDenied  # the person page offers this only after a mapping exists
    current = getattr(mapping, "kompetensprofil", None)
    form = forms.KompetensprofilForm(request.POST or None, instance=current)
    return form_page(
        request,
        form,
        lambda d: services.kompetensprofil_set(
            actor=acting_user(request), kartlaggning=mapping, **d
        ),
        success=_("Kompetensprofilen är sparad."),
        done=_to("matching:person", person.pk),
        title=_("Kompetensprofil ur kartläggningen"),
        submit=_("Spara"),
        person=person,
    )


@require_http_methods(["GET", "POST"])
def praktik_create(request: HttpRequest, person_id: int) -> HttpResponse:
    require(request, "matching.write_person")
    person = reg.person_get(user=acting_user(request), person_id=person_id)
    form = forms.PraktikForm(
        request.POST or None,
        places=selectors.praktikplats_list(user=request.user),
        initial={"plats": request.GET.get("plats")},
    )
    return form_page(
        request,
        form,
        lambda d: services.praktik_create(
            actor=acting_user(request),
            plats=d["plats"],
            person=person,
            start=d["start"],
            slut=d["slut"],
            handledare=d["handledare"],
            uppfoljningar=[d["uppfoljning"]] if d["uppfoljning"] else [],
        ),
        success=_("Praktiken är registrerad."),
        done=_to("matching:person", person.pk),
        title=_("Ny praktik"),
        submit=_("Registrera praktik"),
        person=person,
    )


@require_http_methods(["GET", "POST"])
def praktik_end(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "matching.write_person")
    internship = selectors.praktik_get(user=acting_user(request), pk=pk)
    person = reg.person_get(user=acting_user(request), person_id=internship.person_id)
    form = forms.PraktikSlutForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda d: services.praktik_end(actor=acting_user(request), praktik=internship, **d),
        success=_("Praktiken är avslutad."),
        done=_to("matching:person", person.pk),
        title=_("Avsluta praktik"),
        submit=_("Avsluta"),
        person=person,
    )


@require_http_methods(["GET", "POST"])
def uppfoljning_done(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "matching.write_person")
    follow_up = selectors.uppfoljning_get(user=acting_user(request), pk=pk)
    person = reg.person_get(user=acting_user(request), person_id=follow_up.praktik.person_id)
    form = forms.DatumForm(request.POST or None, initial={"datum": follow_up.datum})
    return form_page(
        request,
        form,
        lambda d: services.uppfoljning_done(
            actor=acting_user(request), uppfoljning=follow_up, genomford=d["datum"]
        ),
        success=_("Uppföljningen är registrerad som genomförd."),
        done=_to("matching:person", person.pk),
        title=_("Uppföljning genomförd"),
        submit=_("Spara"),
        person=person,
    )


@require_http_methods(["GET", "POST"])
def samtycke_create(request: HttpRequest, person_id: int) -> HttpResponse:
    require(request, "matching.write_person")
    person = reg.person_get(user=acting_user(request), person_id=person_id)
    form = forms.SamtyckeForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda d: services.samtycke_create(
            actor=acting_user(request), person=person, lamnat=d["lamnat"]
        ),
        success=_("Samtycket är registrerat."),
        done=_to("matching:person", person.pk),
        title=_("Samtycke till matchning med volontär"),
        submit=_("Registrera samtycke"),
        person=person,
    )


@require_http_methods(["GET", "POST"])
def samtycke_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "matching.write_person")
    consent = selectors.samtycke_get(user=acting_user(request), pk=pk)
    person = reg.person_get(user=acting_user(request), person_id=consent.person_id)
    form = forms.DatumForm(request.POST or None, initial={"datum": timezone.localdate()})
    return form_page(
        request,
        form,
        lambda d: services.samtycke_withdraw(
            actor=acting_user(request), samtycke=consent, datum=d["datum"]
        ),
        success=_("Samtycket är återkallat och matchningarna avslutade."),
        done=_to("matching:person", person.pk),
        title=_("Återkalla samtycke"),
        submit=_("Återkalla"),
        person=person,
    )


@require_http_methods(["GET", "POST"])
def volontarmatchning_create(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "matching.write_person")
    consent = selectors.samtycke_get(user=acting_user(request), pk=pk)
    person = reg.person_get(user=acting_user(request), person_id=consent.person_id)
    form = forms.VolontarMatchningForm(
        request.POST or None,
        volunteers=selectors.volontar_list(user=request.user),
    )
    return form_page(
        request,
        form,
        lambda d: services.volontarmatchning_create(
            actor=acting_user(request), samtycke=consent, **d
        ),
        success=_("Matchningen är registrerad."),
        done=_to("matching:person", person.pk),
        title=_("Matcha med volontär"),
        submit=_("Matcha"),
        person=person,
    )


# Volunteers ------------------------------------------------------------------------------


@require_http_methods(["GET"])
def volontar_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    volunteers = [
        (v, services.record_valid_on(v, today)) for v in selectors.volontar_list(user=request.user)
    ]
    return _page(
        request,
        "matching/volontarer.html",
        volunteers=volunteers,
        insats=labels.VOLONTARINSATSER,
        closed=[("volontar", selectors.volontar_list(user=request.user, alla=True))],
    )


@require_http_methods(["GET"])
def volontar_detail(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = selectors.volontar_get(user=request.user, pk=pk)
    return render(
        request,
        "matching/volontar.html",
        {
            "volunteer": volunteer,
            "record_valid": services.record_valid_on(volunteer, timezone.localdate()),
            "insatser": [labels.VOLONTARINSATSER.get(c, c) for c in volunteer.insats_list()],
            "rows": selectors.volontar_matches(user=acting_user(request), volontar=volunteer),
            "may_manage": request.user.has_perm("matching.manage"),
        },
    )


@require_http_methods(["GET", "POST"])
def volontar_check_record(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "matching.manage")
    volunteer = selectors.volontar_get(user=request.user, pk=pk)
    form = forms.DatumForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda d: services.volontar_check_record(
            actor=acting_user(request), volontar=volunteer, datum=d["datum"]
        ),
        success=_("Utdraget är registrerat."),
        done=_to("matching:volontar", volunteer.pk),
        title=_("Utdrag ur belastningsregistret uppvisat"),
        submit=_("Registrera"),
    )


@require_http_methods(["GET", "POST"])
def traff_create(request: HttpRequest, pk: int) -> HttpResponse:
    # A meeting is logged on the volunteer's side by the samordnare; it holds no person data.
    require(request, "matching.manage")
    volunteer_ids = selectors.volontar_list(user=request.user).values("pk")
    match = VolontarMatchning.objects.filter(
        pk=pk, volontar__in=volunteer_ids, samtycke__aterkallat__isnull=True
    ).first()
    if match is None:
        raise PermissionDenied
    form = forms.TraffForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda d: services.traff_create(actor=acting_user(request), matchning=match, **d),
        success=_("Träffen är registrerad."),
        done=_to("matching:volontar", match.volontar_id),
        title=_("Registrera träff"),
        submit=_("Registrera"),
    )


# Associations and grants -----------------------------------------------------------------


@require_http_methods(["GET"])
def foreningar(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "matching/foreningar.html",
        associations=selectors.forening_list(user=request.user),
        applications=selectors.ansokan_list(user=request.user),
        totals=selectors.bidrag_per_ar(user=request.user),
        syfte=labels.BIDRAG_SYFTE,
        closed=[("forening", selectors.forening_list(user=request.user, alla=True))],
    )


@require_http_methods(["GET", "POST"])
def ansokan_create(request: HttpRequest) -> HttpResponse:
    require(request, "matching.manage")
    form = forms.AnsokanForm(
        request.POST or None, associations=selectors.forening_list(user=request.user)
    )
    return form_page(
        request,
        form,
        lambda d: services.bidrag_apply(actor=acting_user(request), **d),
        success=_("Ansökan är registrerad."),
        done=lambda a: redirect("matching:ansokan", a.pk),
        title=_("Ny ansökan om bidrag"),
        submit=_("Registrera ansökan"),
    )


@require_http_methods(["GET"])
def ansokan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.ansokan_get(user=request.user, pk=pk)
    return render(
        request,
        "matching/ansokan.html",
        {"a": application, "may_manage": request.user.has_perm("matching.manage")},
    )


@require_http_methods(["GET", "POST"])
def ansokan_step(request: HttpRequest, pk: int, steg: str) -> HttpResponse:
    require(request, "matching.manage")
    application = selectors.ansokan_get(user=request.user, pk=pk)
    actor = acting_user(request)
    steps: dict[str, tuple[Any, Any, str]] = {
        "beslut": (
            forms.BeslutForm,
            lambda d: services.bidrag_decide(actor=actor, ansokan=application, **d),
            _("Beslut"),
        ),
        "utbetalning": (
            forms.UtbetalningForm,
            lambda d: services.bidrag_pay(actor=actor, ansokan=application, **d),
            _("Utbetalning"),
        ),
        "aterrapport": (
            forms.RapportForm,
            lambda d: services.bidrag_report(actor=actor, ansokan=application, **d),
            _("Återrapport"),
        ),
    }
    if steg not in steps:
        raise PermissionDenied
    form_class, save, title = steps[steg]
    return form_page(
        request,
        form_class(request.POST or None),
        save,
        success=_("Ansökan är uppdaterad."),
        done=_to("matching:ansokan", application.pk),
        title=f"{title}: {application.projekt}",
        submit=_("Spara"),
    )


# Meeting places and networks -------------------------------------------------------------


@require_http_methods(["GET"])
def motesplatser(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return _page(
        request,
        "matching/motesplatser.html",
        places=selectors.motesplats_list(user=request.user),
        activities=selectors.arrangemang_list(user=request.user, fran=today),
        meetings=selectors.natverksmote_list(user=request.user),
        kommun=getattr(acting_user(request).municipality, "kod", ""),
        closed=[("motesplats", selectors.motesplats_list(user=request.user, alla=True))],
    )


@require_http_methods(["GET", "POST"])
def arrangemang_create(request: HttpRequest) -> HttpResponse:
    require(request, "matching.manage")
    form = forms.ArrangemangForm(
        request.POST or None, places=selectors.motesplats_list(user=request.user)
    )
    return form_page(
        request,
        form,
        lambda d: services.arrangemang_create(actor=acting_user(request), **d),
        success=_("Aktiviteten är planerad."),
        done=_to("matching:motesplatser"),
        title=_("Ny aktivitet"),
        submit=_("Planera aktivitet"),
    )


@require_http_methods(["GET", "POST"])
def natverksmote_create(request: HttpRequest) -> HttpResponse:
    require(request, "matching.manage")
    form = forms.NatverksmoteForm(
        request.POST or None, associations=selectors.forening_list(user=request.user)
    )
    return form_page(
        request,
        form,
        lambda d: services.natverksmote_create(
            actor=acting_user(request), **{**d, "foreningar": list(d["foreningar"])}
        ),
        success=_("Nätverksmötet är registrerat."),
        done=_to("matching:motesplatser"),
        title=_("Nytt nätverksmöte"),
        submit=_("Registrera"),
    )


@login_not_required
@require_http_methods(["GET"])
def kalender(request: HttpRequest, kommun: str) -> HttpResponse:
    """The public calendar: no login, no personal data."""
    municipality, activities = selectors.public_calendar(kommun=kommun, fran=timezone.localdate())
    return render(
        request, "matching/kalender.html", {"municipality": municipality, "activities": activities}
    )


# Follow-up -------------------------------------------------------------------------------


@require_http_methods(["GET"])
def uppfoljning(request: HttpRequest) -> HttpResponse:
    require(request, "matching.see_indicators")
    me = acting_user(request)
    below = settings.MOTTAGNING_SUPPRESS_BELOW
    form = forms.UppfoljningPeriodForm(request.GET or None, today=timezone.localdate())
    periods = []
    if me.municipality is not None and (not form.is_bound or form.is_valid()):
        for halvar in form.halvar():
            fran, till = indicators.halvar_dates(halvar)
            raw = indicators.counts(municipality=me.municipality, fran=fran, till=till)
            shown = {k: selectors.suppressed(v, below) for k, v in raw.items()}
            periods.append((forms.halvar_label(halvar), shown))
    return render(
        request, "matching/uppfoljning.html", {"periods": periods, "below": below, "form": form}
    )
