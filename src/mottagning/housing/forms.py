"""Forms for homes, contracts, residences and the kommuntal."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mottagning.housing.models import Bostad, Kommuntal, Kontrakt
from mottagning.register.models import Person, Unit
from mottagning.web.forms import DateInput


class BostadForm(forms.ModelForm):  # type: ignore[type-arg]  # generic in the stubs only
    class Meta:
        model = Bostad
        fields = ("enhet", "adress", "postnummer", "ort", "hyresvard", "rum")

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        enhet = self.fields["enhet"]
        assert isinstance(enhet, forms.ModelChoiceField)
        enhet.queryset = units


class KontraktForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Kontrakt
        fields = ("slag", "hyra", "start", "slut")
        widgets = {"start": DateInput, "slut": DateInput}
        help_texts = {"hyra": _("Kronor per månad, med ören efter kommatecken: 6 450,50.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hyra"].localize = True
        self.fields["hyra"].widget.is_localized = True


class KontraktSlutForm(forms.Form):
    slut = forms.DateField(
        label=_("Slut"),
        required=False,
        widget=DateInput(),
        help_text=_("Lämna tomt om kontraktet gäller tills vidare."),
    )


class BoendeForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    fran = forms.DateField(label=_("Inflyttning"), widget=DateInput())

    def __init__(self, *args: Any, persons: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        person.queryset = persons
        person.label_from_instance = lambda p: f"{p.efternamn}, {p.fornamn} ({p.fodelsedatum})"


class BoendeSlutForm(forms.Form):
    till = forms.DateField(label=_("Utflyttning"), widget=DateInput())


class KommuntalForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Kommuntal
        fields = ("ar", "antal", "beslutsdatum", "kalla")
        widgets = {"beslutsdatum": DateInput}
