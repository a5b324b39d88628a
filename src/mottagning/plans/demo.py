"""`make demo`: mappings and individual plans for the synthetic register's newcomers.

Consistent with the register: only persons received in the municipality get them, dated from
their reception; adults get a first mapping and a plan (sfi, samhällsorientering, the
etableringsplan with Arbetsförmedlingen, sometimes praktik), pupils a pedagogical mapping. As
for the register's transitions, what fell due more than two weeks ago was done then, so the
worklist shows fresh and some overdue deadlines, not years of undone work.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from mottagning.plans import frister, services
from mottagning.register.models import Event, Municipality, Unit

# Who gives sfi in each municipality, as the profiles name the unit (001 §3.2, 002 §1.3, 003,
# 004); the partner for the etableringsplan is always Arbetsförmedlingen (2017:584).
SFI_UNIT = {
    "alingsas": "campus",
    "vingaker": "viadidakt",
    "ostersund": "larcentrum",
    "ekero": "centrum_nyanlanda",
}
# Ekerö maps every newcomer at Centrum för nyanlända (004).
MAPPING_UNIT = {"ekero": "centrum_nyanlanda"}
DONE_AFTER_DAYS = 14
ESTABLISHMENT_DAYS = 730


def _done(rng: random.Random, due: dt.date, today: dt.date) -> dt.date | None:
    if due < today - dt.timedelta(days=DONE_AFTER_DAYS):
        return min(due, today)
    return None


def fill(
    *, municipality: Municipality, newcomer_unit: Unit, actor: Any, handlaggare: Any, today: dt.date
) -> int:
    """Returns how many persons got a plan or a mapping."""
    kommun = municipality.kod
    rng = random.Random(f"plans-{kommun}")
    units = {u.kod: u for u in Unit.objects.filter(municipality=municipality)}
    mapping_unit = units.get(MAPPING_UNIT.get(kommun, ""), newcomer_unit)
    sfi_unit = units.get(SFI_UNIT.get(kommun, ""))
    receptions = (
        Event.objects.filter(municipality=municipality, typ="mottagande", kommun__in=("", kommun))
        .exclude(person__ensamkommande=True)
        .select_related("person")
        .order_by("person_id", "datum")
    )
    latest = {e.person_id: e for e in receptions}
    maps_everyone = frister.rule_for("kartlaggning", kommun) is not None
    count = 0
    for event in latest.values():
        person, received = event.person, event.datum
        age = (received - person.fodelsedatum).days // 365
        recent = (today - received).days < 10
        # Where the municipality maps every newcomer (Ekerö, 004: children, young people and
        # adults), everyone gets a first mapping; elsewhere the adults. Some recent receptions
        # are not mapped yet, so the worklist has open mapping deadlines.
        if (maps_everyone or age >= 18) and not (recent and rng.random() < 0.5):
            count += 1
            services.kartlaggning_create(
                actor=actor,
                person=person,
                enhet=mapping_unit,
                mottagen=received,
                handlaggare=handlaggare,
                klar=_done(rng, received + dt.timedelta(days=rng.randint(10, 35)), today),
                utbildning=rng.choice(
                    ["Grundskola 9 år", "Gymnasium", "Universitet, ekonomi", "Ingen skolgång"]
                ),
                arbetslivserfarenhet=rng.choice(
                    ["Bonde", "Frisör", "Lärare", "Snickare", "Sjuksköterska", "Ingen"]
                ),
                sprak=rng.choice(["Arabiska, engelska", "Dari, persiska", "Tigrinja", "Somaliska"]),
                korkort=rng.choice(["B", "Saknas", "Saknas"]) if age >= 18 else "",
                mal=rng.choice(["Arbete inom vården", "Eget företag", "Studier", "Yrkesförare"]),
                reason="Demodata",
            )
        if (today - received).days > ESTABLISHMENT_DAYS or age < 6:
            continue
        if age < 18:
            start = received + dt.timedelta(days=rng.randint(3, 20))
            if start > today:
                continue
            services.kartlaggning_create(
                actor=actor,
                person=person,
                enhet=mapping_unit,
                slag="pedagogisk",
                mottagen=start,
                handlaggare=handlaggare,
                klar=_done(rng, start + dt.timedelta(days=rng.randint(20, 70)), today),
                erfarenheter="Har gått i skola i hemlandet; talar hemspråket och lite engelska.",
                rekommendation="Förberedelseklass delvis, i övrigt ordinarie klass.",
                reason="Demodata",
            )
            continue
        plan_day = received + dt.timedelta(days=rng.randint(14, 40))
        if plan_day > today:
            continue
        plan = services.plan_create(
            actor=actor,
            person=person,
            enhet=newcomer_unit,
            upprattad=plan_day,
            mal="Egen försörjning genom arbete eller studier inom etableringstiden.",
            handlaggare=handlaggare,
            reason="Demodata",
        )
        ansokan = received + dt.timedelta(days=rng.randint(5, 30))
        sfi_start = ansokan + dt.timedelta(days=rng.randint(20, 110))
        services.aktivitet_create(
            actor=actor,
            plan=plan,
            slag="sfi",
            ansvarig_enhet=sfi_unit,
            partner="" if sfi_unit else "Sfi-anordnaren",
            ansokan=min(ansokan, today),
            start=sfi_start if sfi_start <= today - dt.timedelta(days=7) else None,
            forfaller=ansokan + dt.timedelta(days=540),
            reason="Demodata",
        )
        for slag, partner, unit, days in (
            ("etableringsplan", "Arbetsförmedlingen", None, 30),
            ("samhallsorientering", "", newcomer_unit, 365),
            ("praktik", "Arbetsförmedlingen", None, rng.randint(200, 500)),
        ):
            if slag == "praktik" and rng.random() < 0.5:
                continue
            due = received + dt.timedelta(days=days)
            services.aktivitet_create(
                actor=actor,
                plan=plan,
                slag=slag,
                ansvarig_enhet=unit,
                partner=partner,
                forfaller=due,
                klar=_done(rng, due, today),
                reason="Demodata",
            )
    return count
