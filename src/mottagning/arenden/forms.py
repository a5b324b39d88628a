"""Forms of case work: labels, help and errors in klarspråk. Rules live in the services; views
copy their errors onto these forms (web.forms.apply_errors)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from mottagning.arenden.models import ARENDE_TYPES, LAGRUM, OVERKLAGANDE, UTFALL
from mottagning.cases.models import TARGET_GROUPS
from mottagning.web.forms import DateInput


def _choices(form: forms.Form, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


class ArendeForm(forms.Form):
    typ = forms.ChoiceField(label=_("Typ av ärende"), choices=ARENDE_TYPES)
    unit = forms.ChoiceField(label=_("Enhet"))
    oppnat = forms.DateField(label=_("Öppnat"), widget=DateInput())
    handlaggare = forms.ChoiceField(label=_("Handläggare"), required=False)

    def __init__(
        self,
        *args: Any,
        units: list[tuple[int, str]],
        users: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "unit").choices = [(str(i), n) for i, n in units]
        _choices(self, "handlaggare").choices = [("", _("Ingen än"))] + [
            (str(i), n) for i, n in users
        ]


class AssignForm(forms.Form):
    handlaggare = forms.ChoiceField(label=_("Ny handläggare"), required=False)
    reason = forms.CharField(
        label=_("Varför"),
        max_length=300,
        help_text=_("Till exempel: föräldraledighet, ny fördelning på enheten."),
    )

    def __init__(self, *args: Any, users: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "handlaggare").choices = [("", _("Ingen"))] + [(str(i), n) for i, n in users]


class CloseForm(forms.Form):
    avslutat = forms.DateField(label=_("Avslutat"), widget=DateInput())
    reason = forms.CharField(label=_("Varför"), max_length=300, required=False)


class BeslutForm(forms.Form):
    insats = forms.CharField(
        label=_("Beslutet gäller"),
        max_length=300,
        help_text=_("Vad personen ansökte om eller vad nämnden beslutade, med vanliga ord."),
    )
    utfall = forms.ChoiceField(label=_("Beslut"), choices=UTFALL)
    lagrum = forms.ChoiceField(label=_("Lag"), choices=LAGRUM)
    paragraf = forms.CharField(
        label=_("Lagrum"), max_length=100, help_text=_("Till exempel 4 kap. 1 § eller 2 §.")
    )
    motivering = forms.CharField(
        label=_("Motivering"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Skriv så att personen förstår varför. Den står i brevet."),
    )
    beslutsdatum = forms.DateField(label=_("Beslutsdatum"), widget=DateInput())
    giltigt_fran = forms.DateField(label=_("Gäller från"), required=False, widget=DateInput())
    giltigt_till = forms.DateField(
        label=_("Gäller till och med"), required=False, widget=DateInput()
    )
    beslutsfattare = forms.CharField(
        label=_("Beslutsfattare"),
        max_length=200,
        help_text=_("Namn och befattning, eller nämnden, som på brevet."),
    )
    overklagande = forms.ChoiceField(label=_("Överklagande"), choices=OVERKLAGANDE)


class AnteckningForm(forms.Form):
    datum = forms.DateField(
        label=_("Datum"), widget=DateInput(), help_text=_("Dagen det som antecknas hände.")
    )
    text = forms.CharField(label=_("Anteckning"), widget=forms.Textarea(attrs={"rows": 6}))


class DokumentForm(forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    fil = forms.FileField(
        label=_("Fil"),
        help_text=_("PDF, bild (PNG, JPEG) eller Office-fil, högst 10 MB."),
    )
    arende = forms.ChoiceField(label=_("Hör till ärende"), required=False)

    def __init__(self, *args: Any, arenden: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "arende").choices = [("", _("Inget ärende (personens dokument)"))] + [
            (str(i), n) for i, n in arenden
        ]


class DoneForm(forms.Form):
    nyckel = forms.CharField(widget=forms.HiddenInput, max_length=120)
    datum = forms.DateField(label=_("Klar den"), widget=DateInput())
    notering = forms.CharField(
        label=_("Notering"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vad gjordes, till exempel: övervägande i nämnden, vårdplan upprättad."),
    )


class WorklistFilterForm(forms.Form):
    typ = forms.ChoiceField(label=_("Typ av frist"), required=False)
    malgrupp = forms.ChoiceField(
        label=_("Målgrupp"), required=False, choices=[("", _("Alla")), *TARGET_GROUPS]
    )
    handlaggare = forms.ChoiceField(label=_("Handläggare"), required=False)
    dagar = forms.TypedChoiceField(
        label=_("Visa frister inom"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("30", _("30 dagar")),
            ("90", _("90 dagar")),
            ("365", _("ett år")),
        ],
        initial="90",
    )

    def __init__(
        self,
        *args: Any,
        kinds: list[tuple[str, str]],
        users: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "typ").choices = [("", _("Alla")), *kinds]
        _choices(self, "handlaggare").choices = [
            ("", _("Alla")),
            ("ingen", _("Ingen tilldelad")),
            *[(str(i), n) for i, n in users],
        ]
