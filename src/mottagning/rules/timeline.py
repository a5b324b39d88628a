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
  Migrationsverket's housing until received, 001 §2), mottagande (anvisad if anvisad to this
  municipality before, otherwise EBO) and the end of a placement (own housing);
  Migrationsverket's anläggningsboende before any of them. An ensamkommande asylum seeker
  who has turned 18 keeps a placement only on LVU (001 §2, §3.1.1).
* LVU: the active placement rests on LVU; care ends at the latest at 21 (LVU 21 §).
* Nyanländ: per the municipality's definition (profile `nyanland`); where it counts time, a
  permit in force is required (001 §3.1 rad 5: tillståndssökande are not nyanlända).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from mottagning.rules.codes import BOENDEFORM, FAS, HANDELSETYPER, RATTSLIG_STATUS
from mottagning.rules.dates import NO_DATE, full_months, full_years, ymd
from mottagning.rules.events import EventArrays

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
    "forsta_tva_aren",
    "har_uppehallstillstand",
    "put_fran_anlaggningsboende",
    "forsta_tva_aren_utom_ensamkommande_barn",
]
#: From which date a municipality counts its local "etableringsperiod" (002 §4 counts from the
#: permit; the law, 2010:1122 and 2017:584, from mottagandet, which is what `fas` uses).
EtableringFran = Literal["mottagande", "uppehallstillstand"]

ETABLERING_MANADER = 24
#: Ages the timeline itself turns on: majority (föräldrabalken 9 kap. 1 §), at which an
#: asylum-seeking ensamkommande passes to Migrationsverket unless placed under LVU (001 §2), and
#: the end of LVU care (LVU 21 §). The tables' grid always cuts at both (tables._grid).
MYNDIG_ALDER = 18
LVU_SLUT_ALDER = 21


@dataclass(frozen=True)
class States:
    """State of n persons, each on its own date (`datum`, days since 1970-01-01).

    Codes index the vocabularies in `codes`; -1 = none.
    """

    datum: I32
    alder: I16
    fodelsedatum: I32
    status: I8
    ensamkommande: B
    boendeform: I8
    fas: I8
    manader: I16
    mottagningsdatum: I32
    tut_giltigt_till: I32
    gymnasiestudier: B
    nyanland: B
    i_kommunen: B
    anvisad: B
    lokal_etablering: B
    # An active placement on the date rests on LVU (LVU 1 §; care ends at 21, LVU 21 §).
    lvu: B

    @property
    def n(self) -> int:
        return int(self.alder.shape[0])

    @property
    def i_omfang(self) -> B:
        """Persons the municipality's tables answer for: known status, not returned, living here."""
        out: B = (self.status >= 0) & (self.status != S["atervant"]) & self.i_kommunen
        return out


# Per person, the last and first event of each type up to the date, found in one pass with
# ufunc.at; three virtual types stand for placements and studies still running on the date and
# for an anvisning to this municipality (egen), not to another.
_NT = len(HANDELSETYPER)
_RUNNING_PLACEMENT = _NT
_RUNNING_STUDIES = _NT + 1
_OWN_ANVISNING = _NT + 2
_NV = _NT + 3
_RUNNING_OF_TYPE = np.full(_NT, -1, dtype=np.int64)
_RUNNING_OF_TYPE[T["placering"]] = _RUNNING_PLACEMENT
_RUNNING_OF_TYPE[T["gymnasiestudier"]] = _RUNNING_STUDIES

# The events a person's state reads, as named columns of one index matrix (see
# compute_states): single columns of `last`, then the latest of each group of types (columns
# of `last` reduced group by group with reduceat), then single columns of `first`. Each _I_
# position is taken from these lists, so reordering them cannot misread a column.
_LAST_COLUMNS = (("aldersb", T["aldersbedomning"]), ("active", _RUNNING_PLACEMENT))
_LAST_GROUPS = (
    (
        "status",
        ("asylansokan", "uppehallstillstand", "avslag", "tillstandsansokan", "atervandande"),
    ),
    ("housing", ("eget_boende", "anvisning", "mottagande")),
    ("location", ("anvisning", "mottagande", "eget_boende", "utflyttning")),
)
_FIRST_COLUMNS = (
    ("permit", T["uppehallstillstand"]),
    ("mottagande", T["mottagande"]),
    ("anvisning", T["anvisning"]),
    ("own_anvisning", _OWN_ANVISNING),
    ("ebo", T["eget_boende"]),
)
_LAST_COLS = np.array([col for _, col in _LAST_COLUMNS], dtype=np.int64)
_GROUP_COLS = np.array([T[t] for _, group in _LAST_GROUPS for t in group], dtype=np.int64)
_GROUP_STARTS = np.cumsum([0] + [len(group) for _, group in _LAST_GROUPS[:-1]])
_FIRST_COLS = np.array([col for _, col in _FIRST_COLUMNS], dtype=np.int64)
_I = {
    name: i
    for i, name in enumerate(
        [name for name, _ in _LAST_COLUMNS]
        + [name for name, _ in _LAST_GROUPS]
        + [name for name, _ in _FIRST_COLUMNS]
    )
}
_I_ALDERSB = _I["aldersb"]
_I_ACTIVE = _I["active"]
_I_STATUS = _I["status"]
_I_HOUSING = _I["housing"]
_I_LOCATION = _I["location"]
_I_PERMIT = _I["permit"]
_I_MOTTAGANDE = _I["mottagande"]
_I_ANVISNING = _I["anvisning"]
_I_OWN_ANVISNING = _I["own_anvisning"]
_I_EBO = _I["ebo"]

# Which of those events each event field is read from: one gather per field.
_DATUM_READS = np.array(
    [_I_PERMIT, _I_MOTTAGANDE, _I_ANVISNING, _I_OWN_ANVISNING, _I_EBO, _I_HOUSING], dtype=np.int64
)
_TYP_READS = np.array([_I_STATUS, _I_HOUSING, _I_LOCATION], dtype=np.int64)
_FORM_READS = np.array([_I_STATUS, _I_ACTIVE], dtype=np.int64)


def _sentinel(values: npt.NDArray[Any], none: int | np.integer[Any]) -> npt.NDArray[Any]:
    """`values` with one more element, `none`, at its end: the index of "no such event" (-1 in
    `last`, the number of events in `first`) reads it, so a gather needs no branch."""
    out = np.empty(values.size + 1, dtype=values.dtype)
    out[:-1] = values
    out[-1] = none
    return out


# Rättslig status by the type of the latest status event (index typ + 1: -1 is none); a permit
# is PUT, TUT or an expired TUT by its form and end.
_STATUS_OF_TYPE = np.full(_NT + 1, -1, dtype=np.int8)
for _typ, _status in (
    ("asylansokan", "asylsokande"),
    ("avslag", "avslag"),
    ("tillstandsansokan", "tillstandssokande"),
    ("atervandande", "atervant"),
):
    _STATUS_OF_TYPE[T[_typ] + 1] = S[_status]
_PERMIT_STATUS = np.array([S["put"], S["tut"], S["tut_utgangen"]], dtype=np.int8)


def compute_states(
    ev: EventArrays,
    on: int | I32,
    nyanland: NyanlandDefinition = "forsta_tva_aren",
    etablering_fran: EtableringFran = "mottagande",
) -> States:
    """State of every person in `ev` on day `on` (days since 1970-01-01): one date for all,
    or one date per person (which is how a person's coming transitions are evaluated at once).

    Written as few whole-array steps as it can be: the API answers one person per request
    with it, where each numpy call costs about the same whatever its size (issue 9, make bench).
    """
    n = ev.n
    m = ev.typ.size
    on_p = np.empty(n, dtype=np.int32)
    on_p[:] = on
    on_e = on_p[ev.person]
    seen = ev.datum <= on_e
    typ = ev.typ.astype(np.int64)
    running = seen & (ev.slut >= on_e)
    virtual = np.where(running, _RUNNING_OF_TYPE[typ], -1)
    virtual[seen & ev.egen & (typ == T["anvisning"])] = _OWN_ANVISNING
    pos = np.arange(m, dtype=np.int64)
    person = ev.person.astype(np.int64)
    is_virtual = virtual >= 0
    keys = np.concatenate(
        (person[seen] * _NV + typ[seen], person[is_virtual] * _NV + virtual[is_virtual])
    )
    vals = np.concatenate((pos[seen], pos[is_virtual]))
    # "None" is -1 in `last` and m in `first`: both index the sentinel (see _sentinel).
    last_flat = np.full(n * _NV, -1, dtype=np.int64)
    first_flat = np.full(n * _NV, m, dtype=np.int64)
    np.maximum.at(last_flat, keys, vals)
    np.minimum.at(first_flat, keys, vals)
    last = last_flat.reshape(n, _NV)
    first = first_flat.reshape(n, _NV)
    idx = np.concatenate(
        (
            last[:, _LAST_COLS],
            np.maximum.reduceat(last[:, _GROUP_COLS], _GROUP_STARTS, axis=1),
            first[:, _FIRST_COLS],
        ),
        axis=1,
    )
    dates = _sentinel(ev.datum, NO_DATE)[idx[:, _DATUM_READS]]
    first_permit, first_mottagande, first_anvisning, own_anvisning, first_ebo, lh_datum = dates.T
    last_typ, lh_typ, loc_typ = _sentinel(ev.typ, -1)[idx[:, _TYP_READS]].T
    last_form, active_form = _sentinel(ev.form, -1)[idx[:, _FORM_READS]].T
    last_slut = _sentinel(ev.slut, NO_DATE)[idx[:, _I_STATUS]]
    ny_fodd = _sentinel(ev.nytt_fodelsedatum, 0)[idx[:, _I_ALDERSB]]
    loc_egen = _sentinel(ev.egen, True)[idx[:, _I_LOCATION]]
    lvu_ev = ev.lvu if ev.lvu is not None else np.zeros(m, dtype=np.bool_)
    active_lvu = _sentinel(lvu_ev, False)[idx[:, _I_ACTIVE]]
    aldersb = idx[:, _I_ALDERSB]
    active = idx[:, _I_ACTIVE]

    # Ålder, with åldersbedömning taking effect from its own date.
    fodd = np.where(aldersb >= 0, ny_fodd, ev.fodelsedatum).astype(np.int32)
    on_ymd = ymd(on_p)
    alder = full_years(fodd, on_ymd)

    # Rättslig status from the latest status event.
    permit = last_typ == T["uppehallstillstand"]
    tut = permit & (last_form == 1)
    status = np.where(
        permit,
        _PERMIT_STATUS[tut * (1 + (on_p > last_slut))],
        _STATUS_OF_TYPE[last_typ + 1],
    )
    tut_giltigt_till = np.where(tut, last_slut, NO_DATE).astype(np.int32)
    put = status == S["put"]

    # Mottagningsdatum: later of first permit and first reception (EKB: first anvisning).
    first_reception = np.where(
        ev.ensamkommande, np.minimum(first_mottagande, first_anvisning), first_mottagande
    )
    has_permit = first_permit != NO_DATE
    mottagen = np.where(
        has_permit & (first_reception != NO_DATE),
        np.maximum(first_permit, first_reception),
        NO_DATE,
    ).astype(np.int32)
    manader = full_months(mottagen, on_p, on_ymd)

    etablering = (manader >= 0) & (manader < ETABLERING_MANADER)
    fas = np.where(
        manader >= ETABLERING_MANADER,
        F["efter_etablering"],
        np.where(
            etablering,
            F["etableringstid"],
            np.where(has_permit & (mottagen == NO_DATE), F["vantar_bosattning"], F["asyltid"]),
        ),
    ).astype(np.int8)

    # Boendeform: base housing from the latest housing event, an active placement on top.
    # Only an anvisning to this municipality makes the person anvisad here: one who was
    # anvisad to and received in another municipality and then moves in has settled on their
    # own (001 §3.1 rad 5 **; bosättningslagen gives this municipality no duty).
    lh_date = np.where(idx[:, _I_HOUSING] >= 0, lh_datum, -1)
    mott = lh_typ == T["mottagande"]
    boende = np.where(
        (lh_typ == T["eget_boende"]) | (mott & (own_anvisning > lh_date)),
        H["ebo"],
        np.where(
            ((lh_typ == T["anvisning"]) & ev.ensamkommande) | (mott & (own_anvisning <= lh_date)),
            H["anvisad"],
            H["migrationsverket"],
        ),
    ).astype(np.int8)
    # The day after a placement ends the person lives in their own housing, unless a later
    # housing event says otherwise.
    ended = seen & (typ == T["placering"]) & ~running
    last_end = np.full(n, -1, dtype=np.int64)
    if ended.any():
        np.maximum.at(last_end, person[ended], ev.slut[ended].astype(np.int64) + 1)
    lvu = (active >= 0) & active_lvu & (alder < LVU_SLUT_ALDER)
    # An ensamkommande asylum seeker who has turned 18 is Migrationsverket's (001 §2 "Fyller
    # 18 år — MIG ansvar"); the municipality keeps the placement only when it rests on LVU
    # (001 §3.1.1). A SoL placement still on record then no longer houses the person here.
    passed_to_mig = ev.ensamkommande & (fas == F["asyltid"]) & (alder >= MYNDIG_ALDER) & ~lvu
    placed = (active >= 0) & ~passed_to_mig
    boende[(last_end > lh_date) & ~placed] = H["ebo"]
    boende[placed] = (active_form[placed] + H["hvb"]).astype(np.int8)

    gymnasiestudier = last[:, _RUNNING_STUDIES] >= 0

    # Where the person lives: the latest event that places them says here, elsewhere or gone.
    i_kommunen = (loc_typ != T["utflyttning"]) & loc_egen

    anvisad = first_anvisning != NO_DATE
    # A permit in force: PUT, or a TUT not yet expired. A tillståndssökande (001 §3.1 footnote
    # *) or an expired TUT is not nyanländ: 001 §3.1 rad 5 gives them to Stöd- och
    # försörjningsenheten.
    valid_permit = put | (status == S["tut"])
    forsta_tva_aren = etablering & valid_permit
    if nyanland == "forsta_tva_aren":
        # The national sense (2010:1122 10 §): a permit, received in a municipality, during the
        # 24 months from mottagandet.
        ny = forsta_tva_aren
    elif nyanland == "forsta_tva_aren_utom_ensamkommande_barn":
        # 001 §1: permit, kommunplacerad or EBO here, during the first two years here; 001 §3.1
        # rad 3: Integrationsavdelningen's nyanlända exclude ensamkommande barn (under 18).
        ny = forsta_tva_aren & ~(ev.ensamkommande & (alder < MYNDIG_ALDER))
    elif nyanland == "har_uppehallstillstand":
        # 002 §4 Ordlista: "Person som erhållit uppehållstillstånd".
        ny = has_permit & (status != S["atervant"])
    else:
        # 004 footnote 1: "Vuxna och medföljande barn/unga som bott på Migrationsverkets
        # anläggningsboenden under asylprocessen och som beviljats permanent
        # uppehållstillstånd"; ensamkommande barn are a group of their own (footnote 2). So:
        # PUT, received in a municipality, came by anvisning (which Migrationsverket makes for
        # those in its housing, and for kvotflyktingar) and did not settle on their own (EBO)
        # during the asylum process, that is before the permit.
        anlaggning = anvisad & (first_ebo >= first_permit)
        ny = put & anlaggning & ~ev.ensamkommande & (mottagen != NO_DATE)
    if etablering_fran == "mottagande":
        lokal = etablering
    else:
        sedan_tillstand = full_months(first_permit, on_p, on_ymd)
        lokal = (sedan_tillstand >= 0) & (sedan_tillstand < ETABLERING_MANADER)

    return States(
        datum=on_p,
        alder=alder,
        fodelsedatum=fodd,
        status=status.astype(np.int8),
        ensamkommande=ev.ensamkommande.copy(),
        boendeform=boende,
        fas=fas,
        manader=manader,
        mottagningsdatum=mottagen,
        tut_giltigt_till=tut_giltigt_till,
        gymnasiestudier=gymnasiestudier,
        nyanland=ny.astype(np.bool_),
        i_kommunen=i_kommunen,
        anvisad=anvisad,
        lokal_etablering=lokal.astype(np.bool_),
        lvu=lvu,
    )
