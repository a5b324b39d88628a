"""Check a printed source table against its own sums and against the model.

Spreadsheets in municipal documents carry hidden errors; this finds them and says what the
figure must have been. The printed table is kept as written (`"6 20"`, `"11081"`), the sums
the source prints are compared with the sums of the lines it prints, and where they differ
the line whose printed value differs from the model by the same amount is named as the
misprint, with the value the sum and the model agree on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from mottagning.planning.budget import (
    INTAKTER,
    KOSTNADER,
    NETTO,
    RESULTAT,
    STATSBIDRAG,
    SUMMA_INTAKTER,
    SUMMA_KOSTNADER,
    Budget,
)
from mottagning.planning.underlag import fmt_tal

#: A displayed tkr figure may differ by up to one from a figure computed from other
#: displayed (rounded) figures; more than that is a disagreement.
AVRUNDNING = Decimal(1)

Slag = Literal["tryckfel", "summa", "avrundning", "avvikelse"]


@dataclass(frozen=True, slots=True)
class Avvikelse:
    slag: Slag
    rad: str
    ar: tuple[int, ...]  # år 1, 2, … as in the source table
    text: str


def tolka(tryckt: str) -> Decimal:
    """A printed figure: spaces are thousands separators, '−' or '-' a minus sign."""
    text = tryckt.replace("\u2212", "-").replace("\u00a0", " ").replace(" ", "")
    if not re.fullmatch(r"-?\d+(,\d+)?", text):
        raise ValueError(f"inte ett tal: {tryckt!r}")
    return Decimal(text.replace(",", "."))


def _ar_text(ar: tuple[int, ...]) -> str:
    if len(ar) == 1:
        return f"år {ar[0]}"
    if list(ar) == list(range(ar[0], ar[-1] + 1)):
        return f"år {ar[0]}–{ar[-1]}"
    return "år " + ", ".join(str(a) for a in ar)


def _d(x: Decimal) -> str:
    return fmt_tal(x.quantize(Decimal("0.1")) if x != x.to_integral_value() else x)


def granska(budget: Budget) -> list[Avvikelse]:
    """Findings for a budget whose source table (`kalltabell`) is known; [] when none."""
    u = budget.underlag
    if not u.kalltabell:
        return []
    tryckt = {(r.avsnitt, r.namn): [tolka(v) for v in r.tryckt] for r in u.kalltabell}
    raw = {(r.avsnitt, r.namn): r.tryckt for r in u.kalltabell}
    modell = {(li.avsnitt, li.namn): li.tal() for li in budget.linjer}
    years = range(len(budget.ar))
    fynd: list[Avvikelse] = []
    forklarade: set[tuple[tuple[str, str], int]] = set()

    effekt = u.statsbidragseffekt
    relationer: list[tuple[tuple[str, str], list[tuple[tuple[str, str], int]]]] = [
        (
            (INTAKTER, SUMMA_INTAKTER),
            [(k, 1) for k in tryckt if k[0] == INTAKTER and k[1] != SUMMA_INTAKTER],
        ),
        (
            (KOSTNADER, SUMMA_KOSTNADER),
            [(k, 1) for k in tryckt if k[0] == KOSTNADER and k[1] != SUMMA_KOSTNADER],
        ),
        ((RESULTAT, NETTO), [((INTAKTER, SUMMA_INTAKTER), 1), ((KOSTNADER, SUMMA_KOSTNADER), -1)]),
    ]
    if effekt is not None and effekt.per_vuxen is not None:
        relationer.append(
            (
                (STATSBIDRAG, effekt.netto_inkl),
                [((RESULTAT, NETTO), 1), ((STATSBIDRAG, effekt.per_vuxen.namn), 1)],
            )
        )

    avrundning: dict[tuple[str, str, Decimal, Decimal], list[int]] = {}
    for summa, delar in relationer:
        if summa not in tryckt or any(d not in tryckt for d, _ in delar):
            continue
        tryckfel: dict[tuple[tuple[str, str], str, Decimal], list[int]] = {}
        for y in years:
            fran_rader = sum((tryckt[d][y] * sign for d, sign in delar), Decimal(0))
            gap = tryckt[summa][y] - fran_rader
            if abs(gap) > AVRUNDNING:
                skyldig = [
                    d
                    for d, sign in delar
                    if d in modell and abs((modell[d][y] - tryckt[d][y]) * sign - gap) <= AVRUNDNING
                ]
                if len(skyldig) == 1:
                    d = skyldig[0]
                    kravs = tryckt[d][y] + gap * dict(delar)[d]
                    tryckfel.setdefault((d, raw[d][y], kravs), []).append(y + 1)
                    forklarade.add((d, y))
                else:
                    fynd.append(
                        Avvikelse(
                            "summa",
                            summa[1],
                            (y + 1,),
                            f"{summa[1]} {_ar_text((y + 1,))}: tryckt {fmt_tal(tryckt[summa][y])}, "
                            f"raderna ger {fmt_tal(fran_rader)}.",
                        )
                    )
            elif gap != 0:
                avrundning.setdefault((summa[1], "", tryckt[summa][y], fran_rader), []).append(
                    y + 1
                )
                forklarade.add((summa, y))
        for (d, som_tryckt, kravs), ar in tryckfel.items():
            m = modell[d][ar[0] - 1]
            andra = [tryckt[d][y] for y in years if (d, y) not in forklarade]
            samma = (
                " och som står för övriga år" if andra and all(v == kravs for v in andra) else ""
            )
            fynd.append(
                Avvikelse(
                    "tryckfel",
                    d[1],
                    tuple(ar),
                    f"{d[1]} {_ar_text(tuple(ar))}: tryckt '{som_tryckt}', men {summa[1]} "
                    f"({fmt_tal(tryckt[summa][ar[0] - 1])}) kräver {fmt_tal(kravs)}"
                    + (
                        f", vilket också modellen ger{samma}"
                        if abs(m - kravs) <= AVRUNDNING
                        else ""
                    )
                    + ". Det riktiga beloppet är "
                    + f"{fmt_tal(kravs)} tkr.",
                )
            )

    grupper: dict[tuple[str, Decimal, Decimal], list[int]] = {}
    for (summanamn, _, t, r), ar in avrundning.items():
        for a in ar:
            grupper.setdefault((summanamn, t, r), []).append(a)
    samlade: dict[str, list[tuple[tuple[int, ...], Decimal, Decimal]]] = {}
    for (radnamn, t, r), ar in grupper.items():
        samlade.setdefault(radnamn, []).append((tuple(ar), t, r))
    for radnamn, poster in samlade.items():
        ar_alla = tuple(sorted(a for ar, _, _ in poster for a in ar))
        detalj = "; ".join(
            f"{_ar_text(ar)} tryckt {fmt_tal(t)}, raderna ger {fmt_tal(r)}" for ar, t, r in poster
        )
        fynd.append(
            Avvikelse(
                "avrundning",
                radnamn,
                ar_alla,
                f"{radnamn}: {detalj} – inom en tkr, dvs. källan räknade med oavrundade belopp.",
            )
        )

    for rad, values in tryckt.items():
        key = rad
        if key not in modell:
            fynd.append(
                Avvikelse("avvikelse", key[1], (), f"{key[1]}: raden finns inte i modellen.")
            )
            continue
        avvik: list[tuple[int, Decimal, Decimal]] = []
        nara: list[tuple[int, Decimal, Decimal]] = []
        for y in years:
            if (key, y) in forklarade:
                continue
            diff = modell[key][y] - values[y]
            if diff != 0:
                (nara if abs(diff) <= AVRUNDNING else avvik).append(
                    (y + 1, modell[key][y], values[y])
                )
        for slag, lista in (("avvikelse", avvik), ("avrundning", nara)):
            if not lista:
                continue
            detalj = "; ".join(
                f"år {a}: modellen {_d(m)}, tryckt {fmt_tal(t)}" for a, m, t in lista
            )
            if slag == "avrundning":
                stryker = all(t == int(m) for _, m, t in lista) and any(
                    t != m.to_integral_value() for _, m, t in lista
                )
                tillagg = (
                    " – inom avrundningen av visade tkr; källan stryker decimalerna i stället "
                    "för att avrunda"
                    if stryker
                    else " – inom avrundningen av visade tkr"
                )
            else:
                tillagg = ""
            fynd.append(
                Avvikelse(
                    "avvikelse" if slag == "avvikelse" else "avrundning",
                    key[1],
                    tuple(a for a, _, _ in lista),
                    f"{key[1]}: {detalj}{tillagg}.",
                )
            )
    ordning = {"tryckfel": 0, "summa": 1, "avvikelse": 2, "avrundning": 3}
    return sorted(fynd, key=lambda f: (ordning[f.slag], f.ar[:1], f.rad))


def stammer(budget: Budget) -> bool:
    """True when every printed figure is the model's within the rounding of displayed tkr,
    once misprints the sums expose are replaced by the figure the sums require."""
    return not any(f.slag in ("summa", "avvikelse") for f in granska(budget))
