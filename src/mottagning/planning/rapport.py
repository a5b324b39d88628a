"""Planning results as reports: tables for the terminal, a JSON payload, and the same tables
for Excel and PDF (`planning.export`), so every output shows the same figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from mottagning.planning.alternativ import Arsjamforelse, Jamforelse, som_dict
from mottagning.planning.budget import Budget
from mottagning.planning.kallkontroll import Avvikelse
from mottagning.planning.prognos import Prognos
from mottagning.planning.underlag import fmt_tal, kommun_namn

Cell = str | Decimal | int | None


@dataclass
class Tabell:
    rubrik: str
    kolumner: list[str]
    rader: list[list[Cell]]


@dataclass
class Rapport:
    titel: str
    kalla: str
    tabeller: list[Tabell]
    anmarkningar: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


def _visa(value: Decimal) -> Decimal:
    """At most one decimal, as the source tables show whole tkr."""
    q = value.quantize(Decimal("0.1"))
    return q.quantize(Decimal(1)) if q == q.to_integral_value() else q


def json_tal(value: Decimal) -> int | float:
    """A JSON number: int when whole, else the float whose shortest text is the decimal."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def budgetrapport(b: Budget, fynd: list[Avvikelse]) -> Rapport:
    kolumner = ["", *[f"år {i + 1} ({a})" for i, a in enumerate(b.ar)]]
    rader: list[list[Cell]] = []
    avsnitt = None
    for linje in b.linjer:
        if linje.avsnitt != avsnitt:
            avsnitt = linje.avsnitt
            rader.append([avsnitt, *[None] * len(b.ar)])
        namn = linje.namn + ("" if linje.i_kallan else " *")
        rader.append([namn, *[_visa(v) for v in linje.tal()]])
    notes = list(b.anmarkningar)
    if any(not li.i_kallan for li in b.linjer):
        notes.append("* Rad som inte finns i källans tabell.")
    notes.extend(f"Källkontroll ({f.slag}): {f.text}" for f in fynd)
    data: dict[str, Any] = {
        "kommun": b.kommun,
        "rubrik": b.rubrik,
        "kalla": b.kalla,
        "enhet": "tkr",
        "ar": b.ar,
        "rader": [
            {
                "avsnitt": li.avsnitt,
                "namn": li.namn,
                "enhet": li.enhet,
                "varden": [json_tal(v) for v in li.tal()],
                "kalla": li.kalla,
                "i_kallan": li.i_kallan,
            }
            for li in b.linjer
        ],
        "kallkontroll": [
            {"slag": f.slag, "rad": f.rad, "ar": list(f.ar), "text": f.text} for f in fynd
        ],
        "parametrar": [
            {
                "namn": p.name,
                "fran": p.start.isoformat(),
                "varde": None if p.value is None else json_tal(p.value),
                "enhet": p.unit,
                "status": p.status,
                "kalla": p.reference,
            }
            for p in b.parametrar
        ],
        "anmarkningar": b.anmarkningar,
    }
    return Rapport(
        titel=f"{b.rubrik} ({kommun_namn(b.kommun)})",
        kalla=b.kalla,
        tabeller=[Tabell(b.rubrik, kolumner, rader)],
        anmarkningar=notes,
        data=data,
    )


def prognosrapport(p: Prognos, *, flagga_antaganden: bool = False) -> Rapport:
    """`flagga_antaganden` names the years without sourced figures in the column headings (the
    web pages and their exports); the command line keeps its headings."""
    kolumner = [
        "enhet",
        "mått",
        *[arsrubrik(a, flagga_antaganden and a in p.antagande_ar) for a in p.ar],
    ]
    rader: list[list[Cell]] = []
    for row in p.rader:
        cells: list[Cell] = [row.enhet_namn, f"{row.matt} ({row.enhet_matt})"]
        for i in range(len(p.ar)):
            lo, mid, hi = (row.percentiler[q][i] for q in (5, 50, 95))
            cells.append(
                fmt_tal(mid) if lo == hi else f"{fmt_tal(mid)} ({fmt_tal(lo)}–{fmt_tal(hi)})"
            )
        rader.append(cells)
    data: dict[str, Any] = {
        "kommun": p.kommun,
        "kalla": p.kalla,
        "scenarier": p.scenarier,
        "percentiler": [5, 50, 95],
        "ar": p.ar,
        "rader": [
            {
                "enhet": r.enhet,
                "enhet_namn": r.enhet_namn,
                "namn": r.matt,
                "enhet_matt": r.enhet_matt,
                **{f"p{q}": [json_tal(v) for v in r.percentiler[q]] for q in (5, 50, 95)},
            }
            for r in p.rader
        ],
        "anmarkningar": p.anmarkningar,
    }
    return Rapport(
        titel=f"Prognos {kommun_namn(p.kommun)}: median (5:e–95:e percentil), {p.scenarier} scenarier",
        kalla=p.kalla,
        tabeller=[Tabell("Prognos per enhet och år", kolumner, rader)],
        anmarkningar=p.anmarkningar,
        data=data,
    )


def jamforelserapport(j: Jamforelse) -> Rapport:
    rader: list[list[Cell]] = [[m.perspektiv, m.namn, m.idag, m.alternativ] for m in j.matt]
    detaljer = [f"{m.namn}: " + "; ".join(m.detaljer) + "." for m in j.matt if m.detaljer]
    tabeller = [
        Tabell(
            f"Idag jämfört med: {j.alternativ.namn} ({j.ar})",
            ["perspektiv", "mått", "idag", "alternativ"],
            rader,
        )
    ]
    if j.hvb:
        tabeller.append(
            Tabell(
                f"HVB för ensamkommande {j.ar}: eget HVB (fast personalkostnad) mot integrerad plats, kr per månad",
                ["platser", "eget HVB per plats", "integrerad plats", "merkostnad per månad"],
                [
                    [r.platser, r.egen_per_plats, r.integrerad_per_plats, r.merkostnad_per_manad]
                    for r in j.hvb
                ],
            )
        )
    return Rapport(
        titel=f"Jämförelse {kommun_namn(j.kommun)}: {j.alternativ.namn}",
        kalla=j.alternativ.kalla,
        tabeller=tabeller,
        anmarkningar=[*detaljer, *j.anmarkningar],
        data=som_dict(j),
    )


def arsrubrik(ar: int, antagande: bool) -> str:
    """A year as a column heading; a year without sourced figures says so, in every output."""
    return f"{ar} (antagande)" if antagande else str(ar)


def jamforelserapport_over_ar(arsvis: list[Arsjamforelse]) -> Rapport:
    """The first year's comparison in full, then every measure year by year ("idag →
    alternativ"), the years carried forward from the source flagged as antaganden."""
    forsta = jamforelserapport(arsvis[0].jamforelse)
    rader: list[list[Cell]] = [
        [
            f"{m.perspektiv}: {m.namn}",
            *(
                f"{a.jamforelse.matt[i].idag} → {a.jamforelse.matt[i].alternativ}"
                # A year whose source prices HVB differently can have another set of measures.
                if i < len(a.jamforelse.matt) and a.jamforelse.matt[i].perspektiv == m.perspektiv
                else "–"
                for a in arsvis
            ),
        ]
        for i, m in enumerate(arsvis[0].jamforelse.matt)
    ]
    antagna = [a.ar for a in arsvis if a.antagande]
    notes = list(forsta.anmarkningar)
    if antagna and not arsvis[0].antagande:
        span = str(antagna[0]) if len(antagna) == 1 else f"{antagna[0]}–{antagna[-1]}"
        notes.insert(
            0,
            f"ANTAGANDE: underlaget har inga uppgifter för {span}; "
            f"{arsvis[-1].kallans_ar} års organisation, personal och priser förs fram oförändrade.",
        )
    return Rapport(
        titel=forsta.titel,
        kalla=forsta.kalla,
        tabeller=[
            *forsta.tabeller,
            Tabell(
                f"Idag → alternativet per år, {arsvis[0].ar}–{arsvis[-1].ar}",
                ["mått", *(arsrubrik(a.ar, a.antagande) for a in arsvis)],
                rader,
            ),
        ],
        anmarkningar=notes,
        data={
            **forsta.data,
            "ar_per_ar": [a.ar for a in arsvis],
            "antagande_ar": antagna,
        },
    )


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal | int):
        return fmt_tal(value)
    return value


def som_text(r: Rapport) -> str:
    out = [r.titel, f"Källa: {r.kalla}", ""]
    for t in r.tabeller:
        text = [[cell_text(c) for c in row] for row in t.rader]
        widths = [
            max(len(t.kolumner[i]), *(len(row[i]) for row in text)) for i in range(len(t.kolumner))
        ]
        out.append(t.rubrik)
        out.append(
            "  ".join(
                h.ljust(w) if i == 0 else h.rjust(w)
                for i, (h, w) in enumerate(zip(t.kolumner, widths, strict=True))
            )
        )
        for row, raw in zip(text, t.rader, strict=True):
            out.append(
                "  ".join(
                    c.rjust(w) if isinstance(v, Decimal | int) else c.ljust(w)
                    for c, w, v in zip(row, widths, raw, strict=True)
                ).rstrip()
            )
        out.append("")
    if r.anmarkningar:
        out.append("Anmärkningar:")
        out.extend(f"- {n}" for n in r.anmarkningar)
    return "\n".join(out)


def som_json_data(data: Any) -> Any:
    """Decimals inside a payload made JSON-ready (int or float), recursively."""
    if isinstance(data, Decimal):
        return json_tal(data)
    if isinstance(data, dict):
        return {k: som_json_data(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [som_json_data(v) for v in data]
    return data
