"""Keeps the derived rows (responsibility periods, transitions, handovers) in step with events.

Called inside the transaction of every write to a person's events, so the worklists and the
access rules never see a timeline they do not match.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from mottagning.cases import transitions as tr
from mottagning.cases.models import Handover, PersonState, Transition
from mottagning.register.models import (
    Committee,
    Event,
    Municipality,
    Person,
    ResponsibilityPeriod,
    Unit,
)
from mottagning.rules.codes import BOENDEFORM, FAS, RATTSLIG_STATUS
from mottagning.rules.events import EventArrays, pack_rows
from mottagning.rules.profile import compiled
from mottagning.rules.timeline import States

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


def _event_arrays(
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
    ev, ids = _event_arrays(municipality.kod, persons)
    analyses, now = tr.analyse(compiled(municipality.kod), ev, today)
    units = {u.kod: u.pk for u in Unit.objects.filter(municipality=municipality)}
    committees = {n.kod: n.pk for n in Committee.objects.filter(municipality=municipality)}
    mid = municipality.pk

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
        (
            ResponsibilityPeriod(
                municipality_id=mid,
                person_id=pid,
                unit_id=units[p.enhet_id],
                committee_id=committees.get(p.namnd_id or ""),
                omrade=p.omrade,
                arbete=p.arbete,
                fran=p.fran,
                till=p.till,
            )
            for pid, analysis in zip(ids, analyses, strict=True)
            for p in analysis.periods
        ),
        batch_size=2_000,
    )
    infos = [
        (pid, t) for pid, analysis in zip(ids, analyses, strict=True) for t in analysis.transitions
    ]
    created = Transition.objects.bulk_create(
        (
            Transition(
                municipality_id=mid,
                person_id=pid,
                typ=t.typ,
                datum=t.datum,
                beskrivning=t.beskrivning,
                kalla=t.kalla,
                ansvarig_enhet_id=units.get(t.acting_unit or ""),
                hanterad=handled.get((pid, t.typ, t.datum), (None, None))[0],
                hanterad_av_id=handled.get((pid, t.typ, t.datum), (None, None))[1],
            )
            for pid, t in infos
        ),
        batch_size=2_000,
    )
    Handover.objects.bulk_create(
        (
            Handover(
                transition_id=row.pk,
                datum=t.datum,
                omrade=h.omrade,
                fran_enhet_id=units.get(h.fran.enhet_id) if h.fran and h.fran.enhet_id else None,
                till_enhet_id=units.get(h.till.enhet_id) if h.till and h.till.enhet_id else None,
                fran_text=h.fran.text if h.fran else "",
                till_text=h.till.text if h.till else "",
            )
            for row, (_pid, t) in zip(created, infos, strict=True)
            for h in t.handovers
        ),
        batch_size=2_000,
    )
    PersonState.objects.bulk_create(
        (
            PersonState(
                person_id=pid,
                municipality_id=mid,
                datum=today,
                **state_fields(now, i),
                malgrupp=analyses[i].malgrupp,
            )
            for i, pid in enumerate(ids)
        ),
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


@transaction.atomic
def transition_mark_handled(*, actor: Any, transition: Transition) -> Transition:
    """A case worker has acted on the transition (reported, received, handed over)."""
    transition.hanterad = timezone.now()
    transition.hanterad_av = actor
    transition.save(update_fields=["hanterad", "hanterad_av"])
    return transition
