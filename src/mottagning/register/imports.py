"""Import of persons and events from CSV or Excel, and export in the same columns.

One row is one event of one person; rows with the same `ref` belong to the same person, whose
own fields are read from the first row that has them. A person whose identity number already
exists in the municipality gets the file's events added. The preview lists every bad row and
why; the commit stores everything in one transaction or nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import openpyxl  # type: ignore[import-untyped]  # no stubs in the lock; used through a few calls
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mottagning import exports
from mottagning.accounts.models import User
from mottagning.register import identities, services
from mottagning.register.models import (
    EVENT_TYPES,
    IDENTITY_KINDS,
    PERMIT_GROUNDS,
    PERMIT_TYPES,
    PLACEMENT_FORMS,
    PLACEMENT_GROUNDS,
    SCHOOL_FORMS,
    Event,
    Identity,
    Municipality,
    Person,
    Unit,
)

COLUMNS = (
    "ref",
    "fornamn",
    "efternamn",
    "fodelsedatum",
    "ensamkommande",
    "identitetstyp",
    "identitet",
    "handelse",
    "datum",
    "kommun",
    "tillstand",
    "giltigt_till",
    "grund",
    "bedomt_fodelsedatum",
    "form",
    "slut",
    "skolform",
)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
YES = {"ja", "j", "1", "true", "sant", "x", "yes"}
NO = {"nej", "n", "0", "false", "falskt", "", "no"}


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class PlannedPerson:
    ref: str
    first_row: int
    existing: Person | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    identity: tuple[str, str] | None = None
    events: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Plan:
    persons: list[PlannedPerson]
    errors: list[RowError]
    rows: int

    @property
    def event_count(self) -> int:
        return sum(len(p.events) for p in self.persons)

    @property
    def ok(self) -> bool:
        return not self.errors and self.rows > 0


class FileFormatError(ValueError):
    """The file cannot be read at all (not CSV/Excel, no header, missing columns)."""


def read_rows(
    content: bytes,
    filename: str,
    *,
    required: tuple[str, ...] = ("ref", "fornamn", "efternamn", "fodelsedatum"),
    columns: tuple[str, ...] = COLUMNS,
) -> list[tuple[int, dict[str, str]]]:
    """Rows as (row number in the file, column -> text), header normalised. Other imports
    (claims) pass their own required and documented columns."""
    if filename.lower().endswith(".xlsx"):
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise FileFormatError(
                _("Filen går inte att läsa som Excel (.xlsx): %(e)s") % {"e": exc}
            ) from None
        sheet = workbook.worksheets[0]
        raw_rows: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True):
            raw_rows.append([_cell(v) for v in values])
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FileFormatError(
                _("Filen är inte UTF-8. Spara den som ”CSV UTF-8” och försök igen.")
            ) from None
        first = text.splitlines()[0] if text.strip() else ""
        delimiter = ";" if first.count(";") >= first.count(",") else ","
        # newline="": a bare CR (old Mac files) ends a line instead of breaking the reader.
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            raw_rows = [list(r) for r in reader]
        except csv.Error as exc:
            raise FileFormatError(
                _(
                    "Filen går inte att läsa som CSV på rad %(row)d (%(e)s). Kontrollera att "
                    "citattecknen är parade och att inget fält är orimligt långt."
                )
                % {"row": reader.line_num, "e": exc}
            ) from None
    if not raw_rows:
        raise FileFormatError(_("Filen är tom."))
    header = [h.strip().lower() for h in raw_rows[0]]
    missing = [c for c in required if c not in header]
    if missing:
        raise FileFormatError(
            _("Kolumner saknas i första raden: %(cols)s. Kolumnerna ska vara: %(all)s.")
            % {"cols": ", ".join(missing), "all": ";".join(columns)}
        )
    rows = []
    for number, values in enumerate(raw_rows[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        if any(v.strip() for v in values[len(header) :]):
            # Silently dropping the surplus would store a wrong value: "12,5" unquoted in a
            # comma-separated file is two values, 12 and 5.
            raise FileFormatError(
                _(
                    "Rad %(row)d har fler värden än första raden har kolumner (%(n)d). Ett "
                    "värde som innehåller avgränsaren (till exempel ett decimaltal med komma i "
                    "en kommaseparerad fil) ska stå inom citattecken."
                )
                % {"row": number, "n": len(header)}
            )
        rows.append(
            (
                number,
                {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)},
            )
        )
    return rows


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _fold(text: str) -> str:
    """Case, accents, spaces and hyphens do not matter: "Asylansökan", "asylansokan" and
    "ASYLANSÖKAN" are the same word."""
    plain = unicodedata.normalize("NFKD", text.strip().casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return re.sub(r"[\s\-_]+", "_", plain)


def _code(value: str, choices: Sequence[tuple[str, Any]]) -> str:
    """A value written as its code or as its Swedish (or English) name, as the code; an
    unknown value is returned as written, for the services to name in their message."""
    if not value.strip():
        return ""
    wanted = _fold(value)
    for code, label in choices:
        if wanted in (_fold(code), _fold(str(label))):
            return code
    return value.strip()


def allowed(choices: Sequence[tuple[str, Any]]) -> str:
    """The allowed values, name and code, for a message and the template."""
    return ", ".join(f"{label} ({code})" for code, label in choices)


def _kommun(value: str) -> str:
    """A municipality as its code or its name ("Alingsås", "Alingsås kommun")."""
    if re.fullmatch(r"[a-z_]*", value.strip()):
        return value.strip()  # a code already (or empty): no query per row
    names = list(Municipality.objects.values_list("kod", "namn"))
    names += [(kod, namn.removesuffix(" kommun").removesuffix("s")) for kod, namn in names]
    return _code(value, names)


def _ground(value: str) -> str:
    """A permit's or a placement's ground as the rules core spells it ("lvu" -> "LVU")."""
    return _code(value, PERMIT_GROUNDS + PLACEMENT_GROUNDS)


def parse_date(text: str, row: int, column: str, errors: list[RowError]) -> dt.date | None:
    if not text:
        return None
    try:
        # Only ÅÅÅÅ-MM-DD, as the message says: fromisoformat also takes 19950101 and
        # 1995-W01-1, which a person checking the file would not read as dates.
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        errors.append(
            RowError(row, column, _("”%(v)s” är inget datum; skriv ÅÅÅÅ-MM-DD.") % {"v": text})
        )
        return None


def plan_import(*, content: bytes, filename: str, unit: Unit, user: User) -> Plan:
    """Read and check the whole file without writing anything."""
    from mottagning.register.selectors import person_visibility_q

    rows = read_rows(content, filename)
    errors: list[RowError] = []
    persons: dict[str, PlannedPerson] = {}
    seen_identities: dict[tuple[str, str], str] = {}
    for number, row in rows:
        ref = row.get("ref", "")
        if not ref:
            errors.append(
                RowError(number, "ref", _("Fyll i ref: rader med samma ref hör till samma person."))
            )
            continue
        planned = persons.get(ref)
        if planned is None:
            planned = persons[ref] = PlannedPerson(ref=ref, first_row=number)
            _read_person(
                planned, row, number, unit, user, errors, seen_identities, person_visibility_q
            )
        elif planned.existing is None:
            _check_same(planned, row, number, errors)
        event = _read_event(row, number, unit, errors)
        if event is not None:
            planned.events.append(event)

    for planned in persons.values():
        _check_timeline(planned, unit, errors)
    errors.sort(key=lambda e: (e.row, e.column))
    return Plan(list(persons.values()), errors, len(rows))


def _read_person(
    planned: PlannedPerson,
    row: dict[str, str],
    number: int,
    unit: Unit,
    user: User,
    errors: list[RowError],
    seen: dict[tuple[str, str], str],
    visibility: Any,
) -> None:
    kind, value = row.get("identitetstyp", ""), row.get("identitet", "")
    if kind or value:
        if not (kind and value):
            errors.append(
                RowError(
                    number,
                    "identitet",
                    _("Fyll i både identitetstyp och identitet, eller ingen av dem."),
                )
            )
        else:
            try:
                parsed = identities.validate_identity(kind, value)
            except identities.IdentityError as exc:
                errors.append(RowError(number, "identitet", str(exc)))
            else:
                key = (parsed.kind, parsed.value)
                if key in seen:
                    errors.append(
                        RowError(
                            number,
                            "identitet",
                            _("Samma nummer finns på ref %(r)s i filen.") % {"r": seen[key]},
                        )
                    )
                seen[key] = planned.ref
                planned.identity = key
                found = (
                    Identity.objects.filter(
                        municipality_id=unit.municipality_id, typ=parsed.kind, varde=parsed.value
                    )
                    .select_related("person")
                    .first()
                )
                if found is not None:
                    if not Person.objects.filter(visibility(user), pk=found.person_id).exists():
                        # The same general answer as the forms give, and the attempt logged.
                        blocked = services.identity_taken_error(
                            actor=user,
                            unit=unit,
                            typ=parsed.kind,
                            varde=parsed.value,
                            holder_id=found.person_id,
                            kanal="import",
                        )
                        errors.append(
                            RowError(number, "identitet", blocked.message_dict["varde"][0])
                        )
                    else:
                        planned.existing = found.person
                        return
    if not row.get("fornamn"):
        errors.append(RowError(number, "fornamn", _("Fyll i förnamn.")))
    if not row.get("efternamn"):
        errors.append(RowError(number, "efternamn", _("Fyll i efternamn.")))
    born = parse_date(row.get("fodelsedatum", ""), number, "fodelsedatum", errors)
    if born is None and not row.get("fodelsedatum"):
        errors.append(RowError(number, "fodelsedatum", _("Fyll i födelsedatum (ÅÅÅÅ-MM-DD).")))
    flag = row.get("ensamkommande", "").lower()
    if flag not in YES | NO:
        errors.append(RowError(number, "ensamkommande", _("Skriv ja eller nej.")))
    planned.fields = {
        "fornamn": row.get("fornamn", ""),
        "efternamn": row.get("efternamn", ""),
        "fodelsedatum": born,
        "ensamkommande": flag in YES,
    }
    if born is not None and row.get("fornamn") and row.get("efternamn"):
        # The commit's own check (lengths, characters, plausible dates), so a row the preview
        # accepts is one the commit stores.
        try:
            services.person_prepare(unit=unit, **planned.fields)
        except ValidationError as exc:
            errors.extend(RowError(number, column, m) for column, m in _messages(exc))


def _check_same(
    planned: PlannedPerson, row: dict[str, str], number: int, errors: list[RowError]
) -> None:
    for column in ("fornamn", "efternamn", "fodelsedatum"):
        value = row.get(column, "")
        expected = planned.fields.get(column)
        shown = expected.isoformat() if isinstance(expected, dt.date) else str(expected or "")
        if value and shown and value != shown:
            errors.append(
                RowError(
                    number,
                    column,
                    _(
                        "Skiljer sig från rad %(r)d för samma ref (%(v)s); "
                        "lämna tomt eller skriv samma."
                    )
                    % {"r": planned.first_row, "v": shown},
                )
            )


def _read_event(
    row: dict[str, str], number: int, unit: Unit, errors: list[RowError]
) -> dict[str, Any] | None:
    typ = _code(row.get("handelse", ""), EVENT_TYPES)
    if typ and typ not in {code for code, _label in EVENT_TYPES}:
        errors.append(
            RowError(
                number,
                "handelse",
                _("Okänd händelse ”%(v)s”. Skriv en av: %(tillatna)s.")
                % {"v": typ, "tillatna": allowed(EVENT_TYPES)},
            )
        )
        return None
    if not typ:
        for column in (
            "datum",
            "kommun",
            "tillstand",
            "giltigt_till",
            "grund",
            "bedomt_fodelsedatum",
            "form",
            "slut",
            "skolform",
        ):
            if row.get(column):
                errors.append(
                    RowError(number, "handelse", _("Fyll i händelse: raden har händelseuppgifter."))
                )
                break
        return None
    before = len(errors)
    datum = parse_date(row.get("datum", ""), number, "datum", errors)
    if datum is None and not row.get("datum"):
        errors.append(RowError(number, "datum", _("Fyll i händelsens datum (ÅÅÅÅ-MM-DD).")))
    details: dict[str, Any] = {
        "kommun": _kommun(row.get("kommun", "")),
        "tillstand": row.get("tillstand", "").upper(),
        "giltigt_till": parse_date(row.get("giltigt_till", ""), number, "giltigt_till", errors),
        "grund": _ground(row.get("grund", "")),
        "fodelsedatum": parse_date(
            row.get("bedomt_fodelsedatum", ""), number, "bedomt_fodelsedatum", errors
        ),
        "form": _code(row.get("form", ""), PLACEMENT_FORMS),
        "slut": parse_date(row.get("slut", ""), number, "slut", errors),
        "skolform": _code(row.get("skolform", ""), SCHOOL_FORMS),
    }
    try:
        clean = services.event_fields_clean(typ, details, unit.municipality.kod)
        if datum is not None:
            # The commit's own check of the stored fields (lengths, characters).
            services.event_prepare(
                actor=None,
                person=Person(municipality=unit.municipality),
                typ=typ,
                datum=datum,
                **clean,
            )
    except ValidationError as exc:
        for column, message in _messages(exc):
            name = {"typ": "handelse", "fodelsedatum": "bedomt_fodelsedatum"}.get(column, column)
            errors.append(RowError(number, name, message))
        return None
    if len(errors) > before or datum is None:
        return None
    return {"typ": typ, "datum": datum, "row": number, **clean}


def _messages(exc: ValidationError) -> Iterable[tuple[str, str]]:
    """(column, message) pairs of a service's ValidationError; "__all__" becomes the row's ref."""
    if not hasattr(exc, "error_dict"):
        return [("ref", m) for m in exc.messages]
    return [
        ("ref" if column == "__all__" else column, m)
        for column, messages in exc.message_dict.items()
        for m in messages
    ]


def _check_timeline(planned: PlannedPerson, unit: Unit, errors: list[RowError]) -> None:
    if not planned.events:
        return
    if planned.existing is not None:
        person = planned.existing
    else:
        if planned.fields.get("fodelsedatum") is None:
            return
        person = Person(
            municipality=unit.municipality,
            fodelsedatum=planned.fields["fodelsedatum"],
            ensamkommande=planned.fields["ensamkommande"],
        )
    existing = (
        [e.as_rules_json() for e in Event.objects.filter(person=planned.existing)]
        if planned.existing
        else []
    )
    new = [_event_json(e) for e in planned.events]
    try:
        services.timeline_check(person, [*existing, *new])
    except ValidationError as exc:
        for message in exc.messages:
            errors.append(
                RowError(
                    planned.first_row,
                    "handelse",
                    _("Tidslinjen för ref %(r)s: %(m)s") % {"r": planned.ref, "m": message},
                )
            )


def _event_json(event: dict[str, Any]) -> dict[str, str]:
    return {
        k: (v.isoformat() if isinstance(v, dt.date) else v)
        for k, v in event.items()
        if k != "row" and v not in (None, "")
    }


@transaction.atomic
def commit_import(*, plan: Plan, unit: Unit, user: User, reason: str) -> tuple[int, int]:
    """Store the whole plan or nothing; returns (new persons, events)."""
    if not plan.ok:
        raise ValidationError(_("Filen har fel och importerades inte."))
    created = 0
    events = 0
    for planned in plan.persons:
        event_data = [{k: v for k, v in e.items() if k != "row"} for e in planned.events]
        if planned.existing is not None:
            services.event_create_many(
                actor=user, person=planned.existing, events=event_data, reason=reason
            )
        else:
            services.person_create(
                actor=user,
                unit=unit,
                identity_list=[planned.identity] if planned.identity else [],
                events=event_data,
                reason=reason,
                **planned.fields,
            )
            created += 1
        events += len(event_data)
    return created, events


def export_rows(persons: Iterable[Person]) -> Iterator[list[str]]:
    """The import's columns, one row per event (a person without events gets one row)."""
    yield list(COLUMNS)
    for person in persons:
        identity = next(iter(person.identiteter.all()), None)
        base = [
            str(person.pk),
            person.fornamn,
            person.efternamn,
            person.fodelsedatum.isoformat(),
            "ja" if person.ensamkommande else "nej",
            identity.typ if identity else "",
            identity.varde if identity else "",
        ]
        events = list(person.handelser.all())
        if not events:
            yield base + [""] * 9
        for event in events:
            yield [
                *base,
                event.typ,
                event.datum.isoformat(),
                event.kommun,
                event.tillstand,
                event.giltigt_till.isoformat() if event.giltigt_till else "",
                event.grund,
                event.fodelsedatum.isoformat() if event.fodelsedatum else "",
                event.form,
                event.slut.isoformat() if event.slut else "",
            ]


def export_csv(persons: Iterable[Person]) -> bytes:
    """The register in the import format (a file that can be imported again), through the
    shared export (`mottagning.exports`): BOM, semicolons, formulas kept as text."""
    rows = export_rows(persons)
    return exports.csv_bytes(next(rows), rows)


def export_xlsx(persons: Iterable[Person]) -> bytes:
    rows = export_rows(persons)
    header = next(rows)
    return exports.xlsx_bytes([exports.Blad("Register", header, rows)])


def template_tables(
    municipalities: Sequence[tuple[str, str]],
) -> tuple[list[str], list[list[str]], list[list[str]]]:
    """The import template: the columns, one example person, and the allowed values of each
    coded column (name and code; either is accepted, whatever the case or accents)."""
    example = [
        ["1", "Amina", "Hassan", "1990-05-10", "nej", "", "", "Asylansökan", "2023-01-10"],
        ["1", "", "", "", "", "", "", "Uppehållstillstånd", "2023-09-01", "", "PUT"],
    ]
    example = [row + [""] * (len(COLUMNS) - len(row)) for row in example]
    values = [["kolumn", "värde", "kod"]]
    for column, choices in (
        ("handelse", EVENT_TYPES),
        ("tillstand", PERMIT_TYPES),
        ("grund", PERMIT_GROUNDS + PLACEMENT_GROUNDS),
        ("form", PLACEMENT_FORMS),
        ("skolform", SCHOOL_FORMS),
        ("identitetstyp", IDENTITY_KINDS),
        ("kommun", list(municipalities)),
        ("ensamkommande", [("ja", "ja"), ("nej", "nej")]),
    ):
        values += [[column, str(label), code] for code, label in choices]
    return list(COLUMNS), example, values
