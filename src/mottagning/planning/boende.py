"""Housing for a small group (issue 4 item 3; seed 001 §4–5, seed 000).

An HVB run only for unaccompanied children has staff that must be there however many beds
are taken ("Oavsett hur många boende behövs en viss mängd personal", 001 §4): a fixed cost
per month, so the price per place is that cost divided by the places and rises as the group
shrinks. A place in an HVB integrated with other placed children is priced per place.

The seed gives prices per place at the number of places it expected (150 000 kr with four
places from 2018-06-01; 320 000 kr with one or two in 2019); the fixed monthly cost is that
price times the places, and the rest follows from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from mottagning.planning.errors import PlaneringsFel
from mottagning.planning.underlag import Intervall, fmt_tal
from mottagning.rules.params import ParameterError, ParameterSet, Scale

EGEN_REGI = "lokalt.alingsas.hvb_egen_regi_per_plats_per_manad"
INTEGRERAD = "lokalt.alingsas.hvb_integrerad_plats_per_manad"


@dataclass(frozen=True)
class HvbLage:
    """The separate HVB of one year as the seed priced it, and the integrated price."""

    ar: int
    fran: dt.date
    manader: int
    platser_i_kallan: Intervall
    pris_per_plats: Decimal
    fast_per_manad: Intervall  # price × places at the ends of the seed's range
    integrerad_per_plats: Decimal
    kalla: str

    def per_plats(self, platser: int) -> Decimal:
        """Price per place and month with `platser` beds, from the upper fixed cost."""
        if platser < 1:
            raise PlaneringsFel("platser", f"minst en plats behövs, fick {platser}")
        return self.fast_per_manad.hi / platser

    @property
    def brytpunkt(self) -> int:
        """Fewest places at which the separate HVB costs no more per place than integrated."""
        return int(
            (self.fast_per_manad.hi / self.integrerad_per_plats).to_integral_value(ROUND_CEILING)
        )


def hvb_lage(params: ParameterSet, ar: int) -> HvbLage:
    """Read the seed's HVB prices for `ar` from the parameters (lokalt.alingsas.*)."""
    scale = params.parameter(EGEN_REGI)
    if not isinstance(scale, Scale):
        raise PlaneringsFel(EGEN_REGI, "väntade en parameter med nivåer efter antal platser")
    found: list[tuple[int, int, Decimal, dt.date, str]] = []
    for i, bracket in enumerate(scale.brackets):
        upper = (
            scale.brackets[i + 1].threshold - 1
            if i + 1 < len(scale.brackets)
            else bracket.threshold
        )
        for entry in bracket.amount.values:
            if entry.start.year == ar and entry.value is not None:
                found.append((bracket.threshold, upper, entry.value, entry.start, entry.reference))
    if len(found) != 1:
        raise PlaneringsFel(
            "--ar", f"seed 001 prissätter ett eget HVB bara för 2018 och 2019, inte {ar}"
        )
    lo, hi, pris, fran, kalla = found[0]
    try:
        integrerad = params.get(INTEGRERAD, fran)
    except ParameterError as error:
        raise PlaneringsFel("--ar", error.message) from error
    return HvbLage(
        ar=ar,
        fran=fran,
        manader=13 - fran.month,
        platser_i_kallan=Intervall(Decimal(lo), Decimal(hi)),
        pris_per_plats=pris,
        fast_per_manad=Intervall(pris * lo, pris * hi),
        integrerad_per_plats=integrerad,
        kalla=kalla,
    )


@dataclass(frozen=True)
class PlatsRad:
    platser: int
    egen_per_plats: Decimal
    integrerad_per_plats: Decimal
    merkostnad_per_manad: Decimal
    merkostnad_perioden: Decimal


def tabell(lage: HvbLage, platser: range = range(1, 7)) -> list[PlatsRad]:
    rows = []
    for n in platser:
        egen = lage.per_plats(n)
        mer = lage.fast_per_manad.hi - n * lage.integrerad_per_plats
        rows.append(
            PlatsRad(
                platser=n,
                egen_per_plats=egen.quantize(Decimal(1)),
                integrerad_per_plats=lage.integrerad_per_plats,
                merkostnad_per_manad=mer,
                merkostnad_perioden=mer * lage.manader,
            )
        )
    return rows


def anmarkningar(lagen: list[HvbLage]) -> list[str]:
    notes = []
    for lage in lagen:
        notes.append(
            f"{lage.ar}: eget HVB från {lage.fran.isoformat()} ({lage.manader} månader), "
            f"{fmt_tal(lage.pris_per_plats)} kr per plats och månad med "
            f"{lage.platser_i_kallan.text()} platser = fast kostnad "
            f"{lage.fast_per_manad.text()} kr per månad; integrerad plats "
            f"{fmt_tal(lage.integrerad_per_plats)} kr. Eget HVB blir inte billigare per plats "
            f"förrän vid {lage.brytpunkt} platser."
        )
    if len(lagen) == 2 and not lagen[1].platser_i_kallan.exakt:
        a, b = lagen
        notes.append(
            f"{b.ar} års {fmt_tal(b.pris_per_plats)} kr per plats med "
            f"{b.platser_i_kallan.text()} platser går bara ihop med en fast personalkostnad om "
            f"det avser {int(b.platser_i_kallan.hi)} platser ({fmt_tal(b.fast_per_manad.hi)} kr "
            f"per månad, {fmt_tal(((b.fast_per_manad.hi / a.fast_per_manad.hi - 1) * 100).quantize(Decimal('0.1')))} % "
            f"mer än {a.ar}); med {int(b.platser_i_kallan.lo)} plats blir priset "
            f"{fmt_tal(b.fast_per_manad.hi)} kr per plats. Modellen räknar med "
            f"{fmt_tal(b.fast_per_manad.hi)} kr i fast kostnad."
        )
    return notes
