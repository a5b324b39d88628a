"""`make demo`: an economy to look at for 2017–2019 (issue #10 item 7). A few asylum-seeking
unaccompanied children and received adults with timelines in those years, their actual costs
(ekonomiskt bistånd, interpreters), the engine's expected compensation, a claim for every
type and quarter the register asks for, walked through every status with payment decisions
(one short-paid), and a few drafts left unsent past their deadline, so the ekonom's worklist
has overdue claims. Runs once per municipality: a second `make demo` leaves it as it is.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from mottagning.accounts.models import User
from mottagning.claims import selectors, services
from mottagning.claims.models import (
    AVSLAG,
    BEVILJAD,
    DELVIS_BEVILJAD,
    INSKICKAD,
    OVERKLAGAD,
    UTBETALD,
    Ansokan,
    Utbetalning,
)
from mottagning.register import services as register_services
from mottagning.register.models import Municipality, Unit

D = dt.date
FIRST_NAMES = ("Amal", "Bilal", "Daniel", "Farah", "Hamid", "Jamila", "Karim", "Leyla", "Nour")
LAST_NAMES = ("Abdi", "Haddad", "Karimi", "Mohammadi", "Nazari", "Rahimi", "Yousef")
# Each claim is walked to one of these ends, in turn; the last ones stay unsent drafts.
ENDS = (UTBETALD, BEVILJAD, DELVIS_BEVILJAD, AVSLAG, OVERKLAGAD, INSKICKAD, "utkast")


def fill(*, kommun: str, registrar: str, seed: int, out: Any) -> int:
    """Add the economy for 2017–2019; returns the number of claims made."""
    municipality = Municipality.objects.get(kod=kommun)
    if Ansokan.objects.filter(municipality=municipality).exists():
        return 0
    rng = random.Random(seed)
    ekonom = User.objects.get(username=f"{kommun}.ekonom")
    admin = User.objects.get(username=f"{kommun}.admin")
    unit = Unit.objects.get(municipality=municipality, kod=registrar)
    persons = []
    for i in range(6):
        asyl = D(2016, 9, 1) + dt.timedelta(days=20 * i)
        persons.append(
            register_services.person_create(
                actor=admin,
                unit=unit,
                fornamn=rng.choice(FIRST_NAMES),
                efternamn=rng.choice(LAST_NAMES),
                fodelsedatum=D(2003, 3, 1) + dt.timedelta(days=90 * i),
                ensamkommande=True,
                events=[
                    {"typ": "asylansokan", "datum": asyl},
                    {"typ": "anvisning", "datum": asyl + dt.timedelta(days=14), "kommun": kommun},
                ],
                reason="Demo: ekonomi",
            )
        )
    for person in persons:
        for year in (2017, 2018, 2019):
            for month in (2, 5, 8, 11):
                first = D(year, month, 1)
                services.kostnad_create(
                    actor=ekonom,
                    person=person,
                    enhet=unit,
                    slag="ekonomiskt_bistand_asyl",
                    fran=first,
                    till=first + dt.timedelta(days=27),
                    belopp=Decimal(rng.randrange(150_000, 650_000)) / 100,
                    verifikation=f"V{year}-{month:02d}-{person.pk}",
                )
            if rng.random() < 0.5:
                services.kostnad_create(
                    actor=ekonom,
                    person=person,
                    enhet=unit,
                    slag="tolk",
                    fran=D(year, 3, 10),
                    till=D(year, 3, 10),
                    belopp=Decimal(rng.randrange(60_000, 180_000)) / 100,
                    anordnare="Tolkförmedlingen",
                )
    services.forvantat_recompute(
        municipality=municipality, fran=D(2017, 1, 1), till=D(2019, 12, 31)
    )
    made = 0
    quarters = sorted(
        q for q in selectors.claim_quarters(municipality_id=municipality.pk) if 2017 <= q[1] <= 2019
    )
    for n, (typ, ar, kvartal) in enumerate(quarters):
        claim = services.ansokan_generate(
            actor=ekonom, municipality=municipality, typ=typ, ar=ar, kvartal=kvartal
        )
        made += 1
        _walk(claim, ENDS[n % len(ENDS)], ekonom, rng)
    print(f"  {kommun}: ekonomi 2017–2019, {made} ansökningar", file=out)
    return made


def _walk(claim: Ansokan, end: str, ekonom: User, rng: random.Random) -> None:
    """Take a claim through the statuses to `end`, dated inside its deadline."""
    if end == "utkast" or claim.belopp_ansokt == 0:
        return
    day = claim.till + dt.timedelta(days=rng.randint(20, 60))

    def step(status: str, belopp: Decimal | None = None, notering: str = "") -> None:
        nonlocal claim, day
        claim = services.ansokan_status_change(
            actor=ekonom, ansokan=claim, status=status, datum=day, belopp=belopp, notering=notering
        )
        day += dt.timedelta(days=rng.randint(20, 50))

    step(INSKICKAD)
    if end == INSKICKAD:
        return
    if end in (AVSLAG, OVERKLAGAD):
        step(AVSLAG)
        if end == OVERKLAGAD:
            step(OVERKLAGAD, notering="Kostnaderna gäller asyltiden; vi begär omprövning.")
        return
    granted = claim.belopp_ansokt
    if end == DELVIS_BEVILJAD:
        step(DELVIS_BEVILJAD, (granted * Decimal("0.8")).quantize(Decimal("0.01")))
        return
    step(BEVILJAD, granted)
    if end == UTBETALD:
        step(UTBETALD, granted)
        lines = list(claim.rader.all())
        for i, line in enumerate(lines):
            # One person's line short-paid, so the reconciliation has a difference to show.
            paid = line.belopp - Decimal("500.00") if i == 0 and line.belopp > 500 else line.belopp
            Utbetalning.objects.create(
                municipality_id=claim.municipality_id,
                beslutsdatum=day,
                referens=f"MV-{claim.ar}-{claim.kvartal}-{claim.pk}",
                typ=claim.typ,
                ar=claim.ar,
                kvartal=claim.kvartal,
                person_id=line.person_id,
                belopp=paid,
                filnamn="demo",
                importerad_av=ekonom,
            )
