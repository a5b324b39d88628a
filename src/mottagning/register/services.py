"""Every write to the register: keyword-only, one transaction, validated, with history.

Each function validates before it stores (full_clean, identity checksums, and the rules core
itself for timelines), records who did it and why in django-simple-history, and recomputes
the person's responsibilities in the same transaction. Bad input raises ValidationError with
a message per field and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mottagning.accounts.models import User
from mottagning.history import history_record
from mottagning.register import identities
from mottagning.register.models import (
    Committee,
    Event,
    Household,
    Identity,
    Municipality,
    Person,
    Unit,
)
from mottagning.register.signals import timeline_changed
from mottagning.rules.api import route
from mottagning.rules.errors import InputError
from mottagning.rules.events import check_date, check_plausible, parse_person

# Which fields each event type uses; the others must be empty (issue 2 item 6).
EVENT_FIELDS: dict[str, tuple[str, ...]] = {
    "asylansokan": (),
    "anvisning": ("kommun",),
    "mottagande": ("kommun",),
    "eget_boende": ("kommun",),
    "uppehallstillstand": ("tillstand", "giltigt_till", "grund"),
    "avslag": (),
    "tillstandsansokan": (),
    "atervandande": (),
    "aldersbedomning": ("fodelsedatum",),
    "placering": ("form", "slut", "grund", "kommun"),
    "gymnasiestudier": ("slut",),
    "utflyttning": ("kommun",),
    "skolgang": ("skolform", "slut"),
}
# Optional where allowed; every other allowed field is required (kommun of an anvisning
# defaults to the person's own municipality).
OPTIONAL_EVENT_FIELDS = {
    ("mottagande", "kommun"),
    ("eget_boende", "kommun"),
    ("utflyttning", "kommun"),
    ("uppehallstillstand", "giltigt_till"),
    ("uppehallstillstand", "grund"),
    ("placering", "slut"),
    ("placering", "grund"),  # SoL when empty (rules.events)
    ("placering", "kommun"),  # the place's municipality, when it is another (LMA 3 §)
    ("gymnasiestudier", "slut"),
    ("skolgang", "slut"),
}
EVENT_DETAIL_FIELDS = (
    "kommun",
    "tillstand",
    "giltigt_till",
    "grund",
    "fodelsedatum",
    "form",
    "slut",
    "skolform",
)


# Control characters (NUL first) and lone surrogates: PostgreSQL refuses NUL, UTF-8 cannot encode
# a lone surrogate, and Excel files cannot hold control characters, so one such value would
# break the unit's export for good. Tab, line feed and carriage return are ordinary text.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def validate_instance(
    instance: Model, *, exclude: list[str] | None = None, validate_unique: bool = True
) -> None:
    """`full_clean` (lengths, choices, required fields) and text that can be stored and
    exported. The import preview asks this too, so what it accepts the commit stores."""
    errors: dict[str, list[str]] = {}
    for f in instance._meta.concrete_fields:
        value = getattr(instance, f.attname, None)
        if isinstance(value, str) and _UNSTORABLE.search(value):
            errors[f.name] = [
                _(
                    "Texten innehåller ett tecken som inte kan sparas (ett styrtecken eller en "
                    "trasig Unicode-kod); skriv in texten igen utan det."
                )
            ]
        elif isinstance(value, dt.date):
            # Any date in any record lies where the rules' dates do (1900–2199): 0001-01-01
            # and 9999-12-31 are typing errors or stand-ins for "unknown", not dates.
            try:
                check_date(value.date() if isinstance(value, dt.datetime) else value, f.name)
            except InputError as exc:
                errors[f.name] = [exc.message]
    try:
        instance.full_clean(exclude=[*(exclude or []), *errors], validate_unique=validate_unique)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def validated_save(instance: Model, *, actor: User | None, reason: str) -> None:
    """`validate_instance`, then save with who and why in the history: the whole write of a
    record that needs no more checks than its own fields."""
    validate_instance(instance)
    history_record(instance, actor=actor, reason=reason)
    instance.save()


# --- organisation ---------------------------------------------------------------------------


@transaction.atomic
def municipality_load_profile(*, kod: str) -> Municipality:
    """Create or update a municipality, its nämnder and enheter from its profile (idempotent)."""
    from mottagning.profiles import load_profile

    profile = load_profile(kod)
    municipality, _created = Municipality.objects.update_or_create(
        kod=profile.kod, defaults={"namn": profile.namn}
    )
    committees: dict[str, Committee] = {}
    for namnd in profile.namnder:
        committees[namnd.id], _c = Committee.objects.update_or_create(
            municipality=municipality, kod=namnd.id, defaults={"namn": namnd.namn}
        )
    for enhet in profile.enheter:
        Unit.objects.update_or_create(
            municipality=municipality,
            kod=enhet.id,
            defaults={"namn": enhet.namn, "committee": committees[enhet.namnd]},
        )
    return municipality


# --- households -----------------------------------------------------------------------------


@transaction.atomic
def household_create(*, actor: User, unit: Unit, beteckning: str, reason: str = "") -> Household:
    household = Household(
        municipality_id=unit.municipality_id, beteckning=beteckning.strip(), registrerad_av=unit
    )
    validated_save(household, actor=actor, reason=reason or _("Nytt hushåll"))
    return household


# --- persons --------------------------------------------------------------------------------


def person_prepare(
    *,
    unit: Unit,
    fornamn: str,
    efternamn: str,
    fodelsedatum: dt.date,
    ensamkommande: bool = False,
    household: Household | None = None,
) -> Person:
    """A new person, validated but not stored: what person_create stores, and what the import
    preview checks each row against."""
    if household is not None and household.municipality_id != unit.municipality_id:
        raise ValidationError({"household": _("Hushållet hör till en annan kommun.")})
    person = Person(
        municipality_id=unit.municipality_id,
        household=household,
        fornamn=fornamn.strip(),
        efternamn=efternamn.strip(),
        fodelsedatum=fodelsedatum,
        ensamkommande=ensamkommande,
        registrerad_av=unit,
    )
    validate_instance(person)
    timeline_check(person, [])
    return person


@transaction.atomic
def person_create(
    *,
    actor: User,
    unit: Unit,
    fornamn: str,
    efternamn: str,
    fodelsedatum: dt.date,
    ensamkommande: bool = False,
    household: Household | None = None,
    identity_list: list[tuple[str, str]] | None = None,
    events: list[dict[str, Any]] | None = None,
    reason: str = "",
    refresh: bool = True,
) -> Person:
    person = person_prepare(
        unit=unit,
        fornamn=fornamn,
        efternamn=efternamn,
        fodelsedatum=fodelsedatum,
        ensamkommande=ensamkommande,
        household=household,
    )
    history_record(person, actor=actor, reason=reason or _("Ny person"))
    person.save()
    for kind, value in identity_list or []:
        identity_add(actor=actor, person=person, typ=kind, varde=value, reason=reason)
    if events:
        _events_add(actor=actor, person=person, events=events, reason=reason)
    if refresh:
        _refresh(person)
    return person


@transaction.atomic
def person_update(
    *,
    actor: User,
    person: Person,
    fornamn: str,
    efternamn: str,
    fodelsedatum: dt.date,
    ensamkommande: bool,
    household: Household | None,
    reason: str,
) -> Person:
    if household is not None and household.municipality_id != person.municipality_id:
        raise ValidationError({"household": _("Hushållet hör till en annan kommun.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv varför uppgifterna ändras.")})
    person.fornamn = fornamn.strip()
    person.efternamn = efternamn.strip()
    person.fodelsedatum = fodelsedatum
    person.ensamkommande = ensamkommande
    person.household = household
    validate_instance(person)
    timeline_check(person, [e.as_rules_json() for e in person.handelser.all()])
    history_record(person, actor=actor, reason=reason)
    person.save()
    _refresh(person)
    return person


@transaction.atomic
def identity_add(
    *,
    actor: User,
    person: Person,
    typ: str,
    varde: str,
    giltig_fran: dt.date | None = None,
    giltig_till: dt.date | None = None,
    reason: str = "",
) -> Identity:
    try:
        parsed = identities.validate_identity(typ, varde)
    except identities.IdentityError as exc:
        raise ValidationError({"varde": str(exc)}) from None
    if giltig_fran and giltig_till and giltig_till < giltig_fran:
        raise ValidationError({"giltig_till": _("Slutdatumet ligger före startdatumet.")})
    taken = Identity.objects.filter(
        municipality_id=person.municipality_id, typ=parsed.kind, varde=parsed.value
    ).first()
    if taken is not None:
        raise identity_taken_error(
            actor=actor,
            unit=person.registrerad_av,
            typ=parsed.kind,
            varde=parsed.value,
            holder_id=taken.person_id,
            kanal=None,
        )
    identity = Identity(
        municipality_id=person.municipality_id,
        person=person,
        typ=parsed.kind,
        varde=parsed.value,
        giltig_fran=giltig_fran,
        giltig_till=giltig_till,
    )
    validate_instance(identity, validate_unique=False)
    history_record(identity, actor=actor, reason=reason or _("Ny identitet"))
    identity.save()
    return identity


def identity_taken_error(
    *, actor: User, unit: Unit | None, typ: str, varde: str, holder_id: int, kanal: str | None
) -> ValidationError:
    """Why a number that a person already has cannot be used. Whether that person exists is
    told only to a user who may see them: under OSL every committee is its own authority, so
    to anyone else the answer is the same general one whoever holds the number, and the
    attempt is logged for a begäran om uppgifter (security probe 2026-11-29, finding 4)."""
    from mottagning.audit.services import identity_conflict_register
    from mottagning.register.selectors import person_visibility_q

    holder = Person.objects.get(pk=holder_id)
    if getattr(actor, "is_authenticated", False) and (
        Person.objects.filter(person_visibility_q(actor), pk=holder_id).exists()
    ):
        return ValidationError(
            {
                "varde": _("Numret %(nr)s finns redan hos %(namn)s (id %(id)s).")
                % {"nr": varde, "namn": holder, "id": holder_id}
            }
        )
    if getattr(actor, "is_authenticated", False):
        identity_conflict_register(
            user=actor, unit=unit, typ=typ, varde=varde, person=holder, kanal=kanal
        )
    return ValidationError({"varde": IDENTITY_BLOCKED_MESSAGE})


IDENTITY_BLOCKED_MESSAGE = gettext_lazy(
    "Numret kan inte användas här. Det kan bero på att det redan är registrerat i ett ärende "
    "som du inte har behörighet till. Försöket är loggat. Behöver du reda ut det kan din "
    "enhetschef göra en begäran om uppgifter."
)


# --- events ---------------------------------------------------------------------------------


def event_fields_clean(typ: str, data: dict[str, Any], kommun_default: str) -> dict[str, Any]:
    allowed = EVENT_FIELDS.get(typ)
    if allowed is None:
        raise ValidationError({"typ": _("Okänd händelsetyp ”%(typ)s”.") % {"typ": typ}})
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    for name in EVENT_DETAIL_FIELDS:
        value = data.get(name)
        if value in (None, ""):
            if name in allowed and (typ, name) not in OPTIONAL_EVENT_FIELDS:
                if name == "kommun":
                    clean[name] = kommun_default
                    continue
                errors[name] = _("Fyll i fältet: händelsen kräver det.")
            continue
        if name not in allowed:
            errors[name] = _("Fältet hör inte till den här händelsetypen; lämna det tomt.")
            continue
        clean[name] = value
    if (
        typ == "uppehallstillstand"
        and clean.get("tillstand") == "TUT"
        and not clean.get("giltigt_till")
    ):
        errors["giltigt_till"] = _(
            "Ett tillfälligt uppehållstillstånd (TUT) har ett slutdatum; fyll i det."
        )
    if (
        typ == "uppehallstillstand"
        and clean.get("tillstand") == "PUT"
        and clean.get("giltigt_till")
    ):
        errors["giltigt_till"] = _(
            "Ett permanent uppehållstillstånd har inget slutdatum; lämna fältet tomt."
        )
    if errors:
        raise ValidationError(errors)
    return clean


def person_payload(
    *, person: Person, datum: dt.date, events: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The rules core's JSON contract for the person on `datum` (docs/cli.md): the one place
    that builds it. `events` replaces the stored events (to validate a timeline before it is
    stored); otherwise the stored ones are read."""
    if events is None:
        events = [e.as_rules_json() for e in person.handelser.order_by("datum", "id")]
    return {
        "kommun": person.municipality.kod,
        "datum": datum.isoformat(),
        "person": {
            "fodelsedatum": person.fodelsedatum.isoformat(),
            "ensamkommande": person.ensamkommande,
            "handelser": events,
        },
    }


def timeline_check(
    person: Person, events: list[dict[str, Any]], *, new: dict[str, Any] | None = None
) -> None:
    """Ask the rules core whether the timeline can happen and its dates are plausible (issue 9:
    born 1900 or later and not in the future, events at most a year ahead); its message says
    what is wrong.

    An error about the event being added is put on the form field it names; any other is
    about the timeline as a whole.
    """
    ordered = sorted(events, key=lambda e: e["datum"])
    today = timezone.localdate()
    payload = person_payload(person=person, datum=today, events=ordered)
    try:
        check_plausible(parse_person(payload["person"]), today=today)
        if ordered:
            last = max(dt.date.fromisoformat(e["datum"]) for e in events)
            route({**payload, "datum": max(last, today).isoformat()}, overgangar=False)
    except InputError as exc:
        field = "__all__"
        where = exc.where or ""
        if new is not None:
            index = next(i for i, e in enumerate(ordered) if e is new)
            prefix = f"person.handelser[{index}]."
            if where.startswith(prefix) and where[len(prefix) :] in ("datum", *EVENT_DETAIL_FIELDS):
                field = where[len(prefix) :]
        if where == "person.fodelsedatum":
            field = "fodelsedatum"
        raise ValidationError({field: exc.message}) from None


def event_prepare(
    *,
    actor: User | None,
    person: Person,
    typ: str,
    datum: dt.date,
    anteckning: str = "",
    **details: Any,
) -> Event:
    """A new event with its fields checked, not stored and not yet checked against the
    timeline: what event_create stores, and what the import preview checks each row against."""
    clean = event_fields_clean(typ, details, person.municipality.kod)
    event = Event(
        municipality_id=person.municipality_id,
        person=person,
        typ=typ,
        datum=datum,
        anteckning=anteckning,
        registrerad_av=actor if getattr(actor, "pk", None) else None,
        **clean,
    )
    validate_instance(event, exclude=["person", "municipality"])
    return event


@transaction.atomic
def event_create(
    *,
    actor: User,
    person: Person,
    typ: str,
    datum: dt.date,
    reason: str = "",
    anteckning: str = "",
    **details: Any,
) -> Event:
    event = event_prepare(
        actor=actor, person=person, typ=typ, datum=datum, anteckning=anteckning, **details
    )
    existing = [e.as_rules_json() for e in person.handelser.all()]
    new = event.as_rules_json()
    timeline_check(person, [*existing, new], new=new)
    history_record(event, actor=actor, reason=reason or _("Ny händelse"))
    event.save()
    _refresh(person)
    return event


@transaction.atomic
def event_create_many(
    *, actor: User, person: Person, events: list[dict[str, Any]], reason: str
) -> list[Event]:
    """Several events for one person at once (an import's rows): the timeline is checked with
    all of them, so an order that is only possible as a whole is accepted, and the derived
    rows are recomputed once."""
    prepared = _events_add(actor=actor, person=person, events=events, reason=reason)
    _refresh(person)
    return prepared


def _events_add(
    *, actor: User, person: Person, events: list[dict[str, Any]], reason: str
) -> list[Event]:
    prepared = [event_prepare(actor=actor, person=person, **data) for data in events]
    existing = [e.as_rules_json() for e in person.handelser.all()]
    timeline_check(person, [*existing, *(e.as_rules_json() for e in prepared)])
    for event in prepared:
        history_record(event, actor=actor, reason=reason or _("Ny händelse"))
        event.save()
    return prepared


@transaction.atomic
def event_delete(*, actor: User, event: Event, reason: str) -> None:
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv varför händelsen tas bort.")})
    person = event.person
    rest = [e.as_rules_json() for e in person.handelser.exclude(pk=event.pk)]
    timeline_check(person, rest)
    history_record(event, actor=actor, reason=reason)
    event.delete()
    _refresh(person)


def _refresh(person: Person) -> None:
    timeline_changed.send(sender=Person, person=person)
