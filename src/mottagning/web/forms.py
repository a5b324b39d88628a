"""Forms: labels, help and inline errors in klarspråk. Validation that needs the register or the
rules core lives in the services; views copy their errors onto these forms."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mottagning.register.models import (
    EVENT_TYPES,
    IDENTITY_KINDS,
    PERMIT_GROUNDS,
    PERMIT_TYPES,
    PLACEMENT_FORMS,
    PLACEMENT_GROUNDS,
    SCHOOL_FORMS,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names, else at the top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


def _blank(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


class PersonForm(forms.Form):
    fornamn = forms.CharField(label=_("Förnamn"), max_length=200)
    efternamn = forms.CharField(label=_("Efternamn"), max_length=200)
    fodelsedatum = forms.DateField(
        label=_("Födelsedatum"),
        widget=DateInput(),
        help_text=_(
            "Som det står i beslutet från Migrationsverket. "
            "En åldersbedömning läggs in som händelse."
        ),
    )
    ensamkommande = forms.BooleanField(
        label=_("Ensamkommande"),
        required=False,
        help_text=_("Kom till Sverige utan vårdnadshavare."),
    )
    household = forms.ChoiceField(label=_("Hushåll"), required=False)

    def __init__(self, *args: Any, households: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "household").choices = _blank(_("Inget hushåll")) + [
            (str(i), n) for i, n in households
        ]


class PersonCreateForm(PersonForm):
    unit = forms.ChoiceField(label=_("Registreras av enhet"))
    identitetstyp = forms.ChoiceField(
        label=_("Identitetstyp"), required=False, choices=_blank(_("Ingen än")) + IDENTITY_KINDS
    )
    identitet = forms.CharField(
        label=_("Nummer"),
        required=False,
        max_length=20,
        help_text=_("Personnummer och samordningsnummer skrivs ÅÅÅÅMMDD-NNNN."),
    )

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "unit").choices = [(str(i), n) for i, n in units]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("identitetstyp")) != bool(data.get("identitet")):
            missing = "identitet" if data.get("identitetstyp") else "identitetstyp"
            self.add_error(missing, _("Fyll i både typ och nummer, eller lämna båda tomma."))
        return data


class PersonUpdateForm(PersonForm):
    reason = forms.CharField(
        label=_("Varför ändras uppgifterna?"),
        max_length=300,
        help_text=_("Sparas i historiken, till exempel ”Rättat stavning enligt beslut”."),
    )


class EventForm(forms.Form):
    typ = forms.ChoiceField(label=_("Händelse"), choices=_blank(_("Välj händelse")) + EVENT_TYPES)
    datum = forms.DateField(label=_("Datum"), widget=DateInput())
    kommun = forms.ChoiceField(
        label=_("Kommun"),
        required=False,
        help_text=_(
            "För anvisning, mottagande, eget boende och utflyttning, och för en placering i en "
            "annan kommun. Tomt betyder den egna kommunen."
        ),
    )
    tillstand = forms.ChoiceField(
        label=_("Tillstånd"),
        required=False,
        choices=_blank("–") + PERMIT_TYPES,
        help_text=_("Bara för uppehållstillstånd."),
    )
    giltigt_till = forms.DateField(
        label=_("Giltigt till"),
        required=False,
        widget=DateInput(),
        help_text=_("Bara för tillfälligt uppehållstillstånd (TUT)."),
    )
    grund = forms.ChoiceField(
        label=_("Grund"),
        required=False,
        choices=_blank("–") + PERMIT_GROUNDS + PLACEMENT_GROUNDS,
        help_text=_(
            "För uppehållstillstånd: grunden, om den är känd. För placering: SoL eller LVU "
            "(tomt betyder SoL)."
        ),
    )
    fodelsedatum = forms.DateField(
        label=_("Bedömt födelsedatum"),
        required=False,
        widget=DateInput(),
        help_text=_("Bara för åldersbedömning."),
    )
    form = forms.ChoiceField(
        label=_("Placeringsform"),
        required=False,
        choices=_blank("–") + PLACEMENT_FORMS,
        help_text=_("Bara för placering."),
    )
    slut = forms.DateField(
        label=_("Slutdatum"),
        required=False,
        widget=DateInput(),
        help_text=_("För placering och gymnasiestudier, om det är känt."),
    )
    skolform = forms.ChoiceField(
        label=_("Skolform"),
        required=False,
        choices=_blank("–") + SCHOOL_FORMS,
        help_text=_("Bara för skolgång: underlaget för skolersättning för asylsökande barn."),
    )
    anteckning = forms.CharField(label=_("Anteckning"), required=False, max_length=500)

    def __init__(self, *args: Any, municipalities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "kommun").choices = _blank("–") + municipalities

    def details(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            name: data.get(name)
            for name in (
                "kommun",
                "tillstand",
                "giltigt_till",
                "grund",
                "fodelsedatum",
                "form",
                "slut",
                "skolform",
            )
        }


class EventDeleteForm(forms.Form):
    reason = forms.CharField(label=_("Varför tas händelsen bort?"), max_length=300)


class IdentityForm(forms.Form):
    typ = forms.ChoiceField(label=_("Typ"), choices=_blank(_("Välj typ")) + IDENTITY_KINDS)
    varde = forms.CharField(
        label=_("Nummer"),
        max_length=20,
        help_text=_(
            "Personnummer och samordningsnummer: ÅÅÅÅMMDD-NNNN. Dossiernummer: 7 eller 8 siffror."
        ),
    )
    giltig_fran = forms.DateField(label=_("Gäller från"), required=False, widget=DateInput())
    giltig_till = forms.DateField(label=_("Gäller till"), required=False, widget=DateInput())


class HouseholdForm(forms.Form):
    beteckning = forms.CharField(
        label=_("Beteckning"),
        max_length=200,
        help_text=_("Till exempel familjens efternamn och ort."),
    )
    unit = forms.ChoiceField(label=_("Registreras av enhet"))

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "unit").choices = [(str(i), n) for i, n in units]


class ImportForm(forms.Form):
    fil = forms.FileField(
        label=_("Fil"),
        help_text=_("CSV (semikolon eller komma, UTF-8) eller Excel (.xlsx) med kolumnerna nedan."),
    )
    unit = forms.ChoiceField(label=_("Registreras av enhet"))

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "unit").choices = [(str(i), n) for i, n in units]


class AccessLogFilterForm(forms.Form):
    anvandare = forms.CharField(
        label=_("Användare"),
        help_text=_("Användarnamn, eller en del av förnamn eller efternamn."),
        required=False,
        max_length=150,
    )
    person = forms.CharField(
        label=_("Person"),
        help_text=_("Namn, eller personnummer, samordningsnummer eller dossiernummer."),
        required=False,
        max_length=200,
    )
    fran = forms.DateField(label=_("Från och med"), required=False, widget=DateInput())
    till = forms.DateField(label=_("Till och med"), required=False, widget=DateInput())
    kanal = forms.ChoiceField(
        label=_("Kanal"),
        required=False,
        choices=[
            ("", _("Alla")),
            ("webb", _("Webbsida")),
            ("api", _("API")),
            ("export", _("Export")),
        ],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        fran, till = data.get("fran"), data.get("till")
        if fran and till and fran > till:
            self.add_error(
                "till",
                _(
                    "Till och med (%(till)s) är före från och med (%(fran)s). Byt plats på "
                    "datumen eller ändra ett av dem."
                )
                % {"till": till.isoformat(), "fran": fran.isoformat()},
            )
        return data
