"""Forms of the matching pages. Validation of content is the services' (their errors are shown
at the fields); these forms only parse."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mottagning.config.converters import BoundedModelMultipleChoiceField
from mottagning.housing.forms import KronorField
from mottagning.matching import codes, indicators, labels
from mottagning.matching.models import (
    Arbetsgivare,
    Arrangemang,
    Forening,
    Kompetensprofil,
    Kontaktperson,
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

    def __init__(
        self,
        *args: Any,
        employers: QuerySet[Arbetsgivare],
        kontakter: QuerySet[Kontaktperson] | None = None,
        **kwargs: Any,
    ) -> None:
        """With `kontakter` the form edits a place: its employer stays, its contact person is
        chosen among the employer's."""
        super().__init__(*args, **kwargs)
        field = self.fields["arbetsgivare"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = employers
        if kontakter is not None:
            del self.fields["arbetsgivare"]
            self.fields["kontakt"] = forms.ModelChoiceField(
                label=_("Kontaktperson"),
                queryset=kontakter,
                required=False,
                initial=self.initial.get("kontakt"),
            )

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


class AvslutaForm(forms.Form):
    datum = forms.DateField(
        label=_("Avslutad från"),
        widget=DateInput,
        help_text=_(
            "Posten finns kvar i historiken och årssummorna men visas inte längre bland de "
            "aktiva eller i matchningen."
        ),
    )


class AteroppnaForm(forms.Form):
    bekrafta = forms.BooleanField(
        label=_("Ja, återöppna"),
        help_text=_(
            "Posten blir aktiv igen och erbjuds i matchningen. Det som avslutades med den, "
            "som en arbetsgivares platser eller en volontärs matchningar, förblir avslutat."
        ),
    )


class TaBortForm(forms.Form):
    bekrafta = forms.BooleanField(
        label=_("Ja, ta bort den helt"),
        help_text=_(
            "Bara det som registrerats av misstag och som inget annat hänvisar till kan tas "
            "bort. Det som har praktiker, matchningar, ansökningar eller aktiviteter avslutas "
            "i stället."
        ),
    )


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
        field_classes: ClassVar[dict[str, Any]] = {"foreningar": BoundedModelMultipleChoiceField}

    def __init__(self, *args: Any, associations: QuerySet[Forening], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["foreningar"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = associations

    def _post_clean(self) -> None:
        pass


class UppfoljningPeriodForm(forms.Form):
    """The half-years the follow-up page counts: from one to another, both included."""

    fran = forms.ChoiceField(label=_("Från halvår"))
    till = forms.ChoiceField(label=_("Till och med halvår"))

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        current = indicators.halvar_of(today)
        kwargs.setdefault(
            "initial",
            {"fran": _code(indicators.halvar_step(current, -1)), "till": _code(current)},
        )
        super().__init__(*args, **kwargs)
        offered = indicators.halvar_range((indicators.FORSTA_AR, 1), current)
        choices = [(_code(h), halvar_label(h)) for h in reversed(offered)]
        for name in ("fran", "till"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "fran" in data and "till" in data and _parse(data["till"]) < _parse(data["fran"]):
            self.add_error(
                "till", _("Perioden slutar före den börjar. Välj ett senare halvår i Till och med.")
            )
        return data

    def halvar(self) -> list[indicators.Halvar]:
        """The chosen half-years; the defaults when nothing was chosen."""
        data = self.cleaned_data if self.is_bound else self.initial
        return indicators.halvar_range(_parse(data["fran"]), _parse(data["till"]))


def _code(halvar: indicators.Halvar) -> str:
    return f"{halvar[0]}-{halvar[1]}"


def _parse(code: str) -> indicators.Halvar:
    year, half = code.split("-")
    return (int(year), int(half))


def halvar_label(halvar: indicators.Halvar) -> str:
    if halvar[1] == 1:
        return str(_("första halvåret %(ar)s") % {"ar": halvar[0]})
    return str(_("andra halvåret %(ar)s") % {"ar": halvar[0]})
