"""Validation of the identity numbers newcomers carry, each by its own checksum and date rules.

Many newcomers have only Migrationsverket's dossiernummer or a samordningsnummer for years, so
identities are rows of their own (kind, value, validity) and never a primary key.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from personnummer import personnummer as pnr_lib  # type: ignore[import-untyped]  # untyped

PERSONNUMMER = "personnummer"
SAMORDNINGSNUMMER = "samordningsnummer"
DOSSIERNUMMER = "dossiernummer"
RESERVNUMMER = "reservnummer"

KINDS = (PERSONNUMMER, SAMORDNINGSNUMMER, DOSSIERNUMMER, RESERVNUMMER)


class IdentityError(ValueError):
    """A number that is not valid for its kind; the message says why and how to write it."""


@dataclass(frozen=True)
class Identity:
    kind: str
    value: str  # normalised: the form stored and compared
    birth_date: dt.date | None  # where the number carries one


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def _swedish_number(raw: str, *, coordination: bool, today: dt.date) -> Identity:
    kind = SAMORDNINGSNUMMER if coordination else PERSONNUMMER
    text = raw.strip()
    if not re.fullmatch(r"(\d{2})?\d{6}[-+]?\d{4}", text):
        raise IdentityError(
            f"”{raw}” har fel form för ett {kind}: skriv tolv siffror som ÅÅÅÅMMDD-NNNN."
        )
    try:
        pnr = pnr_lib.parse(text)
    except pnr_lib.PersonnummerException:
        raise IdentityError(
            f"”{raw}” är inget giltigt {kind}: datumet eller kontrollsiffran stämmer inte. "
            "Kontrollera siffrorna mot beslutet från Skatteverket."
        ) from None
    if pnr.is_coordination_number() != coordination:
        other = PERSONNUMMER if coordination else SAMORDNINGSNUMMER
        raise IdentityError(
            f"”{raw}” är ett {other}, inte ett {kind}"
            + (" (dagen är ökad med 60)." if not coordination else ".")
            + f" Välj typen {other}."
        )
    got = pnr.get_date()
    born = got.date() if isinstance(got, dt.datetime) else got
    if born > today:
        raise IdentityError(f"”{raw}” har ett födelsedatum i framtiden ({born.isoformat()}).")
    value = pnr.format(True)  # ÅÅÅÅMMDDNNNN: one form, so the same number is found again
    return Identity(kind, value, born)


def _dossier(raw: str) -> Identity:
    # Migrationsverket's dossiernummer has 7 or 8 digits; the LMA card number is the dossier
    # number plus one digit for the card's order (SCB's instructions for school statistics).
    text = re.sub(r"[\s-]", "", raw)
    if not re.fullmatch(r"\d{7,8}", text):
        raise IdentityError(
            f"”{raw}” är inget dossiernummer: det har 7 eller 8 siffror "
            "(LMA-kortets nummer har en siffra till på slutet; ta bort den)."
        )
    return Identity(DOSSIERNUMMER, text, None)


def _reserve(raw: str, *, today: dt.date) -> Identity:
    # There is no national reservnummer. Two forms are in use by the regions we serve:
    # Region Stockholm: 12 digits beginning with 99, with a check digit (Luhn over the last ten);
    # Region Skåne style: a birth date ÅÅÅÅMMDD followed by four characters, at least one a letter.
    text = re.sub(r"[\s-]", "", raw).upper()
    if re.fullmatch(r"99\d{10}", text):
        if not _luhn_ok(text[2:]):
            raise IdentityError(
                f"”{raw}”: kontrollsiffran stämmer inte för ett reservnummer som börjar med 99."
            )
        return Identity(RESERVNUMMER, text, None)
    match = re.fullmatch(r"(\d{8})([0-9A-Z]{4})", text)
    if match and re.search(r"[A-Z]", match.group(2)):
        try:
            born = dt.datetime.strptime(match.group(1), "%Y%m%d").date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            raise IdentityError(f"”{raw}”: datumet i reservnumret finns inte.") from None
        if born > today:
            raise IdentityError(f"”{raw}”: datumet i reservnumret ligger i framtiden.")
        return Identity(RESERVNUMMER, text, born)
    raise IdentityError(
        f"”{raw}” är inget reservnummer: skriv 12 siffror som börjar med 99, "
        "eller ett datum ÅÅÅÅMMDD följt av fyra tecken där minst ett är en bokstav."
    )


def validate_identity(kind: str, raw: str, *, today: dt.date | None = None) -> Identity:
    """Normalise and validate `raw` as an identity of `kind`, or raise IdentityError."""
    today = today or timezone.localdate()
    if kind == PERSONNUMMER:
        return _swedish_number(raw, coordination=False, today=today)
    if kind == SAMORDNINGSNUMMER:
        return _swedish_number(raw, coordination=True, today=today)
    if kind == DOSSIERNUMMER:
        return _dossier(raw)
    if kind == RESERVNUMMER:
        return _reserve(raw, today=today)
    raise IdentityError(f"Okänd identitetstyp ”{kind}”; välj en av: {', '.join(KINDS)}.")
