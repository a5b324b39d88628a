"""The rules core's contract: one JSON object in, one JSON object out (see docs/cli.md).

`route` answers for one person on one date; `route_register` for many persons at once with the
same engine. Nothing here touches a database: callers turn rows into the JSON contract or into
EventArrays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from mottagning.rules import periods
from mottagning.rules.codes import BOENDEFORM, FAS, OMRADE, RATTSLIG_STATUS
from mottagning.rules.dates import NO_DATE, add_months, days, from_days
from mottagning.rules.errors import InputError
from mottagning.rules.events import EventArrays, Person, pack, parse_date, parse_person
from mottagning.rules.profile import compiled as compiled_profile
from mottagning.rules.tables import Compiled, Row
from mottagning.rules.timeline import States, compute_states

HUVUDMAN_NAMN = {
    "kommun": "Kommunen",
    "migrationsverket": "Migrationsverket",
    "arbetsformedlingen": "Arbetsförmedlingen",
    "forsakringskassan": "Försäkringskassan",
    "region": "Regionen",
    "lansstyrelsen": "Länsstyrelsen",
}


@dataclass(frozen=True)
class Request:
    kommun: str
    datum: dt.date
    person: Person


def parse_request(payload: Any) -> Request:
    if not isinstance(payload, Mapping):
        raise InputError(
            "indata ska vara ett JSON-objekt med kommun, datum och person.", "(indata)"
        )
    unknown = set(payload) - {"kommun", "datum", "person"}
    if unknown:
        raise InputError(
            f"okänd nyckel {sorted(unknown)[0]!r}; tillåtna är kommun, datum, person.", "(indata)"
        )
    for key in ("kommun", "datum", "person"):
        if key not in payload:
            raise InputError(f"{key} saknas.", key)
    kommun = payload["kommun"]
    if not isinstance(kommun, str):
        raise InputError(
            "kommun ska vara en kommunkod som text, till exempel 'alingsas'.", "kommun"
        )
    compiled_profile(kommun)  # raises InputError for an unknown municipality
    datum = parse_date(payload["datum"], "datum")
    person = parse_person(payload["person"])
    if datum < person.fodelsedatum:
        raise InputError(
            f"datum {datum} ligger före födelsedatum {person.fodelsedatum}; fråga om ett datum "
            "då personen levde.",
            "datum",
        )
    return Request(kommun, datum, person)


def _states(c: Compiled, ev: EventArrays, on: dt.date | np.ndarray[Any, Any]) -> States:
    when = days(on) if isinstance(on, dt.date) else on
    return compute_states(ev, when, c.profil.nyanland.definition, c.profil.etableringsperiod.fran)


def _ansvar(c: Compiled, row: Row, omrade: str, utforare: str | None) -> dict[str, Any]:
    return {
        "omrade": omrade,
        "huvudman": row.huvudman,
        "namnd": row.namnd,
        "enhet": row.enhet if not row.nationell else HUVUDMAN_NAMN[row.huvudman or ""],
        "enhet_id": row.enhet_id,
        "utforare": utforare,
        "arbete": row.arbete,
        "beskrivning": row.beskrivning,
        "lagar": list(row.lagar),
        "regel": row.id,
        "kalla": row.kalla,
        **({"frivillig": True} if row.frivillig else {}),
        **({"anmarkning": row.anmarkning} if row.anmarkning else {}),
    }


def answers(
    c: Compiled, hits: np.ndarray[Any, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Turn one person's (områden, K) winner indices into ansvar and ej_ansvar lists."""
    ansvar: list[dict[str, Any]] = []
    ej: list[dict[str, Any]] = []
    for ai, omrade in enumerate(OMRADE):
        rows = [c.rows[int(i)] for i in hits[ai] if i >= 0]
        utf = next(
            (
                r.enhet
                for r in rows
                if not r.nationell and not r.frivillig and r.arbete == "utforare"
            ),
            None,
        )
        for r in rows:
            if r.huvudman is None:
                ej.append(
                    {
                        "omrade": omrade,
                        "beskrivning": r.beskrivning,
                        "lagar": list(r.lagar),
                        "regel": r.id,
                        "kalla": r.kalla,
                        **({"anmarkning": r.anmarkning} if r.anmarkning else {}),
                    }
                )
                continue
            own = r.utforare
            if not r.nationell and r.arbete == "myndighetsutovning" and utf is not None:
                own = utf
            ansvar.append(_ansvar(c, r, omrade, own))
    return ansvar, ej


def _tillstand(c: Compiled, s: States, person: Person) -> dict[str, Any]:
    i = 0
    status = int(s.status[i])
    man = int(s.manader[i])
    mott = int(s.mottagningsdatum[i])
    tut = int(s.tut_giltigt_till[i])
    alder = int(s.alder[i])
    ensam = bool(s.ensamkommande[i])
    permit_status = status >= 0 and RATTSLIG_STATUS[status] in (
        "put",
        "tut",
        "tut_utgangen",
        "tillstandssokande",
    )
    boende = BOENDEFORM[int(s.boendeform[i])]
    return {
        "alder": alder,
        "rattslig_status": RATTSLIG_STATUS[status] if status >= 0 else None,
        "ensamkommande": ensam,
        "fas": FAS[int(s.fas[i])],
        "nyanland": bool(s.nyanland[i]),
        "manader_sedan_mottagande": man if man >= 0 else None,
        "boendeform": boende,
        "fodelsedatum": from_days(int(s.fodelsedatum[i])).isoformat(),
        "mottagningsdatum": from_days(mott).isoformat() if mott != NO_DATE else None,
        "tut_giltigt_till": from_days(tut).isoformat() if tut != NO_DATE else None,
        "gymnasiestudier": bool(s.gymnasiestudier[i]),
        "lvu": bool(s.lvu[i]),
        "i_kommunen": bool(s.i_kommunen[i]),
        # The definitions of 001 §1 and 002 §4, as they apply to this person on this date.
        "begrepp": {
            "ensamkommande_barn": ensam
            and alder < 18
            and status >= 0
            and RATTSLIG_STATUS[status] in ("asylsokande", "put", "tut"),
            "ensamkommande_unga": ensam and 18 <= alder < 21 and permit_status,
            "asylsokande": status >= 0 and RATTSLIG_STATUS[status] == "asylsokande",
            "kommunplacerad": bool(s.anvisad[i]) and boende != "migrationsverket",
            "eget_boende": boende == "ebo",
            "flykting": _flykting(person, int(s.datum[0])),
            "nyanland_enligt_kommunen": bool(s.nyanland[i]),
            "etableringsperiod_enligt_kommunen": bool(s.lokal_etablering[i]),
        },
    }


def _flykting(person: Person, on: int) -> bool:
    """001 §1 Flykting: has applied for asylum and been granted a permit on refugee grounds."""
    return any(
        e.typ == "uppehallstillstand" and e.grund == "flykting" and days(e.datum) <= on
        for e in person.handelser
    )


def _utanfor(s: States) -> dict[str, str] | None:
    if bool(s.i_omfang[0]):
        return None
    status = int(s.status[0])
    if status >= 0 and RATTSLIG_STATUS[status] == "atervant":
        return {
            "orsak": "Personen har återvänt. Kommunens och statens ansvar enligt tabellerna har upphört.",
            "kalla": "001 §2 (Avslag → Återvänder)",
        }
    return {
        "orsak": "Personen bor inte i kommunen (utflyttad, eller anvisad eller mottagen i en annan "
        "kommun). Ansvaret ligger hos den kommun där personen bor.",
        "kalla": "bosättningslagen (2016:38); SoL 2 a kap. 1 § (vistelsekommunens ansvar)",
    }


def route(payload: Any, *, overgangar: bool = True) -> dict[str, Any]:
    """State and responsibilities for one person on one date (the `mottagning route` contract).

    With `overgangar` (the default, for the person page and `explain`) the answer also lists
    the coming dates that move responsibility and the handover each triggers; the CLI's
    `route` prints the bare contract unless asked for them.
    """
    req = parse_request(payload)
    c = compiled_profile(req.kommun)
    ev = pack([req.person], req.kommun)
    s = _states(c, ev, req.datum)
    if int(s.status[0]) < 0:
        first = req.person.handelser[0] if req.person.handelser else None
        raise InputError(
            (
                f"datum {req.datum} ligger före personens första händelse med rättslig status"
                + (f" ({first.typ} {first.datum})" if first else "")
                + "; lägg till händelser (minst asylansokan eller uppehallstillstand) eller fråga "
                "om ett senare datum."
            ),
            "datum",
        )
    hits = c.evaluate(s)[0]
    ansvar, ej = answers(c, hits)
    used = sorted({lag for a in [*ansvar, *ej] for lag in a["lagar"]})
    out: dict[str, Any] = {
        "datum": req.datum.isoformat(),
        "kommun": req.kommun,
        "tillstand": _tillstand(c, s, req.person),
        "ansvar": ansvar,
        "ej_ansvar": ej,
        "lagar": {k: _lagnamn(c, k) for k in used},
    }
    if overgangar:
        out["overgangar"] = transitions(c, req.datum, ev)
    utanfor = _utanfor(s)
    if utanfor:
        out["utanfor_kommunens_ansvar"] = utanfor
    return out


def _lagnamn(c: Compiled, kod: str) -> str:
    namn, sfs = c.lagar[kod]
    return f"{namn} ({sfs})" if sfs else namn


def _units(rows: list[Row]) -> list[dict[str, Any]]:
    """Who holds an area, as the transitions list it: one entry per row that names a holder."""
    return [
        {
            "huvudman": r.huvudman,
            "namnd": r.namnd,
            "enhet": r.enhet if not r.nationell else HUVUDMAN_NAMN[r.huvudman],
            "enhet_id": r.enhet_id,
            "arbete": r.arbete,
            "regel": r.id,
        }
        for r in rows
        if r.huvudman is not None
    ]


#: How far ahead `route` lists coming transitions.
OVERGANGAR_MANADER = 36


def transitions(c: Compiled, datum: dt.date, ev: EventArrays) -> list[dict[str, Any]]:
    """Coming dates that move responsibility, and the handover each triggers, for one person.

    A view of `periods.timeline` over the next three years: each day on which the holders of
    an area change is listed once, with the rows of the day before (`fran`) and of the day
    itself (`till`) for each area that changes, and the deadlines in the same window.
    """
    start = days(datum)
    end = days(add_months(datum, OVERGANGAR_MANADER))
    tl = periods.timeline(c, ev, start, end)
    out: list[dict[str, Any]] = []
    for t in periods.transitions(tl, start, end):
        andringar = []
        for h in t.handovers:
            ai = OMRADE.index(h.omrade)
            andringar.append(
                {
                    "omrade": h.omrade,
                    "fran": _units(periods.rows_of(tl, t.seg - 1, ai)),
                    "till": _units(periods.rows_of(tl, t.seg, ai)),
                }
            )
        out.append(
            {
                "datum": t.datum.isoformat(),
                "typ": t.typ,
                "beskrivning": t.beskrivning,
                "kalla": t.kalla,
                "andringar": andringar,
            }
        )
    out.sort(key=lambda o: o["datum"])
    return out


def explain(payload: Any) -> str:
    """The same answer as `route`, as readable Swedish text with rule and source on every line."""
    r = route(payload)
    t = r["tillstand"]
    lines = [
        f"{r['kommun']} {r['datum']}: {t['alder']} år, {t['rattslig_status']}, "
        f"{'ensamkommande, ' if t['ensamkommande'] else ''}fas {t['fas']}, boende {t['boendeform']}"
        + (
            f", {t['manader_sedan_mottagande']} månader sedan mottagandet"
            if t["manader_sedan_mottagande"] is not None
            else ""
        )
        + (", nyanländ enligt kommunens definition" if t["nyanland"] else ""),
    ]
    if "utanfor_kommunens_ansvar" in r:
        u = r["utanfor_kommunens_ansvar"]
        lines.append(f"Utanför tabellerna: {u['orsak']} [källa: {u['kalla']}]")
    for a in r["ansvar"]:
        vem = HUVUDMAN_NAMN[a["huvudman"]]
        if a["huvudman"] == "kommun":
            vem += f" – {a['namnd']}, {a['enhet']}"
        arbete = {"myndighetsutovning": "myndighetsutövning", "utforare": "utförare"}.get(
            a["arbete"], ""
        )
        extra = f"; utförs av {a['utforare']}" if a["utforare"] else ""
        frivillig = ", frivilligt åtagande" if a.get("frivillig") else ""
        lagar = ", ".join(a["lagar"]) or "–"
        lines.append(
            f"{a['omrade']}: {vem} ({arbete}{extra}{frivillig}): {a['beskrivning']}. "
            f"Lagar: {lagar}. [regel {a['regel']}, källa {a['kalla']}]"
        )
    for e in r["ej_ansvar"]:
        lines.append(
            f"{e['omrade']}: inget ansvar – {e['beskrivning']}. [regel {e['regel']}, källa {e['kalla']}]"
        )
    if r["overgangar"]:
        lines.append("Kommande övergångar:")
        for o in r["overgangar"]:
            lines.append(f"  {o['datum']}: {o['beskrivning']} [källa {o['kalla']}]")
            for ch in o["andringar"]:
                fran = ", ".join(u["enhet"] for u in ch["fran"]) or "ingen"
                till = ", ".join(u["enhet"] for u in ch["till"]) or "ingen"
                lines.append(f"    {ch['omrade']}: {fran} → {till}")
    return "\n".join(lines)


def route_register(
    kommun: str, on: dt.date, ev: EventArrays
) -> tuple[States, np.ndarray[Any, Any]]:
    """States and winning rows for a whole register on one date: the batch path of `route`."""
    c = compiled_profile(kommun)
    s = _states(c, ev, on)
    return s, c.evaluate(s)
