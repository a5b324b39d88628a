"""Keeps the derived rows (responsibility periods, transitions, handovers) in step with events.

Called inside the transaction of every write to a person's events, so the worklists and the
access rules never see a timeline they do not match.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from mottagning.accounts.models import User
from mottagning.cases import transitions as tr
from mottagning.cases.models import Handover, PersonState, Transition, TransitionHandled
from mottagning.register.models import (
    EVENT_RULES_FIELDS,
    Committee,
    Event,
    Municipality,
    Person,
    ResponsibilityPeriod,
    Unit,
    event_rules_json,
)
from mottagning.rules.codes import BOENDEFORM, FAS, OMRADE, RATTSLIG_STATUS
from mottagning.rules.dates import from_days
from mottagning.rules.events import EventArrays, pack_rows
from mottagning.rules.malgrupp import MALGRUPP
from mottagning.rules.profile import compiled
from mottagning.rules.timeline import States

# Written out: every person page asks for this, and the ORM's query building cost more than
# the query itself (py-spy under `make bench`).
_EVENTS_SQL = (
    f"SELECT typ, datum, {', '.join(EVENT_RULES_FIELDS)} FROM {Event._meta.db_table} "
    "WHERE person_id = %s ORDER BY datum, id"
)


def person_events_json(person: Person) -> list[dict[str, str]]:
    """The person's events as the rules core's JSON (as Event.as_rules_json, without building
    model instances)."""
    with connection.cursor() as cursor:
        cursor.execute(_EVENTS_SQL, [person.pk])
        return [event_rules_json(row[0], row[1], row[2:]) for row in cursor.fetchall()]


#: Persons recomputed per transaction by the nightly refresh: bounded memory and short locks.
REFRESH_CHUNK = 5_000

_EVENT_ROW_FIELDS = (
    "person_id",
    "typ",
    "datum",
    "kommun",
    "tillstand",
    "giltigt_till",
    "grund",
    "fodelsedatum",
    "form",
    "slut",
)


def event_arrays(
    kommun: str, persons: list[tuple[int, dt.date, bool]]
) -> tuple[EventArrays, list[int]]:
    """The persons' stored events as the rules core's arrays, read in one query (the services
    validated every timeline when it was written, so nothing is parsed again)."""
    index = {pid: i for i, (pid, _born, _alone) in enumerate(persons)}
    rows = (
        Event.objects.filter(person_id__in=list(index))
        .order_by("person_id", "datum", "id")
        .values_list(*_EVENT_ROW_FIELDS)
    )
    ev = pack_rows(
        [(born, alone) for _pid, born, alone in persons],
        (
            (index[pid], typ, datum, ekommun, tillstand, giltigt, grund, fodd, form, slut)
            for pid, typ, datum, ekommun, tillstand, giltigt, grund, fodd, form, slut in rows.iterator(
                chunk_size=10_000
            )
        ),
        kommun,
    )
    return ev, [pid for pid, _born, _alone in persons]


@dataclass(frozen=True)
class DerivedRows:
    """The rows `persons_refresh` writes, as tuples in the tables' column order (the web
    benchmark writes the same tuples with COPY). Transition i of `transitions` is the one
    handover rows name by index `i`."""

    periods: list[tuple[Any, ...]]
    transitions: list[tuple[Any, ...]]
    handovers: list[tuple[Any, ...]]
    states: list[tuple[Any, ...]]


PERIOD_COLUMNS = (
    "municipality_id",
    "person_id",
    "unit_id",
    "committee_id",
    "omrade",
    "arbete",
    "fran",
    "till",
)
TRANSITION_COLUMNS = (
    "municipality_id",
    "person_id",
    "typ",
    "datum",
    "beskrivning",
    "kalla",
    "ansvarig_enhet_id",
    "uppgift",
)
HANDOVER_COLUMNS = (
    "datum",
    "omrade",
    "fran_enhet_id",
    "till_enhet_id",
    "fran_text",
    "till_text",
)
STATE_COLUMNS = (
    "person_id",
    "municipality_id",
    "datum",
    "alder",
    "rattslig_status",
    "fas",
    "boendeform",
    "nyanland",
    "malgrupp",
)


def derived_rows(
    *,
    derived: tr.Derived,
    person_ids: list[int],
    municipality_id: int,
    units: dict[str, int],
    committees: dict[str, int],
    today: dt.date,
) -> DerivedRows:
    """The derived columns as table rows: holders become unit and committee ids."""
    keys = derived.keys
    unit_of = [units.get(k.enhet_id) if k.enhet_id else None for k in keys]
    committee_of = [committees.get(k.namnd_id or "") for k in keys]
    text_of = [k.huvudman if k.enhet_id is None else str(k.enhet_id) for k in keys]
    names = {e.id: e.namn for e in derived.compiled.profil.enheter}
    text_of = [names.get(t, t) for t in text_of]
    hp = derived.held
    periods = [
        (
            municipality_id,
            person_ids[p],
            unit_of[h],
            committee_of[h],
            OMRADE[a],
            keys[h].arbete or "",
            from_days(f),
            None if t > derived.end else from_days(t),
        )
        for p, a, h, f, t in zip(
            hp.person.tolist(),
            hp.omrade.tolist(),
            hp.holder.tolist(),
            hp.fran.tolist(),
            hp.till.tolist(),
            strict=True,
        )
    ]
    table = derived.transitions
    dates = [from_days(d) for d in table.datum.tolist()]
    transitions = [
        (
            municipality_id,
            person_ids[p],
            table.typ[i],
            dates[i],
            table.beskrivning[i],
            table.kalla[i],
            unit_of[acting] if acting >= 0 else None,
            task,
        )
        for i, (p, acting, task) in enumerate(
            zip(table.person.tolist(), table.acting.tolist(), table.uppgift.tolist(), strict=True)
        )
    ]
    handovers = [
        (
            row,
            dates[row],
            OMRADE[a],
            unit_of[f] if f >= 0 else None,
            unit_of[t] if t >= 0 else None,
            text_of[f] if f >= 0 else "",
            text_of[t] if t >= 0 else "",
        )
        for row, a, f, t in zip(
            table.h_row.tolist(),
            table.h_omrade.tolist(),
            table.h_fran.tolist(),
            table.h_till.tolist(),
            strict=True,
        )
    ]
    groups = derived.malgrupp.tolist()
    states = []
    for i, pid in enumerate(person_ids):
        fields = state_fields(derived.states, i)
        states.append(
            (
                pid,
                municipality_id,
                today,
                fields["alder"],
                fields["rattslig_status"],
                fields["fas"],
                fields["boendeform"],
                fields["nyanland"],
                MALGRUPP[groups[i]],
            )
        )
    return DerivedRows(periods, transitions, handovers, states)


@transaction.atomic
def persons_refresh(
    *, municipality: Municipality, person_ids: list[int] | None = None, today: dt.date | None = None
) -> int:
    """Recompute and store the persons' responsibility periods, transitions, handovers and
    state today (all of the municipality's persons when `person_ids` is None), in one call of
    the rules core for all of them. Keeps the marks of transitions already handled."""
    today = today or timezone.localdate()
    query = Person.objects.filter(municipality=municipality)
    if person_ids is not None:
        query = query.filter(pk__in=person_ids)
    persons = list(query.order_by("id").values_list("id", "fodelsedatum", "ensamkommande"))
    if not persons:
        return 0
    ev, ids = event_arrays(municipality.kod, persons)
    rows = derived_rows(
        derived=tr.derive(compiled(municipality.kod), ev, today),
        person_ids=ids,
        municipality_id=municipality.pk,
        units={u.kod: u.pk for u in Unit.objects.filter(municipality=municipality)},
        committees={n.kod: n.pk for n in Committee.objects.filter(municipality=municipality)},
        today=today,
    )
    handled = {
        (person_id, typ, datum): (done, done_by)
        for person_id, typ, datum, done, done_by in Transition.objects.filter(
            person_id__in=ids, hanterad__isnull=False
        ).values_list("person_id", "typ", "datum", "hanterad", "hanterad_av_id")
    }
    ResponsibilityPeriod.objects.filter(person_id__in=ids).delete()
    Transition.objects.filter(person_id__in=ids).delete()  # and their handovers
    PersonState.objects.filter(person_id__in=ids).delete()

    ResponsibilityPeriod.objects.bulk_create(
        (ResponsibilityPeriod(**dict(zip(PERIOD_COLUMNS, r, strict=True))) for r in rows.periods),
        batch_size=2_000,
    )
    created = Transition.objects.bulk_create(
        (
            Transition(
                **dict(zip(TRANSITION_COLUMNS, r, strict=True)),
                hanterad=handled.get((r[1], r[2], r[3]), (None, None))[0],
                hanterad_av_id=handled.get((r[1], r[2], r[3]), (None, None))[1],
            )
            for r in rows.transitions
        ),
        batch_size=2_000,
    )
    Handover.objects.bulk_create(
        (
            Handover(
                transition_id=created[r[0]].pk, **dict(zip(HANDOVER_COLUMNS, r[1:], strict=True))
            )
            for r in rows.handovers
        ),
        batch_size=2_000,
    )
    PersonState.objects.bulk_create(
        (PersonState(**dict(zip(STATE_COLUMNS, r, strict=True))) for r in rows.states),
        batch_size=2_000,
    )
    return len(ids)


def state_fields(s: States, i: int) -> dict[str, Any]:
    """The person's state today as PersonState stores it; blank before any legal status."""
    status = int(s.status[i])
    if status < 0:
        return {
            "alder": None,
            "rattslig_status": "",
            "fas": "",
            "boendeform": "",
            "nyanland": False,
        }
    alder = int(s.alder[i])
    return {
        "alder": alder if alder >= 0 else None,
        "rattslig_status": RATTSLIG_STATUS[status],
        "fas": FAS[int(s.fas[i])],
        "boendeform": BOENDEFORM[int(s.boendeform[i])],
        "nyanland": bool(s.nyanland[i]),
    }


def person_refresh(*, person: Person, today: dt.date | None = None) -> None:
    """Recompute one person's derived rows: the same vectorised path, for a register of one."""
    persons_refresh(municipality=person.municipality, person_ids=[person.pk], today=today)


def register_refresh(
    *, municipality: Municipality, today: dt.date | None = None, chunk: int = REFRESH_CHUNK
) -> int:
    """The nightly refresh of a municipality's whole register (age and phase move with the
    calendar even when nothing is recorded), `chunk` persons per transaction."""
    ids = list(
        Person.objects.filter(municipality=municipality).order_by("id").values_list("id", flat=True)
    )
    for lo in range(0, len(ids), chunk):
        persons_refresh(municipality=municipality, person_ids=ids[lo : lo + chunk], today=today)
    return len(ids)


def on_timeline_changed(sender: object, *, person: Person, **kwargs: Any) -> None:
    """Receiver of register.signals.timeline_changed: the derived rows follow every event write,
    in the same transaction (connected in CasesConfig.ready)."""
    person_refresh(person=person)


#: Deadlines the rules core derives and cases stores as transitions, which a case-work app also
#: shows on the personal worklist under a key of its own (arenden's FristKlar): marking either
#: done marks both, so the same task is never open in one list and done in the other.
CORE_DEADLINE_OF_KIND = {
    "ekb_18_anmalan": "anmal_fortsatt_ansvar",  # placements.deadlines
    "kartlaggning": "kartlaggning",  # plans.deadlines; Ekerö's frist in the profile
}


@transaction.atomic
def core_deadline_mark_handled(*, actor: User, person_id: int, kind: str) -> int:
    """Mark the person's open transitions for the core deadline behind `kind` handled."""
    typ = CORE_DEADLINE_OF_KIND.get(kind)
    if typ is None:
        return 0
    open_ones = Transition.objects.filter(person_id=person_id, typ=typ, hanterad__isnull=True)
    for transition in open_ones:
        transition_mark_handled(actor=actor, transition=transition)
    return len(open_ones)


@transaction.atomic
def transition_mark_handled(*, actor: User, transition: Transition) -> Transition:
    """A case worker has acted on the transition (reported, received, handed over). Marking it
    again (a double click, a second tab) changes nothing: who did it first stays on record."""
    transition = Transition.objects.select_for_update().get(pk=transition.pk)
    if transition.hanterad is not None:
        return transition
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
