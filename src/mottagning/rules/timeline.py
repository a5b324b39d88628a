"""Timeline -> state on a date, for one person or a whole register at once.

Input is `EventArrays` (flat, sorted by person and date); output is `States`, one array per
attribute. Every rule cites its source; rules that changed carry their dates elsewhere (the
tables' validity), because the state itself is defined the same way across those changes:

* Ålder: full years; an åldersbedömning replaces the birth date from its own date on. A
  person born on 29 February turns a year older on 1 March in common years.
* Rättslig status: the latest of asylansökan, uppehållstillstånd (PUT/TUT), avslag,
  tillståndsansökan, återvändande; a TUT past its giltigt_till is `tut_utgangen` (001 §1).
* Mottagningsdatum: the day a person with a permit is received in a municipality: the later of
  the first permit and the first mottagande (folkbokföring). An ensamkommande barn is the
  municipality's from the anvisning on (001 §2, 004 footnote 2), so for them the anvisning counts
  as mottagande.
* Fas: asyltid until a permit; väntan på bosättning between permit and mottagande;
  etableringstid the 24 months from mottagande (2010:1122 10 §: schablon paid over 24 months
  from the month after mottagandet; 2017:584); then efter etablering.
* Boendeform: an active placement (SoL 6 kap., LVU) wins; otherwise the latest of eget boende,
  anvisning (an ensamkommande barn is housed by the municipality; an adult moves back to
  Migrationsverket's housing until received, 001 §2), mottagande (anvisad if anvisad before,
  otherwise EBO) and the end of a placement (own housing); Migrationsverket's anläggningsboende
  before any of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from mottagning.rules.codes import BOENDEFORM, FAS, HANDELSETYPER, RATTSLIG_STATUS
from mottagning.rules.events import NO_DATE, EventArrays

I32 = npt.NDArray[np.int32]
I16 = npt.NDArray[np.int16]
I8 = npt.NDArray[np.int8]
B = npt.NDArray[np.bool_]

T = {name: np.int8(i) for i, name in enumerate(HANDELSETYPER)}
S = {name: np.int8(i) for i, name in enumerate(RATTSLIG_STATUS)}
H = {name: np.int8(i) for i, name in enumerate(BOENDEFORM)}
F = {name: np.int8(i) for i, name in enumerate(FAS)}

#: How a municipality defines "nyanländ" (profile data picks one; each cites its source there).
NyanlandDefinition = Literal[
    "forsta_tva_aren", "har_uppehallstillstand", "put_fran_anlaggningsboende"
]
#: From which date a municipality counts its local "etableringsperiod" (002 §4 counts from the
#: permit; the law, 2010:1122 and 2017:584, from mottagandet, which is what `fas` uses).
EtableringFran = Literal["mottagande", "uppehallstillstand"]

ETABLERING_MANADER = 24


@dataclass(frozen=True)
class States:
    """State of n persons on one date. Codes index the vocabularies in `codes`; -1 = none."""

    datum: int
    alder: I16
    fodelsedatum: I32
    status: I8
    ensamkommande: B
    boendeform: I8
    fas: I8
    manader: I16
    mottagningsdatum: I32
    tillstandsdatum: I32
    tut_giltigt_till: I32
    gymnasiestudier: B
    nyanland: B
    i_kommunen: B
    anvisad: B
    put: B
    lokal_etablering: B

    @property
    def n(self) -> int:
        return int(self.alder.shape[0])

    @property
    def i_omfang(self) -> B:
        """Persons the municipality's tables answer for: known status, not returned, living here."""
        out: B = (self.status >= 0) & (self.status != S["atervant"]) & self.i_kommunen
        return out


def _last(ev: EventArrays, mask: B) -> I32:
    """Index of each person's last event where mask holds, -1 if none (events are sorted)."""
    idx = np.flatnonzero(mask).astype(np.int32)
    out = np.full(ev.n, -1, dtype=np.int32)
    if idx.size:
        p = ev.person[idx]
        keep = np.empty(idx.size, dtype=np.bool_)
        keep[:-1] = p[1:] != p[:-1]
        keep[-1] = True
        out[p[keep]] = idx[keep]
    return out


def _first(ev: EventArrays, mask: B) -> I32:
    idx = np.flatnonzero(mask).astype(np.int32)
    out = np.full(ev.n, -1, dtype=np.int32)
    if idx.size:
        p = ev.person[idx]
        keep = np.empty(idx.size, dtype=np.bool_)
        keep[0] = True
        keep[1:] = p[1:] != p[:-1]
        out[p[keep]] = idx[keep]
    return out


def _take(values: npt.NDArray[np.int32], idx: I32, missing: int) -> I32:
    """values[idx] where idx >= 0, else `missing`."""
    out = np.where(idx >= 0, values[np.maximum(idx, 0)] if values.size else missing, missing)
    return out.astype(np.int32)


def _ymd(d: I32) -> tuple[I32, I32, I32]:
    as_dt = d.astype("datetime64[D]")
    months = as_dt.astype("datetime64[M]")
    y = (months.astype(np.int64) // 12 + 1970).astype(np.int32)
    m = (months.astype(np.int64) % 12 + 1).astype(np.int32)
    day = ((as_dt - months.astype("datetime64[D]")).astype(np.int64) + 1).astype(np.int32)
    return y, m, day


def full_years(start: I32, on: int) -> I16:
    """Completed years from `start` to `on` (29 February birthdays count from 1 March)."""
    sy, sm, sd = _ymd(start)
    oy, om, od = _ymd(np.array([on], dtype=np.int32))
    before = (om < sm) | ((om == sm) & (od < sd))
    out: I16 = (oy - sy - before).astype(np.int16)
    return out


def full_months(start: I32, on: int) -> I16:
    """Completed months from `start` to `on`; -1 where start is NO_DATE or after `on`."""
    valid = start <= on
    safe = np.where(valid, start, on).astype(np.int32)
    sy, sm, sd = _ymd(safe)
    oy, om, od = _ymd(np.array([on], dtype=np.int32))
    months = (oy - sy) * 12 + (om - sm) - (od < sd)
    return np.where(valid, months, -1).astype(np.int16)


def compute_states(
    ev: EventArrays,
    on: int,
    nyanland: NyanlandDefinition = "forsta_tva_aren",
    etablering_fran: EtableringFran = "mottagande",
) -> States:
    """State of every person in `ev` on day `on` (days since 1970-01-01)."""
    seen = ev.datum <= on
    typ = ev.typ

    # Ålder, with åldersbedömning taking effect from its own date.
    aldersb = _last(ev, seen & (typ == T["aldersbedomning"]))
    fodd = np.where(aldersb >= 0, _take(ev.nytt_fodelsedatum, aldersb, 0), ev.fodelsedatum)
    fodd = fodd.astype(np.int32)
    alder = full_years(fodd, on)

    # Rättslig status from the latest status event.
    status_types = np.array(
        [
            T[t]
            for t in (
                "asylansokan",
                "uppehallstillstand",
                "avslag",
                "tillstandsansokan",
                "atervandande",
            )
        ],
        dtype=np.int8,
    )
    last_status = _last(ev, seen & np.isin(typ, status_types))
    last_typ = np.where(last_status >= 0, typ[np.maximum(last_status, 0)] if typ.size else -1, -1)
    last_form = np.where(
        last_status >= 0, ev.form[np.maximum(last_status, 0)] if typ.size else -1, -1
    )
    last_slut = _take(ev.slut, last_status, int(NO_DATE))
    status = np.full(ev.n, -1, dtype=np.int8)
    status[last_typ == T["asylansokan"]] = S["asylsokande"]
    permit = last_typ == T["uppehallstillstand"]
    status[permit & (last_form == 0)] = S["put"]
    status[permit & (last_form == 1) & (on <= last_slut)] = S["tut"]
    status[permit & (last_form == 1) & (on > last_slut)] = S["tut_utgangen"]
    status[last_typ == T["avslag"]] = S["avslag"]
    status[last_typ == T["tillstandsansokan"]] = S["tillstandssokande"]
    status[last_typ == T["atervandande"]] = S["atervant"]
    tut_giltigt_till = np.where(permit & (last_form == 1), last_slut, NO_DATE).astype(np.int32)
    put = status == S["put"]

    # Mottagningsdatum: later of first permit and first reception (EKB: first anvisning).
    first_permit = _take(
        ev.datum, _first(ev, seen & (typ == T["uppehallstillstand"])), int(NO_DATE)
    )
    ekb_event = ev.ensamkommande[ev.person] if ev.person.size else np.zeros(0, dtype=np.bool_)
    reception_mask = seen & ((typ == T["mottagande"]) | ((typ == T["anvisning"]) & ekb_event))
    first_reception = _take(ev.datum, _first(ev, reception_mask), int(NO_DATE))
    has_both = (first_permit != NO_DATE) & (first_reception != NO_DATE)
    mottagen = np.where(has_both, np.maximum(first_permit, first_reception), NO_DATE).astype(
        np.int32
    )
    manader = full_months(mottagen, on)

    fas = np.full(ev.n, F["asyltid"], dtype=np.int8)
    fas[(first_permit != NO_DATE) & (mottagen == NO_DATE)] = F["vantar_bosattning"]
    fas[(manader >= 0) & (manader < ETABLERING_MANADER)] = F["etableringstid"]
    fas[manader >= ETABLERING_MANADER] = F["efter_etablering"]

    # Boendeform: base housing from the latest housing event, an active placement on top.
    anvisning = seen & (typ == T["anvisning"])
    first_anvisning = _take(ev.datum, _first(ev, anvisning), int(NO_DATE))
    housing_mask = seen & np.isin(
        typ, np.array([T["eget_boende"], T["anvisning"], T["mottagande"]], dtype=np.int8)
    )
    last_housing = _last(ev, housing_mask)
    lh_typ = np.where(last_housing >= 0, typ[np.maximum(last_housing, 0)] if typ.size else -1, -1)
    lh_date = _take(ev.datum, last_housing, -1)
    boende = np.full(ev.n, H["migrationsverket"], dtype=np.int8)
    boende[lh_typ == T["eget_boende"]] = H["ebo"]
    boende[(lh_typ == T["anvisning"]) & ev.ensamkommande] = H["anvisad"]
    mott = lh_typ == T["mottagande"]
    boende[mott & (first_anvisning <= lh_date)] = H["anvisad"]
    boende[mott & (first_anvisning > lh_date)] = H["ebo"]

    placering = seen & (typ == T["placering"])
    active = placering & (ev.slut >= on)
    last_active = _last(ev, active)
    active_form = np.where(
        last_active >= 0, ev.form[np.maximum(last_active, 0)] if typ.size else -1, -1
    )
    ended = placering & (ev.slut < on)
    # The day after a placement ends the person lives in their own housing, unless a later
    # housing event says otherwise.
    last_end = np.full(ev.n, -1, dtype=np.int64)
    if ended.any():
        np.maximum.at(last_end, ev.person[ended], ev.slut[ended].astype(np.int64) + 1)
    boende[(last_end > lh_date) & (last_active < 0)] = H["ebo"]
    boende[last_active >= 0] = (active_form[last_active >= 0] + H["hvb"]).astype(np.int8)

    # Gymnasiestudier in progress on the date.
    gy = seen & (typ == T["gymnasiestudier"]) & (ev.slut >= on)
    gymnasiestudier = _last(ev, gy) >= 0

    # Where the person lives: the latest event that places them says here, elsewhere or gone.
    location_mask = seen & np.isin(
        typ,
        np.array(
            [T["anvisning"], T["mottagande"], T["eget_boende"], T["utflyttning"]], dtype=np.int8
        ),
    )
    last_loc = _last(ev, location_mask)
    loc_typ = np.where(last_loc >= 0, typ[np.maximum(last_loc, 0)] if typ.size else -1, -1)
    loc_egen = np.where(last_loc >= 0, ev.egen[np.maximum(last_loc, 0)] if typ.size else True, True)
    i_kommunen = (loc_typ != T["utflyttning"]) & loc_egen

    anvisad = first_anvisning != NO_DATE
    has_permit = first_permit != NO_DATE
    if nyanland == "forsta_tva_aren":
        # 001 §1: permit, kommunplacerad or EBO here, during the first two years here.
        ny = (manader >= 0) & (manader < ETABLERING_MANADER)
    elif nyanland == "har_uppehallstillstand":
        # 002 §4 Ordlista: "Person som erhållit uppehållstillstånd".
        ny = has_permit & (status != S["atervant"])
    else:
        # 004 footnote 1: adults and accompanying children who lived in Migrationsverket's
        # housing during asylum and were granted PUT; ensamkommande barn are a group of their own.
        ny = put & anvisad & ~ev.ensamkommande & (mottagen != NO_DATE)
    if etablering_fran == "mottagande":
        lokal = (manader >= 0) & (manader < ETABLERING_MANADER)
    else:
        sedan_tillstand = full_months(first_permit, on)
        lokal = (sedan_tillstand >= 0) & (sedan_tillstand < ETABLERING_MANADER)

    return States(
        datum=on,
        alder=alder,
        fodelsedatum=fodd,
        status=status,
        ensamkommande=ev.ensamkommande.copy(),
        boendeform=boende,
        fas=fas,
        manader=manader,
        mottagningsdatum=mottagen,
        tillstandsdatum=first_permit,
        tut_giltigt_till=tut_giltigt_till,
        gymnasiestudier=gymnasiestudier,
        nyanland=ny.astype(np.bool_),
        i_kommunen=i_kommunen.astype(np.bool_),
        anvisad=anvisad,
        put=put,
        lokal_etablering=lokal.astype(np.bool_),
    )
