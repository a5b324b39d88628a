"""Forms of the economy pages; validation that needs the register lives in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mottagning.claims.models import IMPORT_KINDS, STATUSES
from mottagning.claims.types import COST_KINDS
from mottagning.register.models import IDENTITY_KINDS
from mottagning.web.forms import DateInput


class KostnadForm(forms.Form):
    identitetstyp = forms.ChoiceField(label=_("Identitetstyp"), choices=IDENTITY_KINDS)
    identitet = forms.CharField(
        label=_("Identitetsnummer"),
        max_length=20,
        help_text=_("Personens nummer som det står i registret, t.ex. ÅÅÅÅMMDD-NNNN."),
    )
    slag = forms.ChoiceField(label=_("Slag"), choices=COST_KINDS)
    enhet = forms.ChoiceField(label=_("Enhet som betalade"))
    fran = forms.DateField(label=_("Från"), widget=DateInput())
    till = forms.DateField(
        label=_("Till"), widget=DateInput(), help_text=_("Inom samma kvartal som från-datumet.")
    )
    belopp = forms.DecimalField(
        label=_("Belopp (kr)"), max_digits=14, decimal_places=2, min_value=0
    )
    anordnare = forms.CharField(
        label=_("Anordnare"), max_length=200, required=False, help_text=_("För placeringar.")
    )
    dagar = forms.IntegerField(
        label=_("Dygn"), required=False, min_value=1, max_value=366, help_text=_("För placeringar.")
    )
    verifikation = forms.CharField(label=_("Verifikation"), max_length=60, required=False)

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["enhet"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(i), n) for i, n in units]


class ImportForm(forms.Form):
    slag = forms.ChoiceField(label=_("Vad filen innehåller"), choices=IMPORT_KINDS)
    fil = forms.FileField(
        label=_("Fil"),
        help_text=_("CSV (semikolon eller komma, UTF-8) eller Excel (.xlsx) med kolumnerna nedan."),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Ny status"), choices=STATUSES)
    datum = forms.DateField(label=_("Datum"), widget=DateInput())
    belopp = forms.DecimalField(
        label=_("Belopp (kr)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=_("Beviljat eller utbetalt belopp. Lämna tomt för hela det ansökta beloppet."),
    )
    notering = forms.CharField(label=_("Notering"), widget=forms.Textarea, required=False)


class ParameterVardeForm(forms.Form):
    namn = forms.ChoiceField(label=_("Belopp"))
    fran = forms.DateField(
        label=_("Gäller från"), widget=DateInput(), help_text=_("Oftast den 1 januari året.")
    )
    varde = forms.DecimalField(label=_("Värde"), max_digits=14, decimal_places=2, min_value=0)
    notering = forms.CharField(
        label=_("Källa"),
        widget=forms.Textarea,
        help_text=_("Var värdet kommer ifrån, t.ex. Migrationsverkets beslut om schablonbelopp."),
    )

    def __init__(self, *args: Any, names: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["namn"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = names
