"""Forms for homes, contracts, residences and the kommuntal."""

from __future__ import annotations

from typing import Any, ClassVar

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


class KronorField(forms.DecimalField):
    """An amount as people write it in Swedish: 6 450,50 or 6450.50. Exact, never a float."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages: ClassVar[dict[str, Any]] = {
        "invalid": _("Skriv beloppet i kronor med siffror, till exempel 6 450,50."),
    }

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.replace("\u00a0", "").replace(" ", "").replace(",", ".")
            value = value.removesuffix("kr")
        return super().to_python(value)


class KontraktForm(forms.ModelForm):  # type: ignore[type-arg]
    hyra = KronorField(
        label=_("Hyra per månad (kr)"),
        max_digits=10,
        decimal_places=2,
        min_value=0,
        help_text=_("Kronor per månad, med ören efter kommatecken: 6 450,50."),
    )

    class Meta:
        model = Kontrakt
        fields = ("slag", "hyra", "start", "slut")
        widgets: ClassVar[dict[str, Any]] = {"start": DateInput, "slut": DateInput}


class KontraktSlutForm(forms.Form):
    slut = forms.DateField(
        label=_("Slut"),
        required=False,
        widget=DateInput(),
        help_text=_("Lämna tomt om kontraktet gäller tills vidare."),
    )


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]  # generic in stubs
    def label_from_instance(self, obj: Any) -> str:
        # Names repeat; the birth date tells two persons apart.
        return f"{obj.efternamn}, {obj.fornamn} ({obj.fodelsedatum.isoformat()})"


class BoendeForm(forms.Form):
    person = PersonChoiceField(label=_("Person"), queryset=Person.objects.none())
    fran = forms.DateField(label=_("Inflyttning"), widget=DateInput())

    def __init__(self, *args: Any, persons: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        person.queryset = persons


class BoendeSlutForm(forms.Form):
    till = forms.DateField(label=_("Utflyttning"), widget=DateInput())


class KommuntalForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Kommuntal
        fields = ("ar", "antal", "beslutsdatum", "kalla")
        widgets: ClassVar[dict[str, Any]] = {"beslutsdatum": DateInput}
