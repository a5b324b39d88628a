"""Forms for mappings, plans and activities: field labels and help come from the models, the
choices of units and colleagues from the user's own municipality."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.db.models import QuerySet

from mottagning.plans.models import Aktivitet, IndividuellPlan, Kartlaggning
from mottagning.register.models import Unit
from mottagning.web.forms import DateInput

DATES = {"widget": DateInput}


class _Choices(forms.ModelForm):  # type: ignore[type-arg]  # ModelForm is generic in the stubs only
    """Limits the unit and handläggare choices to the municipality's own."""

    def __init__(self, *args: Any, units: QuerySet[Unit], users: QuerySet[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = units if name in ("enhet", "ansvarig_enhet") else users
            if isinstance(field, forms.DateField):
                field.widget = DateInput()


class KartlaggningForm(_Choices):
    class Meta:
        model = Kartlaggning
        fields = (
            "slag",
            "enhet",
            "handlaggare",
            "mottagen",
            "utbildning",
            "arbetslivserfarenhet",
            "sprak",
            "halsobehov",
            "korkort",
            "mal",
            "erfarenheter",
            "litteracitet",
            "amneskunskaper",
            "rekommendation",
            "klar",
        )
        widgets: ClassVar[dict[str, Any]] = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "utbildning",
                "arbetslivserfarenhet",
                "sprak",
                "halsobehov",
                "mal",
                "erfarenheter",
                "litteracitet",
                "amneskunskaper",
                "rekommendation",
            )
        }


class PlanForm(_Choices):
    class Meta:
        model = IndividuellPlan
        fields = ("enhet", "handlaggare", "upprattad", "mal", "avslutad", "egen_forsorjning")
        widgets: ClassVar[dict[str, Any]] = {"mal": forms.Textarea(attrs={"rows": 3})}


class AktivitetForm(_Choices):
    class Meta:
        model = Aktivitet
        fields = (
            "slag",
            "beskrivning",
            "ansvarig_enhet",
            "partner",
            "ansokan",
            "start",
            "forfaller",
            "klar",
        )
