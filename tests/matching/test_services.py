"""The writes: consent and its withdrawal, the child rule for volunteers, the grant life cycle,
internships against capacity, and validation with Swedish messages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from mottagning.matching import services
from mottagning.matching.models import Bidragsansokan, Forening, Kontaktperson, VolontarMatchning
from tests.fixtures import ekb, user_in
from tests.matching.helpers import mapped, place, samordnare

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 2, 1)


def test_withdrawn_consent_ends_the_match_and_refuses_new_ones(
    alingsas: Any, integration_user: Any
) -> None:
    person = mapped(integration_user)
    coordinator = samordnare(alingsas)
    volunteer = services.volontar_create(actor=coordinator, namn="Karin Volontär", insatser=["van"])
    consent = services.samtycke_create(actor=integration_user, person=person, lamnat=DAY)
    match = services.volontarmatchning_create(
        actor=integration_user, volontar=volunteer, samtycke=consent, insats="van", start=DAY
    )
    services.traff_create(actor=coordinator, matchning=match, datum=DAY, minuter=60, slag="fysiskt")
    later = DAY + dt.timedelta(days=30)
    services.samtycke_withdraw(actor=integration_user, samtycke=consent, datum=later)
    match.refresh_from_db()
    assert match.slut == later
    assert consent.history.first().history_change_reason == "Samtycke återkallat"
    with pytest.raises(ValidationError, match="giltigt samtycke"):
        services.volontarmatchning_create(
            actor=integration_user, volontar=volunteer, samtycke=consent, insats="van", start=later
        )
    with pytest.raises(ValidationError, match="avslutad"):
        services.traff_create(
            actor=coordinator,
            matchning=match,
            datum=later + dt.timedelta(days=1),
            minuter=30,
            slag="telefon",
        )
    with pytest.raises(ValidationError, match="redan återkallat"):
        services.samtycke_withdraw(actor=integration_user, samtycke=consent, datum=later)


def test_a_consent_given_after_the_start_does_not_cover_it(
    alingsas: Any, integration_user: Any
) -> None:
    person = mapped(integration_user)
    volunteer = services.volontar_create(actor=integration_user, namn="V", insatser=["vagvisare"])
    consent = services.samtycke_create(actor=integration_user, person=person, lamnat=DAY)
    with pytest.raises(ValidationError, match="giltigt samtycke"):
        services.volontarmatchning_create(
            actor=integration_user,
            volontar=volunteer,
            samtycke=consent,
            insats="vagvisare",
            start=DAY - dt.timedelta(days=1),
        )
    with pytest.raises(ValidationError, match="erbjuder inte"):
        services.volontarmatchning_create(
            actor=integration_user,
            volontar=volunteer,
            samtycke=consent,
            insats="laxhjalp",
            start=DAY,
        )


def test_a_child_needs_a_volunteer_with_a_valid_record_extract(
    alingsas: Any, integration_user: Any
) -> None:
    child = ekb(integration_user, born=dt.date(2012, 1, 1), asyl=dt.date(2024, 1, 10))
    volunteer = services.volontar_create(actor=integration_user, namn="V", insatser=["laxhjalp"])
    consent = services.samtycke_create(actor=integration_user, person=child, lamnat=DAY)

    def match() -> VolontarMatchning:
        return services.volontarmatchning_create(
            actor=integration_user,
            volontar=volunteer,
            samtycke=consent,
            insats="laxhjalp",
            start=DAY,
        )

    with pytest.raises(ValidationError, match="belastningsregistret"):
        match()
    # An extract older than a year is not enough either.
    services.volontar_check_record(
        actor=integration_user, volontar=volunteer, datum=DAY - dt.timedelta(days=366)
    )
    with pytest.raises(ValidationError, match="belastningsregistret"):
        match()
    services.volontar_check_record(
        actor=integration_user, volontar=volunteer, datum=DAY - dt.timedelta(days=365)
    )
    assert match().person == child


def test_the_grant_life_cycle_and_its_refusals(alingsas: Any) -> None:
    coordinator = samordnare(alingsas)
    club = services.forening_create(actor=coordinator, namn="Ekerö IK", orgnr="802012-3454")
    assert club.orgnr == "802012-3454"
    application = services.bidrag_apply(
        actor=coordinator,
        forening=club,
        projekt="Fotboll för alla",
        syfte="fritid",
        inkom=DAY,
        sokt_belopp=Decimal("25000.50"),
        budget="Ledare 15000\nMaterial 10000,50",
    )
    with pytest.raises(ValidationError, match="kan inte bli"):
        services.bidrag_pay(actor=coordinator, ansokan=application, datum=DAY, belopp=Decimal(1))
    with pytest.raises(ValidationError, match="högst det sökta"):
        services.bidrag_decide(
            actor=coordinator, ansokan=application, beslutsdatum=DAY, belopp=Decimal("25000.51")
        )
    application.refresh_from_db()
    services.bidrag_decide(
        actor=coordinator,
        ansokan=application,
        beslutsdatum=DAY + dt.timedelta(days=20),
        belopp=Decimal("20000.25"),
        villkor="Återrapport senast 31 december",
    )
    services.bidrag_pay(
        actor=coordinator,
        ansokan=application,
        datum=DAY + dt.timedelta(days=30),
        belopp=Decimal("20000.25"),
    )
    services.bidrag_report(
        actor=coordinator,
        ansokan=application,
        datum=DAY + dt.timedelta(days=200),
        deltagare=34,
        resultat="Två lag",
    )
    stored = Bidragsansokan.objects.get()
    assert stored.status == "aterrapporterat"
    assert stored.utbetalt_belopp == Decimal("20000.25")
    assert [h.status for h in stored.history.order_by("history_id")] == [
        "ansokt",
        "beviljat",
        "utbetalt",
        "aterrapporterat",
    ]
    with pytest.raises(ValidationError, match="kan inte bli"):
        services.bidrag_decide(actor=coordinator, ansokan=stored, beslutsdatum=DAY, belopp=None)


def test_a_refused_application_goes_no_further(alingsas: Any) -> None:
    coordinator = samordnare(alingsas)
    club = services.forening_create(actor=coordinator, namn="Studiefrämjandet", orgnr="8024001235")
    application = services.bidrag_apply(
        actor=coordinator,
        forening=club,
        projekt="Språkcafé",
        syfte="sprak",
        inkom=DAY,
        sokt_belopp=Decimal(5000),
        budget="Fika 5000",
    )
    services.bidrag_decide(actor=coordinator, ansokan=application, beslutsdatum=DAY, belopp=None)
    assert application.status == "avslaget"
    with pytest.raises(ValidationError, match="kan inte bli"):
        services.bidrag_pay(actor=coordinator, ansokan=application, datum=DAY, belopp=Decimal(1))


def test_organisation_numbers_are_checked_with_a_swedish_message(alingsas: Any) -> None:
    coordinator = samordnare(alingsas)
    with pytest.raises(ValidationError) as error:
        services.arbetsgivare_create(actor=coordinator, namn="Fel AB", orgnr="556036-0794")
    assert "tio siffror" in str(error.value.message_dict["orgnr"])


def test_an_internship_takes_a_seat_and_ends_with_an_outcome(
    alingsas: Any, integration_user: Any
) -> None:
    first, second = mapped(integration_user), mapped(integration_user, fornamn="Sara")
    seat = place(samordnare(alingsas), kapacitet=1)
    internship = services.praktik_create(
        actor=integration_user,
        plats=seat,
        person=first,
        start=DAY,
        handledare="Eva",
        uppfoljningar=[DAY + dt.timedelta(days=14)],
    )
    assert internship.uppfoljningar.count() == 1
    with pytest.raises(ValidationError, match="full"):
        services.praktik_create(
            actor=integration_user, plats=seat, person=second, start=DAY, handledare="Eva"
        )
    with pytest.raises(ValidationError, match="utfall"):
        services.praktik_end(
            actor=integration_user, praktik=internship, slut=DAY, utfall="semester"
        )
    services.praktik_end(
        actor=integration_user,
        praktik=internship,
        slut=DAY + dt.timedelta(days=60),
        utfall="arbete",
    )
    assert (
        services.praktik_create(
            actor=integration_user,
            plats=seat,
            person=second,
            start=DAY + dt.timedelta(days=61),
            handledare="Eva",
        ).person
        == second
    )


def test_another_municipalitys_records_are_refused(alingsas: Any, vingaker: Any) -> None:
    seat = place(samordnare(alingsas))
    other = user_in(vingaker, "integrationsenheten", roles=("samordnare",))
    with pytest.raises(ValidationError, match="annan kommun"):
        services.praktikplats_create(
            actor=other, arbetsgivare=seat.arbetsgivare, titel="x", ssyk="5120", ort="x", fran=DAY
        )


def test_catalogue_records_are_edited_with_history_and_checked(
    alingsas: Any, vingaker: Any
) -> None:
    coordinator = samordnare(alingsas)
    seat = place(coordinator)
    employer = seat.arbetsgivare
    services.update(actor=coordinator, record=employer, namn=" Sjökrogen ", orgnr="556036-0793")
    employer.refresh_from_db()
    assert employer.namn == "Sjökrogen"
    latest = employer.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        coordinator,
        "Arbetsgivare ändrad",
    )
    with pytest.raises(ValidationError, match="tio siffror"):
        services.update(actor=coordinator, record=employer, orgnr="123")
    with pytest.raises(ValidationError) as refused:
        services.update(actor=coordinator, record=employer, municipality=None)
    assert "municipality" in refused.value.message_dict
    other = services.arbetsgivare_create(actor=coordinator, namn="Bageriet", orgnr="5565931127")
    stranger = services.kontaktperson_create(actor=coordinator, arbetsgivare=other, namn="Ali")
    with pytest.raises(ValidationError, match="annan arbetsgivare"):
        services.update(actor=coordinator, record=seat, kontakt=stranger)
    volunteer = services.volontar_create(actor=coordinator, namn="Karin", insatser=["van"])
    services.update(actor=coordinator, record=volunteer, insatser=["van", "laxhjalp"])
    volunteer.refresh_from_db()
    assert volunteer.insats_list() == ["van", "laxhjalp"]
    elsewhere = user_in(vingaker, "integrationsenheten", roles=("samordnare",))
    with pytest.raises(ValidationError, match="annan kommun"):
        services.update(actor=elsewhere, record=volunteer, namn="Någon")


def test_a_place_with_capacity_taken_cannot_shrink_below_it(
    alingsas: Any, integration_user: Any
) -> None:
    seat = place(samordnare(alingsas), kapacitet=2)
    for name in ("Amina", "Sara"):
        services.praktik_create(
            actor=integration_user,
            plats=seat,
            person=mapped(integration_user, fornamn=name),
            start=DAY,
            handledare="Eva",
        )
    with pytest.raises(ValidationError, match="2 praktiker pågår"):
        services.update(actor=samordnare(alingsas), record=seat, kapacitet=1)


def test_closing_keeps_the_record_closes_its_places_and_ends_volunteer_matches(
    alingsas: Any, integration_user: Any
) -> None:
    coordinator = samordnare(alingsas)
    seat = place(coordinator, kapacitet=2)
    person = mapped(integration_user)
    internship = services.praktik_create(
        actor=integration_user, plats=seat, person=person, start=DAY, handledare="Eva"
    )
    with pytest.raises(ValidationError, match="En praktik pågår"):
        services.close(actor=coordinator, record=seat.arbetsgivare, datum=DAY)
    services.praktik_end(actor=integration_user, praktik=internship, slut=DAY, utfall="arbete")
    services.close(actor=coordinator, record=seat.arbetsgivare, datum=DAY)
    seat.refresh_from_db()
    assert seat.avslutad == DAY
    assert seat.history.first().history_change_reason == "Avslutad med arbetsgivaren"
    with pytest.raises(ValidationError, match="redan avslutad"):
        services.close(actor=coordinator, record=seat, datum=DAY)
    with pytest.raises(ValidationError, match="tar inte emot något nytt"):
        services.praktik_create(
            actor=integration_user,
            plats=seat,
            person=mapped(integration_user, fornamn="Sara"),
            start=DAY,
            handledare="Eva",
        )
    volunteer = services.volontar_create(actor=coordinator, namn="Karin", insatser=["van"])
    consent = services.samtycke_create(actor=integration_user, person=person, lamnat=DAY)
    match = services.volontarmatchning_create(
        actor=integration_user, volontar=volunteer, samtycke=consent, insats="van", start=DAY
    )
    later = DAY + dt.timedelta(days=10)
    services.close(actor=coordinator, record=volunteer, datum=later)
    match.refresh_from_db()
    assert match.slut == later
    assert not volunteer.aktiv


def test_reopening_makes_the_record_active_and_leaves_what_closed_with_it(
    alingsas: Any, vingaker: Any, integration_user: Any
) -> None:
    coordinator = samordnare(alingsas)
    seat = place(coordinator)
    employer = seat.arbetsgivare
    with pytest.raises(ValidationError, match="inte avslutad"):
        services.reopen(actor=coordinator, record=employer)
    services.close(actor=coordinator, record=employer, datum=DAY)
    seat.refresh_from_db()
    # A place closed with its employer waits for the employer.
    with pytest.raises(ValidationError, match="Återöppna arbetsgivaren först"):
        services.reopen(actor=coordinator, record=seat)
    with pytest.raises(ValidationError, match="annan kommun"):
        services.reopen(
            actor=user_in(vingaker, "integrationsenheten", roles=("samordnare",)),
            record=employer,
        )
    services.reopen(actor=coordinator, record=employer)
    employer.refresh_from_db()
    seat.refresh_from_db()
    assert employer.avslutad is None
    assert employer.history.first().history_change_reason == "Återöppnad"
    assert employer.history.first().history_user == coordinator
    assert seat.avslutad == DAY
    services.reopen(actor=coordinator, record=seat)
    seat.refresh_from_db()
    assert seat.avslutad is None
    # Open again, it takes internships again.
    services.praktik_create(
        actor=integration_user,
        plats=seat,
        person=mapped(integration_user),
        start=DAY,
        handledare="Eva",
    )


def test_delete_only_what_nothing_depends_on_and_say_to_close_instead(
    alingsas: Any, integration_user: Any
) -> None:
    coordinator = samordnare(alingsas)
    seat = place(coordinator)
    employer = seat.arbetsgivare
    contact = services.kontaktperson_create(actor=coordinator, arbetsgivare=employer, namn="Eva")
    services.update(actor=coordinator, record=seat, kontakt=contact)
    with pytest.raises(ValidationError, match=r"har praktikplatser\. Den kan inte tas bort, men"):
        services.delete(actor=coordinator, record=employer)
    services.kontaktperson_delete(actor=coordinator, kontaktperson=contact)
    seat.refresh_from_db()
    assert seat.kontakt is None
    assert seat.history.first().history_change_reason == "Kontaktpersonen togs bort"
    services.praktik_create(
        actor=integration_user,
        plats=seat,
        person=mapped(integration_user),
        start=DAY,
        handledare="Eva",
    )
    with pytest.raises(ValidationError, match="har praktiker registrerade"):
        services.delete(actor=coordinator, record=seat)
    club = services.forening_create(actor=coordinator, namn="Rotary", orgnr="8025556666")
    services.natverksmote_create(
        actor=coordinator, namn="Nätverket", datum=DAY, overenskommelser="x", foreningar=[club]
    )
    with pytest.raises(ValidationError, match="nätverksmöten"):
        services.delete(actor=coordinator, record=club)
    mistake = services.forening_create(actor=coordinator, namn="Felstavad", orgnr="8024001235")
    services.kontaktperson_create(actor=coordinator, forening=mistake, namn="Ali")
    mistake_id = mistake.pk
    services.delete(actor=coordinator, record=mistake)
    assert not Forening.objects.filter(pk=mistake_id).exists()
    assert not Kontaktperson.objects.filter(namn="Ali").exists()
    gone = Forening.history.filter(id=mistake_id, history_type="-").get()
    assert (gone.history_user, gone.history_change_reason) == (coordinator, "Borttagen")
