"""Forms for placements; rules live in services.py."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from mottagning.placements.models import FORMS, GROUNDS
from mottagning.web.forms import DateInput


class PlaceringForm(forms.Form):
    form = forms.ChoiceField(label=_("Form"), choices=FORMS)
    grund = forms.ChoiceField(label=_("Grund"), choices=GROUNDS)
    beslut = forms.ChoiceField(label=_("Beslut"), required=False)
    anordnare = forms.CharField(
        label=_("Anordnare"), max_length=200, help_text=_("Företag, förening, kommun eller familj.")
    )
    plats = forms.CharField(
        label=_("Plats"), max_length=200, help_text=_("Boendets eller hemmets namn.")
    )
    kommun = forms.ChoiceField(
        label=_("Kommun där platsen finns"),
        required=False,
        help_text=_("Lämna tomt när platsen finns i den egna kommunen."),
    )
    start = forms.DateField(label=_("Startdatum"), widget=DateInput())
    slut = forms.DateField(label=_("Slutdatum"), required=False, widget=DateInput())
    kostnad_per_dygn = forms.DecimalField(
        label=_("Kostnad per dygn (kr)"),
        max_digits=9,
        decimal_places=2,
        min_value=0,
        help_text=_("Det avtalade dygnspriset, till exempel 1428,57."),
        localize=True,
    )

    def __init__(
        self,
        *args: Any,
        beslut: list[tuple[int, str]],
        municipalities: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["beslut"]).choices = [("", _("Inget beslut valt"))] + [
            (str(i), n) for i, n in beslut
        ]
        cast(forms.ChoiceField, self.fields["kommun"]).choices = [
            ("", _("Den egna kommunen")),
            *municipalities,
        ]


class EndForm(forms.Form):
    slut = forms.DateField(
        label=_("Slutdatum"), widget=DateInput(), help_text=_("Sista dagen i placeringen.")
    )
    reason = forms.CharField(label=_("Varför"), max_length=300)
