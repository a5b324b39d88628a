"""Dated parameters: amounts and limits from law and from the seeds, each with its source.

The YAML files in `parameters/` are shaped like OpenFisca's: `description`, `metadata: {unit,
reference}`, and `values: {YYYY-MM-DD: {value, reference, status}}`, where a value holds from
its date until the next one. A `null` value ends the previous one: with a verified status it
means the rule ended (grundersättning after 2019); with status NF it means nobody has found
the amount (riksnorm 2018), so asking for it fails instead of quietly using an old figure.

Three shapes of file, told apart by their keys:

* `values`   — one dated amount (grundersättning, prisbasbelopp);
* `brackets` — dated amounts by a threshold (`metadata.threshold_unit`: age, persons or
  places), e.g. schablonersättning under 65 / 65 and over;
* `children` — a node whose named children are any of the three (LMA dagersättning by
  household type).

Money is exact: YAML numbers are read as `Decimal` from the text as written (a custom
loader, so `0.1745` never passes through a float), and schema validation is strict — an
unknown key, a float, a bool or a date that is not a date is an error naming the file and
the key path.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

PARAMETER_DIR = Path(__file__).parent / "parameters"

#: Status legend of ../shared/reference/domain-facts.md: V verified, V2 verified on a
#: secondary page, D derived by arithmetic, R recalled or inferred, NF not found.
Status = Literal["V", "V2", "D", "R", "NF"]
#: A loaded entry may also be U: a value the user entered for a scenario or a year
#: (`ParameterSet.with_overrides`); it is never written in a YAML file.
EntryStatus = Literal["V", "V2", "D", "R", "NF", "U"]
UNCERTAIN: frozenset[str] = frozenset({"D", "R", "NF"})
#: The legend in words, for whatever a person reads (pages, exports, notes).
STATUS_TEXT: dict[str, str] = {
    "V": "verifierat",
    "V2": "verifierat i andra hand",
    "D": "härlett",
    "R": "osäkert",
    "NF": "inte hittat",
    "U": "angivet av användaren",
}
USER_STATUS: Literal["U"] = "U"

ThresholdUnit = Literal["age", "persons", "places"]

_UNCERTAIN_MARKER = {"R": "OSÄKERT", "D": "HÄRLETT"}


class ParameterError(ValueError):
    """A parameter that cannot answer: unknown name, no value on that date, or a bad file.

    The message is a Swedish sentence naming the parameter and the date (or the file and key
    path), fit to show a user as it is.
    """

    def __init__(self, message: str, *, name: str | None = None, on: dt.date | None = None):
        self.message = message
        self.name = name
        self.on = on
        super().__init__(message)


# --- reading YAML without floats -----------------------------------------------------------


class _DecimalLoader(yaml.SafeLoader):
    """SafeLoader that turns YAML floats into Decimal from their text, never via float."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    text = str(loader.construct_scalar(node))  # type: ignore[arg-type]
    return Decimal(text.replace("_", ""))


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


# --- schema ------------------------------------------------------------------------------


def _exact_number(value: object) -> object:
    # bool is an int in Python; `yes` in YAML must not become 1 kr.
    if isinstance(value, bool):
        raise ValueError("ett tal väntades, inte sant/falskt")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("ett ändligt tal väntades")
        return value
    if value is None:
        return None
    raise ValueError(f"ett tal väntades, fick {type(value).__name__}")


Amount = Annotated[Decimal | None, BeforeValidator(_exact_number)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class ValueSchema(_Strict):
    value: Amount
    reference: Annotated[str, Field(min_length=1)]
    status: Status

    @model_validator(mode="after")
    def _status_fits(self) -> ValueSchema:
        if self.status == "NF" and self.value is not None:
            raise ValueError("status NF (inte funnet) kräver value: null")
        # The reference text carries the status too, so a reader of the YAML or of an
        # explanation sees how sure the figure is without looking up another field.
        if f"({self.status})" not in self.reference:
            raise ValueError(f"reference ska ange status som '({self.status})'")
        # domain-facts: R and D are not authority numbers; say so where a reader looks.
        marker = _UNCERTAIN_MARKER.get(self.status)
        if marker and self.value is not None and marker not in self.reference:
            raise ValueError(f"status {self.status} kräver att reference innehåller '{marker}'")
        return self


Values = dict[dt.date, ValueSchema]


def _check_values(values: Values) -> Values:
    if not values:
        raise ValueError("minst ett daterat värde behövs")
    return values


class MetadataSchema(_Strict):
    unit: str | None = None
    reference: str | None = None
    threshold_unit: ThresholdUnit | None = None
    notes: list[str] = Field(default_factory=list)


class ScalarSchema(_Strict):
    description: Annotated[str, Field(min_length=1)]
    metadata: MetadataSchema | None = None
    values: Values

    _values_not_empty = field_validator("values")(_check_values)


class BracketSchema(_Strict):
    threshold: Annotated[int, Field(ge=0)]
    amount: Values

    _values_not_empty = field_validator("amount")(_check_values)


class ScaleSchema(_Strict):
    description: Annotated[str, Field(min_length=1)]
    metadata: MetadataSchema | None = None
    brackets: Annotated[list[BracketSchema], Field(min_length=1)]

    @field_validator("brackets")
    @classmethod
    def _increasing(cls, brackets: list[BracketSchema]) -> list[BracketSchema]:
        thresholds = [b.threshold for b in brackets]
        if thresholds != sorted(set(thresholds)):
            raise ValueError(f"trösklarna måste vara strikt stigande, fick {thresholds}")
        return brackets


class NodeSchema(_Strict):
    description: Annotated[str, Field(min_length=1)]
    metadata: MetadataSchema | None = None
    children: dict[str, Any]


_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


# --- loaded parameters -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParameterValue:
    """One dated value with its source: what a "why" shows next to an amount."""

    name: str
    start: dt.date
    value: Decimal | None
    reference: str
    status: EntryStatus
    unit: str
    #: No source gives a value from `start`: the last known value (from `carried_from`) is
    #: carried forward as an *antagande*, to be shown as such and overridable by the user.
    antagande: bool = False
    carried_from: dt.date | None = None

    @property
    def uncertain(self) -> bool:
        """True for derived, recalled or not-found figures (status D, R or NF) and antaganden."""
        return self.antagande or self.status in UNCERTAIN


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    description: str
    unit: str
    reference: str
    values: tuple[ParameterValue, ...]  # sorted by start
    notes: tuple[str, ...] = ()

    def at(self, on: dt.date) -> ParameterValue:
        found: ParameterValue | None = None
        for entry in self.values:
            if entry.start <= on:
                found = entry
            else:
                break
        if found is None:
            first = self.values[0].start.isoformat()
            raise ParameterError(
                f"Parametern {self.name} saknar värde {on.isoformat()}: inga parametrar för det "
                f"året (första kända värde gäller från {first}).",
                name=self.name,
                on=on,
            )
        if found.value is None and found.status == "NF":
            return self._carried_forward(found)
        return found

    def _carried_forward(self, unknown: ParameterValue) -> ParameterValue:
        # House rule: an amount nobody has found is never invented and never silently
        # replaced. The last known value holds, flagged as an antagande wherever it is shown.
        known = [e for e in self.values if e.start < unknown.start and e.value is not None]
        if not known:
            return unknown
        last = known[-1]
        return ParameterValue(
            name=self.name,
            start=unknown.start,
            value=last.value,
            reference=(
                f"ANTAGANDE: {unknown.reference}; senast kända värde ({last.value} från "
                f"{last.start.isoformat()}, {last.reference}) förs fram"
            ),
            status=unknown.status,
            unit=self.unit,
            antagande=True,
            carried_from=last.start,
        )

    def with_value(self, start: dt.date, value: Decimal, reference: str) -> Parameter:
        """This parameter with a user-entered value from `start` (replacing one that began then)."""
        entry = ParameterValue(
            name=self.name,
            start=start,
            value=value,
            reference=reference,
            status=USER_STATUS,
            unit=self.unit,
        )
        values = sorted(
            (*(e for e in self.values if e.start != start), entry), key=lambda e: e.start
        )
        return replace(self, values=tuple(values))


@dataclass(frozen=True, slots=True)
class Bracket:
    threshold: int
    amount: Parameter


@dataclass(frozen=True, slots=True)
class Scale:
    name: str
    description: str
    unit: str
    reference: str
    threshold_unit: ThresholdUnit
    brackets: tuple[Bracket, ...]
    notes: tuple[str, ...] = ()

    def bracket_for(self, threshold_value: int) -> Bracket:
        chosen: Bracket | None = None
        for bracket in self.brackets:
            if bracket.threshold <= threshold_value:
                chosen = bracket
        if chosen is None:
            lowest = self.brackets[0].threshold
            raise ParameterError(
                f"Parametern {self.name} har ingen nivå för {self.threshold_unit}="
                f"{threshold_value} (lägsta tröskel är {lowest}).",
                name=self.name,
            )
        return chosen


def _value_text(entry: ParameterValue, on: dt.date) -> str:
    if entry.status == "NF":
        return (
            f"Parametern {entry.name} saknar värde {on.isoformat()}: inga parametrar för det "
            f"året ({entry.reference})."
        )
    return (
        f"Parametern {entry.name} har inget värde {on.isoformat()}: inget belopp gäller från "
        f"{entry.start.isoformat()} ({entry.reference})."
    )


class ParameterSet:
    """All parameters, by dotted name (`file.child.child`)."""

    def __init__(self, parameters: Mapping[str, Parameter | Scale]) -> None:
        self._parameters = dict(parameters)

    def names(self) -> list[str]:
        return sorted(self._parameters)

    def with_overrides(
        self,
        overrides: Mapping[str, Mapping[dt.date, Decimal]],
        *,
        reference: str = "Angivet av användaren (U)",
    ) -> ParameterSet:
        """A copy where the user's own values replace or fill in dated entries.

        Keys are parameter names, or a bracket's name as `lookup_bracket` reports it
        (`schablonersattning[age>=65]`). A user's value holds from its date until the next
        dated entry, like any other; it is marked with status U, not as a source.
        """
        parameters = dict(self._parameters)
        for name, dated in overrides.items():
            scale_name, _, bracket = name.partition("[")
            target = parameters.get(scale_name if bracket else name)
            if target is None:
                raise ParameterError(f"Okänd parameter: {name}.", name=name)
            for start, value in dated.items():
                if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
                    raise ParameterError(
                        f"Parametern {name} från {start.isoformat()}: ett belopp som inte är "
                        f"negativt väntades, fick {value!r}.",
                        name=name,
                        on=start,
                    )
                if isinstance(target, Parameter):
                    if bracket:
                        raise ParameterError(f"Parametern {scale_name} har inga nivåer.", name=name)
                    target = target.with_value(start, value, reference)
                    continue
                if not bracket:
                    raise ParameterError(
                        f"Parametern {name} har nivåer efter {target.threshold_unit}; ange "
                        f"nivån som {name}[{target.threshold_unit}>=N].",
                        name=name,
                    )
                brackets = list(target.brackets)
                for i, b in enumerate(brackets):
                    if b.amount.name == name:
                        brackets[i] = Bracket(
                            b.threshold, b.amount.with_value(start, value, reference)
                        )
                        break
                else:
                    raise ParameterError(f"Okänd nivå: {name}.", name=name)
                target = replace(target, brackets=tuple(brackets))
            parameters[scale_name if bracket else name] = target
        return ParameterSet(parameters)

    def __contains__(self, name: object) -> bool:
        return name in self._parameters

    def parameter(self, name: str) -> Parameter | Scale:
        try:
            return self._parameters[name]
        except KeyError:
            raise ParameterError(f"Okänd parameter: {name}.", name=name) from None

    def lookup(self, name: str, on: dt.date) -> ParameterValue:
        """The entry in force on `on`; its value is None when the rule ended or is unknown."""
        parameter = self.parameter(name)
        if isinstance(parameter, Scale):
            raise ParameterError(
                f"Parametern {name} har nivåer efter {parameter.threshold_unit}; "
                "använd get_bracket.",
                name=name,
                on=on,
            )
        return parameter.at(on)

    def get(self, name: str, on: dt.date) -> Decimal:
        """The amount in force on `on`, or ParameterError naming the parameter and date."""
        entry = self.lookup(name, on)
        if entry.value is None:
            raise ParameterError(_value_text(entry, on), name=name, on=on)
        return entry.value

    def lookup_bracket(
        self,
        name: str,
        on: dt.date,
        *,
        age: int | None = None,
        persons: int | None = None,
        places: int | None = None,
    ) -> ParameterValue:
        """The entry of the bracket that `age`, `persons` or `places` falls in, on `on`."""
        scale = self.parameter(name)
        if not isinstance(scale, Scale):
            raise ParameterError(
                f"Parametern {name} har inga nivåer; använd get.", name=name, on=on
            )
        given = (("age", age), ("persons", persons), ("places", places))
        chosen = {k: v for k, v in given if v is not None}
        if list(chosen) != [scale.threshold_unit]:
            raise ParameterError(
                f"Parametern {name} har nivåer efter {scale.threshold_unit}; ange just det "
                f"(fick {', '.join(chosen) or 'inget'}).",
                name=name,
                on=on,
            )
        threshold_value = chosen[scale.threshold_unit]
        if threshold_value < 0:
            raise ParameterError(
                f"Parametern {name}: {scale.threshold_unit} kan inte vara negativt "
                f"({threshold_value}).",
                name=name,
                on=on,
            )
        return scale.bracket_for(threshold_value).amount.at(on)

    def get_bracket(
        self,
        name: str,
        on: dt.date,
        *,
        age: int | None = None,
        persons: int | None = None,
        places: int | None = None,
    ) -> Decimal:
        """The bracket amount for `age` (or `persons`, `places`) on `on`."""
        entry = self.lookup_bracket(name, on, age=age, persons=persons, places=places)
        if entry.value is None:
            raise ParameterError(_value_text(entry, on), name=name, on=on)
        return entry.value


# --- loading -----------------------------------------------------------------------------


_DATE_REPR = re.compile(r"datetime\.date\((\d+), (\d+), (\d+)\)")


def _format_loc(loc: tuple[int | str, ...]) -> str:
    # pydantic shows a dict key that is a date as its repr; a YAML author wrote 2017-07-01.
    text = ".".join(str(part) for part in loc)
    return _DATE_REPR.sub(lambda m: f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}", text)


def _raise_schema(file: Path, path: str, error: ValidationError) -> None:
    first = error.errors()[0]
    where = ".".join(p for p in (path, _format_loc(first["loc"])) if p)
    kind = first["type"]
    message = "okänd nyckel" if kind == "extra_forbidden" else first["msg"]
    raise ParameterError(f"{file.name}: {where or '(filen)'}: {message}.") from error


@dataclass(frozen=True, slots=True)
class _Inherited:
    unit: str | None
    reference: str | None


def _entries(name: str, values: Values, unit: str) -> tuple[ParameterValue, ...]:
    return tuple(
        ParameterValue(
            name=name,
            start=start,
            value=v.value,
            reference=v.reference,
            status=v.status,
            unit=unit,
        )
        for start, v in sorted(values.items())
    )


def _require(file: Path, path: str, inherited: _Inherited) -> tuple[str, str]:
    if not inherited.unit or not inherited.reference:
        raise ParameterError(
            f"{file.name}: {path}: metadata.unit och metadata.reference saknas "
            "(här eller i en överordnad nod)."
        )
    return inherited.unit, inherited.reference


def _parse(
    file: Path,
    name: str,
    path: str,
    data: object,
    inherited: _Inherited,
    out: dict[str, Parameter | Scale],
) -> None:
    if not isinstance(data, dict):
        raise ParameterError(f"{file.name}: {path or '(filen)'}: en mappning väntades.")
    kinds = [k for k in ("values", "brackets", "children") if k in data]
    if len(kinds) != 1:
        raise ParameterError(
            f"{file.name}: {path or '(filen)'}: precis en av nycklarna values, brackets "
            f"eller children väntades (fick {', '.join(kinds) or 'ingen'})."
        )
    kind = kinds[0]
    try:
        if kind == "values":
            scalar = ScalarSchema.model_validate(data)
            meta = scalar.metadata or MetadataSchema()
            here = _Inherited(meta.unit or inherited.unit, meta.reference or inherited.reference)
            unit, reference = _require(file, path, here)
            if meta.threshold_unit is not None:
                raise ParameterError(
                    f"{file.name}: {path}.metadata.threshold_unit: bara för brackets."
                )
            out[name] = Parameter(
                name=name,
                description=scalar.description,
                unit=unit,
                reference=reference,
                values=_entries(name, scalar.values, unit),
                notes=tuple(meta.notes),
            )
        elif kind == "brackets":
            scale = ScaleSchema.model_validate(data)
            meta = scale.metadata or MetadataSchema()
            here = _Inherited(meta.unit or inherited.unit, meta.reference or inherited.reference)
            unit, reference = _require(file, path, here)
            if meta.threshold_unit is None:
                raise ParameterError(
                    f"{file.name}: {path or '(filen)'}: metadata.threshold_unit saknas "
                    "(age, persons eller places)."
                )
            out[name] = Scale(
                name=name,
                description=scale.description,
                unit=unit,
                reference=reference,
                threshold_unit=meta.threshold_unit,
                brackets=tuple(
                    Bracket(
                        threshold=b.threshold,
                        amount=Parameter(
                            name=f"{name}[{meta.threshold_unit}>={b.threshold}]",
                            description=scale.description,
                            unit=unit,
                            reference=reference,
                            values=_entries(
                                f"{name}[{meta.threshold_unit}>={b.threshold}]", b.amount, unit
                            ),
                        ),
                    )
                    for b in scale.brackets
                ),
                notes=tuple(meta.notes),
            )
        else:
            node = NodeSchema.model_validate(data)
            meta = node.metadata or MetadataSchema()
            here = _Inherited(meta.unit or inherited.unit, meta.reference or inherited.reference)
            if not node.children:
                raise ParameterError(f"{file.name}: {path or '(filen)'}.children: tom.")
            for child, child_data in node.children.items():
                if not isinstance(child, str) or not _NAME.match(child):
                    raise ParameterError(
                        f"{file.name}: {path + '.' if path else ''}children.{child}: "
                        "namn ska vara små bokstäver, siffror och _."
                    )
                child_path = f"{path + '.' if path else ''}children.{child}"
                _parse(file, f"{name}.{child}", child_path, child_data, here, out)
    except ValidationError as error:
        _raise_schema(file, path, error)


def read_yaml(path: Path) -> object:
    """Read a YAML file with numbers as exact Decimal (as the parameters are read).

    For other YAML data that carries money (planning assumptions): `0.25` stays
    `Decimal("0.25")`. Raises ParameterError naming the file when it is not valid YAML.
    """
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_DecimalLoader)
    except (yaml.YAMLError, ValueError) as error:
        # ValueError: a YAML timestamp that is no date (2017-13-01), raised by PyYAML.
        raise ParameterError(f"{path.name}: inte giltig YAML: {error}") from error


def load_parameter_directory(directory: Path) -> ParameterSet:
    """Read and validate every `*.yaml` in `directory` (not cached; for tests and tools)."""
    out: dict[str, Parameter | Scale] = {}
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise ParameterError(f"Inga parameterfiler i {directory}.")
    for file in files:
        if not _NAME.match(file.stem):
            raise ParameterError(f"{file.name}: filnamnet ska vara små bokstäver, siffror och _.")
        data = read_yaml(file)
        _parse(file, file.stem, "", data, _Inherited(None, None), out)
    return ParameterSet(out)


@functools.cache
def load_parameters() -> ParameterSet:
    """The bundled parameters, read and validated once per process."""
    return load_parameter_directory(PARAMETER_DIR)
