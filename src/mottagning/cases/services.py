"""Keeps the derived rows (responsibility periods, transitions, handovers) in step with events.

Called inside the transaction of every write to a person's events, so the worklists and the
access rules never see a timeline they do not match.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from mottagning.accounts.models import User
from mottagning.cases import transitions as tr
from mottagning.cases.models import (
    Handover,
    PersonState,
    ResponsibilityPeriod,
    Transition,
    TransitionHandled,
)
from mottagning.register.models import Event, Person, Unit


def rules_route(*, overgangar: bool = False) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """The rules core's `route`. Without `overgangar` it skips working out coming transitions,
    which only the person page and the API show; validation and analysis need just the state."""
    # Imported late: the rules core loads its tables on first use, not at Django start-up.
    from mottagning.rules.api import route

    return functools.partial(route, overgangar=overgangar)


# The event fields of the rules core's JSON contract, in the order Event.as_rules_json writes them.
_EVENT_JSON_FIELDS = (
    "kommun",
    "tillstand",
    "giltigt_till",
    "grund",
    "fodelsedatum",
    "form",
    "slut",
)


# Written out: every person page and state request asks for this, and the ORM's query building
# cost more than the query itself (py-spy under `make bench`).
_EVENTS_SQL = (
    f"SELECT typ, datum, {', '.join(_EVENT_JSON_FIELDS)} FROM {Event._meta.db_table} "
    "WHERE person_id = %s ORDER BY datum, id"
)


def person_events_json(person: Person) -> list[dict[str, str]]:
    """The person's events as the rules core's JSON (as Event.as_rules_json, without building
    model instances)."""
    with connection.cursor() as cursor:
        cursor.execute(_EVENTS_SQL, [person.pk])
        rows = cursor.fetchall()
    out = []
    for row in rows:
        data = {"typ": row[0], "datum": row[1].isoformat()}
        for name, value in zip(_EVENT_JSON_FIELDS, row[2:], strict=True):
            if value:
                data[name] = value.isoformat() if isinstance(value, dt.date) else value
        out.append(data)
    return out


def person_analyse(*, person: Person, today: dt.date | None = None) -> tr.Analysis:
    today = today or timezone.localdate()
    units: dict[str, str] = {}
    for kod, namn in Unit.objects.filter(municipality_id=person.municipality_id).values_list(
        "kod", "namn"
    ):
        units[kod] = kod
        units[namn] = kod
    from mottagning.cases.engine import answer_many

    return tr.analyse(
        answer_many=answer_many,
        kommun=person.municipality.kod,
        fodelsedatum=person.fodelsedatum,
        ensamkommande=person.ensamkommande,
        events=person_events_json(person),
        units=units,
        today=today,
    )


@transaction.atomic
def person_refresh(*, person: Person, today: dt.date | None = None) -> tr.Analysis:
    """Recompute and store the person's periods and transitions; keeps 'handled' marks."""
    today = today or timezone.localdate()
    analysis = person_analyse(person=person, today=today)
    units = {u.kod: u for u in Unit.objects.filter(municipality_id=person.municipality_id)}

    ResponsibilityPeriod.objects.filter(person=person).delete()
    ResponsibilityPeriod.objects.bulk_create(
        ResponsibilityPeriod(
            municipality_id=person.municipality_id,
            person=person,
            unit=units[p.enhet_id],
            omrade=p.omrade,
            arbete=p.arbete,
            fran=p.fran,
            till=p.till,
        )
        for p in analysis.periods
    )

    handled = {
        (t.typ, t.datum): (t.hanterad, t.hanterad_av_id)
        for t in Transition.objects.filter(person=person, hanterad__isnull=False)
    }
    Transition.objects.filter(person=person).delete()
    for info in analysis.transitions:
        done, done_by = handled.get((info.typ, info.datum), (None, None))
        transition = Transition.objects.create(
            municipality_id=person.municipality_id,
            person=person,
            typ=info.typ,
            datum=info.datum,
            ansvarig_enhet=units.get(info.acting_unit) if info.acting_unit else None,
            hanterad=done,
            hanterad_av_id=done_by,
        )
        Handover.objects.bulk_create(
            Handover(
                transition=transition,
                datum=info.datum,
                omrade=h.omrade,
                fran_enhet=units.get(h.fran.enhet_id) if h.fran and h.fran.enhet_id else None,
                till_enhet=units.get(h.till.enhet_id) if h.till and h.till.enhet_id else None,
                fran_text=h.fran.text if h.fran else "",
                till_text=h.till.text if h.till else "",
            )
            for h in info.handovers
        )
    _store_state(person, today, _state_on(person, today))
    return analysis


def _state_on(person: Person, day: dt.date) -> dict[str, Any] | None:
    from mottagning.rules.errors import InputError

    if day < person.fodelsedatum:
        return None
    payload = {
        "kommun": person.municipality.kod,
        "datum": day.isoformat(),
        "person": {
            "fodelsedatum": person.fodelsedatum.isoformat(),
            "ensamkommande": person.ensamkommande,
            "handelser": person_events_json(person),
        },
    }
    try:
        return rules_route()(payload)
    except InputError:
        return None  # no event with a legal status yet: no state to store


def target_group(state: dict[str, Any], ensamkommande: bool) -> str:
    """The seeds' target groups (001 §1): EKB, ensamkommande unga, asylsökande, nyanlända."""
    alder = state.get("alder")
    status = state.get("rattslig_status")
    if ensamkommande and isinstance(alder, int) and alder < 18 and status != "atervant":
        return "ekb"
    if (
        ensamkommande
        and isinstance(alder, int)
        and 18 <= alder < 21
        and status not in ("asylsokande", "avslag", "atervant")
    ):
        return "ensamkommande_unga"
    if status == "asylsokande":
        return "asylsokande"
    if state.get("nyanland"):
        return "nyanlanda"
    return "ovriga"


def _store_state(person: Person, today: dt.date, result: dict[str, Any] | None) -> None:
    state = (result or {}).get("tillstand") or {}
    alder = state.get("alder")
    PersonState.objects.update_or_create(
        person=person,
        defaults={
            "municipality_id": person.municipality_id,
            "datum": today,
            "alder": alder if isinstance(alder, int) and alder >= 0 else None,
            "rattslig_status": str(state.get("rattslig_status") or ""),
            "fas": str(state.get("fas") or ""),
            "boendeform": str(state.get("boendeform") or ""),
            "nyanland": bool(state.get("nyanland")),
            "malgrupp": target_group(state, person.ensamkommande),
        },
    )


@transaction.atomic
@transaction.atomic
def transition_mark_handled(*, actor: User, transition: Transition) -> Transition:
    """A case worker has acted on the transition (reported, received, handed over)."""
    transition.hanterad = timezone.now()
    transition.hanterad_av = actor
    transition.save(update_fields=["hanterad", "hanterad_av"])
    # The record of who did it survives the transition row, which is recomputed (models.py).
    TransitionHandled.objects.create(
        municipality_id=transition.municipality_id,
        person_id=transition.person_id,
        typ=transition.typ,
        datum=transition.datum,
        ansvarig_enhet_id=transition.ansvarig_enhet_id,
        hanterad=transition.hanterad,
        hanterad_av=actor,
    )
    return transition
