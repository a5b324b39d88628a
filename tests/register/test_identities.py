import datetime as dt

import pytest

from mottagning.register.identities import (
    DOSSIERNUMMER,
    PERSONNUMMER,
    RESERVNUMMER,
    SAMORDNINGSNUMMER,
    IdentityError,
    validate_identity,
)
from tests.factories import luhn_digit, personnummer, samordningsnummer

TODAY = dt.date(2026, 1, 1)


def test_personnummer_is_normalised_to_twelve_digits() -> None:
    pnr = personnummer("20050412")
    identity = validate_identity(PERSONNUMMER, pnr, today=TODAY)
    assert identity.value == pnr.replace("-", "")
    assert identity.birth_date == dt.date(2005, 4, 12)
    short = pnr[2:]
    assert validate_identity(PERSONNUMMER, short, today=TODAY).value == identity.value


def test_personnummer_with_wrong_check_digit_is_rejected() -> None:
    pnr = personnummer("20050412")
    wrong = pnr[:-1] + str((int(pnr[-1]) + 1) % 10)
    with pytest.raises(IdentityError, match="kontrollsiffran"):
        validate_identity(PERSONNUMMER, wrong, today=TODAY)


def test_impossible_date_is_rejected() -> None:
    short = "0502300238"  # 30 February
    with pytest.raises(IdentityError):
        validate_identity(
            PERSONNUMMER, "20" + short[:6] + "-" + short[6:9] + luhn_digit(short[:9]), today=TODAY
        )


def test_samordningsnummer_has_day_plus_sixty() -> None:
    snr = samordningsnummer("19900115")
    identity = validate_identity(SAMORDNINGSNUMMER, snr, today=TODAY)
    assert identity.birth_date == dt.date(1990, 1, 15)
    with pytest.raises(IdentityError, match="samordningsnummer, inte ett personnummer"):
        validate_identity(PERSONNUMMER, snr, today=TODAY)
    with pytest.raises(IdentityError, match="personnummer, inte ett samordningsnummer"):
        validate_identity(SAMORDNINGSNUMMER, personnummer("19900115"), today=TODAY)


def test_future_birth_date_is_rejected() -> None:
    with pytest.raises(IdentityError, match="framtiden"):
        validate_identity(PERSONNUMMER, personnummer("20270101"), today=TODAY)


@pytest.mark.parametrize("raw", ["1234567", "12345678", "1234-5678"])
def test_dossiernummer_has_seven_or_eight_digits(raw: str) -> None:
    assert validate_identity(DOSSIERNUMMER, raw).value == raw.replace("-", "")


@pytest.mark.parametrize("raw", ["123456", "123456789", "12A45678"])
def test_bad_dossiernummer_is_rejected(raw: str) -> None:
    with pytest.raises(IdentityError, match="7 eller 8 siffror"):
        validate_identity(DOSSIERNUMMER, raw)


def test_reservnummer_forms() -> None:
    body = "12345678"
    # Luhn over the last ten digits: build them so the check digit is right.
    ten = body + "0"
    digit = luhn_digit(ten[:9])
    good = "99" + ten[:9] + digit
    assert validate_identity(RESERVNUMMER, good).value == good
    bad = good[:-1] + str((int(digit) + 1) % 10)
    with pytest.raises(IdentityError, match="kontrollsiffran"):
        validate_identity(RESERVNUMMER, bad)
    assert validate_identity(RESERVNUMMER, "20100101-AB12", today=TODAY).birth_date == dt.date(
        2010, 1, 1
    )
    with pytest.raises(IdentityError, match="datumet"):
        validate_identity(RESERVNUMMER, "20101301AB12", today=TODAY)
    with pytest.raises(IdentityError, match="inget reservnummer"):
        validate_identity(RESERVNUMMER, "201001011234", today=TODAY)
