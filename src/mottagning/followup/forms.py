"""Forms of the follow-up: labels and help come from the models; choices of committees, units
and goals are limited to the user's own municipality."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mottagning.followup.indicators import REGISTRY
from mottagning.followup.models import (
    ACTIVITY_STATUSES,
    Bedomning,
    Handlingsplan,
    Indikator,
    Mal,
    PlanAktivitet,
)
from mottagning.register.models import Committee, Unit
from mottagning.web.forms import DateInput


class _Own(forms.ModelForm):  # type: ignore[type-arg]  # ModelForm is generic in the stubs only
    def __init__(self, *args: Any, municipality_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, f in self.fields.items():
            if isinstance(f, forms.ModelChoiceField):
                model = f.queryset.model  # type: ignore[union-attr]
                if model is Committee or model is Unit or model is Mal:
                    f.queryset = model.objects.filter(municipality_id=municipality_id)
                if name == "plan":
                    f.queryset = Handlingsplan.objects.filter(municipality_id=municipality_id)
            if isinstance(f, forms.DateField):
                f.widget = DateInput()

    def _post_clean(self) -> None:
        # The model's own checks run once, in the service, where the municipality and the plan
        # are known; their errors come back to the fields through _form_page.
        pass


class MalForm(_Own):
    class Meta:
        model = Mal
        fields = (
            "niva",
            "overordnat",
            "titel",
            "beskrivning",
            "agare_namnd",
            "agare_enhet",
            "giltig_fran",
            "giltig_till",
            "kalla",
        )


class IndikatorForm(_Own):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["berakning"] = forms.ChoiceField(
            label=_("beräkning"),
            required=False,
            choices=[("", "—"), *((k, c.namn) for k, c in REGISTRY.items())],
            help_text=_("Bara för indikatorer som beräknas ur registret."),
        )

    class Meta:
        model = Indikator
        fields = (
            "mal",
            "namn",
            "enhet",
            "riktning",
            "kalla_typ",
            "berakning",
            "kolada_kpi",
            "kalla",
        )


class VardeForm(forms.Form):
    ar = forms.IntegerField(label=_("år"), min_value=2000, max_value=2199)
    varde = forms.DecimalField(label=_("värde"), max_digits=14, decimal_places=2, localize=True)
    kommentar = forms.CharField(
        label=_("kommentar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("För ett utfall: var värdet kommer ifrån och hur det tagits fram."),
    )
    slag = forms.ChoiceField(
        label=_("värdet är"),
        choices=[("malvarde", _("Målvärde")), ("utfall", _("Utfall"))],
        widget=forms.RadioSelect,
    )


class HandlingsplanForm(_Own):
    class Meta:
        model = Handlingsplan
        fields = ("ar", "namn", "namnd", "kalla")


class PlanAktivitetForm(_Own):
    class Meta:
        model = PlanAktivitet
        fields = (
            "titel",
            "mal",
            "ansvarig_namnd",
            "ansvarig_enhet",
            "grund",
            "niva",
            "status",
            "forfaller",
            "uppfoljning",
            "kalla",
        )


class UppfoljningForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=ACTIVITY_STATUSES)
    uppfoljning = forms.CharField(
        label=_("uppföljning"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class BedomningForm(_Own):
    class Meta:
        model = Bedomning
        fields = (
            "omrade",
            "ar",
            "niva",
            "grunder",
            "rekommendation",
            "rekommendation_foljd",
            "kalla",
        )

    def __init__(self, *args: Any, municipality_id: int, **kwargs: Any) -> None:
        super().__init__(*args, municipality_id=municipality_id, **kwargs)
        from mottagning.followup.models import Granskningsomrade

        self.fields["omrade"].queryset = Granskningsomrade.objects.filter(  # type: ignore[attr-defined]
            municipality_id=municipality_id
        )


class KoladaForm(forms.Form):
    fil = forms.FileField(
        label=_("Kolada-fil (CSV)"),
        help_text=_(
            "Kolumnerna kpi, municipality, period, gender och value; semikolon eller komma."
        ),
    )
