"""The pages through Django's test client: content, forms with inline errors, permissions."""

import datetime as dt
import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mottagning.cases.models import Transition, TransitionHandled
from mottagning.register.models import Event, Household, Person
from tests.fixtures import ekb, newcomer, unit, user_in

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_start_sends_each_role_to_its_page(alingsas) -> None:
    handlaggare = user_in(alingsas, "integrationsavdelningen")
    strateg = user_in(alingsas, "integrationsavdelningen", roles=("strateg",))
    revisor = user_in(alingsas, roles=("revisor",))
    admin = user_in(alingsas, roles=("administrator",))
    ia = unit(alingsas, "integrationsavdelningen").pk
    assert client_for(handlaggare).get("/")["Location"] == reverse("web:worklist", args=[ia])
    assert client_for(strateg).get("/")["Location"] == reverse("web:dashboard", args=[ia])
    assert client_for(revisor).get("/")["Location"] == reverse("web:access_log")
    assert client_for(admin).get("/")["Location"] == reverse("accounts:users")
    nobody = user_in(alingsas, roles=())
    assert client_for(nobody).get("/").status_code == 200


def test_person_page_shows_state_responsibility_and_transitions(integration_user) -> None:
    person = newcomer(integration_user, mottagen=timezone.localdate() - dt.timedelta(days=100))
    html = (
        client_for(integration_user).get(reverse("web:person", args=[person.pk])).content.decode()
    )
    assert "Amina Hassan" in html
    assert "Etableringstid" in html
    assert "Integrationsavdelningen" in html
    assert "ALI-" in html  # the matched rule is shown as the explanation
    # with its source, cited by the document's name
    assert "Alingsås kommun, Handlingsplan EFFEKT #2.1 (2018-01-08) §" in html
    assert "001 §" not in html
    assert "Etableringstiden (24 månader från mottagandet) tar slut" in html
    assert "Stöd- och försörjningsenheten" in html  # who takes over after the establishment period


def test_worklist_lists_anvisning_report_and_handovers(alingsas) -> None:
    user = user_in(alingsas, "placeringsenheten")
    today = timezone.localdate()
    child = ekb(
        user, born=today - dt.timedelta(days=365 * 18 - 40), asyl=today - dt.timedelta(days=300)
    )
    response = client_for(user).get(
        reverse("web:worklist", args=[unit(alingsas, "placeringsenheten").pk])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Anmäl fortsatt ansvar till Migrationsverket" in html
    assert str(child) in html


def test_worklist_of_another_unit_is_refused(integration_user, alingsas) -> None:
    response = client_for(integration_user).get(
        reverse("web:worklist", args=[unit(alingsas, "placeringsenheten").pk])
    )
    assert response.status_code == 403


def test_transition_can_be_marked_handled(alingsas) -> None:
    user = user_in(alingsas, "placeringsenheten")
    today = timezone.localdate()
    child = ekb(
        user, born=today - dt.timedelta(days=365 * 18 - 40), asyl=today - dt.timedelta(days=300)
    )
    task = Transition.objects.get(person=child, typ="anmal_fortsatt_ansvar")
    client = client_for(user)
    response = client.post(
        reverse("web:transition_handled"), {"overgang": task.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"  # never redirected off the site
    # A bare word is no path: redirect() would take it for a view's name (it was a 500). The
    # second mark changes nothing (one record below, the first time kept).
    first = Transition.objects.get(pk=task.pk).hanterad
    other = client.post(reverse("web:transition_handled"), {"overgang": task.pk, "next": "abc"})
    assert other["Location"] == "/"
    task.refresh_from_db()
    assert task.hanterad == first
    assert task.hanterad is not None
    assert task.hanterad_av == user
    # Handled marks survive a recomputation of the person's transitions.
    client.post(
        reverse("web:event_create", args=[child.pk]),
        {"typ": "eget_boende", "datum": today.isoformat()},
    )
    assert Transition.objects.get(person=child, typ="anmal_fortsatt_ansvar").hanterad is not None
    # Who marked it and when stays on record whatever the recomputation does to the row.
    record = TransitionHandled.objects.get()
    assert (record.person, record.typ, record.hanterad_av) == (child, task.typ, user)


def test_dashboard_has_chart_and_table(integration_user, alingsas) -> None:
    newcomer(integration_user, mottagen=timezone.localdate() - dt.timedelta(days=100))
    response = client_for(integration_user).get(
        reverse("web:dashboard", args=[unit(alingsas, "integrationsavdelningen").pk])
    )
    html = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert 'role="img"' in html
    assert "<table>" in html
    assert "Nyanlända" in html
    row = re.search(r"<tr><th scope=\"row\">Totalt</th>(.*?)</tr>", html, re.S)
    assert row
    assert re.findall(r">(\d+)<", row.group(1))[-1] == "1"


def test_person_form_shows_error_summary_and_inline_errors(integration_user) -> None:
    response = client_for(integration_user).post(
        reverse("web:person_create"),
        {
            "fornamn": "",
            "efternamn": "Berg",
            "fodelsedatum": "2030-01-01",
            "unit": "",
            "identitetstyp": "personnummer",
            "identitet": "19900101-0000",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Det finns fel i formuläret" in html
    assert 'href="#id_fornamn"' in html
    assert 'class="error-message" id="id_fornamn_error"' in html
    assert Person.objects.count() == 0


def test_person_form_reports_a_bad_identity_on_its_field(integration_user, alingsas) -> None:
    response = client_for(integration_user).post(
        reverse("web:person_create"),
        {
            "fornamn": "Ali",
            "efternamn": "Berg",
            "fodelsedatum": "1990-01-01",
            "unit": unit(alingsas, "integrationsavdelningen").pk,
            "identitetstyp": "personnummer",
            "identitet": "19900101-0000",
        },
    )
    html = response.content.decode()
    assert 'href="#id_identitet"' in html
    assert "kontrollsiffran" in html
    assert Person.objects.count() == 0


def test_add_event_changes_responsibility(alingsas) -> None:
    user = user_in(alingsas, "integrationsavdelningen", "stod_forsorjning")
    person = newcomer(user, mottagen=timezone.localdate() - dt.timedelta(days=100))
    client = client_for(user)
    before = client.get(reverse("web:person", args=[person.pk])).content.decode()
    assert "Fas</dt><dd>Etableringstid" in before
    response = client.post(
        reverse("web:event_create", args=[person.pk]),
        {"typ": "utflyttning", "datum": timezone.localdate().isoformat(), "kommun": "vingaker"},
    )
    assert response.status_code == 302
    after = client.get(reverse("web:person", args=[person.pk])).content.decode()
    assert "Personen bor inte i kommunen" in after


def test_event_form_errors_are_specific(integration_user) -> None:
    person = newcomer(integration_user)
    response = client_for(integration_user).post(
        reverse("web:event_create", args=[person.pk]),
        {"typ": "uppehallstillstand", "datum": "2024-06-01", "tillstand": "TUT"},
    )
    html = response.content.decode()
    assert 'href="#id_giltigt_till"' in html
    assert Event.objects.filter(person=person).count() == 4


def test_household_create_and_choose(integration_user, alingsas) -> None:
    client = client_for(integration_user)
    response = client.post(
        reverse("web:household_create"),
        {"beteckning": "Familjen Hassan", "unit": unit(alingsas, "integrationsavdelningen").pk},
    )
    assert response.status_code == 302
    household = Household.objects.get()
    response = client.post(
        reverse("web:person_create"),
        {
            "fornamn": "Ali",
            "efternamn": "Hassan",
            "fodelsedatum": "1988-03-01",
            "unit": unit(alingsas, "integrationsavdelningen").pk,
            "household": household.pk,
        },
    )
    assert response.status_code == 302
    assert Person.objects.get(fornamn="Ali").household == household


def test_history_shows_who_what_and_why(integration_user) -> None:
    person = newcomer(integration_user)
    client = client_for(integration_user)
    client.post(
        reverse("web:person_update", args=[person.pk]),
        {
            "fornamn": "Amina",
            "efternamn": "Hassan-Ali",
            "fodelsedatum": "1990-05-10",
            "household": "",
            "reason": "Namnbyte enligt Skatteverket",
        },
    )
    html = client.get(reverse("web:person_history", args=[person.pk])).content.decode()
    assert "Namnbyte enligt Skatteverket" in html
    assert "efternamn: Hassan → Hassan-Ali" in html
    assert integration_user.username in html


def test_long_worklist_sections_are_paged(alingsas) -> None:
    user = user_in(alingsas, "placeringsenheten")
    today = timezone.localdate()
    for i in range(53):
        ekb(
            user,
            fornamn=f"Barn{i:02d}",
            born=today - dt.timedelta(days=365 * 18 - 40),
            asyl=today - dt.timedelta(days=300),
        )
    url = reverse("web:worklist", args=[unit(alingsas, "placeringsenheten").pk])
    client = client_for(user)
    html = client.get(url).content.decode()
    # Each child has two coming transitions (the report to Migrationsverket, the 18th birthday).
    assert "Visa alla 106" in html
    assert html.count('name="overgang"') == 20
    last = client.get(url, {"visa": "kommande", "sida": 6}).content.decode()
    assert last.count('name="overgang"') == 6
    assert "Sida 6 av 6" in last
    assert "Hela arbetslistan" in last


def test_handover_appears_for_both_units(alingsas) -> None:
    user = user_in(alingsas, "integrationsavdelningen", "stod_forsorjning")
    person = newcomer(user, mottagen=timezone.localdate() - dt.timedelta(days=700))
    client = client_for(user)
    for kod, heading in [
        ("integrationsavdelningen", "Ansvar som flyttar från enheten"),
        ("stod_forsorjning", "Ansvar som flyttar till enheten"),
    ]:
        html = client.get(reverse("web:worklist", args=[unit(alingsas, kod).pk])).content.decode()
        section = html[html.index(heading) :]
        section = section[: section.index("</section>")]
        assert str(person) in section, kod
        assert "Integrationsavdelningen → Stöd- och försörjningsenheten" in section
        # 730 days after reception, so still to come: the future tense.
        assert "Ansvaret går över " in section
        assert "gick över" not in section


def test_worklist_export_is_the_list_with_its_filter(alingsas, integration_user) -> None:
    from mottagning.register import services

    today = timezone.localdate()
    services.person_create(
        actor=integration_user,
        unit=unit(alingsas, "integrationsavdelningen"),
        fornamn="Sara",
        efternamn="Mohammed",
        fodelsedatum=dt.date(1985, 1, 1),
        events=[
            {"typ": "asylansokan", "datum": today - dt.timedelta(days=400)},
            {
                "typ": "uppehallstillstand",
                "datum": today - dt.timedelta(days=60),
                "tillstand": "PUT",
            },
            {"typ": "anvisning", "datum": today - dt.timedelta(days=30), "kommun": "alingsas"},
        ],
    )
    newcomer(integration_user)  # received long ago: in the register, not in the anvisningar
    client = client_for(integration_user)
    ia = unit(alingsas, "integrationsavdelningen")
    page = client.get(reverse("web:worklist", args=[ia.pk])).content.decode()
    assert reverse("web:worklist_export", args=[ia.pk, "xlsx"]) in page
    whole = client.get(reverse("web:worklist_export", args=[ia.pk, "csv"]))
    text = whole.content.decode("utf-8-sig")
    assert text.startswith("Avsnitt;Datum;Person;Vad")
    assert "Anvisningar att ta emot;" in text
    assert "Sara Mohammed" in text
    assert "asylansokan" not in text  # a list to work from, not the register's import format
    only = client.get(reverse("web:worklist_export", args=[ia.pk, "csv"]), {"visa": "forsenade"})
    assert "Sara Mohammed" not in only.content.decode("utf-8-sig")
    assert client.get(reverse("web:worklist_export", args=[ia.pk, "pdf"])).status_code == 404
    # In English the export says what the English page says, headers and sentences alike.
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(reverse("web:worklist_export", args=[ia.pk, "csv"]))
    text = english.content.decode("utf-8-sig")
    page = client.get(reverse("web:worklist", args=[ia.pk])).content.decode()
    header, first = text.splitlines()[:2]
    assert not header.startswith("Avsnitt;")
    vad = first.split(";")[-1]
    assert vad, first
    assert vad in html.unescape(page), (vad, first)
