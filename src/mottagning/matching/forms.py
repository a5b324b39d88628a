"""Forms of the matching pages. Validation of content is the services' (their errors are shown
at the fields); these forms only parse."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mottagning.housing.forms import KronorField
from mottagning.matching import codes, labels
from mottagning.matching.models import (
    Arbetsgivare,
    Arrangemang,
    Forening,
    Kompetensprofil,
    Motesplats,
    Natverksmote,
    Praktikplats,
    Traff,
    Volontar,
)
from mottagning.web.forms import DateInput


class ArbetsgivareForm(forms.ModelForm):  # type: ignore[type-arg]  # generic in the stubs only
    class Meta:
        model = Arbetsgivare
        fields = ("namn", "orgnr", "ort")


class ForeningForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Forening
        fields = ("namn", "orgnr", "verksamhet", "sprak")


class KontaktForm(forms.Form):
    namn = forms.CharField(label=_("Namn"), max_length=200)
    roll = forms.CharField(label=_("Roll"), max_length=100, required=False)
    telefon = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    epost = forms.EmailField(label=_("E-post"), required=False)


class PraktikplatsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Praktikplats
        fields = (
            "arbetsgivare",
            "titel",
            "ssyk",
            "ort",
            "krav_svenska",
            "krav_utbildning",
            "krav_korkort",
            "fran",
            "till",
            "kapacitet",
        )
        widgets: ClassVar[dict[str, Any]] = {"fran": DateInput, "till": DateInput}

    def __init__(self, *args: Any, employers: QuerySet[Arbetsgivare], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["arbetsgivare"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = employers

    def _post_clean(self) -> None:
        # The service validates the whole row (and the municipality) in its transaction.
        pass


class KompetensprofilForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Kompetensprofil
        fields = ("svenska", "utbildning", "erfarenhet", "mal", "ort")

    def _post_clean(self) -> None:
        pass


class PraktikForm(forms.Form):
    plats = forms.ModelChoiceField(label=_("Praktikplats"), queryset=Praktikplats.objects.none())
    start = forms.DateField(label=_("Start"), widget=DateInput)
    slut = forms.DateField(label=_("Planerat slut"), widget=DateInput, required=False)
    handledare = forms.CharField(label=_("Handledare"), max_length=200)
    uppfoljning = forms.DateField(label=_("Första uppföljning"), widget=DateInput, required=False)

    def __init__(self, *args: Any, places: QuerySet[Praktikplats], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["plats"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = places


class PraktikSlutForm(forms.Form):
    slut = forms.DateField(label=_("Slut"), widget=DateInput)
    utfall = forms.ChoiceField(
        label=_("Utfall"), choices=labels.choices(codes.PRAKTIK_UTFALL, labels.PRAKTIK_UTFALL)
    )


class SamtyckeForm(forms.Form):
    lamnat = forms.DateField(
        label=_("Samtycket lämnades"),
        widget=DateInput,
        help_text=_("Dagen personen gav sitt samtycke till matchning med en volontär."),
    )


class DatumForm(forms.Form):
    datum = forms.DateField(label=_("Datum"), widget=DateInput)


class VolontarMatchningForm(forms.Form):
    volontar = forms.ModelChoiceField(label=_("Volontär"), queryset=Volontar.objects.none())
    insats = forms.ChoiceField(
        label=_("Insats"), choices=labels.choices(codes.VOLONTARINSATSER, labels.VOLONTARINSATSER)
    )
    start = forms.DateField(label=_("Start"), widget=DateInput)

    def __init__(self, *args: Any, volunteers: QuerySet[Volontar], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["volontar"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = volunteers


class VolontarForm(forms.Form):
    namn = forms.CharField(label=_("Namn"), max_length=200)
    insatser = forms.MultipleChoiceField(
        label=_("Erbjuder"),
        choices=labels.choices(codes.VOLONTARINSATSER, labels.VOLONTARINSATSER),
        widget=forms.CheckboxSelectMultiple,
    )
    sprak = forms.CharField(label=_("Språk"), max_length=200, required=False)
    tillganglighet = forms.CharField(label=_("Tillgänglighet"), max_length=200, required=False)
    telefon = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    epost = forms.EmailField(label=_("E-post"), required=False)
    belastningsregister = forms.DateField(
        label=_("Utdrag ur belastningsregistret, daterat"),
        widget=DateInput,
        required=False,
        help_text=_("Krävs för matchning med barn; gäller ett år från datumet."),
    )


class TraffForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Traff
        fields = ("datum", "minuter", "slag")
        widgets: ClassVar[dict[str, Any]] = {"datum": DateInput}

    def _post_clean(self) -> None:
        pass


class AnsokanForm(forms.Form):
    forening = forms.ModelChoiceField(label=_("Förening"), queryset=Forening.objects.none())
    projekt = forms.CharField(label=_("Projekt"), max_length=200)
    syfte = forms.ChoiceField(
        label=_("Syfte"), choices=labels.choices(codes.BIDRAG_SYFTE, labels.BIDRAG_SYFTE)
    )
    inkom = forms.DateField(label=_("Inkom"), widget=DateInput)
    sokt_belopp = KronorField(label=_("Sökt belopp (kr)"), max_digits=12, decimal_places=2)
    budget = forms.CharField(
        label=_("Budget"), widget=forms.Textarea, help_text=_("En post per rad: vad och belopp.")
    )

    def __init__(self, *args: Any, associations: QuerySet[Forening], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["forening"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = associations


class BeslutForm(forms.Form):
    beslutsdatum = forms.DateField(label=_("Beslutsdatum"), widget=DateInput)
    belopp = KronorField(
        label=_("Beviljat belopp (kr)"),
        max_digits=12,
        decimal_places=2,
        required=False,
        help_text=_("Lämna tomt för avslag."),
    )
    villkor = forms.CharField(label=_("Villkor"), widget=forms.Textarea, required=False)


class UtbetalningForm(forms.Form):
    datum = forms.DateField(label=_("Utbetalningsdag"), widget=DateInput)
    belopp = KronorField(label=_("Utbetalt belopp (kr)"), max_digits=12, decimal_places=2)


class RapportForm(forms.Form):
    datum = forms.DateField(label=_("Återrapporten inkom"), widget=DateInput)
    deltagare = forms.IntegerField(label=_("Antal deltagare"), min_value=0)
    resultat = forms.CharField(label=_("Resultat"), widget=forms.Textarea)


class MotesplatsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Motesplats
        fields = ("namn", "adress", "arrangorer")


class ArrangemangForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Arrangemang
        fields = ("motesplats", "titel", "datum", "borjar", "slutar", "beskrivning", "publik")
        widgets: ClassVar[dict[str, Any]] = {
            "datum": DateInput,
            "borjar": forms.TimeInput(attrs={"type": "time"}),
            "slutar": forms.TimeInput(attrs={"type": "time"}),
        }

    def __init__(self, *args: Any, places: QuerySet[Motesplats], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["motesplats"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = places

    def _post_clean(self) -> None:
        pass


class NatverksmoteForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Natverksmote
        fields = (
            "namn",
            "datum",
            "plats",
            "foreningar",
            "andra_organisationer",
            "overenskommelser",
        )
        widgets: ClassVar[dict[str, Any]] = {
            "datum": DateInput,
            "foreningar": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, associations: QuerySet[Forening], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["foreningar"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = associations

    def _post_clean(self) -> None:
        pass
