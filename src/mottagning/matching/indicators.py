"""Raw counts for follow-up (issue 14, item 5): per municipality and period, for the follow-up
module's indicator registry (issue 13, app followup), which applies small-count suppression;
pages of this app that show them suppress with settings.MOTTAGNING_SUPPRESS_BELOW.

Each function counts events whose date falls in [fran, till], both inclusive: a season is any
such period (a half year, a year)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Sum

from mottagning.matching.models import Bidragsansokan, Praktik, VolontarMatchning
from mottagning.register.models import Municipality


def praktik_paborjade(*, municipality: Municipality, fran: dt.date, till: dt.date) -> int:
    return Praktik.objects.filter(
        person__municipality=municipality, start__gte=fran, start__lte=till
    ).count()


def praktik_avslutade(
    *, municipality: Municipality, fran: dt.date, till: dt.date, utfall: str
) -> int:
    """Internships that ended in the period with the outcome (arbete, studier,
    fortsatt_sokande; matching.codes.PRAKTIK_UTFALL)."""
    return Praktik.objects.filter(
        person__municipality=municipality, slut__gte=fran, slut__lte=till, utfall=utfall
    ).count()


def volontarmatchningar(*, municipality: Municipality, fran: dt.date, till: dt.date) -> int:
    """Volunteer matches that started in the period."""
    return VolontarMatchning.objects.filter(
        person__municipality=municipality, start__gte=fran, start__lte=till
    ).count()


def bidrag_beslutade(*, municipality: Municipality, fran: dt.date, till: dt.date) -> int:
    """Grant applications decided in the period (granted or refused)."""
    return Bidragsansokan.objects.filter(
        forening__municipality=municipality, beslutsdatum__gte=fran, beslutsdatum__lte=till
    ).count()


def bidrag_utbetalda(*, municipality: Municipality, fran: dt.date, till: dt.date) -> int:
    return Bidragsansokan.objects.filter(
        forening__municipality=municipality, utbetalt_datum__gte=fran, utbetalt_datum__lte=till
    ).count()


def deltagare(*, municipality: Municipality, fran: dt.date, till: dt.date) -> int:
    """Participants reported in follow-up reports that came in during the period."""
    total = Bidragsansokan.objects.filter(
        forening__municipality=municipality, rapport_datum__gte=fran, rapport_datum__lte=till
    ).aggregate(n=Sum("deltagare"))["n"]
    return int(total or 0)


def counts(*, municipality: Municipality, fran: dt.date, till: dt.date) -> dict[str, int]:
    """All of the above for one period, by indicator name."""
    m, a, b = municipality, fran, till
    return {
        "praktik_paborjade": praktik_paborjade(municipality=m, fran=a, till=b),
        "praktik_till_arbete": praktik_avslutade(municipality=m, fran=a, till=b, utfall="arbete"),
        "praktik_till_studier": praktik_avslutade(municipality=m, fran=a, till=b, utfall="studier"),
        "praktik_fortsatt_sokande": praktik_avslutade(
            municipality=m, fran=a, till=b, utfall="fortsatt_sokande"
        ),
        "volontarmatchningar": volontarmatchningar(municipality=m, fran=a, till=b),
        "bidrag_beslutade": bidrag_beslutade(municipality=m, fran=a, till=b),
        "bidrag_utbetalda": bidrag_utbetalda(municipality=m, fran=a, till=b),
        "deltagare": deltagare(municipality=m, fran=a, till=b),
    }


# Half-years ------------------------------------------------------------------------------

# The follow-up page offers half-years from the year the Settlement Act (2016:38) came into
# force; before it municipalities had no assigned newcomers to follow up.
FORSTA_AR = 2016

Halvar = tuple[int, int]  # (year, 1 or 2)


def halvar_of(day: dt.date) -> Halvar:
    return (day.year, 1 if day.month <= 6 else 2)


def halvar_dates(halvar: Halvar) -> tuple[dt.date, dt.date]:
    """First and last day of a half-year, both inclusive as the counts want them."""
    year, half = halvar
    if half == 1:
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    return dt.date(year, 7, 1), dt.date(year, 12, 31)


def halvar_step(halvar: Halvar, steps: int) -> Halvar:
    index = halvar[0] * 2 + halvar[1] - 1 + steps
    return (index // 2, index % 2 + 1)


def halvar_range(fran: Halvar, till: Halvar) -> list[Halvar]:
    """Every half-year from `fran` to `till`, both included; empty when `till` comes first."""
    periods = []
    current = fran
    while current <= till:
        periods.append(current)
        current = halvar_step(current, 1)
    return periods
