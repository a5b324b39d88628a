"""`make demo`: the internship bank, volunteers, associations with grants, meeting places and
network meetings of Ekerö and Vingåker, consistent with their seeds.

- Ekerö (004 "Barn- och utbildning"): a praktikplatsbank at the Vägledningsenheten for
  matching newcomers in the etableringsfas to internships with local business; (004 "Kultur-
  och fritid"): a network of Studiefrämjandet, Skå IK, Vuxenskolan, Svenska kyrkan, Rotary and
  Ekerö IK, support to associations for integration efforts, at least one new meeting place;
  (004 "Nulägesbeskrivning"): Sundsgården in Hilleshög på Färingsö as a meeting place for all.
- Vingåker (002 §3.1): the integrationssamordnare runs the Integrationsnätverket and works
  with study associations; språkcafé and språkvän (002 §3.1); Mötesplatsen, where Svenska
  kyrkan, Röda korset and föreningen Vingåker växer tillsammans work (002 §1.1, §4);
  internships and matching at the Näringslivsenheten (002 §1.3); study circles in Swedish
  (002 §1.3, §2).

Employers, volunteers, amounts and organisation numbers are invented (valid in form only);
the associations' names are the seeds'. Persons come from the synthetic register: mapped
adults get a coded mapping, some an internship, some a volunteer with their consent (one
consent withdrawn, to show it). Every grant state occurs.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from stdnum import luhn

from mottagning.matching import codes, services
from mottagning.matching.models import Arbetsgivare
from mottagning.plans.models import Kartlaggning
from mottagning.register.models import Municipality
from mottagning.rules.dates import birthday
from mottagning.rules.timeline import MYNDIG_ALDER

# (name, first nine digits of an invented organisation number, place)
EMPLOYERS: dict[str, list[tuple[str, str, str]]] = {
    "ekero": [
        ("Färingsö Trädgård AB", "556712345", "Färingsö"),
        ("Ekerö Bygg och Snickeri AB", "556823456", "Ekerö"),
        ("Stenhamra Vård och Omsorg AB", "556934567", "Stenhamra"),
        ("Mälaröarnas Restaurang AB", "559012345", "Ekerö"),
    ],
    "vingaker": [
        ("Vingåker Livs AB", "556745678", "Vingåker"),
        ("Sörmlands Åkeri AB", "556856789", "Vingåker"),
        ("Marmorbyns Kök AB", "559023456", "Marmorbyn"),
    ],
}
# (employer index, title, SSYK 2012, Swedish, education, licence, capacity)
PLACES: dict[str, list[tuple[int, str, str, str, str, str, int]]] = {
    "ekero": [
        (0, "Trädgårdspraktik", "9111", "ingen", "ingen", "", 3),
        (1, "Snickeripraktik", "7111", "sfi_b", "forgymnasial", "B", 2),
        (2, "Praktik inom äldreomsorg", "5321", "sfi_d", "forgymnasial", "", 2),
        (3, "Kökspraktik", "9412", "sfi_a", "ingen", "", 2),
    ],
    "vingaker": [
        (0, "Butikspraktik, lager", "4321", "sfi_b", "ingen", "", 2),
        (1, "Praktik som lastbilsförare", "8332", "sfi_c", "forgymnasial", "C", 1),
        (2, "Kockpraktik", "5120", "sfi_b", "ingen", "", 1),
    ],
}
# (name, first nine digits, activities, languages, seed)
ASSOCIATIONS: dict[str, list[tuple[str, str, str, str]]] = {
    "ekero": [
        ("Studiefrämjandet", "802000111", "Studiecirklar, språkcafé", "svenska, arabiska"),
        ("Skå IK", "802000222", "Fotboll och friidrott", "svenska"),
        ("Vuxenskolan", "802000333", "Studiecirklar i svenska", "svenska, dari"),
        ("Svenska kyrkan Ekerö", "802000444", "Öppet hus, läxhjälp", "svenska, tigrinja"),
        (
            "Rotary Ekerö",
            "802000555",
            "Mentorskap, kontakter med näringslivet",
            "svenska, engelska",
        ),
        ("Ekerö IK", "802000666", "Fotboll, innebandy", "svenska"),
    ],
    "vingaker": [
        ("Föreningen Vingåker växer tillsammans", "802000777", "Mötesplatsen", "svenska, arabiska"),
        ("Svenska kyrkan Vingåker", "802000888", "Mötesplatsen, språkcafé", "svenska"),
        ("Röda korset Vingåker", "802000999", "Mötesplatsen, språkvän", "svenska, somaliska"),
        ("Studieförbundet Vuxenskolan Vingåker", "802001111", "Svenska cirklar", "svenska"),
    ],
}
MEETING_PLACES: dict[str, list[tuple[str, str, str]]] = {
    "ekero": [
        ("Sundsgården", "Hilleshög, Färingsö", "Kommunen med föreningar (004 Nulägesbeskrivning)"),
        ("Språkcafé på biblioteket", "Ekerö centrum", "Studiefrämjandet och Vuxenskolan"),
    ],
    "vingaker": [
        (
            "Mötesplatsen",
            "Vingåker",
            "Svenska kyrkan, Röda korset och föreningen Vingåker växer tillsammans (002 §4)",
        ),
    ],
}
# Weekly activities: (meeting place index, title, weekday 0=Monday, start hour, end hour)
ACTIVITIES: dict[str, list[tuple[int, str, int, int, int]]] = {
    "ekero": [
        (0, "Öppet hus för alla", 5, 12, 16),
        (1, "Språkcafé", 2, 17, 19),
    ],
    "vingaker": [
        (0, "Språkcafé", 1, 15, 17),
        (0, "Information om samhället", 3, 13, 15),  # 002 §1.3: kontakt, språkträning, information
    ],
}
NETWORKS = {"ekero": "Civilsamhällets nätverk för integration", "vingaker": "Integrationsnätverket"}
VOLUNTEERS = [
    ("Karin Lind", ["van"], "svenska, engelska", "tisdagskvällar"),
    ("Anders Berg", ["vagvisare"], "svenska, arabiska", "helger"),
    ("Maria Holm", ["laxhjalp", "van"], "svenska", "onsdagar"),
    ("Johan Ek", ["van", "vagvisare"], "svenska, dari", "måndagar och torsdagar"),
]
GOALS = ["9111", "7111", "5321", "9412", "4321", "8332", "5120"]
SWEDISH = ["sfi_a", "sfi_b", "sfi_c", "sfi_d"]


def _orgnr(nine: str) -> str:
    return codes.orgnr_format(nine + luhn.calc_check_digit(nine))


def fill(*, municipality: Municipality, actor: Any, handlaggare: Any, today: dt.date) -> str:
    """Fills Ekerö and Vingåker once; other municipalities are left without (their seeds do not
    describe these parts). `actor` manages the catalogue, `handlaggare` the persons."""
    kommun = municipality.kod
    if kommun not in EMPLOYERS or Arbetsgivare.objects.filter(municipality=municipality).exists():
        return ""
    rng = random.Random(f"matching-{kommun}")
    employers = [
        services.arbetsgivare_create(actor=actor, namn=name, orgnr=_orgnr(nine), ort=ort)
        for name, nine, ort in EMPLOYERS[kommun]
    ]
    for employer in employers:
        services.kontaktperson_create(
            actor=actor,
            arbetsgivare=employer,
            namn="Kontakt " + employer.namn.split()[0],
            roll="Handledare",
        )
    places = [
        services.praktikplats_create(
            actor=actor,
            arbetsgivare=employers[e],
            titel=title,
            ssyk=ssyk,
            ort=employers[e].ort,
            fran=today - dt.timedelta(days=120),
            till=today + dt.timedelta(days=240),
            kapacitet=cap,
            krav_svenska=sv,
            krav_utbildning=edu,
            krav_korkort=lic,
        )
        for e, title, ssyk, sv, edu, lic, cap in PLACES[kommun]
    ]
    # Code the first mappings of adults for matching, and place some of them.
    mappings = list(
        Kartlaggning.objects.filter(municipality=municipality, slag="forsta")
        .select_related("person")
        .order_by("id")
    )
    internships = 0
    for index, mapping in enumerate(mappings):
        services.kompetensprofil_set(
            actor=handlaggare,
            kartlaggning=mapping,
            svenska=rng.choice(SWEDISH),
            utbildning=rng.choice(codes.UTBILDNING),
            erfarenhet=rng.choice(GOALS),
            mal=rng.choice(GOALS),
            ort=employers[index % len(employers)].ort,
        )
        seat = places[index % len(places)]
        start = max(mapping.mottagen, seat.fran) + dt.timedelta(days=30)
        if (
            index % 3 == 0
            and start <= today
            and seat.praktiker.filter(utfall="").count() < seat.kapacitet
        ):
            internship = services.praktik_create(
                actor=handlaggare,
                plats=seat,
                person=mapping.person,
                start=start,
                handledare="Kontakt " + seat.arbetsgivare.namn.split()[0],
                uppfoljningar=[start + dt.timedelta(days=14), start + dt.timedelta(days=42)],
            )
            internships += 1
            if start + dt.timedelta(days=60) < today:
                services.praktik_end(
                    actor=handlaggare,
                    praktik=internship,
                    slut=start + dt.timedelta(days=60),
                    utfall=codes.PRAKTIK_UTFALL[index % len(codes.PRAKTIK_UTFALL)],
                )
    # Volunteers; matches only with consent, and one consent withdrawn.
    volunteers = [
        services.volontar_create(
            actor=actor,
            namn=name,
            insatser=offer,
            sprak=languages,
            tillganglighet=when,
            belastningsregister=today - dt.timedelta(days=60) if "laxhjalp" in offer else None,
        )
        for name, offer, languages, when in VOLUNTEERS
    ]
    matched = 0
    match_start = today - dt.timedelta(days=80)
    # Adults only: the demo's volunteers for friends and guides have shown no extract, and a
    # child's match would rightly be refused without one.
    adults = [m for m in mappings if birthday(m.person.fodelsedatum, MYNDIG_ALDER) <= match_start]
    for index, mapping in enumerate(adults[:4]):
        consent = services.samtycke_create(
            actor=handlaggare, person=mapping.person, lamnat=today - dt.timedelta(days=90)
        )
        volunteer = volunteers[index % len(volunteers)]
        match = services.volontarmatchning_create(
            actor=handlaggare,
            volontar=volunteer,
            samtycke=consent,
            insats=volunteer.insats_list()[0],
            start=match_start,
        )
        matched += 1
        for week in range(0, 10, 2):
            services.traff_create(
                actor=actor,
                matchning=match,
                datum=today - dt.timedelta(days=80 - 7 * week),
                minuter=60 + 30 * (week % 3),
                slag=codes.TRAFF_SLAG[week % len(codes.TRAFF_SLAG)],
            )
        if index == 3:
            services.samtycke_withdraw(
                actor=handlaggare, samtycke=consent, datum=today - dt.timedelta(days=5)
            )
    # Associations and a grant in every state.
    associations = [
        services.forening_create(
            actor=actor, namn=name, orgnr=_orgnr(nine), verksamhet=what, sprak=lang
        )
        for name, nine, what, lang in ASSOCIATIONS[kommun]
    ]
    for association in associations:
        services.kontaktperson_create(
            actor=actor,
            forening=association,
            namn="Ordförande " + association.namn.split()[0],
            roll="Ordförande",
        )
    purposes = ["motesplats", "sprak", "fritid", "foraldrastod", "annat"]
    for index, state in enumerate(codes.BIDRAG_STATUS):
        association = associations[index % len(associations)]
        inkom = today - dt.timedelta(days=200 - 20 * index)
        applied = Decimal(15000 + 5000 * index)
        application = services.bidrag_apply(
            actor=actor,
            forening=association,
            projekt=f"{association.verksamhet.split(',')[0]} för nyanlända",
            syfte=purposes[index % len(purposes)],
            inkom=inkom,
            sokt_belopp=applied,
            budget=f"Ledare och material {applied - 3000}\nLokal 3000",
        )
        if state == "ansokt":
            continue
        decided = inkom + dt.timedelta(days=30)
        if state == "avslaget":
            services.bidrag_decide(
                actor=actor, ansokan=application, beslutsdatum=decided, belopp=None
            )
            continue
        granted = (applied * Decimal("0.8")).quantize(Decimal("1"))
        services.bidrag_decide(
            actor=actor,
            ansokan=application,
            beslutsdatum=decided,
            belopp=granted,
            villkor="Återrapport med antal deltagare och resultat inom ett år.",
        )
        if state in ("utbetalt", "aterrapporterat"):
            services.bidrag_pay(
                actor=actor,
                ansokan=application,
                datum=decided + dt.timedelta(days=10),
                belopp=granted,
            )
        if state == "aterrapporterat":
            services.bidrag_report(
                actor=actor,
                ansokan=application,
                datum=decided + dt.timedelta(days=120),
                deltagare=rng.randint(12, 40),
                resultat="Träffar varje vecka; flera deltagare har fortsatt i föreningen.",
            )
    # Meeting places with weekly activities for the coming eight weeks; network meetings.
    meeting_places = [
        services.motesplats_create(actor=actor, namn=name, adress=where, arrangorer=who)
        for name, where, who in MEETING_PLACES[kommun]
    ]
    for place_index, title, weekday, start_hour, end_hour in ACTIVITIES[kommun]:
        first = today + dt.timedelta(days=(weekday - today.weekday()) % 7)
        for week in range(8):
            services.arrangemang_create(
                actor=actor,
                motesplats=meeting_places[place_index],
                titel=title,
                datum=first + dt.timedelta(weeks=week),
                borjar=dt.time(start_hour),
                slutar=dt.time(end_hour),
            )
    for months_ago in (4, 1):
        services.natverksmote_create(
            actor=actor,
            namn=NETWORKS[kommun],
            datum=today - dt.timedelta(days=30 * months_ago),
            plats=meeting_places[0].namn,
            foreningar=associations,
            andra_organisationer="Arbetsförmedlingen, Länsstyrelsen",
            overenskommelser="Gemensam kalender för mötesplatserna\nVolontärer introduceras av samordnaren",
        )
    return (
        f"{len(places)} praktikplatser, {internships} praktiker, {matched} volontärmatchningar, "
        f"{len(associations)} föreningar"
    )
