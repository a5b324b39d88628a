"""The permission matrix (issue 9, deliverable 8): every demo role × a person of the own unit,
of another unit, of another municipality, and one whose responsibility the unit held and that
has ended × every page, API endpoint and export that shows a person. The expected answer comes
from an oracle written in SQL straight from docs/security.md, not from the code under test.
0 leaks, names inside other pages included, and the read log has exactly the allowed reads."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mottagning.accounts.models import ROLE_CODES, User, UserRole
from mottagning.accounts.services import api_token_create
from mottagning.audit.models import PersonAccess
from mottagning.cases.models import ResponsibilityPeriod
from mottagning.register import services
from mottagning.register.models import Person, Unit
from tests.fixtures import newcomer, unit, user_in

pytestmark = pytest.mark.django_db

READ_ROLES = ("handlaggare", "enhetschef", "ekonom")  # docs/security.md, "Roles"
WRITE_ROLES = ("handlaggare", "enhetschef")
EXPORT_ROLES = ("enhetschef", "ekonom")
INCOMING_DAYS = 90  # docs/security.md: "due to take over within 90 days"


def _oracle(user: User) -> set[int]:
    """Persons the user may see, by the rule as docs/security.md states it, in plain SQL."""
    person = Person._meta.db_table
    period = ResponsibilityPeriod._meta.db_table
    user_units = User.units.through._meta.db_table
    role = UserRole._meta.db_table
    horizon = timezone.localdate() + dt.timedelta(days=INCOMING_DAYS)
    sql = f"""
        SELECT p.id FROM {person} p
        WHERE p.municipality_id = %s
          AND EXISTS (SELECT 1 FROM {role} r WHERE r.user_id = %s AND r.roll IN (%s, %s, %s))
          AND (p.registrerad_av_id IN (SELECT uu.unit_id FROM {user_units} uu WHERE uu.user_id = %s)
               OR EXISTS (SELECT 1 FROM {period} rp WHERE rp.person_id = p.id AND rp.fran <= %s
                          AND rp.unit_id IN (SELECT uu.unit_id FROM {user_units} uu
                                             WHERE uu.user_id = %s)))
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.municipality_id, user.pk, *READ_ROLES, user.pk, horizon, user.pk])
        return {row[0] for row in cursor.fetchall()}


@pytest.fixture
def world(alingsas, vingaker):
    ia = unit(alingsas, "integrationsavdelningen")
    placering = unit(alingsas, "placeringsenheten")
    ia_worker = user_in(alingsas, "integrationsavdelningen")
    placering_worker = user_in(alingsas, "placeringsenheten")
    household = services.household_create(actor=ia_worker, unit=ia, beteckning="Familjen Matris")
    own = newcomer(ia_worker, fornamn="Agnes", efternamn="Egenenhet", household=household)
    other = services.person_create(
        actor=placering_worker,
        unit=placering,
        fornamn="Bertil",
        efternamn="Annanenhet",
        fodelsedatum=dt.date(2012, 4, 4),
        household=household,
    )
    foreign = newcomer(
        user_in(vingaker, "integrationsenheten"), fornamn="Cecilia", efternamn="Annankommun"
    )
    ended = services.person_create(
        actor=placering_worker,
        unit=placering,
        fornamn="Dagny",
        efternamn="Avslutad",
        fodelsedatum=dt.date(1980, 2, 2),
    )
    # Integrationsavdelningen held a responsibility for Dagny that has ended.
    ResponsibilityPeriod.objects.create(
        municipality=alingsas,
        person=ended,
        unit=ia,
        omrade="forsorjning",
        arbete="myndighetsutovning",
        fran=dt.date(2021, 1, 1),
        till=dt.date(2022, 1, 1),
    )
    users = {
        role: user_in(alingsas, "integrationsavdelningen", roles=(role,)) for role in ROLE_CODES
    }
    return {
        "persons": {"own": own, "other": other, "foreign": foreign, "ended": ended},
        "users": users,
        "ia": ia,
        "placering": placering,
    }


def _expected(user: User, person: Person, needs: tuple[str, ...]) -> int:
    if not set(needs) & user.role_codes():
        return 403
    return 200 if person.pk in _oracle(user) else 404


def _names(person: Person) -> tuple[str, str]:
    return person.fornamn, person.efternamn


def test_every_role_and_person_answers_as_the_oracle_says(world) -> None:
    allowed_reads: list[tuple[int, int, str, str]] = []
    leaks: list[str] = []
    for (role, user), (what, person) in itertools.product(
        world["users"].items(), world["persons"].items()
    ):
        web = Client()
        web.force_login(user)
        _token, secret = api_token_create(user=user, namn="matris")
        api = Client(headers={"Authorization": f"Bearer {secret}"})
        event_id = person.handelser.values_list("pk", flat=True).first() or 1
        pages = [
            (web, reverse("web:person", args=[person.pk]), READ_ROLES, "webb"),
            (web, reverse("web:person_history", args=[person.pk]), READ_ROLES, "webb"),
            (web, reverse("web:person_update", args=[person.pk]), WRITE_ROLES, "webb"),
            (web, reverse("web:event_create", args=[person.pk]), WRITE_ROLES, "webb"),
            (web, reverse("web:identity_create", args=[person.pk]), WRITE_ROLES, "webb"),
            (api, f"/api/personer/{person.pk}", READ_ROLES, "api"),
            (api, f"/api/personer/{person.pk}/handelser", READ_ROLES, "api"),
            (web, reverse("matching:person", args=[person.pk]), READ_ROLES, "webb"),
            (web, reverse("matching:samtycke_create", args=[person.pk]), WRITE_ROLES, "webb"),
            (api, f"/api/personer/{person.pk}/praktiker", READ_ROLES, "api"),
            (api, f"/api/personer/{person.pk}/praktikplatser", READ_ROLES, "api"),
        ]
        if person.handelser.exists():
            # The state needs a legal status; a person without events has none yet.
            pages.append((api, f"/api/personer/{person.pk}/ansvar", READ_ROLES, "api"))
        if person.handelser.exists():
            url = reverse("web:event_delete", args=[person.pk, event_id])
            pages.append((web, url, WRITE_ROLES, "webb"))
        for client, url, needs, kanal in pages:
            got = client.get(url).status_code
            want = _expected(user, person, needs)
            if got != want:
                leaks.append(f"{role} × {what} {url}: {got}, oracle says {want}")
            if got == 200:
                allowed_reads.append((user.pk, person.pk, kanal, url))
    assert leaks == []
    logged = sorted(PersonAccess.objects.values_list("user_id", "person_id", "kanal", "sokvag"))
    assert logged == sorted(allowed_reads)


def test_no_hidden_name_appears_inside_any_page_list_or_export(world) -> None:
    persons = world["persons"]
    shown: list[str] = []
    for role, user in world["users"].items():
        visible = _oracle(user)
        hidden = [p for p in persons.values() if p.pk not in visible]
        web = Client()
        web.force_login(user)
        _token, secret = api_token_create(user=user, namn="matris")
        api = Client(headers={"Authorization": f"Bearer {secret}"})
        ia = world["ia"].pk
        bodies = []
        for client, url in [
            (web, "/"),
            (web, reverse("web:worklist", args=[ia])),
            (web, reverse("web:dashboard", args=[ia])),
            (web, reverse("web:person_search")),
            (web, reverse("web:person_search") + "?q=a"),
            (web, reverse("web:person_create")),
            (web, reverse("web:export", args=[ia, "csv"])),
            (web, reverse("web:access_log")),
            (web, reverse("web:osl_requests")),
            (web, reverse("matching:praktikbank")),
            (web, reverse("matching:volontarer")),
            (api, "/api/personer"),
            (api, f"/api/enheter/{ia}/arbetslista"),
            *[(web, reverse("web:person", args=[p.pk])) for p in persons.values()],
        ]:
            response = client.get(url, follow=True)
            bodies.append((url, response.status_code, response.content.decode("utf-8", "replace")))
        # A revisor's job is the read log: it names the municipality's persons that were read.
        logged = set(
            PersonAccess.objects.filter(municipality_id=user.municipality_id).values_list(
                "person_id", flat=True
            )
        )
        for url, status, body in bodies:
            log_page = url in ("/", reverse("web:access_log")) and "revisor" in user.role_codes()
            for person in hidden:
                if log_page and person.pk in logged:
                    continue
                for name in _names(person):
                    if name in body:
                        shown.append(f"{role}: {name} on {url} ({status})")
        # Other units' exports are refused outright.
        placering = world["placering"].pk
        assert web.get(reverse("web:export", args=[placering, "csv"])).status_code == 403
    assert shown == []


def test_the_matrix_can_fail(world) -> None:
    # Guards the guard: the oracle allows and refuses, and a hidden name is really hidden.
    handlaggare = world["users"]["handlaggare"]
    visible = _oracle(handlaggare)
    persons = world["persons"]
    assert persons["own"].pk in visible
    assert persons["ended"].pk in visible  # held, then ended: still the unit's record
    assert persons["other"].pk not in visible
    assert persons["foreign"].pk not in visible
    assert _oracle(world["users"]["strateg"]) == set()
    web = Client()
    web.force_login(handlaggare)
    page = web.get(reverse("web:person", args=[persons["own"].pk])).content.decode()
    assert "1 person som du inte har behörighet att se" in page
    assert "Annanenhet" not in page
    assert isinstance(world["ia"], Unit)


# The economy (issue #10, docs/claims.md): ekonom and administratör see the municipality's,
# the other readers the costs of the persons the register lets them see, never another
# municipality's; only an ekonom writes.
ECONOMY_ALL = ("ekonom", "administrator")
ECONOMY_READ = (*ECONOMY_ALL, "handlaggare", "enhetschef")


def _economy_oracle(user: User) -> set[int]:
    roles = user.role_codes()
    if set(ECONOMY_ALL) & roles:
        return set(
            Person.objects.filter(municipality_id=user.municipality_id).values_list("pk", flat=True)
        )
    return _oracle(user) if set(ECONOMY_READ) & roles else set()


def test_economy_pages_and_api_follow_the_economy_rule(world) -> None:
    from decimal import Decimal

    from mottagning.claims.services import kostnad_create

    persons = world["persons"]
    ekonom = world["users"]["ekonom"]
    for key in ("own", "other", "ended"):
        kostnad_create(
            actor=ekonom,
            person=persons[key],
            enhet=world["ia"],
            slag="tolk",
            fran=dt.date(2024, 3, 1),
            till=dt.date(2024, 3, 1),
            belopp=Decimal("900.00"),
        )
    foreign = persons["foreign"]
    foreign_ekonom = user_in(foreign.municipality, "integrationsenheten", roles=("ekonom",))
    kostnad_create(
        actor=foreign_ekonom,
        person=foreign,
        enhet=foreign.registrerad_av,
        slag="tolk",
        fran=dt.date(2024, 3, 1),
        till=dt.date(2024, 3, 1),
        belopp=Decimal("900.00"),
    )
    problems: list[str] = []
    for role, user in world["users"].items():
        web = Client()
        web.force_login(user)
        _token, secret = api_token_create(user=user, namn="ekonomi")
        api = Client(headers={"Authorization": f"Bearer {secret}"})
        roles = user.role_codes()
        reads = bool(set(ECONOMY_READ) & roles)
        municipality = bool(set(ECONOMY_ALL) & roles)
        writes = "ekonom" in roles
        for client, url, allowed in [
            (web, reverse("claims:dashboard") + "?ar=2024", reads),
            (web, reverse("claims:kostnader") + "?ar=2024", reads),
            (web, reverse("claims:reconciliation") + "?ar=2024", municipality),
            (web, reverse("claims:ledger_export") + "?ar=2024", municipality),
            (web, reverse("claims:import"), writes),
            (web, reverse("claims:kostnad_create"), writes),
            (api, "/api/ekonomi/kostnader?ar=2024", reads),
            (api, "/api/ekonomi/ansokningar?ar=2024", reads),
            (api, "/api/ekonomi/avstamning?ar=2024", municipality),
        ]:
            got = client.get(url).status_code
            if got != (200 if allowed else 403):
                problems.append(f"{role} {url}: {got}")
        visible = _economy_oracle(user)
        body = web.get(reverse("claims:kostnader") + "?ar=2024").content.decode()
        listed = (
            {row["person_id"] for row in api.get("/api/ekonomi/kostnader?ar=2024").json()}
            if reads
            else set()
        )
        for key, person in persons.items():
            shown = person.efternamn in body
            if shown != (person.pk in visible):
                problems.append(f"{role} × {key} on the costs page: shown={shown}")
            if (person.pk in listed) != (person.pk in visible):
                problems.append(f"{role} × {key} in the API: listed={person.pk in listed}")
    assert problems == []
    # Every listed cost was a read of that person, on its channel.
    assert PersonAccess.objects.filter(
        user=world["users"]["handlaggare"], person=persons["own"], kanal="api"
    ).exists()
    assert not PersonAccess.objects.filter(
        person=foreign, user__municipality=persons["own"].municipality
    ).exists()
