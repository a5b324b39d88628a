"""Imports of the economy from files: costs from the municipality's economy system, and
Migrationsverket's payment decisions. CSV (UTF-8, ; or ,) or Excel (.xlsx), read by the
register's import machinery (register.imports.read_rows, RowError, parse_date). The preview
lists every bad row by row and column; the commit stores everything in one transaction or
nothing (claims.services.ekonomi_import_commit).

Persons are found by identity number (identitetstyp, identitet), as the economy system knows
them, among the municipality's persons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from mottagning.claims import periods
from mottagning.claims.types import COST_KINDS
from mottagning.config.converters import whole_number
from mottagning.placements.models import Placering
from mottagning.register import identities
from mottagning.register.imports import FileFormatError, RowError, parse_date, read_rows
from mottagning.register.models import Identity, Person, Unit
from mottagning.rules.codes import ERSATTNINGSTYP
from mottagning.rules.compensation import KOSTNAD_MAX_KRONOR

COST_COLUMNS = (
    "identitetstyp",
    "identitet",
    "slag",
    "fran",
    "till",
    "belopp",
    "enhet",
    "anordnare",
    "dagar",
    "placering",
    "verifikation",
)
COST_REQUIRED = ("identitetstyp", "identitet", "slag", "fran", "till", "belopp", "enhet")
PAYMENT_COLUMNS = (
    "referens",
    "beslutsdatum",
    "typ",
    "ar",
    "kvartal",
    "belopp",
    "identitetstyp",
    "identitet",
)
PAYMENT_REQUIRED = ("referens", "beslutsdatum", "typ", "ar", "kvartal", "belopp")


@dataclass
class Plan:
    rows: list[dict[str, Any]]
    errors: list[RowError]
    total: Decimal = Decimal("0.00")
    persons: dict[int, Person] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def _amount(text: str, row: int, column: str, errors: list[RowError]) -> Decimal | None:
    # Swedish economy systems write 1 234,50; Excel hands over 1234.5.
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = None
    if (
        value is None
        or not value.is_finite()
        or value < 0
        # Before quantize, which cannot hold 1e308 to the öre (InvalidOperation, a 500).
        or value > KOSTNAD_MAX_KRONOR
        or value != value.quantize(Decimal("0.01"))
    ):
        errors.append(
            RowError(
                row,
                column,
                _(
                    "”%(v)s” är inget belopp; skriv kronor med högst två decimaler och högst "
                    "%(max)s kr, t.ex. 1234,50."
                )
                % {"v": text, "max": number_format(KOSTNAD_MAX_KRONOR, 0, force_grouping=True)},
            )
        )
        return None
    return value.quantize(Decimal("0.01"))


def _integer(
    text: str, row: int, column: str, errors: list[RowError], *, lo: int, hi: int
) -> int | None:
    number = whole_number(text)
    if number is not None and lo <= number <= hi:
        return number
    errors.append(
        RowError(
            row,
            column,
            _("”%(v)s”: skriv ett heltal från %(lo)d till %(hi)d.")
            % {"v": text, "lo": lo, "hi": hi},
        )
    )
    return None


def _person(
    row: dict[str, str],
    number: int,
    municipality_id: int,
    errors: list[RowError],
    *,
    required: bool,
) -> Person | None:
    kind = row.get("identitetstyp", "").strip().lower()
    raw = row.get("identitet", "").strip()
    if not raw and not required:
        return None
    try:
        value = identities.validate_identity(kind, raw).value
    except identities.IdentityError as exc:
        errors.append(RowError(number, "identitet", str(exc)))
        return None
    found = (
        Identity.objects.filter(municipality_id=municipality_id, typ=kind, varde=value)
        .select_related("person")
        .first()
    )
    if found is None:
        errors.append(
            RowError(
                number,
                "identitet",
                _(
                    "Ingen person i kommunens register har %(typ)s %(nr)s. Registrera personen "
                    "först eller rätta numret."
                )
                % {"typ": kind, "nr": raw},
            )
        )
        return None
    person: Person = found.person
    return person


def plan_costs(*, content: bytes, filename: str, municipality_id: int) -> Plan:
    """Read and check a cost file without writing anything."""
    rows = read_rows(content, filename, required=COST_REQUIRED, columns=COST_COLUMNS)
    errors: list[RowError] = []
    units = {u.kod.lower(): u for u in Unit.objects.filter(municipality_id=municipality_id)}
    kinds = {code for code, _label in COST_KINDS}
    plan = Plan(rows=[], errors=errors)
    for number, row in rows:
        before = len(errors)
        person = _person(row, number, municipality_id, errors, required=True)
        slag = row.get("slag", "").strip().lower()
        if slag not in kinds:
            errors.append(
                RowError(
                    number,
                    "slag",
                    _("Okänt slag ”%(v)s”; välj ett av: %(all)s.")
                    % {"v": row.get("slag", ""), "all": ", ".join(sorted(kinds))},
                )
            )
        fran = parse_date(row.get("fran", ""), number, "fran", errors)
        till = parse_date(row.get("till", ""), number, "till", errors)
        if fran is None and not row.get("fran"):
            errors.append(RowError(number, "fran", _("Fyll i från-datum (ÅÅÅÅ-MM-DD).")))
        if till is None and not row.get("till"):
            errors.append(RowError(number, "till", _("Fyll i till-datum (ÅÅÅÅ-MM-DD).")))
        belopp = _amount(row.get("belopp", ""), number, "belopp", errors)
        unit = units.get(row.get("enhet", "").strip().lower())
        if unit is None:
            errors.append(
                RowError(
                    number,
                    "enhet",
                    _("Okänd enhet ”%(v)s”; skriv enhetens kod som den står i kommunens profil.")
                    % {"v": row.get("enhet", "")},
                )
            )
        dagar = None
        if row.get("dagar"):
            dagar = _integer(row["dagar"], number, "dagar", errors, lo=1, hi=366)
        placering = None
        if row.get("placering"):
            placering_id = _integer(
                row["placering"], number, "placering", errors, lo=1, hi=2**31 - 1
            )
            placering = (
                Placering.objects.filter(pk=placering_id, municipality_id=municipality_id).first()
                if placering_id is not None
                else None
            )
            if placering_id is not None and (
                placering is None or person is None or placering.person_id != person.pk
            ):
                errors.append(
                    RowError(number, "placering", _("Placeringen finns inte för den här personen."))
                )
        if len(errors) > before:
            continue
        assert person is not None
        assert unit is not None
        assert fran is not None
        assert till is not None
        assert belopp is not None
        data = {
            "row": number,
            "person": person,
            "enhet": unit,
            "slag": slag,
            "fran": fran,
            "till": till,
            "belopp": belopp,
            "anordnare": row.get("anordnare", ""),
            "dagar": dagar,
            "placering": placering,
            "verifikation": row.get("verifikation", "")[:60],
        }
        _check_cost(data, number, errors)
        plan.rows.append(data)
        plan.total += belopp
        plan.persons[person.pk] = person
    return plan


def _check_cost(data: dict[str, Any], number: int, errors: list[RowError]) -> None:
    """The service's own validation, so the preview says what the commit would refuse."""
    from mottagning.claims.models import Kostnad
    from mottagning.claims.services import validate_kostnad

    kostnad = Kostnad(
        municipality_id=data["person"].municipality_id,
        **{k: v for k, v in data.items() if k != "row"},
    )
    try:
        validate_kostnad(kostnad)
    except ValidationError as exc:
        for column, messages in exc.message_dict.items():
            for message in messages:
                errors.append(RowError(number, column, message))


def plan_payments(*, content: bytes, filename: str, municipality_id: int) -> Plan:
    """Read and check a file of payment decisions without writing anything."""
    rows = read_rows(content, filename, required=PAYMENT_REQUIRED, columns=PAYMENT_COLUMNS)
    errors: list[RowError] = []
    plan = Plan(rows=[], errors=errors)
    this_year = timezone.localdate().year + 1
    for number, row in rows:
        before = len(errors)
        referens = row.get("referens", "").strip()
        if not referens:
            errors.append(RowError(number, "referens", _("Fyll i beslutets referens.")))
        datum = parse_date(row.get("beslutsdatum", ""), number, "beslutsdatum", errors)
        if datum is None and not row.get("beslutsdatum"):
            errors.append(RowError(number, "beslutsdatum", _("Fyll i beslutsdatum (ÅÅÅÅ-MM-DD).")))
        typ = row.get("typ", "").strip().lower()
        if typ not in ERSATTNINGSTYP:
            errors.append(
                RowError(
                    number,
                    "typ",
                    _("Okänd ersättningstyp ”%(v)s”; välj en av: %(all)s.")
                    % {"v": row.get("typ", ""), "all": ", ".join(ERSATTNINGSTYP)},
                )
            )
        ar = _integer(row.get("ar", ""), number, "ar", errors, lo=2000, hi=this_year)
        kvartal = _integer(row.get("kvartal", ""), number, "kvartal", errors, lo=1, hi=4)
        belopp = _amount(row.get("belopp", ""), number, "belopp", errors)
        person = _person(row, number, municipality_id, errors, required=False)
        if len(errors) > before:
            continue
        assert datum is not None
        assert ar is not None
        assert kvartal is not None
        assert belopp is not None
        if datum < periods.quarter_bounds(ar, kvartal)[1]:
            errors.append(
                RowError(
                    number,
                    "beslutsdatum",
                    _("Beslutet är daterat före kvartalets slut; kontrollera år och kvartal."),
                )
            )
            continue
        plan.rows.append(
            {
                "row": number,
                "referens": referens[:60],
                "beslutsdatum": datum,
                "typ": typ,
                "ar": ar,
                "kvartal": kvartal,
                "belopp": belopp,
                "person": person,
            }
        )
        plan.total += belopp
        if person is not None:
            plan.persons[person.pk] = person
    return plan


def plan_file(*, slag: str, content: bytes, filename: str, municipality_id: int) -> Plan:
    from mottagning.claims.models import KOSTNADER

    if slag == KOSTNADER:
        return plan_costs(content=content, filename=filename, municipality_id=municipality_id)
    return plan_payments(content=content, filename=filename, municipality_id=municipality_id)


__all__ = ["FileFormatError", "Plan", "plan_costs", "plan_file", "plan_payments"]
