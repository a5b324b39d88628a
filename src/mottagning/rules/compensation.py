"""State compensation due to the municipality, per person and period (issue 10, docs/compensation.md).

From a register's timelines and an interval, the items the municipality can expect from the
state: each with its type, period, count and unit, unit amount and amount (integer öre), the
paragraph it rests on, rule id and source, whether it needs an application and by when, and
whether its amount is an *antagande* (a year without a sourced value, params.py).

How it works
------------
The engine asks the time engine, never restates it. `periods._candidates` gives every day on
which a person's state or the tables' answer can change (events, the end of a placement or
studies, the ages and month bands the tables cut at, which always include 18 and 21, and
every change of the tables); `periods.states_on` gives the state on each such day
(`timeline.compute_states`: age with åldersbedömning, status, boendeform, LVU, studies) and
the compiled tables' holder bits say whether the municipality holds `boende` that day. Those
are *segments*: spans in which nothing the rules see changes. Each type is a condition on a
segment (or on a day inside one); the days a condition holds are merged, then cut at every
calendar quarter (claims are made per quarter) and at every date a rate changes, and each
piece takes the rate in force on its first day from `rules/parameters/*.yaml`. So a new rate
in a YAML file needs no code change.

Days count inclusive of both ends: `fran` and `till` of an item are both days of it. Money is
integer öre in the columns and Decimal kronor in the item view; nothing passes through float.
Everything is vectorised over persons, 4,000 a chunk like `periods.timeline`, and one person
is a register of one (tests/rules/test_compensation.py checks that both give the same items).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from mottagning.rules import periods
from mottagning.rules.codes import (
    BOENDEFORM,
    ENHET,
    ERSATTNINGSTYP,
    HANDELSETYPER,
    KOSTNADSTYP,
    OMRADE,
    RATTSLIG_STATUS,
    SKOLFORM,
)
from mottagning.rules.dates import NO_DATE, days, deadlines_after, from_days, full_years
from mottagning.rules.errors import InputError
from mottagning.rules.events import EventArrays, Person, check_date, pack, parse_date
from mottagning.rules.params import Parameter, ParameterError, ParameterSet, Scale, load_parameters
from mottagning.rules.tables import Compiled
from mottagning.rules.timeline import LVU_SLUT_ALDER, MYNDIG_ALDER, States

I8 = npt.NDArray[np.int8]
I16 = npt.NDArray[np.int16]
I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]

_TYP = {name: np.int8(i) for i, name in enumerate(ERSATTNINGSTYP)}
_ENHET = {name: np.int8(i) for i, name in enumerate(ENHET)}
_EV = {name: np.int8(i) for i, name in enumerate(HANDELSETYPER)}
_S = {name: np.int8(i) for i, name in enumerate(RATTSLIG_STATUS)}
_H = {name: np.int8(i) for i, name in enumerate(BOENDEFORM)}
_BOENDE = OMRADE.index("boende")
_PLACED = np.array([_H["hvb"], _H["stodboende"], _H["familjehem"]], dtype=np.int8)

#: Forms of EKB compensation abolished with the 2017-07-01 system change (belagd plats, HVB,
#: stödboende …): costs up to 2017-06-30 had to be claimed by 2017-12-31 (Migrationsverket
#: 2017-09-27, domain-facts §1.5, V). A fixed date, not a number of months, so it is not in
#: ansokningstid.yaml (see its notes).
UPPHORDA_EKB_SISTA_DAG: Final = dt.date(2017, 12, 31)
UPPHORDA_EKB_TOM: Final = dt.date(2017, 6, 30)
#: 2010:1122 came into force on 2010-12-01; persons received before fall under 1990:927
#: (domain-facts §1.1, "Old regime for people received before Dec 2010").
FORORDNING_2010_1122_FRAN: Final = dt.date(2010, 12, 1)
#: Förskola is compensated from the autumn term of the year the child turns 3, for ages 3–5
#: (domain-facts §1.7, Migrationsverket "Barn i förskola och skola", V). The autumn term
#: begins in August (skolförordningen 2011:185 3 kap. 3 §: the school year begins in August),
#: so the earliest day is 1 August of that year.
FORSKOLA_FRAN_ALDER: Final = 3
FORSKOLA_TILL_ALDER: Final = 5
HOSTTERMIN_MANAD: Final = 8
#: Gymnasieskola is compensated when the studies started before 18 (domain-facts §1.7, V).
GYMNASIUM_START_FORE: Final = MYNDIG_ALDER
#: A school compensation period: one tenth of the annual amount per started four-week period
#: (2017:193 4 § andra stycket, domain-facts §1.7).
FYRAVECKORSPERIOD_DAGAR: Final = 28
#: Young people 18–20 (through the day before the 21st birthday) who came as unaccompanied
#: children (domain-facts §1.6, §3.3; 2010:1122 20 §: "18 but not 21").
UNGA_TILL_ALDER: Final = LVU_SLUT_ALDER
#: Received from this date: initiala kostnader (2010:1122 15–17 §§, domain-facts §1.3). The
#: parameter's first value carries the same date; this names the cohort rule.
INITIALA_KOSTNADER_FRAN: Final = dt.date(2024, 7, 1)
#: The largest single cost the contract takes (1,000 million kronor): a bigger one is a typing
#: error, and the bound keeps every öre product inside int64.
KOSTNAD_MAX_KRONOR: Final = Decimal(1_000_000_000)


# ----------------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class Regel:
    """One compensation rule: what an item rests on and where its amount and deadline come from.

    `parameter` names the unit amount in rules/parameters (None for actual costs); `frist` the
    child of ansokningstid.yaml giving the months to apply after the quarter (None: no
    application, or no deadline found, see `ansokan`).
    """

    id: str
    typ: str
    forfattning: str
    kalla: str
    enhet: str
    ansokan: bool
    parameter: str | None = None
    frist: str | None = None


_RULES: Final = (
    Regel(
        "ERS-SCHABLON-11",
        "schablon",
        "2010:1122 10–11 §§",
        "domain-facts §1.1; belopp för mottagningsåret, ålder vid utgången av mottagningsmånaden",
        "person",
        False,
        "schablonersattning",
    ),
    Regel(
        "ERS-SCHABLON-1990",
        "schablon",
        "1990:927 10 §",
        "domain-facts §1.1 (äldre förordningen, mottagna före 2010-12-01)",
        "person",
        False,
        "schablonersattning_1990_927",
    ),
    Regel(
        "ERS-INIT-ANVISAD",
        "initiala_kostnader",
        "2010:1122 15–17 §§",
        "domain-facts §1.3 (anvisade, mottagna fr.o.m. 2024-07-01)",
        "person",
        False,
        "initiala_kostnader.anvisade",
    ),
    Regel(
        "ERS-INIT-EBO",
        "initiala_kostnader",
        "2010:1122 15–17 §§",
        "domain-facts §1.3 (egen bosättning, mottagna fr.o.m. 2024-07-01)",
        "person",
        False,
        "initiala_kostnader.egen_bosattning",
    ),
    Regel(
        "ERS-EKB-ENGANG",
        "ekb_engang",
        "2017:193",
        "domain-facts §1.6 (engångsbelopp per asylsökande ensamkommande barn anvisat "
        "fr.o.m. 2017-07-01)",
        "engang",
        False,
        "ekb.engangsbelopp_anvisad",
    ),
    Regel(
        "ERS-EKB-DYGN-ASYL",
        "ekb_dygn",
        "2017:193",
        "domain-facts §1.6 (dygnsschablon per asylsökande ensamkommande barn under 18)",
        "dygn",
        False,
        "ekb.dygnsschablon_under_18",
    ),
    Regel(
        "ERS-EKB-DYGN-TILLSTAND",
        "ekb_dygn",
        "2010:1122 28–31 §§",
        "domain-facts §1.4, §1.6 (dygnsschablon per ensamkommande barn under 18 med "
        "uppehållstillstånd)",
        "dygn",
        False,
        "ekb.dygnsschablon_under_18",
    ),
    Regel(
        "ERS-EKB-DYGN-18-20",
        "ekb_dygn_18_20",
        "2010:1122 28–31 §§",
        "domain-facts §1.6, §3.3 (unga 18–20 med uppehållstillstånd, gymnasiestudier)",
        "dygn",
        False,
        "ekb.dygnsschablon_18_20",
    ),
    Regel(
        "ERS-EKB-PLATS",
        "ekb_plats",
        "2010:1122 28–31 §§ (lydelse före 2017-07-01)",
        "domain-facts §1.6 (1 600 kr per plats och dygn, 300 kr till när platsen är belagd), "
        "§1.5 (ansökan senast 2017-12-31)",
        "dygn",
        True,
        "ekb.overenskommelse_plats_per_dygn",
    ),
    Regel(
        "ERS-SKOLA-ASYL",
        "skola_asyl",
        "2017:193 4 §",
        "domain-facts §1.7 (1/10 av årsbeloppet per påbörjad fyraveckorsperiod, högst 10 per "
        "kalenderår), §1.5 (sex månader efter kvartalet)",
        "period",
        True,
        "skolersattning_asylsokande",
        "asylsokande",
    ),
    Regel(
        "ERS-KOSTNAD-EB-ASYL",
        "ekonomiskt_bistand_asyl",
        "2017:193",
        "domain-facts §1.5 (asylersättningar: sex månader efter kvartalet)",
        "engang",
        True,
        None,
        "asylsokande",
    ),
    Regel(
        "ERS-KOSTNAD-EB",
        "ekonomiskt_bistand",
        "2010:1122 18–27 §§",
        "domain-facts §1.4; fristen för dessa ersättningar är inte funnen (NF, §1.5: "
        "'tidigare ansökningstider')",
        "engang",
        True,
    ),
    Regel(
        "ERS-KOSTNAD-FS-18-20",
        "forsorjningsstod_18_20",
        "2010:1122 20 §",
        "domain-facts §1.4 (18–20 år, gymnasieskola, inga föräldrar i Sverige, inte placerad); "
        "fristen är inte funnen (NF)",
        "engang",
        True,
    ),
    Regel(
        "ERS-KOSTNAD-LVU-ASYL",
        "lvu_placering",
        "2017:193",
        "domain-facts §1.6 (LVU-placering, faktiska kostnader efter ansökan), §1.5",
        "engang",
        True,
        None,
        "asylsokande",
    ),
    Regel(
        "ERS-KOSTNAD-LVU",
        "lvu_placering",
        "2010:1122 29 §",
        "domain-facts §1.4 (vård i annat hem, kvartalsvis i efterskott), §1.5, §1.6",
        "engang",
        True,
        None,
        "ekb_vard",
    ),
    Regel(
        "ERS-KOSTNAD-SOL-ASYL",
        "sol_placering",
        "2017:193",
        "domain-facts §1.6 (SoL-placering med motsvarande vårdbehov, faktiska kostnader), §1.5",
        "engang",
        True,
        None,
        "asylsokande",
    ),
    Regel(
        "ERS-KOSTNAD-SOL",
        "sol_placering",
        "2010:1122 29 §",
        "domain-facts §1.4 (vård i annat hem, kvartalsvis i efterskott), §1.5, §1.6",
        "engang",
        True,
        None,
        "ekb_vard",
    ),
    Regel(
        "ERS-GRUND-9",
        "grundersattning",
        "2010:1122 9 §",
        "domain-facts §1.2 (fem prisbasbelopp per kommun och år t.o.m. 2019)",
        "engang",
        False,
        "grundersattning",
    ),
)
RULES: Final = {r.id: r for r in _RULES}
_R = {r.id: np.int16(i) for i, r in enumerate(_RULES)}


# ------------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Item:
    """One compensation item as the CLI, the API and the pages show it."""

    typ: str
    fran: dt.date
    till: dt.date
    antal: int
    enhet: str
    a_pris: Decimal
    belopp: Decimal
    ansokan: bool
    ansok_senast: dt.date | None
    forfattning: str
    regel: str
    kalla: str
    antagande: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "typ": self.typ,
            "fran": self.fran.isoformat(),
            "till": self.till.isoformat(),
            "antal": self.antal,
            "enhet": self.enhet,
            "a_pris": kronor_text(self.a_pris),
            "belopp": kronor_text(self.belopp),
            "ansokan": self.ansokan,
            "ansok_senast": None if self.ansok_senast is None else self.ansok_senast.isoformat(),
            "forfattning": self.forfattning,
            "regel": self.regel,
            "kalla": self.kalla,
            "antagande": self.antagande,
        }


def kronor_text(amount: Decimal) -> str:
    """Kronor with two decimals, as the contract writes amounts ("56700.00")."""
    return str(amount.quantize(Decimal("0.01")))


def _kronor(ore: int) -> Decimal:
    return (Decimal(ore) / 100).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Items:
    """The items of a register as columns, sorted by person, `fran` and type.

    Dates are day numbers (`till` inclusive); money integer öre; `typ`, `enhet` index
    codes.ERSATTNINGSTYP and codes.ENHET; `regel` indexes `rule_ids`; `ansok_senast` is
    NO_DATE where no application is needed or no deadline is known (`ansokan` tells which).
    """

    person: I32
    typ: I8
    fran: I32
    till: I32
    antal: I32
    enhet: I8
    a_pris: I64
    belopp: I64
    ansokan: B
    ansok_senast: I32
    regel: I16
    antagande: B
    params: ParameterSet

    rule_ids: tuple[str, ...] = tuple(r.id for r in _RULES)

    @property
    def size(self) -> int:
        return int(self.person.size)

    def of_person(self, p: int) -> list[Item]:
        """The items of one person (index into the register) as Item objects."""
        lo, hi = np.searchsorted(self.person, [p, p + 1])
        return [self.item(i) for i in range(int(lo), int(hi))]

    def item(self, i: int) -> Item:
        rule = _RULES[int(self.regel[i])]
        fran = from_days(int(self.fran[i]))
        kalla = rule.kalla
        if rule.parameter is not None:
            kalla = f"{kalla}; {_reference(self.params, rule, fran)}"
        deadline = int(self.ansok_senast[i])
        return Item(
            typ=ERSATTNINGSTYP[int(self.typ[i])],
            fran=fran,
            till=from_days(int(self.till[i])),
            antal=int(self.antal[i]),
            enhet=ENHET[int(self.enhet[i])],
            a_pris=_kronor(int(self.a_pris[i])),
            belopp=_kronor(int(self.belopp[i])),
            ansokan=bool(self.ansokan[i]),
            ansok_senast=None if deadline == NO_DATE else from_days(deadline),
            forfattning=rule.forfattning,
            regel=rule.id,
            kalla=kalla,
            antagande=bool(self.antagande[i]),
        )


def _reference(params: ParameterSet, rule: Regel, on: dt.date) -> str:
    """The source of the amount in force on `on` (the parameter's own reference)."""
    assert rule.parameter is not None
    name = rule.parameter
    node = params.parameter(name) if name in params else None
    if isinstance(node, Parameter):
        try:
            return f"{name}: {node.at(on).reference}"
        except ParameterError:
            return name
    return name


# ------------------------------------------------------------------------------- costs


@dataclass(frozen=True)
class Kostnad:
    """An actual cost the municipality paid for a person (the input of the actual-cost types)."""

    typ: str
    fran: dt.date
    till: dt.date
    belopp: Decimal


@dataclass(frozen=True)
class CostArrays:
    """Costs of many persons as columns (person index into the register; `belopp` in öre)."""

    person: I32
    typ: I8  # index into codes.KOSTNADSTYP
    fran: I32
    till: I32  # inclusive
    belopp: I64

    @staticmethod
    def empty() -> CostArrays:
        z = np.zeros(0, dtype=np.int32)
        return CostArrays(z, z.astype(np.int8), z, z, z.astype(np.int64))


def pack_costs(costs: Sequence[Sequence[Kostnad]]) -> CostArrays:
    """Columns of the costs of persons 0..n-1 (costs[p] are person p's)."""
    rows = [
        (p, KOSTNADSTYP.index(k.typ), days(k.fran), days(k.till), _ore(k.belopp))
        for p, mine in enumerate(costs)
        for k in mine
    ]
    if not rows:
        return CostArrays.empty()
    cols = list(zip(*rows, strict=True))
    return CostArrays(
        person=np.array(cols[0], dtype=np.int32),
        typ=np.array(cols[1], dtype=np.int8),
        fran=np.array(cols[2], dtype=np.int32),
        till=np.array(cols[3], dtype=np.int32),
        belopp=np.array(cols[4], dtype=np.int64),
    )


def _ore(kronor: Decimal) -> int:
    return int((kronor * 100).to_integral_value(rounding=ROUND_HALF_UP))


def parse_costs(data: Any, where: str = "person.kostnader") -> tuple[Kostnad, ...]:
    """Validate the `kostnader` of a person: a list of {typ, fran, till, belopp}."""
    if data is None:
        return ()
    if not isinstance(data, Sequence) or isinstance(data, str):
        raise InputError("kostnader ska vara en lista av objekt.", where)
    out = []
    for i, raw in enumerate(data):
        place = f"{where}[{i}]"
        if not isinstance(raw, Mapping):
            raise InputError("en kostnad ska vara ett objekt med typ, fran, till, belopp.", place)
        unknown = set(raw) - {"typ", "fran", "till", "belopp"}
        if unknown:
            raise InputError(
                f"okänd nyckel {sorted(unknown)[0]!r}; tillåtna är typ, fran, till, belopp.", place
            )
        for key in ("typ", "fran", "till", "belopp"):
            if key not in raw:
                raise InputError(f"{key} saknas.", place)
        if raw["typ"] not in KOSTNADSTYP:
            raise InputError(
                f"okänd kostnadstyp {raw['typ']!r}; tillåtna är {', '.join(KOSTNADSTYP)}.",
                f"{place}.typ",
            )
        fran = parse_date(raw["fran"], f"{place}.fran")
        till = parse_date(raw["till"], f"{place}.till")
        if till < fran:
            raise InputError(f"till {till} ligger före fran {fran}.", f"{place}.till")
        out.append(Kostnad(raw["typ"], fran, till, parse_kronor(raw["belopp"], f"{place}.belopp")))
    return tuple(out)


def parse_kronor(value: Any, where: str) -> Decimal:
    """An amount in kronor written as text with at most two decimals ("12345.50")."""
    if not isinstance(value, str):
        raise InputError(
            f'ett belopp skrivs som text i kronor med punkt, t.ex. "12345.50", inte {value!r}.',
            where,
        )
    try:
        amount = Decimal(value.strip())
    except InvalidOperation:
        raise InputError(
            f"'{value}' är inget belopp; skriv kronor med punkt, t.ex. \"12345.50\".", where
        ) from None
    if not amount.is_finite() or amount <= 0:
        raise InputError(f"beloppet {value} ska vara ett tal större än noll.", where)
    if amount > KOSTNAD_MAX_KRONOR:
        raise InputError(
            f"beloppet {value} är större än {KOSTNAD_MAX_KRONOR} kr; kontrollera beloppet.", where
        )
    if amount != amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP):
        raise InputError(f"'{value}' ska vara kronor med högst två decimaler.", where)
    return amount


# ------------------------------------------------------------------- rates, by day number


@dataclass(frozen=True)
class _Rates:
    """A parameter as day-indexed steps: value (öre or the parameter's unit ×100) from each
    start; `known` False where no value holds (ended, or before the first value)."""

    starts: I64
    ore: I64
    known: B
    antagande: B

    def at(self, day: npt.NDArray[Any]) -> tuple[I64, B, B]:
        i = np.searchsorted(self.starts, day, side="right") - 1
        ok = i >= 0
        j = np.maximum(i, 0)
        known: B = ok & self.known[j]
        out: I64 = np.where(known, self.ore[j], 0)
        return out, known, ok & self.antagande[j]


def _rates_of(node: Parameter) -> _Rates:
    starts, ore, known, assumed = [], [], [], []
    for entry in node.values:
        resolved = node.at(entry.start)  # carries an NF value forward as an antagande
        starts.append(days(entry.start))
        ore.append(0 if resolved.value is None else _ore(resolved.value))
        known.append(resolved.value is not None)
        assumed.append(resolved.antagande)
    return _Rates(
        np.array(starts, dtype=np.int64),
        np.array(ore, dtype=np.int64),
        np.array(known, dtype=np.bool_),
        np.array(assumed, dtype=np.bool_),
    )


class _RateBook:
    """The parameters an evaluation uses, as day-indexed steps (built once per ParameterSet)."""

    def __init__(self, params: ParameterSet) -> None:
        self.params = params
        self._cache: dict[str, _Rates | tuple[I64, tuple[_Rates, ...]]] = {}

    def scalar(self, name: str) -> _Rates:
        got = self._cache.get(name)
        if got is None:
            node = self.params.parameter(name)
            if not isinstance(node, Parameter):
                raise ParameterError(f"Parametern {name} är en skala, inte ett belopp.", name=name)
            got = _rates_of(node)
            self._cache[name] = got
        assert isinstance(got, _Rates)
        return got

    def scale(self, name: str) -> tuple[I64, tuple[_Rates, ...]]:
        got = self._cache.get(name)
        if got is None:
            node = self.params.parameter(name)
            if not isinstance(node, Scale):
                raise ParameterError(f"Parametern {name} är inte en skala.", name=name)
            thresholds = np.array([b.threshold for b in node.brackets], dtype=np.int64)
            got = (thresholds, tuple(_rates_of(b.amount) for b in node.brackets))
            self._cache[name] = got
        assert isinstance(got, tuple)
        return got

    def scale_at(self, name: str, day: I64, level: I64) -> tuple[I64, B, B]:
        thresholds, brackets = self.scale(name)
        which = np.searchsorted(thresholds, level, side="right") - 1
        ore = np.zeros(day.size, dtype=np.int64)
        known = np.zeros(day.size, dtype=np.bool_)
        assumed = np.zeros(day.size, dtype=np.bool_)
        for k, rates in enumerate(brackets):
            sel = which == k
            if sel.any():
                ore[sel], known[sel], assumed[sel] = rates.at(day[sel])
        return ore, known, assumed

    def change_days(self, *names: str) -> I64:
        out = [self.scalar(n).starts for n in names]
        return np.unique(np.concatenate(out)) if out else np.zeros(0, dtype=np.int64)


@lru_cache(maxsize=1)
def _quarter_starts() -> I64:
    """The first day of every calendar quarter the rules can meet (events.DATUM_TIDIGAST..
    DATUM_SENAST, and one more year for the deadlines after the last)."""
    months = np.arange((1900 - 1970) * 12, (2201 - 1970) * 12, 3, dtype=np.int64)
    out: I64 = months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    return out


def _quarter_end(day: npt.NDArray[Any]) -> I64:
    q = _quarter_starts()
    out: I64 = q[np.searchsorted(q, day, side="right")] - 1
    return out


def _deadline(book: _RateBook, frist: str, day: npt.NDArray[Any]) -> I32:
    """The last day to apply for the quarter of `day`: `months` after the quarter's end, read
    as the months from the day after it (Q3 → 31 March), by the rule in force that day."""
    months_x100, known, _ = book.scalar(f"ansokningstid.{frist}").at(day)
    after = _quarter_end(day) + 1
    out = np.full(day.size, NO_DATE, dtype=np.int32)
    for m in np.unique(months_x100[known]):
        sel = known & (months_x100 == m)
        out[sel] = deadlines_after(after[sel].astype(np.int32), int(m) // 100) - 1
    return out


# ------------------------------------------------------------------------------ segments


@dataclass(frozen=True)
class _Segments:
    """Per person, spans [fran, till) of constant state, covering the asked interval."""

    person: I64
    fran: I64
    till: I64
    alder: I16
    fodelsedatum: I32
    status: I8
    ensamkommande: B
    boendeform: I8
    lvu: B
    gymnasiestudier: B
    i_omfang: B
    kommun_boende: B  # the municipality holds `boende` (the tables' holders say so)
    anvisad: B
    mottagningsdatum: I32


def _segments(c: Compiled, ev: EventArrays, start: I32, end: I32) -> _Segments:
    cand = periods._candidates(c, ev, start, end)
    person = cand.person.astype(np.int64)
    # As periods.timeline does: on the first day of a row's validity the state is that of the
    # day before, so it is computed on the other candidate days (and each person's first).
    moves = cand.orsak != periods.ORSAK.index("regel")
    moves[np.flatnonzero(np.diff(cand.person, prepend=-1))] = True
    at = np.flatnonzero(moves)
    moved = periods.states_on(c, periods._take(ev, person[at], cand.datum[at]), cand.datum[at])
    source = np.searchsorted(at, np.maximum.accumulate(np.where(moves, np.arange(moves.size), 0)))
    s = _states_at(moved, source, cand.datum)
    h = periods.holders(c)
    cells = c.grid.cells(s)
    epoch = np.maximum(np.searchsorted(c.starts, cand.datum, side="right") - 1, 0)
    held = h.table[epoch, cells, _BOENDE]
    kommun = ((held & h.municipal_bits) != 0).any(axis=-1) & s.i_omfang
    fran = cand.datum.astype(np.int64)
    till = np.empty_like(fran)
    if fran.size:
        till[:-1] = np.where(person[1:] == person[:-1], fran[1:], end[person[:-1]] + 1)
        till[-1] = end[person[-1]] + 1
    return _Segments(
        person=person,
        fran=fran,
        till=till,
        alder=s.alder,
        fodelsedatum=s.fodelsedatum,
        status=s.status,
        ensamkommande=s.ensamkommande,
        boendeform=s.boendeform,
        lvu=s.lvu,
        gymnasiestudier=s.gymnasiestudier,
        i_omfang=s.i_omfang,
        kommun_boende=kommun,
        anvisad=s.anvisad,
        mottagningsdatum=s.mottagningsdatum,
    )


def _reception_segments(c: Compiled, ev: EventArrays, start: I32, end: I32) -> _Segments:
    """Segments enough for persons who can only have reception items (schablon, initiala
    kostnader): the first day and the mottagningsdatum, when it lies inside the interval."""
    n = ev.n
    mottagen = periods.states_on(c, ev, end).mottagningsdatum
    inside = (mottagen != NO_DATE) & (mottagen > start) & (mottagen <= end)
    person = np.concatenate((np.arange(n, dtype=np.int64), np.flatnonzero(inside)))
    day = np.concatenate((start, mottagen[inside])).astype(np.int32)
    order = np.lexsort((day, person))
    person, day = person[order], day[order]
    s = periods.states_on(c, periods._take(ev, person, day), day)
    fran = day.astype(np.int64)
    till = np.empty_like(fran)
    if fran.size:
        till[:-1] = np.where(person[1:] == person[:-1], fran[1:], end[person[:-1]] + 1)
        till[-1] = end[person[-1]] + 1
    return _Segments(
        person=person,
        fran=fran,
        till=till,
        alder=s.alder,
        fodelsedatum=s.fodelsedatum,
        status=s.status,
        ensamkommande=s.ensamkommande,
        boendeform=s.boendeform,
        lvu=s.lvu,
        gymnasiestudier=s.gymnasiestudier,
        i_omfang=s.i_omfang,
        kommun_boende=np.zeros(person.size, dtype=np.bool_),
        anvisad=s.anvisad,
        mottagningsdatum=s.mottagningsdatum,
    )


def _all_segments(
    c: Compiled, ev: EventArrays, start: I32, end: I32, costs: CostArrays
) -> _Segments:
    """Full segments for the persons any day-based type can concern (unaccompanied, with a
    schooling or with costs); for the others only the days the reception items ask about."""
    n = ev.n
    school = np.bincount(ev.person[ev.typ == _EV["skolgang"]], minlength=n) > 0
    costly = np.bincount(costs.person, minlength=n) > 0
    full = ev.ensamkommande | school | costly
    parts = []
    for which, build in ((full, _segments), (~full, _reception_segments)):
        idx = np.flatnonzero(which).astype(np.int64)
        if idx.size == 0:
            continue
        sub = build(c, periods._take(ev, idx), start[idx], end[idx])
        parts.append(dataclasses.replace(sub, person=idx[sub.person]))
    if len(parts) == 1:
        return parts[0]
    cols = {
        f.name: np.concatenate([getattr(p, f.name) for p in parts])
        for f in dataclasses.fields(_Segments)
    }
    order = np.lexsort((cols["fran"], cols["person"]))
    return _Segments(**{k: v[order] for k, v in cols.items()})


def _states_at(s: States, source: I64, datum: I32) -> States:
    """The states `s` taken at `source` (one per candidate day), dated `datum`."""
    fields = {f.name: getattr(s, f.name)[source] for f in dataclasses.fields(s)}
    fields["datum"] = datum
    return States(**fields)


def _segment_of(seg: _Segments, person: I64, day: npt.NDArray[Any]) -> I64:
    """The segment holding each (person, day); -1 outside the person's interval."""
    keys = seg.person * 2**32 + seg.fran
    i = np.searchsorted(keys, person * 2**32 + day.astype(np.int64), side="right") - 1
    j = np.maximum(i, 0)
    ok = (i >= 0) & (seg.person[j] == person) & (day < seg.till[j]) if seg.person.size else i < -1
    out: I64 = np.where(ok, i, -1)
    return out


# --------------------------------------------------------------------------------- pieces


@dataclass
class _Cols:
    """Items under construction (money in öre, till inclusive)."""

    person: list[I64]
    typ: list[I8]
    fran: list[I64]
    till: list[I64]
    antal: list[I64]
    a_pris: list[I64]
    belopp: list[I64]
    ansok_senast: list[I32]
    regel: list[I16]
    antagande: list[B]

    @staticmethod
    def new() -> _Cols:
        return _Cols([], [], [], [], [], [], [], [], [], [])

    def add(
        self,
        *,
        person: I64,
        typ: str,
        fran: npt.NDArray[Any],
        till: npt.NDArray[Any],
        antal: npt.NDArray[Any],
        a_pris: npt.NDArray[Any],
        belopp: npt.NDArray[Any],
        ansok_senast: npt.NDArray[Any] | None,
        regel: npt.NDArray[Any] | np.integer[Any],
        antagande: npt.NDArray[Any],
    ) -> None:
        n = person.size
        if n == 0:
            return
        self.person.append(person.astype(np.int64))
        self.typ.append(np.full(n, _TYP[typ], dtype=np.int8))
        self.fran.append(np.asarray(fran, dtype=np.int64))
        self.till.append(np.asarray(till, dtype=np.int64))
        self.antal.append(np.asarray(antal, dtype=np.int64))
        self.a_pris.append(np.asarray(a_pris, dtype=np.int64))
        self.belopp.append(np.asarray(belopp, dtype=np.int64))
        self.ansok_senast.append(
            np.full(n, NO_DATE, dtype=np.int32)
            if ansok_senast is None
            else np.asarray(ansok_senast, dtype=np.int32)
        )
        self.regel.append(np.broadcast_to(np.asarray(regel, dtype=np.int16), (n,)))
        self.antagande.append(np.asarray(antagande, dtype=np.bool_))


def _merge(
    person: I64, fran: I64, till: I64, key: npt.NDArray[Any]
) -> tuple[I64, I64, I64, npt.NDArray[Any]]:
    """Join spans that touch and share a key (sorted by person and fran)."""
    if person.size == 0:
        return person, fran, till, key
    new = np.ones(person.size, dtype=np.bool_)
    new[1:] = (person[1:] != person[:-1]) | (fran[1:] != till[:-1]) | (key[1:] != key[:-1])
    first = np.flatnonzero(new)
    last = np.append(first[1:] - 1, person.size - 1)
    return person[first], fran[first], till[last], key[first]


def _split(fran: I64, till: I64, cuts: I64) -> tuple[I64, I64, I64]:
    """Cut spans [fran, till) at every day in `cuts` (sorted): (source index, fran, till)."""
    i0 = np.searchsorted(cuts, fran, side="right")
    i1 = np.searchsorted(cuts, till - 1, side="right")
    k = i1 - i0 + 1
    src = np.repeat(np.arange(fran.size, dtype=np.int64), k)
    within = np.arange(int(k.sum()), dtype=np.int64) - np.repeat(np.cumsum(k) - k, k)
    padded = np.append(cuts, np.iinfo(np.int64).max)
    lo = np.where(within == 0, fran[src], padded[np.maximum(i0[src] + within - 1, 0)])
    hi = np.where(within == k[src] - 1, till[src], padded[i0[src] + within])
    return src, lo, hi


def _daily(
    cols: _Cols,
    book: _RateBook,
    seg: _Segments,
    mask: B,
    typ: str,
    regel: I16,
    parameters: tuple[str, ...],
    ansokan_till: Any = None,
) -> None:
    """Items per day while `mask` holds: merged, cut at quarters and rate changes, priced by
    the sum of `parameters` in force on each piece's first day."""
    sel = np.flatnonzero(mask)
    person, fran, till, key = _merge(seg.person[sel], seg.fran[sel], seg.till[sel], regel[sel])
    cuts = np.union1d(_quarter_starts(), book.change_days(*parameters))
    src, lo, hi = _split(fran, till, cuts)
    ore = np.zeros(lo.size, dtype=np.int64)
    known = np.ones(lo.size, dtype=np.bool_)
    assumed = np.zeros(lo.size, dtype=np.bool_)
    for name in parameters:
        o, k, a = book.scalar(name).at(lo)
        ore += o
        known &= k
        assumed |= a
    n_days = hi - lo
    deadline = None if ansokan_till is None else np.full(lo.size, ansokan_till, dtype=np.int32)
    cols.add(
        person=person[src][known],
        typ=typ,
        fran=lo[known],
        till=hi[known] - 1,
        antal=n_days[known],
        a_pris=ore[known],
        belopp=(ore * n_days)[known],
        ansok_senast=None if deadline is None else deadline[known],
        regel=key[src][known],
        antagande=assumed[known],
    )


# ------------------------------------------------------------------------------- engine


def compensation(
    c: Compiled,
    ev: EventArrays,
    start: int | I32,
    end: int | I32,
    *,
    costs: CostArrays | None = None,
    params: ParameterSet | None = None,
    chunk: int = 4_000,
) -> Items:
    """The compensation items of every person in `ev` over [start, end] (day numbers, both
    inclusive; one interval for all or one per person), as seen from the municipality whose
    compiled profile is `c` (and for which `ev` was packed).

    `costs` are the actual costs per person (the actual-cost types give items only from them);
    `params` defaults to the bundled parameters, and a `ParameterSet.with_overrides` copy lets
    a user's real value replace an antagande. Persons are evaluated `chunk` at a time.
    """
    params = params if params is not None else load_parameters()
    book = _RateBook(params)
    n = ev.n
    start_p = np.broadcast_to(np.asarray(start, dtype=np.int32), (n,)).astype(np.int32)
    end_p = np.broadcast_to(np.asarray(end, dtype=np.int32), (n,)).astype(np.int32)
    costs = costs if costs is not None else CostArrays.empty()
    cols = _Cols.new()
    e_bounds = np.searchsorted(ev.person, np.arange(0, n + chunk, chunk).clip(max=n))
    c_bounds = np.searchsorted(costs.person, np.arange(0, n + chunk, chunk).clip(max=n))
    for k, lo in enumerate(range(0, n, chunk)):
        hi = min(lo + chunk, n)
        part = periods._chunk(ev, lo, hi, int(e_bounds[k]), int(e_bounds[k + 1]))
        c_lo, c_hi = int(c_bounds[k]), int(c_bounds[k + 1])
        part_costs = CostArrays(
            person=costs.person[c_lo:c_hi] - lo,
            typ=costs.typ[c_lo:c_hi],
            fran=costs.fran[c_lo:c_hi],
            till=costs.till[c_lo:c_hi],
            belopp=costs.belopp[c_lo:c_hi],
        )
        before = len(cols.person)
        _evaluate(cols, book, c, part, start_p[lo:hi], end_p[lo:hi], part_costs)
        for i in range(before, len(cols.person)):
            cols.person[i] = cols.person[i] + lo
    return _finish(cols, params)


def _finish(cols: _Cols, params: ParameterSet) -> Items:
    if cols.person:
        person = np.concatenate(cols.person)
        typ = np.concatenate(cols.typ)
        fran = np.concatenate(cols.fran)
    else:
        person = fran = np.zeros(0, dtype=np.int64)
        typ = np.zeros(0, dtype=np.int8)
    order = np.lexsort((typ, fran, person))

    def cat(parts: list[Any], dtype: Any) -> Any:
        if not parts:
            return np.zeros(0, dtype=dtype)
        return np.concatenate(parts).astype(dtype)[order]

    enhet_of_rule = np.array([_ENHET[r.enhet] for r in _RULES], dtype=np.int8)
    ansokan_of_rule = np.array([r.ansokan for r in _RULES], dtype=np.bool_)
    regel = cat(cols.regel, np.int16)
    return Items(
        person=person[order].astype(np.int32),
        typ=typ[order].astype(np.int8),
        fran=fran[order].astype(np.int32),
        till=cat(cols.till, np.int32),
        antal=cat(cols.antal, np.int32),
        enhet=enhet_of_rule[regel],
        a_pris=cat(cols.a_pris, np.int64),
        belopp=cat(cols.belopp, np.int64),
        ansokan=ansokan_of_rule[regel],
        ansok_senast=cat(cols.ansok_senast, np.int32),
        regel=regel,
        antagande=cat(cols.antagande, np.bool_),
        params=params,
    )


def _evaluate(
    cols: _Cols,
    book: _RateBook,
    c: Compiled,
    ev: EventArrays,
    start: I32,
    end: I32,
    costs: CostArrays,
) -> None:
    seg = _all_segments(c, ev, start, end, costs)
    asyl = seg.status == _S["asylsokande"]
    permit = (seg.status == _S["put"]) | (seg.status == _S["tut"])
    # An unaccompanied child is the municipality's from the anvisning (domain-facts §1.6;
    # before it the child is in the ankomstkommun's temporary housing).
    child = seg.ensamkommande & (seg.alder < MYNDIG_ALDER) & seg.kommun_boende & seg.anvisad

    # ekb_dygn: each day the municipality holds an unaccompanied child under 18 (domain-facts
    # §1.6); the parameter has no value before the 2017-07-01 system change.
    regel = np.where(asyl, _R["ERS-EKB-DYGN-ASYL"], _R["ERS-EKB-DYGN-TILLSTAND"])
    _daily(cols, book, seg, child, "ekb_dygn", regel, ("ekb.dygnsschablon_under_18",))

    # ekb_plats (up to 2017-06-30): the occupied place the child has, 1,600 + 300 per day.
    _daily(
        cols,
        book,
        seg,
        child,
        "ekb_plats",
        np.full(seg.person.size, _R["ERS-EKB-PLATS"], dtype=np.int16),
        ("ekb.overenskommelse_plats_per_dygn", "ekb.belagd_plats_tillagg_per_dygn"),
        ansokan_till=days(UPPHORDA_EKB_SISTA_DAG),
    )

    # ekb_dygn_18_20: came as an unaccompanied child, 18–20, a permit, upper-secondary
    # studies, living in the municipality (domain-facts §1.6).
    young = (
        seg.ensamkommande
        & (seg.alder >= MYNDIG_ALDER)
        & (seg.alder < UNGA_TILL_ALDER)
        & permit
        & seg.gymnasiestudier
        & seg.i_omfang
    )
    _daily(
        cols,
        book,
        seg,
        young,
        "ekb_dygn_18_20",
        np.full(seg.person.size, _R["ERS-EKB-DYGN-18-20"], dtype=np.int16),
        ("ekb.dygnsschablon_18_20",),
    )

    _reception(cols, book, seg, start, end)
    _ekb_engang(cols, book, seg, ev, start, end)
    _school(cols, book, c, seg, ev, start, end)
    _actual_costs(cols, book, seg, costs, asyl, permit)


def _last_segment(seg: _Segments) -> I64:
    if seg.person.size == 0:
        return np.zeros(0, dtype=np.int64)
    out: I64 = np.flatnonzero(np.append(seg.person[1:] != seg.person[:-1], True))
    return out


def _reception(cols: _Cols, book: _RateBook, seg: _Segments, start: I32, end: I32) -> None:
    """schablon and initiala_kostnader: one item each on the mottagningsdatum, paid without
    application, for a person received here (in the municipality's scope that day)."""
    last = _last_segment(seg)
    person = seg.person[last]
    mottagen = seg.mottagningsdatum[last].astype(np.int64)
    inside = (mottagen != NO_DATE) & (mottagen >= start[person]) & (mottagen <= end[person])
    person, mottagen = person[inside], mottagen[inside]
    at = _segment_of(seg, person, mottagen)
    ok = at >= 0
    person, mottagen, at = person[ok], mottagen[ok], at[ok]
    here = seg.i_omfang[at]
    person, mottagen, at = person[here], mottagen[here], at[here]
    # Age at the end of the month of reception: "age is measured at the end of the month
    # before payment", and payment starts the month after (domain-facts §1.1).
    month_end = (
        (mottagen.astype("datetime64[D]").astype("datetime64[M]") + 1).astype("datetime64[D]")
    ).astype(np.int64) - 1
    age = full_years(seg.fodelsedatum[at], month_end.astype(np.int32)).astype(np.int64)
    old = mottagen < days(FORORDNING_2010_1122_FRAN)
    for rule_id, which in (("ERS-SCHABLON-11", ~old), ("ERS-SCHABLON-1990", old)):
        rule = RULES[rule_id]
        assert rule.parameter is not None
        ore, known, assumed = book.scale_at(rule.parameter, mottagen[which], age[which])
        n_ok = int(known.sum())
        cols.add(
            person=person[which][known],
            typ="schablon",
            fran=mottagen[which][known],
            till=mottagen[which][known],
            antal=np.ones(n_ok),
            a_pris=ore[known],
            belopp=ore[known],
            ansok_senast=None,
            regel=_R[rule_id],
            antagande=assumed[known],
        )
    # initiala_kostnader: received from 2024-07-01, anvisad or self-settled, by age on the
    # mottagningsdatum (domain-facts §1.3).
    recent = mottagen >= days(INITIALA_KOSTNADER_FRAN)
    anvisad = seg.boendeform[at] == _H["anvisad"]
    age_then = seg.alder[at].astype(np.int64)
    for rule_id, which in (
        ("ERS-INIT-ANVISAD", recent & anvisad),
        ("ERS-INIT-EBO", recent & ~anvisad),
    ):
        rule = RULES[rule_id]
        assert rule.parameter is not None
        ore, known, assumed = book.scale_at(rule.parameter, mottagen[which], age_then[which])
        cols.add(
            person=person[which][known],
            typ="initiala_kostnader",
            fran=mottagen[which][known],
            till=mottagen[which][known],
            antal=np.ones(int(known.sum())),
            a_pris=ore[known],
            belopp=ore[known],
            ansok_senast=None,
            regel=_R[rule_id],
            antagande=assumed[known],
        )


def _ekb_engang(
    cols: _Cols, book: _RateBook, seg: _Segments, ev: EventArrays, start: I32, end: I32
) -> None:
    """ekb_engang: the first anvisning to this municipality of an asylum-seeking unaccompanied
    child, from 2017-07-01 (the parameter's first value), one item on that day."""
    own = (ev.typ == _EV["anvisning"]) & ev.egen & ev.ensamkommande[ev.person]
    idx = np.flatnonzero(own)
    first = idx[np.append(True, ev.person[idx][1:] != ev.person[idx][:-1])] if idx.size else idx
    person = ev.person[first].astype(np.int64)
    day = ev.datum[first].astype(np.int64)
    inside = (day >= start[person]) & (day <= end[person])
    person, day = person[inside], day[inside]
    at = _segment_of(seg, person, day)
    ok = at >= 0
    person, day, at = person[ok], day[ok], at[ok]
    eligible = (seg.status[at] == _S["asylsokande"]) & (seg.alder[at] < MYNDIG_ALDER)
    eligible &= seg.kommun_boende[at]
    person, day = person[eligible], day[eligible]
    ore, known, assumed = book.scalar("ekb.engangsbelopp_anvisad").at(day)
    cols.add(
        person=person[known],
        typ="ekb_engang",
        fran=day[known],
        till=day[known],
        antal=np.ones(int(known.sum())),
        a_pris=ore[known],
        belopp=ore[known],
        ansok_senast=None,
        regel=_R["ERS-EKB-ENGANG"],
        antagande=assumed[known],
    )


def _school(
    cols: _Cols,
    book: _RateBook,
    c: Compiled,
    seg: _Segments,
    ev: EventArrays,
    start: I32,
    end: I32,
) -> None:
    """skola_asyl: per skolgang, one period every four weeks from its start while enrolled;
    a period counts when the child is an asylum seeker in the municipality on its first day
    and the school form's age rule holds, at most ten a calendar year (2017:193 4 §)."""
    sk = np.flatnonzero(ev.typ == _EV["skolgang"])
    if sk.size == 0:
        return
    person = ev.person[sk].astype(np.int64)
    first = ev.datum[sk].astype(np.int64)
    last = np.minimum(ev.slut[sk].astype(np.int64), end[person].astype(np.int64))
    form = ev.form[sk].astype(np.int64)
    # Periods before the calendar year of the interval's start cannot count towards its
    # yearly maximum, so they are not generated.
    year_start = _date_days(_ymd64(start[person])[0], 1)
    k0 = np.maximum(0, -((first - year_start) // FYRAVECKORSPERIOD_DAGAR))
    count = np.maximum((last - first) // FYRAVECKORSPERIOD_DAGAR + 1 - k0, 0)
    src = np.repeat(np.arange(sk.size, dtype=np.int64), count)
    k = k0[src] + (
        np.arange(int(count.sum()), dtype=np.int64) - np.repeat(np.cumsum(count) - count, count)
    )
    p = person[src]
    day = first[src] + k * FYRAVECKORSPERIOD_DAGAR
    # The state on each period's first day: from the segments inside the interval, and asked
    # of the time engine for the periods of the same year before it (they count towards the
    # yearly maximum).
    at = _segment_of(seg, p, day)
    born = np.zeros(day.size, dtype=np.int32)
    alder = np.zeros(day.size, dtype=np.int16)
    status = np.zeros(day.size, dtype=np.int8)
    omfang = np.zeros(day.size, dtype=np.bool_)
    ins = at >= 0
    born[ins], alder[ins] = seg.fodelsedatum[at[ins]], seg.alder[at[ins]]
    status[ins], omfang[ins] = seg.status[at[ins]], seg.i_omfang[at[ins]]
    pre = np.flatnonzero(~ins)
    if pre.size:
        d = day[pre].astype(np.int32)
        s = periods.states_on(c, periods._take(ev, p[pre], d), d)
        born[pre], alder[pre], status[pre], omfang[pre] = (
            s.fodelsedatum,
            s.alder,
            s.status,
            s.i_omfang,
        )
    f = form[src]
    by, _, _ = _ymd64(born)
    autumn3 = _date_days(by + FORSKOLA_FRAN_ALDER, HOSTTERMIN_MANAD)
    started_age = full_years(born, first[src].astype(np.int32))
    rule_ok = np.where(
        f == SKOLFORM.index("forskola"),
        (day >= autumn3) & (alder <= FORSKOLA_TILL_ALDER),
        np.where(f == SKOLFORM.index("gymnasieskola"), started_age < GYMNASIUM_START_FORE, True),
    )
    ok = rule_ok & (status == _S["asylsokande"]) & omfang
    src, p, day, f = src[ok], p[ok], day[ok], f[ok]
    cap, cap_known, _ = book.scalar("skolersattning_asylsokande.max_perioder_per_ar").at(day)
    share, share_known, share_assumed = book.scalar(
        "skolersattning_asylsokande.andel_per_fyraveckorsperiod"
    ).at(day)
    annual = np.zeros(day.size, dtype=np.int64)
    annual_known = np.zeros(day.size, dtype=np.bool_)
    annual_assumed = np.zeros(day.size, dtype=np.bool_)
    for code, name in enumerate(SKOLFORM):
        sel = f == code
        if sel.any():
            o, kn, a = book.scalar(f"skolersattning_asylsokande.{name}").at(day[sel])
            annual[sel], annual_known[sel], annual_assumed[sel] = o, kn, a
    ok = cap_known & share_known & annual_known
    assumed = (annual_assumed | share_assumed)[ok]
    src, p, day, f, cap, share, annual = (x[ok] for x in (src, p, day, f, cap, share, annual))
    # At most ten compensated periods per child and calendar year, the earliest first; those
    # before the asked interval count too (they were claimable, asked for or not).
    year = _ymd64(day.astype(np.int32))[0]
    order = np.lexsort((day, year, p))
    src, p, day, f, cap, share, annual, year = (
        x[order] for x in (src, p, day, f, cap, share, annual, year)
    )
    assumed = assumed[order]
    group_start = np.ones(p.size, dtype=np.bool_)
    group_start[1:] = (p[1:] != p[:-1]) | (year[1:] != year[:-1])
    gidx = np.cumsum(group_start) - 1
    rank = np.arange(p.size) - np.flatnonzero(group_start)[gidx]
    keep = (rank < cap // 100) & (day >= start[p]) & (day <= end[p])
    # The share is a fraction ×100 in the rate table (0.1 → 10): öre × share / 100, exact for
    # the tenth of amounts in whole kronor.
    per_period = annual * share // 100
    src, p, day, f, per_period = src[keep], p[keep], day[keep], f[keep], per_period[keep]
    assumed = assumed[keep]
    q_end = _quarter_end(day)
    slut = ev.slut[sk][src].astype(np.int64)
    period_end = np.minimum(np.minimum(day + FYRAVECKORSPERIOD_DAGAR - 1, q_end), slut)
    # One item per person, school form, quarter and price.
    order = np.lexsort((day, per_period, f, q_end, p))
    p, day, f, per_period, q_end, period_end = (
        a[order] for a in (p, day, f, per_period, q_end, period_end)
    )
    assumed = assumed[order]
    new = np.ones(p.size, dtype=np.bool_)
    new[1:] = (
        (p[1:] != p[:-1])
        | (q_end[1:] != q_end[:-1])
        | (f[1:] != f[:-1])
        | (per_period[1:] != per_period[:-1])
    )
    head = np.flatnonzero(new)
    tail = np.append(head[1:] - 1, p.size - 1).astype(np.int64)
    n_periods = tail - head + 1
    antagande = np.logical_or.reduceat(assumed, head) if head.size else assumed[:0]
    cols.add(
        person=p[head],
        typ="skola_asyl",
        fran=day[head],
        till=np.maximum.reduceat(period_end, head) if head.size else period_end[:0],
        antal=n_periods,
        a_pris=per_period[head],
        belopp=per_period[head] * n_periods,
        ansok_senast=_deadline(book, "asylsokande", day[head]),
        regel=_R["ERS-SKOLA-ASYL"],
        antagande=antagande,
    )


def _ymd64(d: I32) -> tuple[I64, I64, I64]:
    as_dt = np.asarray(d, dtype=np.int64).astype("datetime64[D]")
    months = as_dt.astype("datetime64[M]").astype(np.int64)
    day = (as_dt - months.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64) + 1
    return months // 12 + 1970, months % 12 + 1, day


def _date_days(year: I64, month: int) -> I64:
    """Day number of the first of `month` in each `year`."""
    out: I64 = (
        ((year - 1970) * 12 + (month - 1)).astype("datetime64[M]").astype("datetime64[D]")
    ).astype(np.int64)
    return out


def _actual_costs(
    cols: _Cols, book: _RateBook, seg: _Segments, costs: CostArrays, asyl: B, permit: B
) -> None:
    """The claimable part of each actual cost: the share of its days (inclusive) on which the
    type's conditions hold, cut per quarter; a cost's pieces add up exactly to its amount
    when every day qualifies (cumulative rounding in öre)."""
    if costs.person.size == 0:
        return
    placed = np.isin(seg.boendeform, _PLACED)
    young = (seg.alder >= MYNDIG_ALDER) & (seg.alder < UNGA_TILL_ALDER)
    ekb_care = seg.ensamkommande & placed & (seg.alder < UNGA_TILL_ALDER) & seg.i_omfang
    n_seg = seg.person.size
    none = np.full(n_seg, -1, dtype=np.int16)
    # Per cost type: the rule that applies on each segment, -1 where nothing is claimable.
    # ekonomiskt bistånd to asylum seekers (2017:193) and to persons with a permit in the
    # groups 2010:1122 covers (5 §); försörjningsstöd 18–20 in gymnasieskola without parents
    # and not placed (20 §: the studies are the gymnasiestudier event, "without parents" is
    # the unaccompanied flag); LVU and SoL care of unaccompanied children and young people.
    rules_by_type = {
        "ekonomiskt_bistand_asyl": np.where(asyl & seg.i_omfang, _R["ERS-KOSTNAD-EB-ASYL"], none),
        "ekonomiskt_bistand": np.where(permit & seg.i_omfang, _R["ERS-KOSTNAD-EB"], none),
        "forsorjningsstod_18_20": np.where(
            young & permit & seg.gymnasiestudier & seg.ensamkommande & ~placed & seg.i_omfang,
            _R["ERS-KOSTNAD-FS-18-20"],
            none,
        ),
        "lvu_placering": np.where(
            ekb_care & seg.lvu,
            np.where(asyl, _R["ERS-KOSTNAD-LVU-ASYL"], _R["ERS-KOSTNAD-LVU"]),
            none,
        ),
        "sol_placering": np.where(
            ekb_care & ~seg.lvu,
            np.where(asyl, _R["ERS-KOSTNAD-SOL-ASYL"], _R["ERS-KOSTNAD-SOL"]),
            none,
        ),
    }
    keys = seg.person * 2**32 + seg.fran
    row = np.arange(costs.person.size, dtype=np.int64)
    cp = costs.person.astype(np.int64)
    a = costs.fran.astype(np.int64)
    b = costs.till.astype(np.int64) + 1
    i0 = np.searchsorted(keys, cp * 2**32 + a, side="right") - 1
    i1 = np.searchsorted(keys, cp * 2**32 + b - 1, side="right") - 1
    person_first = np.searchsorted(seg.person, cp, side="left")
    person_last = np.searchsorted(seg.person, cp, side="right") - 1
    i0 = np.maximum(i0, person_first)
    i1 = np.minimum(i1, person_last)
    k = np.maximum(i1 - i0 + 1, 0)
    src = np.repeat(row, k)
    s_idx = np.repeat(i0, k) + (
        np.arange(int(k.sum()), dtype=np.int64) - np.repeat(np.cumsum(k) - k, k)
    )
    lo = np.maximum(a[src], seg.fran[s_idx])
    hi = np.minimum(b[src], seg.till[s_idx])
    good = hi > lo
    src, s_idx, lo, hi = src[good], s_idx[good], lo[good], hi[good]
    piece, lo, hi = _split(lo, hi, _quarter_starts())
    src, s_idx = src[piece], s_idx[piece]
    total = b[src] - a[src]
    amount = costs.belopp[src] * (hi - a[src]) // total - costs.belopp[src] * (lo - a[src]) // total
    regel = np.full(src.size, -1, dtype=np.int16)
    ctyp = costs.typ[src]
    for code, name in enumerate(KOSTNADSTYP):
        sel = ctyp == code
        regel[sel] = rules_by_type[name][s_idx[sel]]
    ok = regel >= 0
    src, lo, hi, amount, regel = src[ok], lo[ok], hi[ok], amount[ok], regel[ok]
    # Join the pieces of one cost that touch, within a quarter and under one rule.
    q = _quarter_end(lo)
    order = np.lexsort((lo, src))
    src, lo, hi, amount, regel, q = (x[order] for x in (src, lo, hi, amount, regel, q))
    new = np.ones(src.size, dtype=np.bool_)
    new[1:] = (
        (src[1:] != src[:-1]) | (lo[1:] != hi[:-1]) | (regel[1:] != regel[:-1]) | (q[1:] != q[:-1])
    )
    head = np.flatnonzero(new)
    if head.size == 0:
        return
    tail = np.append(head[1:] - 1, src.size - 1)
    summed = np.add.reduceat(amount, head)
    fran, till, rule = lo[head], hi[tail] - 1, regel[head]
    deadline = np.full(head.size, NO_DATE, dtype=np.int32)
    for rule_id in np.unique(rule):
        r = _RULES[int(rule_id)]
        sel = rule == rule_id
        if r.frist is not None:
            deadline[sel] = _deadline(book, r.frist, fran[sel])
    # Care costs up to 2017-06-30 fell under the forms abolished with the system change: the
    # fixed last day 2017-12-31 wins where it comes first (domain-facts §1.5).
    care = np.isin(
        rule,
        [_R[r] for r in ("ERS-KOSTNAD-LVU", "ERS-KOSTNAD-SOL")]
        + [_R[r] for r in ("ERS-KOSTNAD-LVU-ASYL", "ERS-KOSTNAD-SOL-ASYL")],
    )
    old = care & (till <= days(UPPHORDA_EKB_TOM))
    deadline[old] = np.minimum(deadline[old], days(UPPHORDA_EKB_SISTA_DAG))
    cols.add(
        person=costs.person[src[head]].astype(np.int64),
        typ="ekonomiskt_bistand",  # replaced per row below
        fran=fran,
        till=till,
        antal=np.ones(head.size),
        a_pris=summed,
        belopp=summed,
        ansok_senast=deadline,
        regel=rule,
        antagande=np.zeros(head.size, dtype=np.bool_),
    )
    cols.typ[-1] = np.array([_TYP[_RULES[int(r)].typ] for r in rule], dtype=np.int8)


# ---------------------------------------------------------------------- the municipality


def grundersattning(
    fran_ar: int, till_ar: int, *, params: ParameterSet | None = None
) -> list[Item]:
    """Grundersättning (2010:1122 9 §) per calendar year in [fran_ar, till_ar]: the
    municipality's, not a person's, for the ledger; none from 2020 (abolished) or before the
    first known year."""
    params = params if params is not None else load_parameters()
    rule = RULES["ERS-GRUND-9"]
    out = []
    node = params.parameter("grundersattning")
    assert isinstance(node, Parameter)
    for year in range(fran_ar, till_ar + 1):
        on = dt.date(year, 1, 1)
        try:
            entry = node.at(on)
        except ParameterError:
            continue
        if entry.value is None:
            continue
        amount = Decimal(entry.value).quantize(Decimal("0.01"))
        out.append(
            Item(
                typ="grundersattning",
                fran=on,
                till=dt.date(year, 12, 31),
                antal=1,
                enhet=rule.enhet,
                a_pris=amount,
                belopp=amount,
                ansokan=rule.ansokan,
                ansok_senast=None,
                forfattning=rule.forfattning,
                regel=rule.id,
                kalla=f"{rule.kalla}; grundersattning: {entry.reference}",
                antagande=entry.antagande,
            )
        )
    return out


# ------------------------------------------------------------------------ one person, JSON


def person_items(
    c: Compiled,
    kommun: str,
    person: Person,
    fran: dt.date,
    till: dt.date,
    *,
    kostnader: Sequence[Kostnad] = (),
    params: ParameterSet | None = None,
) -> list[Item]:
    """The items of one person over [fran, till] (a register of one)."""
    ev = pack([person], kommun)
    items = compensation(
        c, ev, days(fran), days(till), costs=pack_costs([kostnader]), params=params
    )
    return items.of_person(0)


@dataclass(frozen=True)
class Request:
    kommun: str
    fran: dt.date
    till: dt.date
    person: Person
    kostnader: tuple[Kostnad, ...]


def parse_request(payload: Any) -> Request:
    """Validate `mottagning ersattning`'s input (docs/cli.md); InputError names the place."""
    from mottagning.rules.events import parse_person
    from mottagning.rules.profile import compiled as compiled_profile

    if not isinstance(payload, Mapping):
        raise InputError(
            "indata ska vara ett JSON-objekt med kommun, fran, till och person.", "(indata)"
        )
    unknown = set(payload) - {"kommun", "fran", "till", "person"}
    if unknown:
        raise InputError(
            f"okänd nyckel {sorted(unknown)[0]!r}; tillåtna är kommun, fran, till, person.",
            "(indata)",
        )
    for key in ("kommun", "fran", "till", "person"):
        if key not in payload:
            raise InputError(f"{key} saknas.", key)
    kommun = payload["kommun"]
    if not isinstance(kommun, str):
        raise InputError(
            "kommun ska vara en kommunkod som text, till exempel 'alingsas'.", "kommun"
        )
    compiled_profile(kommun)  # raises InputError for an unknown municipality
    fran = check_date(parse_date(payload["fran"], "fran"), "fran")
    till = check_date(parse_date(payload["till"], "till"), "till")
    if till < fran:
        raise InputError(
            f"till {till} ligger före fran {fran}; perioden ska vara fran ≤ till.", "till"
        )
    raw = payload["person"]
    if not isinstance(raw, Mapping):
        raise InputError(
            "ska vara ett objekt med fodelsedatum, ensamkommande, handelser och kostnader.",
            "person",
        )
    person = parse_person({k: v for k, v in raw.items() if k != "kostnader"})
    kostnader = parse_costs(raw.get("kostnader"))
    return Request(kommun, fran, till, person, kostnader)


def ersattning(payload: Any, *, params: ParameterSet | None = None) -> dict[str, Any]:
    """`mottagning ersattning`: the items of one person over a period, as the JSON contract."""
    from mottagning.rules.profile import compiled as compiled_profile

    req = parse_request(payload)
    items = person_items(
        compiled_profile(req.kommun),
        req.kommun,
        req.person,
        req.fran,
        req.till,
        kostnader=req.kostnader,
        params=params,
    )
    total = sum((i.belopp for i in items), Decimal(0))
    return {
        "kommun": req.kommun,
        "fran": req.fran.isoformat(),
        "till": req.till.isoformat(),
        "poster": [i.as_json() for i in items],
        "summa": kronor_text(total),
    }
