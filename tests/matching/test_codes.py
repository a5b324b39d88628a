"""Organisation numbers, SSYK codes, licence classes and every code's label."""

from __future__ import annotations

from mottagning.matching import codes, labels


def test_organisation_numbers() -> None:
    assert codes.orgnr_error("556036-0793") is None  # a real aktiebolag
    assert codes.orgnr_format("5560360793") == "556036-0793"
    assert "sista siffran" in (codes.orgnr_error("556036-0794") or "")  # Luhn
    assert "sista siffran" in (codes.orgnr_error("55603607") or "")  # length
    # A personnummer passes Luhn but its third digit (the month) is below 2.
    assert "personnummer" in (codes.orgnr_error("811218-9876") or "")


def test_ssyk_codes() -> None:
    assert codes.ssyk_error("5120") is None
    assert codes.ssyk_error("51") is None
    assert codes.ssyk_error("51200") is not None
    assert codes.ssyk_error("5a") is not None
    assert codes.ssyk_name("5120") == "Kockar och kallskänkor"
    assert codes.ssyk_name("5999") == "Service-, omsorgs- och försäljningsyrken"
    assert codes.ssyk_split("5120, 9412 9111") == ["5120", "9412", "9111"]
    # Every code in the list is well formed.
    assert all(codes.ssyk_error(c) is None for c in codes.ssyk_known())


def test_licence_classes_from_the_mappings_text() -> None:
    assert codes.korkort_parse("B") == {"B"}
    assert codes.korkort_parse("b, ce") == {"B", "CE"}
    assert codes.korkort_parse("saknas") == frozenset()


def test_every_code_has_a_label() -> None:
    for vocabulary, names in labels.VOCABULARIES:
        assert set(vocabulary) == set(names)
    assert set(codes.BIDRAG_OVERGANGAR) == set(codes.BIDRAG_STATUS)
