"""The matching pages through Django's test client: who sees persons, the read log, the public
calendar, suppression of small counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from mottagning.audit.models import PersonAccess
from mottagning.matching import services
from mottagning.matching.models import Bidragsansokan, Natverksmote, Praktikplats
from tests.fixtures import user_in
from tests.matching.helpers import mapped, place, samordnare

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_place_ranks_the_units_persons_with_reasons_and_logs_the_reads(
    alingsas: Any, vingaker: Any, integration_user: Any
) -> None:
    cook = mapped(integration_user, fornamn="Amina", mal="5120", ort="Alingsås")
    cleaner = mapped(integration_user, fornamn="Sara", mal="9111", ort="Borås")
    weak = mapped(integration_user, fornamn="Hawa", svenska="sfi_a")
    # Another municipality's person with the same skills: never shown, never read.
    elsewhere = mapped(
        user_in(vingaker, "integrationsenheten"), fornamn="Omar", efternamn="Annanenhet"
    )
    seat = place(samordnare(alingsas), krav_svenska="sfi_b")
    PersonAccess.objects.all().delete()
    html = (
        client_for(integration_user)
        .get(reverse("matching:praktikplats", args=[seat.pk]))
        .content.decode()
    )
    assert html.index("Amina Hassan") < html.index("Sara Hassan")
    assert "Yrkesmålet 5120 Kockar och kallskänkor: 40 poäng" in html
    assert "Platsen kräver minst Sfi kurs B" in html  # Hawa, excluded, with the reason
    assert "Annanenhet" not in html
    logged = set(PersonAccess.objects.values_list("person_id", flat=True))
    assert logged == {cook.pk, cleaner.pk, weak.pk}
    assert elsewhere.pk not in logged


def test_the_samordnare_manages_the_catalogue_but_sees_no_person(
    alingsas: Any, integration_user: Any
) -> None:
    person = mapped(integration_user)
    coordinator = samordnare(alingsas)
    web = client_for(coordinator)
    response = web.post(
        reverse("matching:praktikplats_create"),
        {
            "arbetsgivare": services.arbetsgivare_create(
                actor=coordinator, namn="Kök AB", orgnr="5561234567"
            ).pk,
            "titel": "Kock",
            "ssyk": "5a",
            "ort": "Alingsås",
            "krav_svenska": "ingen",
            "krav_utbildning": "ingen",
            "fran": "2025-01-01",
            "kapacitet": 2,
        },
    )
    assert "en till fyra siffror" in response.content.decode()  # the SSYK format, at its field
    assert Praktikplats.objects.count() == 0
    seat = place(coordinator)
    html = web.get(reverse("matching:praktikplats", args=[seat.pk])).content.decode()
    assert "Amina" not in html
    assert web.get(reverse("matching:person", args=[person.pk])).status_code == 403
    assert PersonAccess.objects.filter(user=coordinator).count() == 0
    # Case workers read the catalogue but may not change it.
    assert (
        client_for(integration_user).get(reverse("matching:arbetsgivare_create")).status_code == 403
    )


def test_withdrawal_hides_the_person_from_the_volunteer_side(
    alingsas: Any, integration_user: Any
) -> None:
    person = mapped(integration_user, fornamn="Nour")
    volunteer = services.volontar_create(actor=integration_user, namn="Karin", insatser=["van"])
    today = timezone.localdate()
    web = client_for(integration_user)
    web.post(reverse("matching:samtycke_create", args=[person.pk]), {"lamnat": today.isoformat()})
    consent = person.samtycken.get()
    response = web.post(
        reverse("matching:volontarmatchning_create", args=[consent.pk]),
        {"volontar": volunteer.pk, "insats": "van", "start": today.isoformat()},
    )
    assert response.status_code == 302, response.content.decode()
    assert (
        "Nour Hassan" in web.get(reverse("matching:volontar", args=[volunteer.pk])).content.decode()
    )
    web.post(reverse("matching:samtycke_withdraw", args=[consent.pk]), {"datum": today.isoformat()})
    html = web.get(reverse("matching:volontar", args=[volunteer.pk])).content.decode()
    assert "Nour" not in html
    assert "(visas inte)" in html


def test_the_public_calendar_needs_no_login_and_shows_no_person(alingsas: Any) -> None:
    coordinator = samordnare(alingsas)
    meeting_place = services.motesplats_create(
        actor=coordinator, namn="Mötesplatsen", arrangorer="Svenska kyrkan, Röda korset"
    )
    today = timezone.localdate()
    services.arrangemang_create(
        actor=coordinator,
        motesplats=meeting_place,
        titel="Språkcafé",
        datum=today + dt.timedelta(days=2),
        borjar=dt.time(17),
        slutar=dt.time(19),
    )
    services.arrangemang_create(
        actor=coordinator,
        motesplats=meeting_place,
        titel="Internt planeringsmöte",
        datum=today + dt.timedelta(days=3),
        borjar=dt.time(9),
        slutar=dt.time(10),
        publik=False,
    )
    html = Client().get(reverse("matching:kalender", args=["alingsas"])).content.decode()
    assert "Språkcafé" in html
    assert "Internt planeringsmöte" not in html
    assert coordinator.username not in html
    assert Client().get(reverse("matching:kalender", args=["ingen-kommun"])).status_code == 404


@override_settings(MOTTAGNING_SUPPRESS_BELOW=5)
def test_follow_up_counts_under_five_are_not_shown(alingsas: Any) -> None:
    coordinator = samordnare(alingsas)
    club = services.forening_create(actor=coordinator, namn="Rotary", orgnr="8025556666")
    today = timezone.localdate()
    for n in range(6):
        services.bidrag_apply(
            actor=coordinator,
            forening=club,
            projekt=f"P{n}",
            syfte="annat",
            inkom=today,
            sokt_belopp=Decimal(100),
            budget="x",
        )
    for a in Bidragsansokan.objects.all()[:5]:
        services.bidrag_decide(
            actor=coordinator, ansokan=a, beslutsdatum=today, belopp=Decimal(100)
        )
    html = client_for(coordinator).get(reverse("matching:uppfoljning")).content.decode()
    assert '<td class="num">5</td>' in html  # five decided: shown
    assert "färre än 5" not in html.split("Bidrag beslutade")[0]  # the header row
    services.bidrag_pay(
        actor=coordinator,
        ansokan=Bidragsansokan.objects.filter(status="beviljat").first(),  # type: ignore[arg-type]
        datum=today,
        belopp=Decimal(100),
    )
    html = client_for(coordinator).get(reverse("matching:uppfoljning")).content.decode()
    assert "färre än 5" in html  # one paid: suppressed
    assert (
        client_for(user_in(alingsas, "integrationsavdelningen", roles=("revisor",)))
        .get(reverse("matching:uppfoljning"))
        .status_code
        == 403
    )


def test_a_follow_up_is_marked_held_by_the_persons_unit_only(
    alingsas: Any, integration_user: Any, placering_user: Any
) -> None:
    person = mapped(integration_user)
    seat = place(samordnare(alingsas))
    internship = services.praktik_create(
        actor=integration_user,
        plats=seat,
        person=person,
        start=dt.date(2025, 1, 10),
        handledare="Eva",
        uppfoljningar=[dt.date(2025, 1, 24)],
    )
    follow_up = internship.uppfoljningar.get()
    url = reverse("matching:uppfoljning_done", args=[follow_up.pk])
    # Placeringsenheten does not have the person: no such follow-up for them.
    assert client_for(placering_user).post(url, {"datum": "2025-01-24"}).status_code == 404
    response = client_for(integration_user).post(url, {"datum": "2025-01-25"})
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.genomford == dt.date(2025, 1, 25)


def test_a_person_already_in_an_internship_at_the_place_is_excluded_with_the_reason(
    alingsas: Any, integration_user: Any
) -> None:
    there = mapped(integration_user, fornamn="Amina")
    other = mapped(integration_user, fornamn="Sara")
    seat = place(samordnare(alingsas), kapacitet=3)
    services.praktik_create(
        actor=integration_user,
        plats=seat,
        person=there,
        start=dt.date(2025, 1, 10),
        handledare="Eva",
    )
    html = (
        client_for(integration_user)
        .get(reverse("matching:praktikplats", args=[seat.pk]))
        .content.decode()
    )
    excluded = html.split("Uteslutna personer")[1]
    assert "Amina Hassan" in excluded
    assert "Personen gör redan praktik på platsen" in excluded
    assert "Sara Hassan" in html.split("Uteslutna personer")[0]
    assert other.pk != there.pk
    person_page = (
        client_for(integration_user)
        .get(reverse("matching:person", args=[there.pk]))
        .content.decode()
    )
    assert "Personen gör redan praktik på platsen" in person_page.split("Uteslutna platser")[-1]


@override_settings(MOTTAGNING_SUPPRESS_BELOW=0)
def test_follow_up_half_years_are_chosen_and_checked(alingsas: Any) -> None:
    coordinator = samordnare(alingsas)
    club = services.forening_create(actor=coordinator, namn="Rotary", orgnr="8025556666")
    application = services.bidrag_apply(
        actor=coordinator,
        forening=club,
        projekt="Språkcafé",
        syfte="annat",
        inkom=dt.date(2020, 2, 1),
        sokt_belopp=Decimal(100),
        budget="x",
    )
    services.bidrag_decide(
        actor=coordinator,
        ansokan=application,
        beslutsdatum=dt.date(2020, 3, 1),
        belopp=Decimal(100),
    )
    web = client_for(coordinator)
    url = reverse("matching:uppfoljning")
    default = web.get(url).content.decode()
    today = timezone.localdate()
    this_half = "första" if today.month <= 6 else "andra"
    assert f"{this_half} halvåret {today.year}" in default
    assert "2020" not in default.split("<tbody>")[1]  # two half-years by default, not 2020
    chosen = web.get(url, {"fran": "2019-2", "till": "2020-1"}).content.decode()
    rows = chosen.split("<tbody>")[1]
    assert rows.index("andra halvåret 2019") < rows.index("första halvåret 2020")
    assert "andra halvåret 2020" not in rows
    decided = rows.split("första halvåret 2020")[1].split("</tr>")[0]
    assert '<td class="num">1</td>' in decided
    backwards = web.get(url, {"fran": "2020-2", "till": "2020-1"})
    assert backwards.status_code == 200
    assert "Perioden slutar före den börjar" in backwards.content.decode()
    assert "<tbody>" not in backwards.content.decode()
    bad = web.get(url, {"fran": "2020-3", "till": "1999-1"}).content.decode()
    assert "Välj ett giltigt alternativ" in bad


def test_the_samordnare_edits_closes_and_deletes_from_the_pages(
    alingsas: Any, integration_user: Any
) -> None:
    coordinator = samordnare(alingsas)
    web = client_for(coordinator)
    seat = place(coordinator)
    employer = seat.arbetsgivare
    contact = services.kontaktperson_create(actor=coordinator, arbetsgivare=employer, namn="Eva")
    edit = reverse("matching:praktikplats_update", args=[seat.pk])
    form = web.get(edit).content.decode()
    assert 'value="Kockpraktik"' in form
    changed = web.post(
        edit,
        {
            "titel": "Kallskänka",
            "ssyk": "5120",
            "ort": "Alingsås",
            "krav_svenska": "ingen",
            "krav_utbildning": "ingen",
            "fran": "2024-01-01",
            "kapacitet": 2,
            "kontakt": contact.pk,
        },
    )
    assert changed.status_code == 302
    seat.refresh_from_db()
    assert (seat.titel, seat.kapacitet, seat.kontakt) == ("Kallskänka", 2, contact)
    # Case workers read the catalogue but may not change it.
    assert client_for(integration_user).get(edit).status_code == 403
    refused = web.post(
        reverse("matching:arbetsgivare_delete", args=[employer.pk]), {"bekrafta": "on"}
    )
    assert "Arbetsgivaren har praktikplatser. Den kan inte tas bort" in refused.content.decode()
    closed = web.post(
        reverse("matching:arbetsgivare_close", args=[employer.pk]), {"datum": "2025-03-01"}
    )
    assert closed.status_code == 302
    bank = web.get(reverse("matching:praktikbank")).content.decode()
    active, history = bank.split("Avslutade arbetsgivare")
    assert "Kallskänka" not in active
    assert "Restaurang Sjön, avslutad 2025-03-01" in history
    assert "Kallskänka" in history.split("Avslutade praktikplatser")[1]
    reopen = reverse("matching:arbetsgivare_reopen", args=[employer.pk])
    assert f'href="{reopen}"' in history
    assert (
        f'href="{reopen}"'
        not in client_for(integration_user).get(reverse("matching:praktikbank")).content.decode()
    )
    assert web.post(reopen, {}).status_code == 200  # the box must be ticked
    assert web.post(reopen, {"bekrafta": "on"}).status_code == 302
    employer.refresh_from_db()
    assert employer.avslutad is None
    # Its place stays closed until reopened on its own.
    assert (
        "Kallskänka"
        in (web.get(reverse("matching:praktikbank")).content.decode().split("Avslutade")[1])
    )
    services.close(actor=coordinator, record=employer, datum=dt.date(2025, 3, 1))
    # Closed places are out of the ranking.
    person = mapped(integration_user)
    person_page = client_for(integration_user).get(reverse("matching:person", args=[person.pk]))
    assert "Kallskänka" not in person_page.content.decode()
    mistake = services.motesplats_create(actor=coordinator, namn="Felstavat")
    gone = web.post(reverse("matching:motesplats_delete", args=[mistake.pk]), {"bekrafta": "on"})
    assert gone.status_code == 302
    listed = web.get(reverse("matching:motesplatser")).content.decode()
    assert listed.count("Felstavat") == 1  # only in "Felstavat är borttagen."
    assert "Felstavat är borttagen." in listed
    unconfirmed = web.post(reverse("matching:kontakt_delete", args=[contact.pk]), {})
    assert unconfirmed.status_code == 200  # the box must be ticked
    web.post(reverse("matching:kontakt_delete", args=[contact.pk]), {"bekrafta": "on"})
    seat.refresh_from_db()
    assert seat.kontakt is None


def test_a_closed_meeting_place_leaves_the_open_calendar_from_its_closing_day(
    alingsas: Any,
) -> None:
    coordinator = samordnare(alingsas)
    meeting_place = services.motesplats_create(actor=coordinator, namn="Mötesplatsen")
    today = timezone.localdate()
    for days, title in ((1, "Språkcafé"), (5, "Läxhjälp")):
        services.arrangemang_create(
            actor=coordinator,
            motesplats=meeting_place,
            titel=title,
            datum=today + dt.timedelta(days=days),
            borjar=dt.time(17),
            slutar=dt.time(19),
        )
    services.close(actor=coordinator, record=meeting_place, datum=today + dt.timedelta(days=3))
    html = Client().get(reverse("matching:kalender", args=["alingsas"])).content.decode()
    assert "Språkcafé" in html
    assert "Läxhjälp" not in html


@pytest.mark.parametrize("chosen", ["9223372036854775808", "99999999999999999999", "-1", "abc"])
def test_a_network_meeting_with_an_association_id_out_of_range_is_a_form_error(
    alingsas: Any, chosen: str
) -> None:
    coordinator = samordnare(alingsas)
    services.forening_create(actor=coordinator, namn="Somaliska föreningen", orgnr="5561234567")
    response = client_for(coordinator).post(
        reverse("matching:natverksmote_create"),
        {
            "namn": "Nätverksträff",
            "datum": "2026-11-01",
            "plats": "Stadshuset",
            "foreningar": chosen,
        },
    )
    assert response.status_code == 200
    assert "foreningar" in response.context["form"].errors
    assert not Natverksmote.objects.exists()
