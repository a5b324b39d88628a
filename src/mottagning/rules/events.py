"""A person's dated events: parsed from the JSON contract, validated, and packed into arrays.

Validation lives here, once, for every entry point (CLI, API, forms, imports): an
impossible timeline is rejected with a sentence that says what, where and how to fix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from mottagning.rules.codes import (
    HANDELSETYPER,
    PLACERINGSFORM,
    PLACERINGSGRUND,
    SKOLFORM,
    TILLSTAND,
)
from mottagning.rules.dates import EPOCH, NO_DATE, add_months, birthday, days, from_days
from mottagning.rules.errors import InputError

__all__ = ["EPOCH", "NO_DATE", "add_months", "days", "from_days"]  # date helpers, re-exported

# Per event type: the extra fields it takes and which of them are required.
_FIELDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "asylansokan": (frozenset(), frozenset()),
    "anvisning": (frozenset({"kommun"}), frozenset({"kommun"})),
    "mottagande": (frozenset({"kommun"}), frozenset()),
    "eget_boende": (frozenset({"kommun"}), frozenset()),
    "uppehallstillstand": (
        frozenset({"tillstand", "giltigt_till", "grund"}),
        frozenset({"tillstand"}),
    ),
    "avslag": (frozenset(), frozenset()),
    "tillstandsansokan": (frozenset(), frozenset()),
    "atervandande": (frozenset(), frozenset()),
    "aldersbedomning": (frozenset({"fodelsedatum"}), frozenset({"fodelsedatum"})),
    "placering": (frozenset({"form", "slut", "grund", "kommun"}), frozenset({"form"})),
    "gymnasiestudier": (frozenset({"slut"}), frozenset()),
    "utflyttning": (frozenset({"kommun"}), frozenset()),
    "skolgang": (frozenset({"skolform", "slut"}), frozenset({"skolform"})),
}

# Grounds for a permit; "flykting" is 001 §1's "Flykting" (permit on refugee grounds).
GRUNDER = (
    "flykting",
    "alternativt_skydd",
    "anhorig",
    "synnerligen_ommande",
    "gymnasielagen",
    "annan",
)


# --- plausible dates (issue 9) ---------------------------------------------------------------
# The bounds live here once; the CLI, the API, the forms and the imports all ask these functions.

#: No one in the register was born before 1900, so no date of theirs lies before it; an earlier
#: date is a typing error (0001-01-01 for an unknown date).
DATUM_TIDIGAST = dt.date(1900, 1, 1)
#: The rules' horizon: no law or profile says anything about later dates, and the engine adds up
#: to 65 years to a birth date, which must stay a date. Any later date is a typing error.
DATUM_SENAST = dt.date(2199, 12, 31)
#: Events are recorded when they happen or are decided; one more than a year ahead is a typo.
HANDELSE_FRAMAT_AR = 1
#: Planned ends (a TUT's giltigt_till, the slut of a placement or of studies) may lie further
#: ahead: the longest real ones, placements of young children, run until they are adults.
PLANERAT_SLUT_FRAMAT_AR = 30


def check_date(value: dt.date, where: str) -> dt.date:
    """Any date the rules take: within DATUM_TIDIGAST..DATUM_SENAST (else arithmetic overflows)."""
    if value < DATUM_TIDIGAST:
        raise InputError(
            f"{value} ligger före {DATUM_TIDIGAST}; skriv det rätta datumet (ÅÅÅÅ-MM-DD).", where
        )
    if value > DATUM_SENAST:
        raise InputError(
            f"{value} ligger efter {DATUM_SENAST}, bortom vad reglerna kan svara på; "
            "skriv det rätta datumet (ÅÅÅÅ-MM-DD).",
            where,
        )
    return value


def check_plausible(person: Person, *, today: dt.date, where: str = "person") -> None:
    """Dates a stored record may hold, seen from `today`: born by today; events at most
    HANDELSE_FRAMAT_AR ahead; planned ends at most PLANERAT_SLUT_FRAMAT_AR ahead. Writes ask
    this (evaluating a stored record does not, so a record stays readable as time passes);
    events before birth are rejected by parse_person itself."""
    if person.fodelsedatum > today:
        raise InputError(
            f"födelsedatum {person.fodelsedatum} ligger i framtiden (i dag är {today}).",
            f"{where}.fodelsedatum",
        )
    event_limit = add_months(today, 12 * HANDELSE_FRAMAT_AR)
    end_limit = add_months(today, 12 * PLANERAT_SLUT_FRAMAT_AR)
    for i, event in enumerate(person.handelser):
        place = f"{where}.handelser[{i}]"
        if event.datum > event_limit:
            raise InputError(
                f"{event.typ} {event.datum} ligger mer än {HANDELSE_FRAMAT_AR} år fram i tiden "
                f"(senast {event_limit}); händelser registreras när de sker eller beslutas.",
                f"{place}.datum",
            )
        for name in ("giltigt_till", "slut"):
            end = getattr(event, name)
            if end is not None and end > end_limit:
                raise InputError(
                    f"{name} {end} ligger mer än {PLANERAT_SLUT_FRAMAT_AR} år fram i tiden "
                    f"(senast {end_limit}).",
                    f"{place}.{name}",
                )
        if event.fodelsedatum is not None and event.fodelsedatum > event.datum:
            raise InputError(
                f"bedömt födelsedatum {event.fodelsedatum} ligger efter bedömningen {event.datum}.",
                f"{place}.fodelsedatum",
            )


def parse_date(value: Any, where: str) -> dt.date:
    if not isinstance(value, str):
        raise InputError(f"ett datum skrivs som text ÅÅÅÅ-MM-DD, inte {value!r}.", where)
    try:
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"'{value}' är inget giltigt datum; skriv ÅÅÅÅ-MM-DD, till exempel 2018-03-01.", where
        ) from None
    return check_date(parsed, where)


@dataclass(frozen=True)
class Event:
    typ: str
    datum: dt.date
    # On a placering, `kommun` names where the place is, not where the person lives: a
    # placement elsewhere is not a move (LMA 3 §, SoL 2 a kap.).
    kommun: str | None = None
    tillstand: str | None = None
    giltigt_till: dt.date | None = None
    # uppehallstillstand: the ground of the permit (GRUNDER); placering: SoL or LVU (None = SoL).
    grund: str | None = None
    fodelsedatum: dt.date | None = None
    # placering: the placement form (PLACERINGSFORM); skolgang: the school form (SKOLFORM),
    # given as `skolform` in the JSON contract.
    form: str | None = None
    slut: dt.date | None = None


@dataclass(frozen=True)
class Person:
    fodelsedatum: dt.date
    ensamkommande: bool
    handelser: tuple[Event, ...] = field(default_factory=tuple)


def parse_person(data: Any, where: str = "person") -> Person:
    """Parse and validate one person of the JSON contract; raise InputError on the first fault."""
    if not isinstance(data, Mapping):
        raise InputError(
            "ska vara ett objekt med fodelsedatum, ensamkommande och handelser.", where
        )
    unknown = set(data) - {"fodelsedatum", "ensamkommande", "handelser"}
    if unknown:
        raise InputError(
            f"okänd nyckel {sorted(unknown)[0]!r}; tillåtna är fodelsedatum, ensamkommande, handelser.",
            where,
        )
    if "fodelsedatum" not in data:
        raise InputError("fodelsedatum saknas.", where)
    fodd = parse_date(data["fodelsedatum"], f"{where}.fodelsedatum")
    ensam = data.get("ensamkommande", False)
    if not isinstance(ensam, bool):
        raise InputError("ensamkommande ska vara true eller false.", f"{where}.ensamkommande")
    raw = data.get("handelser", [])
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        raise InputError("handelser ska vara en lista.", f"{where}.handelser")
    events = [_parse_event(e, f"{where}.handelser[{i}]") for i, e in enumerate(raw)]
    # Stable sort: events on the same day keep the order they were given in.
    order = sorted(range(len(events)), key=lambda i: events[i].datum)
    person = Person(fodd, ensam, tuple(events[i] for i in order))
    _check_timeline(person, [f"{where}.handelser[{i}]" for i in order])
    return person


def _parse_event(data: Any, where: str) -> Event:
    if not isinstance(data, Mapping):
        raise InputError("en händelse ska vara ett objekt med typ och datum.", where)
    typ = data.get("typ")
    if typ not in _FIELDS:
        raise InputError(
            f"okänd händelsetyp {typ!r}; tillåtna är {', '.join(HANDELSETYPER)}.", f"{where}.typ"
        )
    allowed, required = _FIELDS[typ]
    extra = set(data) - {"typ", "datum"} - allowed
    if extra:
        raise InputError(
            f"{typ} tar inte nyckeln {sorted(extra)[0]!r}"
            + (f"; tillåtna extra nycklar: {', '.join(sorted(allowed))}." if allowed else "."),
            where,
        )
    for key in sorted(required):
        if data.get(key) in (None, ""):
            raise InputError(f"{typ} kräver {key}.", f"{where}.{key}")
    if "datum" not in data:
        raise InputError("datum saknas.", f"{where}.datum")
    datum = parse_date(data["datum"], f"{where}.datum")
    kwargs: dict[str, Any] = {}
    if "kommun" in data:
        if not isinstance(data["kommun"], str) or not data["kommun"]:
            raise InputError(
                "kommun ska vara en kommunkod, till exempel 'alingsas'.", f"{where}.kommun"
            )
        kwargs["kommun"] = data["kommun"]
    if typ == "uppehallstillstand":
        if data["tillstand"] not in TILLSTAND:
            raise InputError(
                f"tillstand ska vara PUT eller TUT, inte {data['tillstand']!r}.",
                f"{where}.tillstand",
            )
        kwargs["tillstand"] = data["tillstand"]
        if data["tillstand"] == "TUT":
            if data.get("giltigt_till") is None:
                raise InputError(
                    "ett TUT (tillfälligt uppehållstillstånd) kräver giltigt_till.",
                    f"{where}.giltigt_till",
                )
            kwargs["giltigt_till"] = parse_date(data["giltigt_till"], f"{where}.giltigt_till")
            if kwargs["giltigt_till"] < datum:
                raise InputError(
                    f"giltigt_till {kwargs['giltigt_till']} ligger före beslutsdatum {datum}.",
                    f"{where}.giltigt_till",
                )
        elif data.get("giltigt_till") is not None:
            raise InputError(
                "ett PUT gäller utan slutdatum; ta bort giltigt_till eller ange TUT.",
                f"{where}.giltigt_till",
            )
        if data.get("grund") is not None:
            if data["grund"] not in GRUNDER:
                raise InputError(f"grund ska vara en av {', '.join(GRUNDER)}.", f"{where}.grund")
            kwargs["grund"] = data["grund"]
    if typ == "aldersbedomning":
        kwargs["fodelsedatum"] = parse_date(data["fodelsedatum"], f"{where}.fodelsedatum")
    if typ == "placering":
        if data["form"] not in PLACERINGSFORM:
            raise InputError(
                f"form ska vara en av {', '.join(PLACERINGSFORM)}, inte {data['form']!r}.",
                f"{where}.form",
            )
        kwargs["form"] = data["form"]
        if data.get("grund") is not None:
            if data["grund"] not in PLACERINGSGRUND:
                raise InputError(
                    f"grund för en placering ska vara SoL eller LVU, inte {data['grund']!r}.",
                    f"{where}.grund",
                )
            kwargs["grund"] = data["grund"]
    if typ == "skolgang":
        if data["skolform"] not in SKOLFORM:
            raise InputError(
                f"skolform ska vara en av {', '.join(SKOLFORM)}, inte {data['skolform']!r}.",
                f"{where}.skolform",
            )
        kwargs["form"] = data["skolform"]
    if typ in ("placering", "gymnasiestudier", "skolgang") and data.get("slut") is not None:
        kwargs["slut"] = parse_date(data["slut"], f"{where}.slut")
        if kwargs["slut"] < datum:
            raise InputError(f"slut {kwargs['slut']} ligger före start {datum}.", f"{where}.slut")
    return Event(typ=typ, datum=datum, **kwargs)


def _check_timeline(person: Person, places: list[str]) -> None:
    """Reject timelines that cannot happen, naming the event and the rule it breaks."""
    asyl: dt.date | None = None
    tillstand: dt.date | None = None
    tut_seen = False
    ebo_at_permit = False
    ebo = False
    for event, where in zip(person.handelser, places, strict=True):
        if event.datum < person.fodelsedatum:
            raise InputError(
                f"{event.typ} {event.datum} ligger före födelsedatum {person.fodelsedatum}.",
                f"{where}.datum",
            )
        if event.typ == "placering":
            _check_placement(person, event, where)
        if event.typ == "skolgang":
            _check_schooling(person, event, where)
        if event.typ == "asylansokan" and asyl is None:
            asyl = event.datum
        elif event.typ == "eget_boende":
            ebo = True
        elif event.typ == "uppehallstillstand":
            if tillstand is None:
                tillstand = event.datum
                ebo_at_permit = ebo
            tut_seen = tut_seen or event.tillstand == "TUT"
        elif event.typ in ("avslag",) and asyl is None and not tut_seen:
            raise InputError(
                f"avslag {event.datum} utan någon ansökan före; lägg till asylansokan eller "
                "tillstandsansokan före avslaget.",
                f"{where}.typ",
            )
        elif event.typ == "tillstandsansokan" and not tut_seen:
            raise InputError(
                "tillstandsansokan avser den som har haft ett tillfälligt uppehållstillstånd "
                "(001 §3.1); lägg till uppehallstillstand med tillstand TUT före ansökan.",
                f"{where}.typ",
            )
        elif event.typ == "anvisning" and tillstand is None and not person.ensamkommande:
            raise InputError(
                f"anvisning {event.datum} före uppehållstillstånd: Migrationsverket anvisar vuxna "
                "och familjer först när de fått uppehållstillstånd; bara ensamkommande barn "
                "anvisas under asyltiden (001 §2).",
                f"{where}.datum",
            )
        elif (
            event.typ == "anvisning"
            and tillstand is not None
            and ebo_at_permit
            and event.datum > add_months(tillstand, 1)
        ):
            raise InputError(
                f"anvisning {event.datum} mer än en månad efter uppehållstillståndet {tillstand} "
                "för en person i eget boende: den som har EBO kan bara flytta tillbaka till "
                "Migrationsverkets boende och anvisas inom en månad (001 §2).",
                f"{where}.datum",
            )
        elif event.typ == "mottagande" and tillstand is None and not person.ensamkommande:
            raise InputError(
                f"mottagande {event.datum} före uppehållstillstånd: en asylsökande tas inte emot "
                "(folkbokförs inte) i kommunen; lägg till uppehallstillstand före mottagandet.",
                f"{where}.datum",
            )
    if asyl is not None and tillstand is not None and tillstand < asyl:
        # Kvotflyktingar get their permit before arrival; they never apply for asylum here.
        raise InputError(
            f"uppehållstillstånd {tillstand} ligger före asylansökan {asyl}; ett tillstånd "
            "kan inte beviljas innan asyl söks. Rätta datumen eller ta bort asylansökan "
            "(kvotflyktingar har ingen).",
            "person.handelser",
        )


def _born(person: Person, on: dt.date) -> dt.date:
    """The birth date in force on `on`: an åldersbedömning replaces it from its own date."""
    fodd = person.fodelsedatum
    for e in person.handelser:
        if e.typ == "aldersbedomning" and e.datum <= on and e.fodelsedatum is not None:
            fodd = e.fodelsedatum
    return fodd


#: Ages outside which an enrolment in a school form cannot be right (a typing error in the date
#: of birth or of the event): skollagen (2010:800) 8 kap. 3 § (förskola from age 1), 7 kap.
#: 10–11 §§ (förskoleklass the autumn of the year the child turns 6, skolplikt to the 10th year
#: of school) and 15 kap. 5 § (gymnasieskola begins at the latest the year one turns 20).
SKOLFORM_ALDER = {
    "forskola": (1, 7),
    "forskoleklass": (5, 8),
    "grundskola": (5, 18),
    "gymnasieskola": (14, 20),
}


def _check_schooling(person: Person, event: Event, where: str) -> None:
    """An enrolment the child's age rules out (SKOLFORM_ALDER), on its first day."""
    lowest, highest = SKOLFORM_ALDER[event.form or ""]
    born = _born(person, event.datum)
    if not birthday(born, lowest) <= event.datum < birthday(born, highest + 1):
        raise InputError(
            f"skolgang i {event.form} {event.datum}: barnet är då inte {lowest}–{highest} år "
            f"(född {born}); rätta födelsedatumet, datumet eller skolformen.",
            f"{where}.datum",
        )


def _check_placement(person: Person, event: Event, where: str) -> None:
    """Placements the law does not allow: stödboende ends before 21, LVU begins before 20.

    Stödboende is a SoL placement form for young people aged 16–20 (socialtjänstförordningen
    2001:937 3 kap. 1 §, SoL 6 kap. 1 §, prop. 2015/16:43): one that starts on or after the
    21st birthday, or whose `slut` lies on or after it, cannot be right. A running placement without `slut` is not
    rejected here: its end is not known at entry.
    LVU care can be decided for someone who has turned 18 only before 20 (LVU 1 § tredje
    stycket), and it ends at the latest at 21 (LVU 21 §; the timeline stops counting it then).
    """
    if event.form == "stodboende":
        start21 = birthday(_born(person, event.datum), 21)
        if event.datum >= start21:
            raise InputError(
                f"placering i stödboende {event.datum} börjar på eller efter 21-årsdagen "
                f"{start21}: stödboende är en placeringsform för unga 16–20 år "
                "(socialtjänstförordningen 3 kap. 1 §). Ange en annan form (hvb eller familjehem) eller rätta datumet.",
                f"{where}.datum",
            )
        if event.slut is not None:
            slut21 = birthday(_born(person, event.slut), 21)
            if event.slut >= slut21:
                raise InputError(
                    f"placering i stödboende slutar {event.slut}, på eller efter 21-årsdagen "
                    f"{slut21}: stödboende är en placeringsform för unga 16–20 år "
                    f"(socialtjänstförordningen 3 kap. 1 §). Avsluta placeringen senast {slut21 - dt.timedelta(days=1)}.",
                    f"{where}.slut",
                )
    if event.grund == "LVU":
        start20 = birthday(_born(person, event.datum), 20)
        if event.datum >= start20:
            raise InputError(
                f"placering enligt LVU {event.datum} börjar på eller efter 20-årsdagen "
                f"{start20}: vård enligt LVU kan beslutas för den som fyllt 18 bara till 20 "
                "år (LVU 1 § tredje stycket). Ange grund SoL eller rätta datumet.",
                f"{where}.grund",
            )


I32 = npt.NDArray[np.int32]
I8 = npt.NDArray[np.int8]
B = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class EventArrays:
    """Many persons' events as flat arrays, sorted by (person, datum, given order).

    Persons are 0..n-1. Dates are int32 days since 1970-01-01; NO_DATE where absent.
    `form` holds the placement form code for `placering` and 0/1 for PUT/TUT.
    `egen` is False where an event names another municipality than the one asked about
    (a person anvisad or received elsewhere, or placed in a home in another municipality).
    """

    fodelsedatum: I32
    ensamkommande: B
    person: I32
    typ: I8
    datum: I32
    slut: I32
    form: I8
    nytt_fodelsedatum: I32
    egen: B
    # True on a placering that rests on LVU. None = no event does (callers that build arrays
    # without placements need not carry it).
    lvu: B | None = None

    @property
    def n(self) -> int:
        return int(self.fodelsedatum.shape[0])


def replicate(ev: EventArrays, k: int) -> EventArrays:
    """k copies of every person (copy j of person p becomes person j*n + p), order kept.

    Used to evaluate one person on many dates in a single vectorised call.
    """
    n = ev.n
    offsets = (np.arange(k, dtype=np.int32) * n)[:, None]
    return EventArrays(
        fodelsedatum=np.tile(ev.fodelsedatum, k),
        ensamkommande=np.tile(ev.ensamkommande, k),
        person=(ev.person[None, :] + offsets).ravel().astype(np.int32),
        typ=np.tile(ev.typ, k),
        datum=np.tile(ev.datum, k),
        slut=np.tile(ev.slut, k),
        form=np.tile(ev.form, k),
        nytt_fodelsedatum=np.tile(ev.nytt_fodelsedatum, k),
        egen=np.tile(ev.egen, k),
        lvu=None if ev.lvu is None else np.tile(ev.lvu, k),
    )


def pack(persons: Sequence[Person], kommun: str) -> EventArrays:
    """Pack parsed persons into EventArrays (the batch engine's input), as seen from `kommun`."""
    return pack_rows(
        [(p.fodelsedatum, p.ensamkommande) for p in persons],
        (
            (
                i,
                e.typ,
                e.datum,
                e.kommun,
                e.tillstand,
                e.giltigt_till,
                e.grund,
                e.fodelsedatum,
                e.form,
                e.slut,
            )
            for i, p in enumerate(persons)
            for e in p.handelser
        ),
        kommun,
    )


#: One stored event as `pack_rows` reads it: person index, typ, datum, kommun, tillstand,
#: giltigt_till, grund (of a permit, or SoL/LVU of a placement), fodelsedatum (of an
#: åldersbedömning), form, slut.
EventRow = tuple[
    int,
    str,
    dt.date,
    str | None,
    str | None,
    dt.date | None,
    str | None,
    dt.date | None,
    str | None,
    dt.date | None,
]


def pack_rows(
    persons: Sequence[tuple[dt.date, bool]], events: Iterable[EventRow], kommun: str
) -> EventArrays:
    """Pack already validated persons (birth date, ensamkommande) and their events, sorted by
    person and date, into EventArrays: how the register is read for a batch without parsing
    the JSON contract again (the services validated every timeline when it was written)."""
    rows: list[tuple[int, int, int, int, int, int, bool, bool]] = []
    for p_idx, typ, datum, ekommun, tillstand, giltigt_till, grund, fodd, form, slut in events:
        code = -1
        end = int(NO_DATE)
        if typ == "uppehallstillstand":
            code = TILLSTAND.index(tillstand or "PUT")
            if giltigt_till is not None:
                end = days(giltigt_till)
        elif typ == "placering":
            code = PLACERINGSFORM.index(form or "hvb")
        elif typ == "skolgang":
            code = SKOLFORM.index(form or "grundskola")
        if typ in ("placering", "gymnasiestudier", "skolgang") and slut is not None:
            end = days(slut)
        ny = days(fodd) if fodd else int(NO_DATE)
        # A placement elsewhere is not a move (LMA 3 §, SoL 2 a kap.): `egen` only matters for
        # the events that say where the person lives, and a placement is not one of them.
        egen = not ekommun or ekommun == kommun
        lvu = typ == "placering" and grund == "LVU"
        rows.append((p_idx, HANDELSETYPER.index(typ), days(datum), end, code, ny, egen, lvu))
    cols: list[tuple[Any, ...]] = list(zip(*rows, strict=True)) if rows else [()] * 8
    return EventArrays(
        fodelsedatum=np.array([days(born) for born, _alone in persons], dtype=np.int32),
        ensamkommande=np.array([alone for _born, alone in persons], dtype=np.bool_),
        person=np.array(cols[0], dtype=np.int32),
        typ=np.array(cols[1], dtype=np.int8),
        datum=np.array(cols[2], dtype=np.int32),
        slut=np.array(cols[3], dtype=np.int32),
        form=np.array(cols[4], dtype=np.int8),
        nytt_fodelsedatum=np.array(cols[5], dtype=np.int32),
        egen=np.array(cols[6], dtype=np.bool_),
        lvu=np.array(cols[7], dtype=np.bool_),
    )
