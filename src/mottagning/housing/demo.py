"""`make demo`: homes, contracts and residences for the received newcomers, and a kommuntal per
year. The kommuntal are invented (the real ones for these four municipalities were not found,
domain-facts §3.2) and say so in their source."""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal
from typing import Any

from mottagning.housing import services
from mottagning.register import services as register_services
from mottagning.register.models import Event, Municipality, Unit
from mottagning.rules.events import add_months

# 003 names Östersundshem; the others are described generically.
LANDLORDS = {
    "ostersund": ["Östersundshem", "Privat hyresvärd"],
}
DEFAULT_LANDLORDS = ["Det kommunala bostadsbolaget", "Privat hyresvärd"]
STREETS = ["Storgatan", "Kyrkogatan", "Skolvägen", "Björkvägen", "Ängsgatan", "Parkvägen"]
KINDS = ["andrahand"] * 9 + ["forstahand"] * 4 + ["socialt_kontrakt"] * 2 + ["tidsbegransat"] * 5


def fill(*, municipality: Municipality, unit: Unit, actor: Any, today: dt.date) -> int:
    """Returns how many homes were registered."""
    kommun = municipality.kod
    rng = random.Random(f"housing-{kommun}")
    receptions = (
        Event.objects.filter(municipality=municipality, typ="mottagande", kommun__in=("", kommun))
        .exclude(person__ensamkommande=True)
        .select_related("person")
        .order_by("datum", "person_id")
    )
    families: dict[Any, list[Any]] = {}
    for event in receptions:
        key = event.person.household_id or f"p{event.person_id}"
        families.setdefault(key, []).append(event)
    homes = 0
    for members in families.values():
        start = min(e.datum for e in members)
        rooms = min(1 + len(members) // 2, 5)
        home = services.bostad_create(
            actor=actor,
            enhet=unit,
            adress=f"{rng.choice(STREETS)} {rng.randint(1, 80)}",
            postnummer=f"{rng.randint(100, 999)} {rng.randint(10, 99)}",
            ort=municipality.namn.removesuffix(" kommun"),
            hyresvard=rng.choice(LANDLORDS.get(kommun, DEFAULT_LANDLORDS)),
            rum=rooms,
            reason="Demodata",
        )
        kind = rng.choice(KINDS)
        # A fixed-term contract lasts the 24 months of the etableringstid (2010:1122 10 §).
        end = add_months(start, 24) if kind == "tidsbegransat" else None
        contract = services.kontrakt_create(
            actor=actor,
            bostad=home,
            slag=kind,
            hyra=Decimal(3800 + 1450 * rooms + rng.randint(0, 40) * 10) + Decimal("0.50"),
            start=start,
            slut=end,
            reason="Demodata",
        )
        homes += 1
        # A few families move to another municipality after a year or more (left the quota).
        settled = (today - start).days
        moves_away = (
            start + dt.timedelta(days=rng.randint(365, settled - 1))
            if settled > 400 and end is None and rng.random() < 0.08
            else None
        )
        for event in members:
            residence = services.boende_create(
                actor=actor,
                person=event.person,
                kontrakt=contract,
                fran=event.datum,
                reason="Demodata",
            )
            # Families whose contract ended more than two weeks ago have moved on; those
            # within the two weeks still live there, an overdue deadline on the worklist.
            if end is not None and end < today - dt.timedelta(days=14):
                services.boende_end(actor=actor, boende=residence, till=end, reason="Demodata")
            elif moves_away is not None:
                register_services.event_create(
                    actor=actor,
                    person=event.person,
                    typ="utflyttning",
                    datum=moves_away,
                    reason="Demodata",
                )
                services.boende_end(
                    actor=actor, boende=residence, till=moves_away, reason="Demodata"
                )
    anvisade: dict[int, set[int]] = {}
    for person_id, datum in (
        Event.objects.filter(municipality=municipality, typ="anvisning", kommun__in=("", kommun))
        .exclude(person__ensamkommande=True)
        .values_list("person_id", "datum")
    ):
        anvisade.setdefault(datum.year, set()).add(person_id)
    for year, persons in sorted(anvisade.items()):
        services.kommuntal_set(
            actor=actor,
            municipality=municipality,
            ar=year,
            antal=math.ceil(len(persons) * rng.uniform(1.0, 1.3)),
            kalla="Demodata: påhittat kommuntal (kommunens verkliga kommuntal är inte kända)",
            reason="Demodata",
        )
    return homes
