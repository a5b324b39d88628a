"""Demo case work for `make demo`, consistent with the synthetic register (mottagning.demo).

Every EKB the register placed gets a placement ärende at the unit that placed it, with its
decision, a god man, its placements (the register's own `placering` events, taken over, with the
end date of each one the child moved on from), journal notes and the follow-up done so far.
About three in five of the deadlines that passed in the last 60 days are left open, and for every
fourth child the last deadline that has passed, so the worklists show overdue deadlines. Some
newcomers get an ärende about ekonomiskt bistånd (the glappet before etableringsersättning,
002 §4) with a decision.

Costs per day: HVB and stödboende 42 857 kr a month per place (Alingsås 2018, 001 §4: "Kostnad
per plats på HVB/Stödboende EKB integrerat med övriga placerade"), i.e. 1 409 kr a dygn for
every municipality; familjehem 700 kr a dygn is an estimate (no seed gives one).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

MONTHLY_PLACE = Decimal(42857)  # 001 §4 (2018)
DAILY = {
    "hvb": (MONTHLY_PLACE * 12 / 365).quantize(Decimal(1), ROUND_HALF_UP),
    "stodboende": (MONTHLY_PLACE * 12 / 365).quantize(Decimal(1), ROUND_HALF_UP),
    "familjehem": Decimal(700),  # estimate, see the module docstring
}
PLACES = {
    "hvb": ["HVB Solgården", "HVB Björken", "HVB Ankaret"],
    "stodboende": ["Stödboendet Ängen", "Stödboendet Lärkan"],
    "familjehem": ["Familjehem Andersson", "Familjehem Berg", "Familjehem Karlsson"],
}
PROVIDERS = {
    "hvb": "Solhem Omsorg AB",
    "stodboende": "Kommunens stöd- och ungdomsboende",
    "familjehem": "Familjehem (uppdragstagare)",
}


def fill(*, kommun: str, today: dt.date, seed: int, out: Any) -> None:
    """Add case work to a municipality once (a second run finds it and leaves it alone)."""
    from django.db import transaction
    from django.utils import timezone

    from mottagning.accounts.models import User
    from mottagning.arenden import services
    from mottagning.arenden.models import Arende
    from mottagning.cases.models import Transition
    from mottagning.demo import REGISTRAR
    from mottagning.placements import deadlines
    from mottagning.placements import services as placement_services
    from mottagning.register.models import Municipality, Person, Unit

    municipality = Municipality.objects.get(kod=kommun)
    if Arende.objects.filter(municipality=municipality).exists():
        return
    rng = random.Random(seed * 7919)
    units = {u.kod: u for u in Unit.objects.filter(municipality=municipality)}
    for user in User.objects.filter(municipality=municipality, email=""):
        user.email = f"{user.username}@example.invalid"  # the console shows reminders
        user.save(update_fields=["email"])
    ekb_unit = units[REGISTRAR[kommun]["ekb"]]
    ekb_worker = User.objects.get(username=f"{kommun}.{ekb_unit.kod}")
    placed = 0
    overdue = 0
    children = (
        Person.objects.filter(
            municipality=municipality, registrerad_av=ekb_unit, ensamkommande=True
        )
        .prefetch_related("handelser")
        .order_by("pk")
    )
    children_seen = 0
    for child in children:
        events = [e for e in child.handelser.all() if e.typ == "placering"]
        # The synthetic register dates some young children's arrival in the future; their
        # case opens when they come.
        if not events or events[0].datum > today:
            continue
        children_seen += 1
        with transaction.atomic():
            start = events[0].datum
            arende = services.arende_create(
                actor=ekb_worker,
                person=child,
                unit=ekb_unit,
                typ="placering",
                oppnat=start,
                handlaggare=ekb_worker,
            )
            beslut = services.beslut_create(
                actor=ekb_worker,
                arende=arende,
                lagrum="SoL",
                paragraf="4 kap. 1 §",
                insats="Bistånd i form av placering utanför det egna hemmet",
                utfall="bifall",
                motivering=(
                    "Du är under 18 år och har kommit till Sverige utan vårdnadshavare. Du "
                    "behöver ett boende där vuxna kan ge dig omsorg och stöd."
                ),
                beslutsdatum=start,
                giltigt_fran=start,
                beslutsfattare=f"{ekb_unit.namn}, socialsekreterare (delegationsbeslut)",
                overklagande="forvaltningsbesvar",
            )
            placement_services.placering_create(
                actor=ekb_worker,
                arende=arende,
                form="god_man",
                grund="god_man_ekb",
                anordnare=f"Överförmyndaren i {municipality.namn}",
                plats="God man (förordnad av överförmyndaren)",
                start=start,
                kostnad_per_dygn=Decimal(0),
            )
            services.anteckning_create(
                actor=ekb_worker,
                arende=arende,
                datum=start,
                text="Anvisad av Migrationsverket. Placerad samma dag; god man begärd hos överförmyndaren.",
            )
            for i, event in enumerate(events):
                nxt = events[i + 1].datum if i + 1 < len(events) else None
                placering = placement_services.placering_create(
                    actor=ekb_worker,
                    arende=arende,
                    beslut=beslut,
                    form=event.form,
                    grund="SoL",
                    anordnare=PROVIDERS[event.form],
                    plats=rng.choice(PLACES[event.form]),
                    start=event.datum,
                    slut=(nxt - dt.timedelta(days=1)) if nxt else event.slut,
                    kostnad_per_dygn=DAILY[event.form],
                )
                placed += 1
                overdue += _follow_up(
                    services,
                    deadlines,
                    ekb_worker,
                    arende,
                    placering,
                    today,
                    rng,
                    behind=children_seen % 4 == 0,
                )
            # The register's past is not undone work (as mottagning.demo does): transitions
            # the new end dates brought that fell due over two weeks ago were handled then.
            Transition.objects.filter(
                person=child, datum__lt=today - dt.timedelta(days=14), hanterad__isnull=True
            ).update(hanterad=timezone.now(), hanterad_av=ekb_worker)
    cases = _income_support(kommun, municipality, units, today, rng)
    print(
        f"    ärenden: {placed} placeringar, {overdue} försenade frister, "
        f"{cases} ärenden om ekonomiskt bistånd",
        file=out,
    )


def _follow_up(
    services: Any,
    deadlines: Any,
    worker: Any,
    arende: Any,
    placering: Any,
    today: dt.date,
    rng: random.Random,
    *,
    behind: bool,
) -> int:
    """Mark done what a working unit would have done; leave the newest work open, and for a
    child whose handläggare is `behind`, the last deadline that has passed. Returns the number
    of deadlines left overdue."""
    from mottagning.arenden.models import FristKlar

    left_overdue = 0
    for _round in range(20):
        done = dict(
            FristKlar.objects.filter(person_id=placering.person_id).values_list("nyckel", "datum")
        )
        born = deadlines._born(placering.person)
        candidates = deadlines.placement_deadlines(placering, done, born)
        report = deadlines.ekb_deadline(placering, done, born)
        if report is not None:
            candidates.append(report)
        open_now = sorted((d for d in candidates if d.due < today), key=lambda d: d.due)
        if not open_now:
            break
        d = open_now[0]
        recent = (today - d.due).days < 60
        # Recent work is sometimes still open (that is what the worklist is for).
        if recent and rng.random() < 0.6:
            left_overdue += len(open_now)
            break
        when = min(d.due + dt.timedelta(days=rng.randint(0, 10)), today)
        successor = deadlines.add_months(when, deadlines.OVERVAGANDE_MONTHS)
        last = len(open_now) == 1 and (d.kind != "placering_overvagande" or successor >= today)
        if behind and last:
            left_overdue += 1
            break
        text = {
            "vardplan": "Vårdplan upprättad tillsammans med god man.",
            "genomforandeplan": "Genomförandeplan upprättad med boendet.",
            "ekb_18_anmalan": "Anmält till Migrationsverket: kommunen behåller ansvaret efter 18 år.",
        }.get(d.kind, "Övervägande: vården behövs fortfarande; placeringen fortsätter.")
        services.frist_mark_done(
            actor=worker, key=d.key, person_id=placering.person_id, notering=text, datum=when
        )
        if d.kind in ("placering_overvagande", "ekb_18_anmalan"):
            services.anteckning_create(actor=worker, arende=arende, datum=when, text=text)
    return left_overdue


def _income_support(
    kommun: str, municipality: Any, units: dict[str, Any], today: dt.date, rng: random.Random
) -> int:
    """Ekonomiskt bistånd for some adult newcomers received in the last three months."""
    from mottagning.accounts.models import User
    from mottagning.arenden import services
    from mottagning.demo import REGISTRAR
    from mottagning.register.models import Event

    unit = units[REGISTRAR[kommun]["newcomer"]]
    worker = User.objects.get(username=f"{kommun}.{unit.kod}")
    received = (
        Event.objects.filter(
            municipality=municipality,
            typ="mottagande",
            datum__gte=today - dt.timedelta(days=90),
            person__registrerad_av=unit,
            person__fodelsedatum__lte=today - dt.timedelta(days=365 * 20),
        )
        .select_related("person")
        .order_by("pk")
    )
    count = 0
    for event in received:
        if rng.random() > 0.5:
            continue
        arende = services.arende_create(
            actor=worker,
            person=event.person,
            unit=unit,
            typ="ekonomiskt_bistand",
            oppnat=event.datum,
            handlaggare=worker,
        )
        services.beslut_create(
            actor=worker,
            arende=arende,
            lagrum="SoL",
            paragraf="4 kap. 1 §",
            insats="Ekonomiskt bistånd i väntan på etableringsersättning",
            utfall=rng.choice(["bifall", "bifall", "delvis_bifall"]),
            motivering=(
                "Du har ännu inte fått etableringsersättning och har inga andra pengar att "
                "leva på. Vi har räknat ditt behov enligt riksnormen."
            ),
            beslutsdatum=min(event.datum + dt.timedelta(days=3), today),
            giltigt_fran=event.datum,
            giltigt_till=event.datum + dt.timedelta(days=60),
            beslutsfattare=f"{unit.namn}, flyktingsekreterare (delegationsbeslut)",
            overklagande="forvaltningsbesvar",
        )
        services.anteckning_create(
            actor=worker,
            arende=arende,
            datum=event.datum,
            text="Besök på mottagningen. Ansökan om ekonomiskt bistånd inlämnad; tolk på plats.",
        )
        count += 1
    return count
