"""`mottagning budget | forecast | compare` (issue 4 item 5).

`register(subparsers)` adds the three commands to the main parser. Each handler returns an
exit status: 0 on success; 2 on bad input, with one Swedish line on stderr naming the field
and nothing written. Options are read as text and checked here, not by argparse, so every
bad value gets the same kind of message.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from decimal import Decimal
from typing import Any, cast

import numpy as np

from mottagning.planning import alternativ as alt_modell
from mottagning.planning import budget as budget_modell
from mottagning.planning import prognos as prognos_modell
from mottagning.planning.errors import InmatningsFel, PlaneringsFel
from mottagning.planning.export import exportera
from mottagning.planning.kallkontroll import granska
from mottagning.planning.rapport import (
    Rapport,
    budgetrapport,
    jamforelserapport,
    prognosrapport,
    som_json_data,
    som_text,
)
from mottagning.planning.underlag import (
    ANTAL_PER_AR_MAX,
    KOMMUNER,
    TAL_MAX,
    fmt_tal,
    har_avsnitt,
    las_andel,
    las_antal,
    las_heltal,
    las_tal,
)
from mottagning.rules.params import ParameterError, load_parameters

Handler = Callable[[argparse.Namespace], int]


# --- reading option values -----------------------------------------------------------------


#: The CLI's line for each fault of a typed number (underlag.INMATNINGSFEL): {v} is the part
#: that was typed, {hel} the whole option value.
_FEL = {
    "inte_tal": "'{v}' är inte ett tal",
    "for_stort": f"'{{v}}' är för stort; högst {fmt_tal(TAL_MAX)}",
    "inte_heltal": "ett heltal väntades, fick '{hel}'",
    "negativ": "kan inte vara negativt ({hel})",
    "for_manga": f"högst {fmt_tal(ANTAL_PER_AR_MAX)} personer per år ({{hel}})",
    "over_100": "andelen får inte vara över 100 % ({hel})",
    "omvant": "min är större än max ({hel})",
}


def _las(las: Callable[[str], Any], text: str | None, falt: str) -> Any:
    """An option's value read by the planning core (None when the option is not given); a
    fault becomes the CLI's one line naming the option."""
    if text is None:
        return None
    try:
        return las(text)
    except InmatningsFel as fel:
        raise PlaneringsFel(falt, _FEL[fel.kod].format(v=fel.text, hel=fel.hel)) from None


def _tal(text: str, falt: str) -> Decimal:
    return cast(Decimal, _las(las_tal, text, falt))


def _heltal(text: str | None, falt: str) -> int | None:
    return cast(int | None, _las(las_heltal, text, falt))


def _antal(text: str | None, falt: str) -> Any:
    """A head count or a range 'MIN-MAX'; never negative."""
    return _las(las_antal, text, falt)


def _andel(text: str | None, falt: str) -> Any:
    """A share as 0.25 or 25 %, or a range '0.15-0.35' / '15-35%'; 0–100 %."""
    return _las(las_andel, text, falt)


def _format(args: argparse.Namespace) -> str:
    value = str(args.format)
    if value not in ("table", "json"):
        raise PlaneringsFel("--format", f"'{value}' finns inte; välj table eller json")
    return value


def _andringar(args: argparse.Namespace) -> budget_modell.Andringar:
    start = _heltal(args.start, "--start")
    if start is not None and not 1990 <= start <= 2100:
        raise PlaneringsFel("--start", f"orimligt år {start}")
    ar = _heltal(args.ar, "--ar")
    if ar is not None and not 1 <= ar <= 30:
        raise PlaneringsFel("--ar", f"antalet år ska vara 1–30, fick {ar}")
    prisar = _heltal(args.prisar, "--prisar")
    if prisar is not None and args.lopande:
        raise PlaneringsFel("--prisar", "välj antingen --prisar eller --lopande")
    balans = None if args.balanskonto is None else _tal(args.balanskonto, "--balanskonto")
    utbetalning = args.schablon_utbetalning
    if utbetalning is not None and utbetalning not in ("mottagningsar", "24_manader"):
        raise PlaneringsFel(
            "--schablon-utbetalning",
            f"'{utbetalning}' finns inte; välj mottagningsar eller 24_manader",
        )
    return budget_modell.Andringar(
        startar=start,
        ar=ar,
        prisar=prisar,
        lopande_priser=bool(args.lopande),
        vuxna=_antal(args.vuxna, "--vuxna"),
        barn=_antal(args.barn, "--barn"),
        aldre=_antal(args.aldre, "--aldre"),
        andel_som_lamnar=_andel(args.andel_som_lamnar, "--andel-som-lamnar"),
        balanskonto_tkr=balans,
        schablon_utbetalning=utbetalning,
    )


def _skriv(r: Rapport, args: argparse.Namespace, fmt: str) -> int:
    written = exportera(r, xlsx=args.xlsx, pdf=args.pdf)
    if fmt == "json":
        json.dump(som_json_data(r.data), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(som_text(r))
    for path in written:
        print(f"Skrev {path}", file=sys.stderr)
    return 0


def one_line(text: str) -> str:
    """A message on one line: a YAML parser's spans lines (with a caret under the column),
    and the CLI's contract is one line on standard error."""
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def _skyddad(handler: Handler) -> Handler:
    """Bad input → exit status 2 and one line; never a traceback."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except PlaneringsFel as error:
            print(f"fel: {error.falt}: {one_line(error.meddelande)}", file=sys.stderr)
        except ParameterError as error:
            print(f"fel: parametrar: {one_line(error.message)}", file=sys.stderr)
        except BrokenPipeError:
            # The reader (`| head`) stopped early: not an error in the input.
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 — stays open until exit
            return 0
        return 2

    run.__doc__ = handler.__doc__
    return run


# --- commands ------------------------------------------------------------------------------


def _budget(args: argparse.Namespace) -> int:
    """The cohort budget of a municipality (Vingåker, 002 §3.4) or of a YAML file."""
    fmt = _format(args)
    andringar = _andringar(args)
    u = budget_modell.las_budget(args.kommun, andringar)
    b = budget_modell.budget(u, load_parameters(), kommun=str(args.kommun))
    return _skriv(budgetrapport(b, granska(b)), args, fmt)


def _forecast(args: argparse.Namespace) -> int:
    """Monte Carlo forecast of volumes, staff and cost (or of the budget for Vingåker)."""
    fmt = _format(args)
    scenarier = _heltal(args.scenarier, "--scenarier")
    assert scenarier is not None  # argparse default
    if not 1 <= scenarier <= 1_000_000:
        raise PlaneringsFel("--scenarier", f"välj 1–1 000 000 scenarier, fick {scenarier}")
    seed = _heltal(args.seed, "--seed")
    if seed is not None and seed < 0:
        raise PlaneringsFel("--seed", "kan inte vara negativt")
    rng = np.random.default_rng(seed)
    params = load_parameters()
    kommun = str(args.kommun)
    andringar = _andringar(args)
    prognos = prognos_modell.las_prognos(kommun) if har_avsnitt(kommun, "prognos") else None
    if prognos is None:
        u = budget_modell.las_budget(kommun, andringar)
        p = prognos_modell.prognos_budget(u, params, kommun=kommun, scenarier=scenarier, rng=rng)
    else:
        budget_flaggor = [
            a.dest for a in _BUDGET_FLAGGOR if getattr(args, a.dest) not in (None, False)
        ]
        if set(budget_flaggor) - {"ar"}:
            flag = "--" + sorted(set(budget_flaggor) - {"ar"})[0].replace("_", "-")
            raise PlaneringsFel(flag, f"gäller budgetmodellen; {kommun} har en prognos per enhet")
        years = _heltal(args.ar, "--ar")
        p = prognos_modell.prognos_enheter(
            prognos, params, kommun=kommun, scenarier=scenarier, rng=rng, ar=years
        )
    return _skriv(prognosrapport(p), args, fmt)


def _compare(args: argparse.Namespace) -> int:
    """Compare today's organisation with an alternative on the four perspectives (001 §5)."""
    fmt = _format(args)
    org = alt_modell.las_organisation(args.kommun)
    alternativ = alt_modell.las_alternativ(org, args.alternativ)
    alt_modell.tillampa(org, alternativ, "--alternativ")
    ar = _heltal(args.ar, "--ar")
    minsta = _tal(args.minsta_grupp, "--minsta-grupp")
    j = alt_modell.jamfor(
        org,
        alternativ,
        load_parameters(),
        kommun=str(args.kommun),
        ar=ar if ar is not None else org.ar[0],
        minsta_grupp=minsta,
    )
    return _skriv(jamforelserapport(j), args, fmt)


# --- parser --------------------------------------------------------------------------------


class _Flagga:
    def __init__(self, flag: str, dest: str, help_: str, *, store_true: bool = False) -> None:
        self.flag = flag
        self.dest = dest
        self.help = help_
        self.store_true = store_true


_BUDGET_FLAGGOR = [
    _Flagga("--start", "start", "första budgetåret (år 1)"),
    _Flagga("--ar", "ar", "antal år"),
    _Flagga("--prisar", "prisar", "räkna alla år med detta års belopp (fasta priser)"),
    _Flagga("--lopande", "lopande", "räkna varje år med det årets belopp", store_true=True),
    _Flagga("--vuxna", "vuxna", "mottagna vuxna per år, eller MIN-MAX"),
    _Flagga("--barn", "barn", "mottagna barn per år, eller MIN-MAX"),
    _Flagga("--aldre", "aldre", "mottagna 65 år och äldre per år, eller MIN-MAX"),
    _Flagga(
        "--andel-som-lamnar",
        "andel_som_lamnar",
        "andel av en årskull som flyttar (0,25 eller 25 %%)",
    ),
    _Flagga("--balanskonto", "balanskonto", "ingående behållning på balanskontot, tkr"),
    _Flagga(
        "--schablon-utbetalning",
        "schablon_utbetalning",
        "mottagningsar (som 002 §3.4) eller 24_manader (som Migrationsverket betalar)",
    ),
]


def _gemensamma(p: argparse.ArgumentParser, kommun: str) -> None:
    p.add_argument(
        "--kommun",
        default=kommun,
        help=f"{', '.join(KOMMUNER)} eller en YAML-fil (standard: {kommun})",
    )
    p.add_argument("--format", default="table", help="table (standard) eller json")
    p.add_argument("--xlsx", metavar="FIL", help="skriv också en Excel-fil")
    p.add_argument("--pdf", metavar="FIL", help="skriv också en PDF-fil")


def _budgetflaggor(p: argparse.ArgumentParser, *, utan: tuple[str, ...] = ()) -> None:
    for f in _BUDGET_FLAGGOR:
        if f.dest in utan:
            continue
        if f.store_true:
            p.add_argument(f.flag, dest=f.dest, action="store_true", help=f.help)
        else:
            p.add_argument(f.flag, dest=f.dest, metavar="VÄRDE", help=f.help)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `budget`, `forecast` and `compare` to the main command's subparsers."""
    p = subparsers.add_parser(
        "budget",
        help="flerårsbudget för mottagandet (kohortmodell, 002 §3.4)",
        description="Kohortbudget: mottagande, avflyttning, statlig ersättning ur de daterade "
        "parametrarna, övriga intäkter och kostnader, netto och balanskonto. För Vingåker "
        "kontrolleras också källans tabell.",
    )
    _gemensamma(p, "vingaker")
    _budgetflaggor(p)
    p.set_defaults(handler=_skyddad(_budget))

    p = subparsers.add_parser(
        "forecast",
        help="prognos av volymer, personal och kostnader med Monte Carlo (001 §4)",
        description="Monte Carlo över källornas intervall: percentiler per enhet och år.",
    )
    _gemensamma(p, "alingsas")
    p.add_argument("--scenarier", default="10000", metavar="N", help="antal scenarier (10000)")
    p.add_argument("--seed", metavar="N", help="slumpfrö för reproducerbara körningar")
    _budgetflaggor(p)
    p.set_defaults(handler=_skyddad(_forecast))

    p = subparsers.add_parser(
        "compare",
        help="jämför organisationsalternativ på fyra perspektiv (001 §5)",
        description="Kostnad, arbetsmiljö, kvalitet och likabehandling: idag mot ett alternativ.",
    )
    _gemensamma(p, "alingsas")
    p.add_argument(
        "--alternativ", default="effekt", help="namn på ett alternativ eller en YAML-fil"
    )
    p.add_argument("--ar", metavar="ÅR", help="år att jämföra (standard: första året i underlaget)")
    p.add_argument(
        "--minsta-grupp",
        default="1",
        metavar="ÅRSARBETARE",
        help="minsta storlek på en kompetensgrupp (1)",
    )
    p.set_defaults(handler=_skyddad(_compare))
