"""Forms for the planning pages (issue 4 item 5): the same assumptions the CLI takes, as
labelled fields with klarspråk errors that name the field.

The forms only read and check what a person typed; the planning engine (`mottagning.planning`)
checks the rest and its `PlaneringsFel` is put back on the field it names (`put_error`).
Calculating saves nothing, so they are GET forms: a result can be bookmarked and exported
with the same address (a named scenario is saved apart, `web.scenario_views`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mottagning.planning import underlag
from mottagning.planning.errors import InmatningsFel, PlaneringsFel

MALGRUPPER = [
    ("asylsokande", _("Asylsökande")),
    ("nyanlanda", _("Nyanlända")),
    ("ekb", _("Ensamkommande barn och unga (EKB)")),
    ("ovriga", _("Övriga invånare")),
]
# Moves a person can make in their own alternative; empty rows are ignored.
FLYTTAR = 3
NY_ENHET = "ny_enhet"


#: The form's message for each fault of a typed number (underlag.INMATNINGSFEL), for head
#: counts and for shares; %(v)s is what was typed, %(max)s the largest value taken.
_FEL_TAL = {
    "inte_tal": _("”%(v)s” är inte ett tal. Skriv siffror, till exempel 30."),
    "for_stort": _("”%(v)s” är för stort. Skriv ett tal upp till %(max)s."),
}
_FEL_ANTAL = {
    **_FEL_TAL,
    "omvant": _("Det första talet i intervallet är större än det andra. Skriv till exempel 20–40."),
    "negativ": _("Antalet kan inte vara negativt. Skriv 0 eller fler."),
    "inte_heltal": _("Skriv hela personer, utan decimaler."),
    "for_manga": _("Högst %(max)s personer per år."),
}
_FEL_ANDEL = {
    **_FEL_TAL,
    "negativ": _("Andelen kan inte vara negativ. Skriv 0–100 %."),
    "over_100": _("Andelen får inte vara över 100 %. Skriv en andel mellan 0 och 100 %."),
    "omvant": _("Det första talet i intervallet är större än det andra. Skriv till exempel 15–35."),
}


#: The faults whose message shows what was typed or the largest value taken.
_MED_TAL = frozenset({"inte_tal", "for_stort", "for_manga"})


def _las(las: Callable[[str], Any], text: str, meddelanden: dict[str, Any]) -> Any:
    """The planning core reads the number; the form says what is wrong in its own words."""
    try:
        return las(text)
    except InmatningsFel as fel:
        if fel.kod not in _MED_TAL:
            # These say what to write instead, with a literal "%" that params would format.
            raise forms.ValidationError(meddelanden[fel.kod]) from None
        largest = underlag.ANTAL_PER_AR_MAX if fel.kod == "for_manga" else underlag.TAL_MAX
        raise forms.ValidationError(
            meddelanden[fel.kod], params={"v": fel.text, "max": underlag.fmt_tal(largest)}
        ) from None


def _tal(text: str) -> Decimal:
    return cast(Decimal, _las(underlag.las_tal, text, _FEL_TAL))


class AntalField(forms.CharField):
    """A head count per year, or a range 'MIN–MAX' when ranges are allowed; never negative."""

    def __init__(self, *args: Any, intervall: bool = False, **kwargs: Any) -> None:
        self.intervall = intervall
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        if not text:
            return None
        return _las(lambda t: underlag.las_antal(t, intervall=self.intervall), text, _FEL_ANTAL)


class AndelField(forms.CharField):
    """A share in per cent, 0–100, or a range 'MIN–MAX' when ranges are allowed."""

    def __init__(self, *args: Any, intervall: bool = False, **kwargs: Any) -> None:
        self.intervall = intervall
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        if not text:
            return None
        return _las(
            lambda t: underlag.las_andel(t, intervall=self.intervall, procent=True),
            text,
            _FEL_ANDEL,
        )


def _ar_field(label: Any, help_text: Any = "", **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=1990,
        max_value=2100,
        error_messages={
            "invalid": _("Skriv ett årtal med fyra siffror, till exempel 2018."),
            "min_value": _("Skriv ett år från 1990 och framåt."),
            "max_value": _("Skriv ett år till och med 2100."),
        },
        **kwargs,
    )


def _antal_ar_field(help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Antal år"),
        required=False,
        help_text=help_text,
        min_value=1,
        max_value=30,
        error_messages={
            "invalid": _("Skriv antalet år som ett heltal, till exempel 8."),
            "min_value": _("Skriv minst 1 år."),
            "max_value": _("Skriv högst 30 år."),
        },
    )


def _kommun_field(choices: list[tuple[str, str]], help_text: Any = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Kommun"),
        choices=choices,
        required=False,
        help_text=help_text,
        error_messages={
            "invalid_choice": _("Den kommunen finns inte i listan. Välj en kommun i listan."),
        },
    )


class PlanningForm(forms.Form):
    """Common to the planning forms: which municipalities the user may choose, and how an
    error from the planning engine is put on the field it names."""

    #: PlaneringsFel.falt (a CLI flag, a YAML path or "år 2025") → this form's field.
    FALT: tuple[tuple[str, str], ...] = ()

    def __init__(self, *args: Any, kommuner: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.forsta_kommun = kommuner[0][0] if kommuner else ""
        if "kommun" in self.fields:
            field = cast(forms.ChoiceField, self.fields["kommun"])
            field.choices = kommuner
            if not self.is_bound and kommuner and not self.initial.get("kommun"):
                self.initial["kommun"] = kommuner[0][0]

    def clean_kommun(self) -> str:
        """Empty means the first municipality in the list: the user's own if it has data."""
        return str(self.cleaned_data.get("kommun") or self.forsta_kommun)

    def put_error(self, error: PlaneringsFel) -> None:
        """The engine's message on the field it names; at the top if no field matches."""
        target = None
        for pattern, field in self.FALT:
            if re.search(pattern, error.falt) and field in self.fields:
                target = field
                break
        message = error.meddelande[:1].upper() + error.meddelande[1:]
        if target is None:
            message = f"{error.falt}: {message}"
        elif error.falt.startswith("år "):
            message = f"{error.falt.capitalize()}: {message}"
        self.add_error(target, message)


PRISER = [
    ("fasta", _("Fasta priser: alla år med ett års belopp")),
    ("lopande", _("Löpande priser: varje år med det årets belopp")),
]
UTBETALNING = [
    ("mottagningsar", _("Hela beloppet mottagningsåret (som 002 §3.4)")),
    ("24_manader", _("Över 24 månader (som Migrationsverket betalar)")),
]


class BudgetForm(PlanningForm):
    """Assumptions of the cohort budget (002 §3.3–3.4); empty keeps the source's value."""

    FALT = (
        (r"^--start$", "start"),
        (r"^--ar$|\bar$", "ar"),
        (r"^--prisar$|prisar", "prisar"),
        (r"vuxna", "vuxna"),
        (r"barn", "barn"),
        (r"aldre", "aldre"),
        (r"andel", "andel_som_lamnar"),
        (r"balanskonto", "balanskonto"),
        (r"startar", "start"),
        (r"^år \d+$", "start"),
    )

    kommun = _kommun_field([])
    start = _ar_field(
        _("Första budgetåret (år 1)"),
        _("Tomt: källans år. Ett annat år räknar med det årets belopp."),
        required=False,
    )
    ar = _antal_ar_field()
    priser = forms.ChoiceField(
        label=_("Priser"),
        choices=PRISER,
        initial="fasta",
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Välj fasta eller löpande priser.")},
    )
    prisar = _ar_field(
        _("Prisår vid fasta priser"),
        _("Tomt: källans prisår, eller första budgetåret om du har ändrat det."),
        required=False,
    )
    vuxna = AntalField(label=_("Mottagna vuxna per år"), help_text=_("Tomt: källans antal."))
    barn = AntalField(label=_("Mottagna barn per år"), help_text=_("Tomt: källans antal."))
    aldre = AntalField(
        label=_("Mottagna 65 år och äldre per år"), help_text=_("Tomt: källans antal.")
    )
    andel_som_lamnar = AndelField(
        label=_("Andel av en årskull som flyttar efter första året (%)"),
        help_text=_("Mellan 0 och 100, till exempel 25. Tomt: källans andel."),
    )
    balanskonto = forms.DecimalField(
        label=_("Ingående behållning på balanskontot (tkr)"),
        required=False,
        max_digits=12,
        decimal_places=1,
        help_text=_("Tomt: källan anger ingen behållning; sidan visar då summan av netto."),
        error_messages={"invalid": _("Skriv beloppet i tkr som ett tal, till exempel 12 700.")},
    )
    schablon_utbetalning = forms.ChoiceField(
        label=_("Schablonersättningen bokas"),
        choices=[("", _("Som i källan")), *UTBETALNING],
        required=False,
        error_messages={"invalid_choice": _("Välj ett av sätten i listan.")},
    )

    egna_kostnader = forms.CharField(
        label=_("Egna kostnader (tkr per år)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "En kostnad per rad: namn, semikolon, tkr per år. Till exempel: Lokaler; 250. "
            "Läggs till budgetens kostnader."
        ),
    )

    def clean_egna_kostnader(self) -> tuple[tuple[str, Decimal], ...]:
        """'Lokaler; 250' per line → (('Lokaler', Decimal('250')),); errors name the line."""
        rows: list[tuple[str, Decimal]] = []
        text = self.cleaned_data.get("egna_kostnader") or ""
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            namn, sep, belopp = line.rpartition(";")
            if not sep or not namn.strip():
                raise forms.ValidationError(
                    _(
                        "Rad %(rad)s: skriv namnet, ett semikolon och beloppet i tkr, till "
                        "exempel: Lokaler; 250."
                    ),
                    params={"rad": number},
                )
            try:
                value = _tal(belopp)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("Rad %(rad)s: ”%(v)s” är inte ett belopp. Skriv tkr med siffror."),
                    params={"rad": number, "v": belopp.strip()},
                ) from None
            if value < 0:
                raise forms.ValidationError(
                    _("Rad %(rad)s: en kostnad kan inte vara negativ."), params={"rad": number}
                )
            rows.append((namn.strip(), value))
        return tuple(rows)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("priser") == "lopande" and data.get("prisar") is not None:
            self.add_error(
                "prisar",
                _("Prisår gäller bara fasta priser. Töm fältet eller välj fasta priser."),
            )
        return data


# The span itself is the planning core's (underlag.AR_FRAMAT); the text only names it.
_FRAMAT_HJALP = format_lazy(_("Tomt: det första året och {n} år till."), n=underlag.AR_FRAMAT)


class PrognosForm(PlanningForm):
    """Monte Carlo forecast (001 §4); the budget fields apply to Vingåker's budget model."""

    FALT = (
        (r"^--scenarier$", "scenarier"),
        (r"^--start$", "start"),
        (r"^--ar$", "ar"),
        (r"vuxna", "vuxna"),
        (r"barn", "barn"),
        (r"andel", "andel_som_lamnar"),
        (r"^år \d+$", "ar"),
    )

    kommun = _kommun_field([])
    start = _ar_field(
        _("Första år"),
        _("Tomt: i år. År utan uppgifter i källan räknas med senast kända värden (antagande)."),
        required=False,
    )
    ar = _antal_ar_field(_FRAMAT_HJALP)
    scenarier = forms.IntegerField(
        label=_("Antal scenarier"),
        initial=10_000,
        min_value=1,
        max_value=100_000,
        required=False,
        help_text=_("1–100 000. Fler scenarier ger stabilare percentiler."),
        error_messages={
            "invalid": _("Skriv antalet scenarier som ett heltal, till exempel 10000."),
            "min_value": _("Minst ett scenario behövs."),
            "max_value": _("Högst 100 000 scenarier på webben; använd kommandoraden för fler."),
        },
    )
    seed = forms.IntegerField(
        label=_("Slumpfrö"),
        initial=1,
        min_value=0,
        required=False,
        help_text=_("Samma frö ger samma resultat, så sidan och exporten visar samma siffror."),
        error_messages={
            "invalid": _("Skriv slumpfröet som ett heltal."),
            "min_value": _("Slumpfröet kan inte vara negativt."),
        },
    )
    vuxna = AntalField(
        label=_("Mottagna vuxna per år (bara Vingåker)"),
        intervall=True,
        help_text=_("Ett antal eller ett intervall, till exempel 20–40."),
    )
    barn = AntalField(
        label=_("Mottagna barn per år (bara Vingåker)"),
        intervall=True,
        help_text=_("Ett antal eller ett intervall, till exempel 10–30."),
    )
    andel_som_lamnar = AndelField(
        label=_("Andel som flyttar efter första året, % (bara Vingåker)"),
        intervall=True,
        help_text=_("En andel eller ett intervall, till exempel 15–35."),
    )

    BUDGETFALT = ("vuxna", "barn", "andel_som_lamnar")


class JamforForm(PlanningForm):
    """Today against an alternative on the four perspectives (001 §5), or the user's own
    alternative built from up to FLYTTAR moves."""

    FALT = (
        (r"^--ar$", "ar"),
        (r"^--minsta-grupp$", "minsta_grupp"),
        (r"^--alternativ$", "alternativ"),
        *(
            (rf"flytta\[{i}\]\.{key}$", f"flytt_{i + 1}_{field}")
            for i in range(FLYTTAR)
            for key, field in (("fran", "fran"), ("till", "till"), ("uppgifter", "uppgifter"))
        ),
        *((rf"flytta\[{i}\]$", f"flytt_{i + 1}_fran") for i in range(FLYTTAR)),
        (r"nya_enheter", "ny_enhet_namn"),
    )

    kommun = _kommun_field([])
    ar = _ar_field(
        _("Första år"),
        _("Tomt: i år. År efter underlagets sista år räknas med det årets uppgifter (antagande)."),
        required=False,
    )
    antal_ar = _antal_ar_field(_FRAMAT_HJALP)
    minsta_grupp = forms.DecimalField(
        label=_("Minsta storlek på en kompetensgrupp (årsarbetare)"),
        required=False,
        min_value=Decimal(0),
        max_digits=5,
        decimal_places=2,
        help_text=_("Tomt: 1 årsarbetare."),
        error_messages={
            "invalid": _("Skriv antalet årsarbetare som ett tal, till exempel 1 eller 0,5."),
            "min_value": _("Storleken kan inte vara negativ."),
        },
    )
    alternativ = forms.ChoiceField(
        label=_("Alternativ"),
        required=False,
        help_text=_("Tomt: källans första alternativ."),
        error_messages={"invalid_choice": _("Välj ett alternativ i listan.")},
    )
    ny_enhet_namn = forms.CharField(
        label=_("Ny enhet i ditt alternativ (namn)"),
        required=False,
        max_length=100,
        help_text=_("Frivilligt. Välj sedan ”Ny enhet” som mottagare i en flytt."),
    )
    ny_enhet_forvaltning = forms.CharField(
        label=_("Den nya enhetens förvaltning"),
        required=False,
        max_length=100,
        help_text=_("Till exempel Utbildningsförvaltningen."),
    )

    def __init__(
        self,
        *args: Any,
        alternativ: list[tuple[str, str]],
        enheter: list[tuple[str, str]],
        uppgifter: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.forsta_alternativ = alternativ[0][0] if alternativ else "eget"
        cast(forms.ChoiceField, self.fields["alternativ"]).choices = [
            *alternativ,
            ("eget", gettext("Eget alternativ (flyttarna nedan)")),
        ]
        unit_error = {
            "invalid_choice": _("Enheten finns inte. Välj en av enheterna i listan."),
        }
        for i in range(1, FLYTTAR + 1):
            self.fields[f"flytt_{i}_fran"] = forms.ChoiceField(
                label=_("Flytt %(n)d: från enhet") % {"n": i},
                required=False,
                choices=[("", "–"), *enheter],
                error_messages=unit_error,
            )
            self.fields[f"flytt_{i}_till"] = forms.ChoiceField(
                label=_("Flytt %(n)d: till enhet") % {"n": i},
                required=False,
                choices=[("", "–"), *enheter, (NY_ENHET, gettext("Ny enhet (namnet ovan)"))],
                error_messages=unit_error,
            )
            self.fields[f"flytt_{i}_malgrupper"] = forms.MultipleChoiceField(
                label=_("Flytt %(n)d: målgrupper som flyttas") % {"n": i},
                required=False,
                choices=MALGRUPPER,
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": _("Välj målgrupper i listan.")},
            )
            self.fields[f"flytt_{i}_uppgifter"] = forms.MultipleChoiceField(
                label=_("Flytt %(n)d: eller enskilda uppgifter") % {"n": i},
                required=False,
                choices=uppgifter,
                widget=forms.SelectMultiple(attrs={"size": 6}),
                help_text=_("Håll ned Ctrl (Cmd på Mac) för att välja flera."),
                error_messages={"invalid_choice": _("Välj uppgifter i listan.")},
            )

    def clean_alternativ(self) -> str:
        return str(self.cleaned_data.get("alternativ") or self.forsta_alternativ)

    def flyttar(self) -> list[dict[str, Any]]:
        """The filled-in moves, as the planning engine's `flytta` list."""
        out = []
        for i in range(1, FLYTTAR + 1):
            row = {
                "fran": self.cleaned_data.get(f"flytt_{i}_fran") or "",
                "till": self.cleaned_data.get(f"flytt_{i}_till") or "",
                "malgrupper": list(self.cleaned_data.get(f"flytt_{i}_malgrupper") or []),
                "uppgifter": list(self.cleaned_data.get(f"flytt_{i}_uppgifter") or []),
            }
            if any(row.values()):
                out.append(row)
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("alternativ") != "eget":
            return data
        filled = 0
        for i in range(1, FLYTTAR + 1):
            fran = data.get(f"flytt_{i}_fran")
            till = data.get(f"flytt_{i}_till")
            what = data.get(f"flytt_{i}_malgrupper") or data.get(f"flytt_{i}_uppgifter")
            if not (fran or till or what):
                continue
            filled += 1
            if not fran:
                self.add_error(f"flytt_{i}_fran", _("Välj enheten som något flyttas från."))
            if not till:
                self.add_error(f"flytt_{i}_till", _("Välj enheten som något flyttas till."))
            if fran and till and fran == till:
                self.add_error(f"flytt_{i}_till", _("Välj en annan enhet än den du flyttar från."))
            if not what:
                self.add_error(
                    f"flytt_{i}_malgrupper",
                    _("Välj minst en målgrupp eller en uppgift att flytta."),
                )
            if till == NY_ENHET and not data.get("ny_enhet_namn"):
                self.add_error("ny_enhet_namn", _("Skriv ett namn på den nya enheten."))
        if not filled:
            self.add_error(
                "flytt_1_fran",
                _(
                    "Ditt eget alternativ behöver minst en flytt. Välj från, till och vad som flyttas."
                ),
            )
        return data


class BoendeForm(PlanningForm):
    """Price per place of a separate HVB as the group shrinks (001 §4–5)."""

    FALT = ((r"^--ar$|^ar$", "ar"), (r"platser", "platser"))

    ar = forms.IntegerField(
        label=_("År"),
        required=False,
        help_text=_(
            "Alingsås Handlingsplan EFFEKT prissätter ett eget HVB för 2018 och 2019. "
            "Tomt: båda åren."
        ),
        error_messages={"invalid": _("Skriv ett årtal med fyra siffror, till exempel 2018.")},
    )
    platser = forms.IntegerField(
        label=_("Visa upp till så många platser"),
        initial=6,
        min_value=1,
        max_value=30,
        required=False,
        error_messages={
            "invalid": _("Skriv antalet platser som ett heltal."),
            "min_value": _("Minst en plats behövs."),
            "max_value": _("Högst 30 platser."),
        },
    )


class BeloppForm(forms.Form):
    """The user's own amount for any parameter the budget uses, for this scenario only: how
    an antagande (a year without a known amount) is replaced by the real one
    (`ParameterSet.with_overrides`, docs/parameters.md). Field `belopp_N` is the budget's
    N-th parameter entry; empty keeps the parameter's value."""

    def __init__(self, *args: Any, rader: list[tuple[str, Any, Any]], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "belopp")
        super().__init__(*args, **kwargs)
        for i, (_key, label, help_text) in enumerate(rader):
            self.fields[str(i)] = BeloppField(label=label, help_text=help_text)


class BeloppField(forms.CharField):
    """An amount in kronor as people write it ("165 000", "1 234,50"); never negative."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        if not text:
            return None
        amount = _tal(text)
        if amount < 0:
            raise forms.ValidationError(_("Beloppet kan inte vara negativt."))
        return amount
