"""Planning input: values and ranges read from YAML and the CLI, validated strictly.

A value is exact (`Decimal`) and is either a number or a range `{min, max}`. Ranges are
what the seeds write as "16–28 stycken" or "18–19 mkr": the Monte Carlo draws inside them,
a single budget uses the midpoint. Validation errors become `PlaneringsFel` naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any, TypeVar, cast

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from mottagning.planning.errors import InmatningsFel, PlaneringsFel
from mottagning.rules.params import ParameterError, ParameterSet, Scale, read_yaml

DATA_DIR = Path(__file__).parent / "data"
KOMMUNER = ("alingsas", "vingaker", "ostersund", "ekero")

ORE_PER_KR = 100
ORE_PER_TKR = 100_000

#: A plan made today looks at least this many years past the current one (issue 12).
AR_FRAMAT = 5

#: The largest number a planning input takes (an amount in kronor or tkr, a share), and the
#: most persons received in a year. Far above any municipality (Sweden received 162,877 asylum
#: seekers in 2015), and low enough that the budget's sums in öre stay 64-bit integers: without
#: them, 20 digits of head count became inf in numpy and a garbage amount in the budget.
TAL_MAX = 1_000_000_000
ANTAL_PER_AR_MAX = 1_000_000


#: The faults `las_tal`, `las_heltal`, `las_antal` and `las_andel` name; a reader of their
#: errors has a message for each (tests/planning/test_underlag.py checks the form and CLI).
INMATNINGSFEL = (
    "inte_tal",
    "for_stort",
    "inte_heltal",
    "negativ",
    "for_manga",
    "over_100",
    "omvant",
)


def las_tal(text: str) -> Decimal:
    """A number as a person types it: Swedish decimal comma or point, spaces between the
    thousands, a minus sign or a hyphen; at most TAL_MAX either way."""
    cleaned = text.strip().replace("\u2212", "-").replace(",", ".").replace(" ", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise InmatningsFel("inte_tal", text) from None
    if not value.is_finite():
        raise InmatningsFel("inte_tal", text)
    if abs(value) > TAL_MAX:
        raise InmatningsFel("for_stort", text)
    return value


def las_heltal(text: str) -> int:
    value = las_tal(text)
    if value != value.to_integral_value():
        raise InmatningsFel("inte_heltal", text)
    return int(value)


def _delar(text: str) -> list[str]:
    """'30' → ['30']; '20-40' or '20–40' → ['20', '40']; a leading minus is a sign."""
    raw = text.strip()
    m = re.fullmatch(r"(\S+?)\s*[-–]\s*(\S+)", raw)
    if m and not raw.startswith(("-", "\u2212")):
        return [m[1], m[2]]
    return [raw]


def _las_del(part: str, text: str) -> Decimal:
    """One end of a range: its fault names the whole range too."""
    try:
        return las_tal(part)
    except InmatningsFel as fel:
        raise InmatningsFel(fel.kod, part, text) from None


def _par(text: str, values: list[Any]) -> Any:
    if len(values) == 2:
        if values[0] > values[1]:
            raise InmatningsFel("omvant", text)
        return {"min": values[0], "max": values[1]}
    return values[0]


def las_antal(text: str, *, intervall: bool = True) -> int | dict[str, int]:
    """Persons per year, or a range 'MIN–MAX' when `intervall`: whole, never negative, at
    most ANTAL_PER_AR_MAX."""
    values = []
    for part in _delar(text) if intervall else [text]:
        v = _las_del(part, text)
        if v < 0:
            raise InmatningsFel("negativ", part, text)
        if v != v.to_integral_value():
            raise InmatningsFel("inte_heltal", part, text)
        if v > ANTAL_PER_AR_MAX:
            raise InmatningsFel("for_manga", part, text)
        values.append(int(v))
    return cast(int | dict[str, int], _par(text, values))


def las_andel(
    text: str, *, intervall: bool = True, procent: bool = False
) -> Decimal | dict[str, Decimal]:
    """A share 0–1, or a range, as a fraction (0.25) or in per cent (25 %): per cent when
    the text ends with % or the field is in per cent (`procent`)."""
    raw = text.strip()
    procent = procent or raw.endswith("%")
    raw = raw.rstrip("%").strip()
    values = []
    for part in _delar(raw) if intervall else [raw]:
        v = _las_del(part, text) / (100 if procent else 1)
        if v < 0:
            raise InmatningsFel("negativ", part, text)
        if v > 1:
            raise InmatningsFel("over_100", part, text)
        values.append(v)
    return cast(Decimal | dict[str, Decimal], _par(text, values))


def planeringsar(forsta: int, antal: int | None = None) -> list[int]:
    """The years a plan from `forsta` covers: `antal` years, or that year and AR_FRAMAT more."""
    return [forsta + i for i in range(antal if antal is not None else AR_FRAMAT + 1)]


@dataclass(frozen=True, slots=True)
class Intervall:
    """A value or a range [lo, hi]; `lo == hi` for a value the source gives exactly."""

    lo: Decimal
    hi: Decimal

    @property
    def exakt(self) -> bool:
        return self.lo == self.hi

    @property
    def mitt(self) -> Decimal:
        return (self.lo + self.hi) / 2

    def text(self) -> str:
        return fmt_tal(self.lo) if self.exakt else f"{fmt_tal(self.lo)}–{fmt_tal(self.hi)}"

    def dra(self, rng: np.random.Generator, n: int, *, heltal: bool) -> npt.NDArray[np.float64]:
        """n draws: uniform integers lo..hi inclusive for counts, uniform reals otherwise."""
        if self.exakt:
            return np.full(n, float(self.lo))
        if heltal:
            return rng.integers(int(self.lo), int(self.hi), size=n, endpoint=True).astype(
                np.float64
            )
        return rng.uniform(float(self.lo), float(self.hi), size=n)


def fmt_tal(value: Decimal | int | float) -> str:
    """Swedish number: space as thousands separator, comma as decimal sign, minus sign."""
    d = Decimal(str(value)) if not isinstance(value, Decimal) else value
    d = d.normalize() if d == d.to_integral_value() else d
    sign = "−" if d < 0 else ""
    d = abs(d)
    whole = int(d)
    frac = d - whole
    text = f"{whole:,}".replace(",", " ")
    if frac:
        decimals = format(frac, "f").split(".")[1].rstrip("0")
        text += "," + decimals
    return sign + text


def _number(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise ValueError(f"ett tal väntades, fick {value!r}")
    number = Decimal(value)
    if abs(number) > TAL_MAX:
        raise ValueError(
            f"{fmt_tal(number)} är för stort; skriv ett tal upp till {fmt_tal(TAL_MAX)}"
        )
    return number


def till_intervall(value: object) -> Intervall:
    """A number, `{min, max}`, or an Intervall; anything else is a ValueError."""
    if isinstance(value, Intervall):
        return value
    if isinstance(value, Mapping):
        keys = set(value)
        if keys != {"min", "max"}:
            raise ValueError(f"ett intervall skrivs {{min, max}}, fick nycklarna {sorted(keys)}")
        lo, hi = _number(value["min"]), _number(value["max"])
        if lo > hi:
            raise ValueError(f"min ({fmt_tal(lo)}) är större än max ({fmt_tal(hi)})")
        return Intervall(lo, hi)
    number = _number(value)
    return Intervall(number, number)


Varde = Annotated[Intervall, BeforeValidator(till_intervall)]


class Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


M = TypeVar("M", bound=BaseModel)


def validera(modell: type[M], data: object, kalla: str) -> M:
    """Validate `data` into `modell`; the first error becomes a PlaneringsFel naming the field."""
    try:
        return modell.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        # Union members show up in the path as type descriptions; a user wrote only keys.
        where = ".".join(
            str(p) for p in first["loc"] if not (isinstance(p, str) and ("[" in p or "(" in p))
        )
        message = (
            "okänd nyckel"
            if first["type"] == "extra_forbidden"
            else str(first["msg"]).removeprefix("Value error, ")
        )
        falt = f"{kalla}: {where}" if where else kalla
        raise PlaneringsFel(falt, message) from error


def _sokvag(kommun_eller_fil: str, flagga: str) -> Path:
    if kommun_eller_fil in KOMMUNER:
        return DATA_DIR / f"{kommun_eller_fil}.yaml"
    path = Path(kommun_eller_fil)
    if path.suffix not in (".yaml", ".yml"):
        kanda = ", ".join(KOMMUNER)
        raise PlaneringsFel(
            flagga, f"okänd kommun '{kommun_eller_fil}'; kända: {kanda}, eller en YAML-fil"
        )
    if not path.is_file():
        raise PlaneringsFel(flagga, f"filen {path} finns inte")
    return path


def _las(path: Path) -> dict[str, Any]:
    try:
        data = read_yaml(path)
    except ParameterError as error:
        raise PlaneringsFel(path.name, error.message) from error
    if not isinstance(data, dict):
        raise PlaneringsFel(path.name, "filen ska innehålla en mappning (nyckel: värde)")
    return data


# The seed documents as a person cites them (/work/shared/seeds, their titles and dates).
DOKUMENT: dict[str, str] = {
    "000": "Alingsås kommun, tjänsteskrivelse om Handlingsplan EFFEKT",
    "001": "Alingsås kommun, Handlingsplan EFFEKT #2.1 (2018-01-08)",
    "002": "Vingåkers kommun, Organisering av och ansvar för integrationsarbetet (2017)",
    "003": "Östersunds kommun, Uppföljande granskning av flyktingmottagningen (2017)",
    "004": "Ekerö kommun, Ett effektivt integrationsarbete (Dnr KS15/66-133, 2015)",
}
# The project's reference summary (domain-facts.md) is no document a reader can look up; its
# sections stand for the statutes their headings cite.
FAKTA: dict[str, str] = {
    "1.1": "förordning (2010:1122) 10–11 §§",
    "1.2": "förordning (2010:1122) 9 §",
    "1.3": "förordning (2010:1122) 15–17 §§",
    "1.4": "förordning (2010:1122)",
    "1.5": "förordning (2017:193) 19 §",
    "1.6": "förordning (2017:193)",
    "1.7": "förordning (2017:193) 4 §",
    "2": "socialtjänstförordningen (2001:937) 2 kap. 1 §",
    "3.1": "förordning (2010:1122) 10 §",
    "3.2": "bosättningslagen (2016:38)",
    "3.3": "socialtjänstlagen (2001:453)",
    "3.4": "lagen (1994:137) om mottagande av asylsökande m.fl.",
}
# "seed 002 §3.4", and in the profiles and rule tables the bare number at the start of a
# source or after a semicolon ("001 §2 (…); 002 §1.3").
_SEED = re.compile(r"\bseed (\d{3})\b|(?:(?<=^)|(?<=; )|(?<=;))(00\d)(?=[ ;,]|$)")
_FAKTA = re.compile(r"domain-facts §(\d(?:\.\d+)?)(?:–§?\d(?:\.\d+)?)?")
_ANTECKNINGAR = re.compile(r";?\s*se metadata\.notes[^;)]*")


def _fakta(m: re.Match[str]) -> str:
    avsnitt = m[1]
    return FAKTA.get(avsnitt) or FAKTA.get(avsnitt.split(".")[0]) or "gällande författning"


def citera(text: str) -> str:
    """A source as a person cites it: "seed 002 §3.4" or a profile's "002 §3.4" → the
    document's name and section; the reference summary's "domain-facts §1.4" → the statute it
    stands for; the parameter files' pointers to their own notes ("se metadata.notes …") left
    out."""
    text = _SEED.sub(lambda m: DOKUMENT.get(m[1] or m[2], m[0]), text)
    text = _FAKTA.sub(_fakta, text)
    return _ANTECKNINGAR.sub("", text)


def kommun_namn(kommun_eller_fil: str) -> str:
    """The municipality's name as people write it ("Vingåkers kommun"), from its file's
    `namn`; a user's own file without one is called by its file name."""
    if kommun_eller_fil not in KOMMUNER:
        return Path(kommun_eller_fil).stem
    return str(_las(_sokvag(kommun_eller_fil, "--kommun")).get("namn") or kommun_eller_fil)


def har_avsnitt(kommun_eller_fil: str, avsnitt: str, flagga: str = "--kommun") -> bool:
    """Whether the municipality's (or the user's) file has a `budget`/`prognos`/… section."""
    return avsnitt in _las(_sokvag(kommun_eller_fil, flagga))


def las_data(
    kommun_eller_fil: str, avsnitt: str, flagga: str = "--kommun"
) -> tuple[dict[str, Any], str]:
    """The `avsnitt` (budget, prognos, organisation) of a municipality's file or a user's file.

    Returns the raw mapping and a name for messages (`vingaker.yaml: budget`).
    """
    path = _sokvag(kommun_eller_fil, flagga)
    data = _las(path)
    section = data.get(avsnitt)
    if section is None:
        raise PlaneringsFel(
            path.name, f"saknar avsnittet '{avsnitt}' (källan ger inget underlag för det)"
        )
    if not isinstance(section, dict):
        raise PlaneringsFel(f"{path.name}: {avsnitt}", "en mappning väntades")
    return section, f"{path.name}: {avsnitt}"


def parameternamn(params: ParameterSet, name: str) -> str:
    """A parameter as a planner names it, not by its path: `schablonersattning[age>=0]` →
    "Schablonersättning, under 65 år". The first clause of the parameter's description
    (up to a parenthesis, comma or "enligt"), and the age band of a bracket."""
    namn, _sep, niva = name.partition("[")
    try:
        parameter = params.parameter(namn)
    except ParameterError:
        return name
    kort = parameter.description.split(" enligt ")[0].split(" (")[0].split(",")[0]
    kort = kort.strip().rstrip(".")
    if niva and isinstance(parameter, Scale) and parameter.threshold_unit == "age":
        grans = int(niva.rstrip("]").partition(">=")[2] or 0)
        hogre = [b.threshold for b in parameter.brackets if b.threshold > grans]
        if grans == 0 and hogre:
            return f"{kort}, under {hogre[0]} år"
        if grans:
            return f"{kort}, {grans} år och äldre"
    return kort
