"""`make demo`: a working mottagning on SQLite with a synthetic register, served on port 8000.

Creates or migrates the database (var/mottagning.sqlite3, or DATABASE_URL), loads the four
municipality profiles, fills each municipality once with a synthetic register sized like the
seeds' 2018 volumes, creates demo users for every role, prints their logins and serves on
http://127.0.0.1:8000. Running it again keeps the data and recomputes it for today.

Volumes (persons who are current today):
- Alingsås, 001 §4 (2018): Placeringsenheten about 25 EKB, of them 4 in HVB and 20–25 in
  stödboende (Enheten Boende unga, 24–29); Stöd- och försörjningsenheten 16–28 clients (5–8
  asylsökande, 1–5 tillståndssökande, 10–15 bostadssökande nyanlända); Integrationsavdelningen
  about 350 newcomers (2019: 190 adults, 160 children).
- Vingåker, 002 §3.4: 25 kvarboende newcomers in 2018, a handful of EKB at Ung integration.
- Östersund, 003: "ett 30-tal ungdomar" in stödboende; HVB for every new EKB; the number of
  newcomers is not in the seed: 150 is an estimate for a municipality of that size.
- Ekerö, 004: no volumes in the seed; 120 newcomers and 12 EKB are estimates.
Names and numbers are invented; identity numbers are valid in form only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Django models are imported only after django.setup()
    from mottagning.accounts.models import User

DEMO_PASSWORD = "demo-mottagning"


@dataclass(frozen=True)
class Volumes:
    """How many persons of each kind a municipality gets (2018-sized)."""

    ekb_hvb: int
    ekb_stodboende: int
    ekb_familjehem: int
    households: int  # newcomer households in the etableringstid; ~2.3 persons each
    waiting_anvisning: int  # anvisade, not yet received
    asylum_ebo: int
    tillstandssokande: int
    after_establishment: int
    quota_households: int  # kvotflyktingar: permit before arrival, no asylum application


VOLUMES: dict[str, Volumes] = {
    "alingsas": Volumes(4, 22, 3, 115, 6, 6, 3, 5, 8),
    "vingaker": Volumes(2, 4, 1, 10, 2, 3, 1, 4, 1),
    "ostersund": Volumes(8, 30, 3, 60, 4, 8, 3, 10, 5),
    "ekero": Volumes(3, 7, 2, 48, 3, 5, 2, 6, 4),
}

# Which unit registers each kind of person (the unit that opens the case), per municipality.
REGISTRAR: dict[str, dict[str, str]] = {
    "alingsas": {
        "ekb": "placeringsenheten",
        "newcomer": "integrationsavdelningen",
        "asylum": "stod_forsorjning",
        "after": "stod_forsorjning",
    },
    "vingaker": {
        "ekb": "ung_integration",
        "newcomer": "integrationsenheten",
        "asylum": "sn_myndighet",
        "after": "sn_myndighet",
    },
    "ostersund": {
        "ekb": "ung_integration",
        "newcomer": "integrationsservice",
        "asylum": "omrade_forsorjning",
        "after": "omrade_forsorjning",
    },
    "ekero": {
        "ekb": "sektion_ekb",
        "newcomer": "sektion_nyanlanda",
        "asylum": "socialkontoret",
        "after": "socialkontoret",
    },
}

FIRST_NAMES_F = [
    "Amina",
    "Fatima",
    "Sara",
    "Layla",
    "Nour",
    "Hawa",
    "Maryam",
    "Zahra",
    "Yasmin",
    "Hodan",
    "Aisha",
    "Rahel",
    "Senait",
    "Olena",
    "Iryna",
    "Rana",
    "Huda",
    "Shirin",
    "Parwana",
    "Nasrin",
    "Mahsa",
    "Leila",
    "Asha",
    "Ifrah",
    "Hamdi",
]
FIRST_NAMES_M = [
    "Omar",
    "Ali",
    "Mohammed",
    "Ahmad",
    "Yusuf",
    "Hassan",
    "Abdi",
    "Mustafa",
    "Karim",
    "Samir",
    "Bilal",
    "Tesfay",
    "Dawit",
    "Amanuel",
    "Mehdi",
    "Reza",
    "Jawad",
    "Farid",
    "Hamid",
    "Ibrahim",
    "Khalid",
    "Nabil",
    "Rami",
    "Sami",
    "Taras",
    "Andrii",
]
LAST_NAMES = [
    "Hassan",
    "Ali",
    "Mohammed",
    "Ahmadi",
    "Haddad",
    "Abdullahi",
    "Yusuf",
    "Rahimi",
    "Karimi",
    "Hosseini",
    "Tesfaye",
    "Haile",
    "Mohamud",
    "Osman",
    "Jama",
    "Nazari",
    "Sultani",
    "Farah",
    "Aden",
    "Warsame",
    "Kovalenko",
    "Shevchenko",
    "Khalil",
    "Saleh",
    "Mansour",
    "Barakat",
    "Qasim",
    "Noori",
    "Popal",
    "Mengistu",
]


def _luhn(nine: str) -> str:
    total = 0
    for i, ch in enumerate(nine):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return str((10 - total % 10) % 10)


def _swedish_number(born: dt.date, rng: random.Random, *, coordination: bool) -> str:
    day = born.day + (60 if coordination else 0)
    serial = f"{rng.randrange(0, 1000):03d}"
    short = f"{born:%y%m}{day:02d}{serial}"
    return f"{born:%Y%m}{day:02d}-{serial}{_luhn(short)}"


class Generator:
    """Makes plausible timelines relative to `today` and stores them through the services."""

    def __init__(self, kommun: str, today: dt.date, actor: User, seed: int) -> None:
        from mottagning.register.models import Municipality, Unit

        self.kommun = kommun
        self.today = today
        self.actor = actor
        self.rng = random.Random(seed)
        self.municipality = Municipality.objects.get(kod=kommun)
        self.units = {u.kod: u for u in Unit.objects.filter(municipality=self.municipality)}
        self.created = 0
        self.refused: list[str] = []
        self.dossier = 10_000_000 + seed * 100_000

    # -- helpers -----------------------------------------------------------------------------

    def ago(self, low: int, high: int) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randint(low, high))

    def born(self, age_low: float, age_high: float, at: dt.date | None = None) -> dt.date:
        at = at or self.today
        days = self.rng.randint(int(age_low * 365.25), int(age_high * 365.25))
        return at - dt.timedelta(days=days)

    def name(self, female: bool | None = None, last: str | None = None) -> tuple[str, str]:
        female = self.rng.random() < 0.5 if female is None else female
        first = self.rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
        return first, last or self.rng.choice(LAST_NAMES)

    def identities(self, born: dt.date, *, folkbokford: bool) -> list[tuple[str, str]]:
        self.dossier += self.rng.randint(1, 40)
        ids = [("dossiernummer", str(self.dossier))]
        if folkbokford:
            ids.append(("personnummer", _swedish_number(born, self.rng, coordination=False)))
        elif self.rng.random() < 0.3:
            ids.append(("samordningsnummer", _swedish_number(born, self.rng, coordination=True)))
        return ids

    def create(self, kind: str, **data: Any) -> Any:
        from django.core.exceptions import ValidationError

        from mottagning.register import services

        unit = self.units[REGISTRAR[self.kommun][kind]]
        try:
            # Derived rows for the whole municipality at once afterwards (populate).
            person = services.person_create(
                actor=self.actor, unit=unit, reason="Demodata", refresh=False, **data
            )
        except ValidationError as exc:
            self.refused.append(f"{data['fornamn']} {data['efternamn']}: {exc.messages}")
            return None
        self.created += 1
        return person

    # -- cohorts -----------------------------------------------------------------------------

    def ekb(self, form: str) -> None:
        """An unaccompanied child anvisad during the asylum period, placed by social services."""
        age = {"hvb": (14.0, 17.3), "stodboende": (16.2, 20.5), "familjehem": (9.0, 16.0)}[form]
        born = self.born(*age)
        # At 13 at the earliest, but in the past: a family-home child of 9 applied younger
        # (an application years ahead is refused as implausible, rules/events.py).
        asyl = min(max(born + dt.timedelta(days=365 * 13), self.ago(120, 900)), self.ago(30, 120))
        anvisning = asyl + dt.timedelta(days=self.rng.randint(5, 30))
        events: list[dict[str, Any]] = [
            {"typ": "asylansokan", "datum": asyl},
            {"typ": "anvisning", "datum": anvisning, "kommun": self.kommun},
        ]
        # 003: every new EKB is first placed in an HVB for assessment.
        first_form = "familjehem" if form == "familjehem" else "hvb"
        events.append({"typ": "placering", "datum": anvisning, "form": first_form})
        permit = anvisning + dt.timedelta(days=self.rng.randint(90, 500))
        if permit < self.today - dt.timedelta(days=10):
            tut = self.rng.random() < 0.5
            permit_event: dict[str, Any] = {
                "typ": "uppehallstillstand",
                "datum": permit,
                "tillstand": "TUT" if tut else "PUT",
                "grund": self.rng.choice(["flykting", "alternativt_skydd"]),
            }
            if tut:
                permit_event["giltigt_till"] = permit + dt.timedelta(
                    days=self.rng.choice([395, 1095])
                )
            events.append(permit_event)
            events.append({"typ": "mottagande", "datum": permit + dt.timedelta(days=7)})
        if form == "stodboende":
            move = max(
                born + dt.timedelta(days=int(16.1 * 365.25)), anvisning + dt.timedelta(days=60)
            )
            move = min(move, self.today - dt.timedelta(days=1))
            if move > anvisning:
                events.append({"typ": "placering", "datum": move, "form": "stodboende"})
        if self.today - born > dt.timedelta(days=int(16 * 365.25)):
            start = max(
                born + dt.timedelta(days=int(16 * 365.25)), anvisning + dt.timedelta(days=30)
            )
            if start < self.today:
                end = dt.date(min(born.year + 20, self.today.year + 2), 6, 15)
                events.append({"typ": "gymnasiestudier", "datum": start, "slut": max(end, start)})
        first, last = self.name()
        self.create(
            "ekb",
            fornamn=first,
            efternamn=last,
            fodelsedatum=born,
            ensamkommande=True,
            identity_list=self.identities(
                born, folkbokford=len(events) > 3 and self.rng.random() < 0.8
            ),
            events=sorted(events, key=lambda e: e["datum"]),
        )

    def household(self, *, received: dt.date | None, quota: bool = False) -> None:
        """A family (or single adult) with PUT, anvisad and, unless `received` is None, received."""
        from mottagning.register import services

        last = self.rng.choice(LAST_NAMES)
        adults = self.rng.choice([1, 1, 2, 2, 2])
        children = self.rng.choice([0, 0, 1, 2, 2, 3, 4]) if adults else 0
        anvisning = (received or self.today) - dt.timedelta(days=self.rng.randint(20, 55))
        permit = anvisning - dt.timedelta(days=self.rng.randint(10, 60))
        asyl = None if quota else permit - dt.timedelta(days=self.rng.randint(120, 600))
        household = None
        if adults + children > 1:
            unit = self.units[REGISTRAR[self.kommun]["newcomer"]]
            household = services.household_create(
                actor=self.actor, unit=unit, beteckning=f"Familjen {last}", reason="Demodata"
            )
        members = [("adult", i) for i in range(adults)] + [("child", i) for i in range(children)]
        for kind, i in members:
            if kind == "adult":
                born = self.born(20, 55, at=permit)
                female = i == 1 or self.rng.random() < 0.45
            else:
                born = self.born(0.5, 17, at=permit)
                female = None
            events: list[dict[str, Any]] = []
            if asyl is not None and asyl > born:
                events.append({"typ": "asylansokan", "datum": asyl})
            events.append(
                {
                    "typ": "uppehallstillstand",
                    "datum": max(permit, born),
                    "tillstand": "PUT",
                    "grund": "flykting"
                    if quota
                    else self.rng.choice(["flykting", "alternativt_skydd", "anhorig"]),
                }
            )
            events.append(
                {"typ": "anvisning", "datum": max(anvisning, born), "kommun": self.kommun}
            )
            if received is not None:
                events.append({"typ": "mottagande", "datum": max(received, born)})
            first, _ = self.name(female)
            self.create(
                "newcomer"
                if received is None or self.today - received < dt.timedelta(days=730)
                else "after",
                fornamn=first,
                efternamn=last,
                fodelsedatum=born,
                household=household,
                identity_list=self.identities(born, folkbokford=received is not None),
                events=events,
            )

    def asylum_ebo(self) -> None:
        born = self.born(19, 50)
        asyl = self.ago(60, 700)
        first, last = self.name()
        self.create(
            "asylum",
            fornamn=first,
            efternamn=last,
            fodelsedatum=born,
            identity_list=self.identities(born, folkbokford=False),
            events=[
                {"typ": "asylansokan", "datum": asyl},
                {"typ": "eget_boende", "datum": asyl + dt.timedelta(days=self.rng.randint(1, 40))},
            ],
        )

    def tillstandssokande(self) -> None:
        """001 §3.1: had a TUT, applied for a new one before it ran out, waits for the decision."""
        born = self.born(20, 45)
        received = self.ago(500, 700)
        permit = received - dt.timedelta(days=60)
        expiry = self.today - dt.timedelta(days=self.rng.randint(5, 90))
        first, last = self.name()
        self.create(
            "after",
            fornamn=first,
            efternamn=last,
            fodelsedatum=born,
            identity_list=self.identities(born, folkbokford=True),
            events=[
                {"typ": "asylansokan", "datum": permit - dt.timedelta(days=300)},
                {
                    "typ": "uppehallstillstand",
                    "datum": permit,
                    "tillstand": "TUT",
                    "giltigt_till": expiry,
                },
                {
                    "typ": "anvisning",
                    "datum": received - dt.timedelta(days=30),
                    "kommun": self.kommun,
                },
                {"typ": "mottagande", "datum": received},
                {"typ": "tillstandsansokan", "datum": expiry - dt.timedelta(days=30)},
            ],
        )

    def fill(self, volumes: Volumes, scale: float) -> None:
        def n(count: int) -> int:
            return max(1, round(count * scale)) if count else 0

        for _ in range(n(volumes.ekb_hvb)):
            self.ekb("hvb")
        for _ in range(n(volumes.ekb_stodboende)):
            self.ekb("stodboende")
        for _ in range(n(volumes.ekb_familjehem)):
            self.ekb("familjehem")
        for _ in range(n(volumes.households)):
            # Received within the 24 months of the etableringstid, spread over them; a few are
            # close to its end so the worklists have handovers to show.
            self.household(received=self.ago(20, 720))
        for _ in range(n(volumes.quota_households)):
            self.household(received=self.ago(20, 600), quota=True)
        for _ in range(n(volumes.waiting_anvisning)):
            self.household(received=None)
        for _ in range(n(volumes.asylum_ebo)):
            self.asylum_ebo()
        for _ in range(n(volumes.tillstandssokande)):
            self.tillstandssokande()
        for _ in range(n(volumes.after_establishment)):
            self.household(received=self.ago(760, 1000))


def _demo_users(kommun: str) -> list[tuple[str, str, list[str]]]:
    """(username, role, unit ids) for a municipality's demo accounts."""
    registrars = REGISTRAR[kommun]
    case_units = sorted(set(registrars.values()))
    users = [(f"{kommun}.{unit}", "handlaggare", [unit]) for unit in case_units]
    users += [
        (f"{kommun}.enhetschef", "enhetschef", [registrars["newcomer"]]),
        # The head of the unit that places EKB: overdue placement deadlines reach them.
        (f"{kommun}.enhetschef_ekb", "enhetschef", [registrars["ekb"]]),
        (f"{kommun}.ekonom", "ekonom", case_units),
        (f"{kommun}.strateg", "strateg", case_units),
        (f"{kommun}.revisor", "revisor", []),
        (f"{kommun}.admin", "administrator", []),
        (f"{kommun}.fortroendevald", "fortroendevald", []),
        (f"{kommun}.samordnare", "samordnare", [registrars["newcomer"]]),
    ]
    return users


def ensure_users(kommun: str) -> list[tuple[str, str, str]]:
    from django.db import transaction

    from mottagning.accounts.models import User, UserRole
    from mottagning.accounts.services import user_create
    from mottagning.register.models import Municipality, Unit

    municipality = Municipality.objects.get(kod=kommun)
    rows = []
    for username, role, unit_ids in _demo_users(kommun):
        units = list(Unit.objects.filter(municipality=municipality, kod__in=unit_ids))
        with transaction.atomic():
            user = User.objects.filter(username=username).first()
            if user is None:
                user = user_create(
                    username=username,
                    password=DEMO_PASSWORD,
                    municipality=municipality,
                    roles=[role],
                    units=units,
                    check_password=False,  # a demo password everyone can type, printed below
                )
            else:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
                user.units.set(units)
                UserRole.objects.get_or_create(user=user, roll=role)
                user.forget_access()
        rows.append((username, role, ", ".join(u.namn for u in units) or "–"))
    return rows


def _case_work(kommun: str, today: dt.date, actor: Any) -> str:
    """Plans, mappings, homes and the kommuntal for the newly filled register (issue #11)."""
    from mottagning.accounts.models import User
    from mottagning.housing import demo as housing_demo
    from mottagning.plans import demo as plans_demo
    from mottagning.register.models import Municipality, Unit

    municipality = Municipality.objects.get(kod=kommun)
    unit = Unit.objects.get(municipality=municipality, kod=REGISTRAR[kommun]["newcomer"])
    handlaggare = User.objects.get(username=f"{kommun}.{unit.kod}")
    mapped = plans_demo.fill(
        municipality=municipality,
        newcomer_unit=unit,
        actor=actor,
        handlaggare=handlaggare,
        today=today,
    )
    homes = housing_demo.fill(municipality=municipality, unit=unit, actor=actor, today=today)
    from mottagning.matching import demo as matching_demo

    matching = matching_demo.fill(
        municipality=municipality,
        actor=User.objects.get(username=f"{kommun}.samordnare"),
        handlaggare=handlaggare,
        today=today,
    )
    return f"{mapped} kartlagda eller med plan, {homes} bostäder" + (
        f", {matching}" if matching else ""
    )


def populate(
    *, scale: float = 1.0, today: dt.date | None = None, out: Any = sys.stdout
) -> dict[str, int]:
    """Load profiles, fill empty municipalities, refresh the others. Returns persons per kommun."""
    from django.utils import timezone

    from mottagning.accounts.models import User
    from mottagning.cases.models import Transition
    from mottagning.cases.services import register_refresh
    from mottagning.profiles import PROFILE_CODES
    from mottagning.register import services
    from mottagning.register.models import Person

    today = today or timezone.localdate()
    counts: dict[str, int] = {}
    for seed, kommun in enumerate(PROFILE_CODES, start=1):
        municipality = services.municipality_load_profile(kod=kommun)
        ensure_users(kommun)
        persons = Person.objects.filter(municipality__kod=kommun)
        start = time.perf_counter()
        if persons.exists():
            # Second run: keep the register, move "today" forward for every person.
            register_refresh(municipality=municipality, today=today)
            print(f"  {kommun}: {persons.count()} personer fanns, omräknade för {today}", file=out)
        else:
            actor = User.objects.get(username=f"{kommun}.admin")
            generator = Generator(kommun, today, actor, seed)
            generator.fill(VOLUMES[kommun], scale)
            register_refresh(municipality=municipality, today=today)
            # The register is synthetic but its past is not undone work: what fell due more
            # than two weeks ago was handled then, so worklists show only what is fresh or coming.
            Transition.objects.filter(
                municipality=municipality,
                datum__lt=today - dt.timedelta(days=14),
                hanterad__isnull=True,
            ).update(hanterad=timezone.now(), hanterad_av=actor)
            work = _case_work(kommun, today, actor)
            took = time.perf_counter() - start
            print(
                f"  {kommun}: {generator.created} personer skapade, {work}, på {took:.1f} s",
                file=out,
            )
            for problem in generator.refused:
                print(f"    avvisad av reglerna: {problem}", file=out)
        # Cases, decisions, placements and journal notes on that register (once).
        from mottagning.arenden.demo import fill as fill_casework

        fill_casework(kommun=kommun, today=today, seed=seed, out=out)
        # The economy for 2017–2019: costs, claims in every status, payment decisions (#10).
        from mottagning.claims.demo import fill as fill_economy

        fill_economy(kommun=kommun, registrar=REGISTRAR[kommun]["ekb"], seed=seed, out=out)
        from mottagning.followup.demo import fill_any as fill_followup

        print(f"  {kommun}: uppföljning: {fill_followup(kommun)}", file=out)
        counts[kommun] = persons.count()
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m mottagning.demo", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--no-serve", action="store_true", help="bygg databasen men starta ingen server"
    )
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--scale", type=float, default=1.0, help="andel av 2018 års volymer")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mottagning.config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from mottagning.config.settings.paths import VAR_DIR
    from mottagning.profiles import PROFILE_CODES

    VAR_DIR.mkdir(parents=True, exist_ok=True)
    database = settings.DATABASES["default"]
    print(f"Databas: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}")
    call_command("migrate", interactive=False, verbosity=0)
    print("Kommuner och register:")
    populate(scale=args.scale)

    print("\nInloggningar (lösenord för alla: " + DEMO_PASSWORD + "):")
    for kommun in PROFILE_CODES:
        for username, role, units in ensure_users(kommun):
            print(f"  {username:42} {role:14} {units}")
    if args.no_serve:
        return 0
    print(
        f"\nÖppna http://127.0.0.1:{args.port}/ och logga in, till exempel som alingsas.integrationsavdelningen."
    )
    print("Avsluta med Ctrl-C.\n", flush=True)
    call_command("runserver", f"127.0.0.1:{args.port}", use_reloader=False, skip_checks=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
