"""Planning pages (issue 4 item 5): budget, forecast, organisational alternatives and housing
for a small group. Thin: read the form, call `mottagning.planning`, render its report.

Every page shows the same `Rapport` that the CLI prints and `planning.export` writes, so the
page, the Excel file and the PDF show the same figures. Calculating saves nothing: the forms are GET
forms and a bad value is shown on its field, with the page's result left out. Saving a
scenario is its own POST (`web.scenario_views`).

Who may plan: strateger, ekonomer, enhetschefer and administratörer (`may_plan`). A user sees
their own municipality's planning and the seeds' own examples (`planning/data/*.yaml` are
figures printed in the public seed documents); another municipality's own data, if one is
ever added, stays with that municipality.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from mottagning.accounts.permissions import (
    add_perm,
    is_administrator,
    is_ekonom,
    is_enhetschef,
    is_strateg,
    require,
)
from mottagning.config.converters import parse_id, whole_number
from mottagning.planning import alternativ as alt_modell
from mottagning.planning import boende
from mottagning.planning import budget as budget_modell
from mottagning.planning import prognos as prognos_modell
from mottagning.planning.errors import PlaneringsFel
from mottagning.planning.export import exportera
from mottagning.planning.kallkontroll import granska
from mottagning.planning.rapport import (
    Rapport,
    Tabell,
    budgetrapport,
    cell_text,
    jamforelserapport_over_ar,
    prognosrapport,
)
from mottagning.planning.underlag import (
    KOMMUNER,
    fmt_tal,
    har_avsnitt,
    kommun_namn,
    las_data,
    parameternamn,
    planeringsar,
    validera,
)
from mottagning.rules.params import (
    ParameterError,
    ParameterSet,
    ParameterValue,
    load_parameters,
)
from mottagning.scenarios.models import BUDGET, JAMFOR, PROGNOS
from mottagning.scenarios.selectors import scenarier_for
from mottagning.web.charts import bar_chart
from mottagning.web.planning_charts import Serie, line_chart
from mottagning.web.planning_forms import (
    NY_ENHET,
    BeloppForm,
    BoendeForm,
    BudgetForm,
    JamforForm,
    PlanningForm,
    PrognosForm,
)
from rules import permissions as _permissions

# django-rules leaves perm_exists untyped; its real shape, as accounts.permissions does.
perm_exists: Callable[[str], bool] = _permissions.perm_exists

may_plan = is_strateg | is_ekonom | is_enhetschef | is_administrator
if not perm_exists("planning.view"):
    add_perm("planning.view", may_plan)

# The packaged planning data are examples printed in the municipalities' public documents; any
# planner may look at them. A municipality's own data, if one is ever added, stays with it.
EXEMPEL = frozenset(KOMMUNER)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def planning_kommuner(user: Any, *avsnitt: str) -> list[tuple[str, str]]:
    """The municipalities with any of `avsnitt` (budget, prognos, organisation) that the user
    may see: their own first, then the published examples. A budget can always be made for
    the user's own municipality: from the national parameters and its own costs
    (`budget.grundbudget`) when its documents give no budget."""
    own = getattr(getattr(user, "municipality", None), "kod", None)
    out: list[tuple[str, str]] = []
    for kod in sorted(KOMMUNER, key=lambda k: (k != own, kommun_namn(k))):
        if kod != own and kod not in EXEMPEL:
            continue
        if not any(har_avsnitt(kod, a) for a in avsnitt) and not (
            kod == own and "budget" in avsnitt
        ):
            continue
        if kod == own:
            label = _("%(kommun)s (din kommun)") % {"kommun": kommun_namn(kod)}
        else:
            label = _("%(kommun)s (exempel ur kommunens publicerade underlag)") % {
                "kommun": kommun_namn(kod)
            }
        out.append((kod, label))
    return out


def _bound(request: HttpRequest | QueryDict, form_class: type[PlanningForm]) -> bool:
    """A form counts as sent when the address carries any of its fields."""
    query = request.GET if isinstance(request, HttpRequest) else request
    names = set(form_class.base_fields) | {k for k in query if k.startswith("flytt_")}
    return any(k in names for k in query)


def _defaults(form: PlanningForm) -> dict[str, Any]:
    """An unsent form's values: the source's assumptions (every field empty)."""
    return {name: form.get_initial_for_field(field, name) for name, field in form.fields.items()}


def _run(form: PlanningForm, compute: Callable[[dict[str, Any]], Any]) -> Any:
    """The result for a valid (or unsent) form; None with the error on the form otherwise."""
    if form.is_bound and not form.is_valid():
        return None
    data = form.cleaned_data if form.is_bound else _defaults(form)
    try:
        return compute(data)
    except PlaneringsFel as error:
        form.put_error(error)
    except ParameterError as error:
        form.add_error(None, _("Parametrarna: %(fel)s") % {"fel": error.message})
    return None


# --- presenting a report ---------------------------------------------------------------------


@dataclass
class Rad:
    celler: list[tuple[str, bool]]  # (text, is a number)
    rubrik: bool  # a section heading (Intäkter, Kostnader …): a name and no values


def tabell(t: Tabell) -> dict[str, Any]:
    rader = []
    for row in t.rader:
        # Forecast cells are text ("22 (18–26)") but still figures, aligned as numbers.
        cells = [
            (
                cell_text(c),
                isinstance(c, Decimal | int)
                or (i > 0 and isinstance(c, str) and c[:1] in "−-0123456789"),
            )
            for i, c in enumerate(row)
        ]
        rader.append(Rad(cells, all(c is None for c in row[1:])))
    return {"rubrik": t.rubrik, "kolumner": t.kolumner, "rader": rader}


def _export(r: Rapport, fmt: str, filnamn: str) -> HttpResponse:
    """The report as Excel or PDF, written by `planning.export` (the CLI's writer)."""
    with tempfile.TemporaryDirectory(prefix="mottagning-planering-") as tmp:
        path = Path(tmp) / f"{filnamn}.{fmt}"
        exportera(
            r, xlsx=str(path) if fmt == "xlsx" else None, pdf=str(path) if fmt == "pdf" else None
        )
        content = path.read_bytes()
    response = HttpResponse(content, content_type=XLSX if fmt == "xlsx" else "application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filnamn}.{fmt}"'
    return response


def _page(
    request: HttpRequest,
    template: str,
    form: PlanningForm,
    rapport: Rapport | None,
    fmt: str | None,
    filnamn: str,
    context: dict[str, Any],
) -> HttpResponse:
    if fmt is not None and fmt not in ("xlsx", "pdf"):
        raise Http404
    if fmt is not None and rapport is not None:
        try:
            return _export(rapport, fmt, filnamn)
        except PlaneringsFel as error:
            form.add_error(None, error.meddelande)
    query = request.GET.urlencode()
    active = template.rsplit("/", 1)[-1].removesuffix(".html")
    return render(
        request,
        template,
        {
            "form": form,
            "rapport": rapport,
            "query": query,
            "active": active,
            **_scenario_context(request, active, rapport),
            **context,
        },
    )


SIDA_FOR_MALL = {"budget": BUDGET, "forecast": PROGNOS, "compare": JAMFOR}


def _scenario_context(request: HttpRequest, active: str, rapport: Rapport | None) -> dict[str, Any]:
    """The scenario the page was opened from, if any, and what saving the page needs."""
    sida = SIDA_FOR_MALL.get(active)
    if sida is None or not request.user.has_perm("scenarios.keep"):
        return {}
    oppnat = None
    vald = parse_id(request.GET.get("scenario", ""))
    if vald is not None:
        oppnat = (
            scenarier_for(request.user).filter(pk=vald, sida=sida, arkiverad__isnull=True).first()
        )
    query = request.GET.copy()
    query.pop("scenario", None)
    return {
        "scenario_sida": sida,
        "scenario_oppnat": oppnat,
        "scenario_version": oppnat.senaste() if oppnat else None,
        "scenario_query": query.urlencode(),
        "kan_spara": rapport is not None,
    }


# --- 1. budget -------------------------------------------------------------------------------


@dataclass
class BudgetResultat:
    budget: budget_modell.Budget
    rapport: Rapport
    fynd: list[Any]


def _budget(data: dict[str, Any], params: ParameterSet | None = None) -> BudgetResultat:
    # A plan is for now: an empty first year is this year (Europe/Stockholm, settings.TIME_ZONE).
    # The source's own first year is its own budget, printed table and source check included.
    kommun = data["kommun"]
    startar = data["start"] or timezone.localdate().year
    if har_avsnitt(kommun, "budget") and startar == las_data(kommun, "budget")[0].get("startar"):
        startar = None
    andringar = budget_modell.Andringar(
        startar=startar,
        ar=data["ar"],
        prisar=data["prisar"],
        lopande_priser=data["priser"] == "lopande",
        vuxna=data["vuxna"],
        barn=data["barn"],
        aldre=data["aldre"],
        andel_som_lamnar=data["andel_som_lamnar"],
        balanskonto_tkr=data["balanskonto"],
        schablon_utbetalning=data["schablon_utbetalning"] or None,
        egna_kostnader=data.get("egna_kostnader") or (),
    )
    if har_avsnitt(kommun, "budget"):
        u = budget_modell.las_budget(kommun, andringar)
    else:
        if not (data["vuxna"] or data["barn"] or data["aldre"]):
            raise PlaneringsFel(
                "vuxna",
                _(
                    "%(kommun)s har ingen egen budget i sitt underlag. Skriv hur många vuxna "
                    "och barn ni räknar med att ta emot per år, och era egna kostnader, så "
                    "räknas budgeten med statens ersättningar."
                )
                % {"kommun": kommun_namn(kommun)},
            )
        u = budget_modell.grundbudget(kommun_namn(kommun), andringar.startar or 0, andringar)
    b = budget_modell.budget(u, params or load_parameters(), kommun=kommun)
    fynd = granska(b)
    return BudgetResultat(b, budgetrapport(b, fynd), fynd)


def _rad_i(t: Tabell, namn: str) -> list[Decimal]:
    for row in t.rader:
        if isinstance(row[0], str) and row[0].removesuffix(" *") == namn:
            return [c if isinstance(c, Decimal) else Decimal(0) for c in row[1:]]
    raise KeyError(namn)


def parameter_rad(p: ParameterValue) -> tuple[str, str, str]:
    """A parameter entry as a planner reads it: what it is, and where the amount comes from.
    Status codes and parameter paths stay out; an antagande says which year's amount is used."""
    kort = parameternamn(load_parameters(), p.name)
    label = _("%(namn)s från %(datum)s") % {"namn": kort, "datum": p.start.isoformat()}
    if p.antagande:
        status = _(
            "Antagande: inget känt belopp för året; beloppet från %(datum)s används. Skriv "
            "det verkliga beloppet om du vet det."
        ) % {"datum": p.carried_from.isoformat() if p.carried_from else "–"}
    elif p.status == "U":
        status = _("Ditt eget belopp i det här scenariot.")
    elif p.status in ("D", "R", "NF"):
        status = _("Osäkert belopp (härlett eller inte bekräftat i källan).")
    else:
        status = _("Belopp ur författning eller myndighetens uppgift.")
    return label, status, p.reference.removeprefix("ANTAGANDE:").strip()


def _overrides(
    form: BeloppForm, parametrar: list[ParameterValue]
) -> dict[str, dict[dt.date, Decimal]]:
    out: dict[str, dict[dt.date, Decimal]] = {}
    for i, p in enumerate(parametrar):
        value = form.cleaned_data.get(str(i))
        if value is not None:
            out.setdefault(p.name, {})[p.start] = value
    return out


@dataclass
class BudgetSida:
    """The budget page's forms for an address, and the budget as the parameters give it."""

    form: BudgetForm
    vantar_mottagande: bool
    resultat: BudgetResultat | None
    belopp: BeloppForm | None = None


def budget_sida(query: QueryDict, kommuner: list[tuple[str, str]]) -> BudgetSida:
    """The page's forms read from `query`; the user's own amounts are read against the
    parameter entries the budget uses (`belopp-N` is the N-th), so a saved scenario stores
    them by parameter and date (`belopp_som_parametrar`) and is read back the same way."""
    form = BudgetForm(query if _bound(query, BudgetForm) else None, kommuner=kommuner)
    # The user's own municipality without a budget of its own: nothing to compute until they
    # say how many they expect to receive; the page says so instead of showing an error.
    vantar = not form.is_bound and bool(kommuner) and not har_avsnitt(kommuner[0][0], "budget")
    resultat: BudgetResultat | None = _run(form, _budget) if kommuner and not vantar else None
    sida = BudgetSida(form, vantar, resultat)
    if resultat is not None:
        rader = [(p.name, *parameter_rad(p)[:2]) for p in resultat.budget.parametrar]
        sent = any(k.startswith("belopp-") and str(query.get(k, "")).strip() for k in query)
        sida.belopp = BeloppForm(query if sent else None, rader=rader)
    return sida


def belopp_som_parametrar(sida: BudgetSida) -> dict[tuple[str, dt.date], Decimal]:
    """The user's own amounts by (parameter, date); empty when none or any is invalid."""
    if sida.resultat is None or sida.belopp is None or not sida.belopp.is_bound:
        return {}
    if not sida.belopp.is_valid():
        return {}
    return {
        (name, start): value
        for name, dated in _overrides(sida.belopp, sida.resultat.budget.parametrar).items()
        for start, value in dated.items()
    }


def _belopp_text(value: Decimal) -> str:
    """Stored in öre ("170000.00"); shown as typed, whole kronor without decimals."""
    return str(value.quantize(Decimal(1)) if value == value.to_integral_value() else value)


def belopp_som_falt(sida: BudgetSida, belopp: dict[tuple[str, dt.date], Decimal]) -> dict[str, str]:
    """Saved amounts back to the page's fields, by the entries the budget uses now."""
    if sida.resultat is None:
        return {}
    prefix = BeloppForm(rader=[]).prefix
    return {
        f"{prefix}-{i}": _belopp_text(belopp[(p.name, p.start)])
        for i, p in enumerate(sida.resultat.budget.parametrar)
        if (p.name, p.start) in belopp
    }


@require_GET
def budget(request: HttpRequest, fmt: str | None = None) -> HttpResponse:
    require(request, "planning.view")
    kommuner = planning_kommuner(request.user, "budget")
    sida = budget_sida(request.GET, kommuner)
    form, vantar_mottagande, resultat, belopp = (
        sida.form,
        sida.vantar_mottagande,
        sida.resultat,
        sida.belopp,
    )
    if resultat is not None and belopp is not None:
        # The user's own amounts replace any parameter for this scenario: first the budget
        # as the parameters give it (which amounts it uses), then again with the user's.
        used = resultat.budget.parametrar
        if belopp.is_bound:
            if belopp.is_valid():
                data = form.cleaned_data if form.is_bound else _defaults(form)
                overrides = _overrides(belopp, used)
                try:
                    resultat = _budget(data, load_parameters().with_overrides(overrides))
                except ParameterError as error:
                    belopp.add_error(None, error.message)
                    resultat = None
            else:
                resultat = None
    context: dict[str, Any] = {
        "kommuner": kommuner,
        "belopp": belopp,
        "vantar_mottagande": kommun_namn(kommuner[0][0]) if vantar_mottagande else None,
    }
    if resultat is not None:
        b, t = resultat.budget, resultat.rapport.tabeller[0]
        context["budget_parametrar"] = [(p, parameter_rad(p)) for p in b.parametrar]
        saldo_namn = next(
            li.namn
            for li in b.linjer
            if li.namn in (budget_modell.ACKUMULERAT, budget_modell.BALANSKONTO)
        )
        netto, saldo = _rad_i(t, budget_modell.NETTO), _rad_i(t, saldo_namn)
        ar = [str(a) for a in b.ar]
        context.update(
            budget=b,
            tabell=tabell(t),
            fynd=resultat.fynd,
            chart=line_chart(
                chart_id="budget-chart",
                x_labels=ar,
                series=[Serie(budget_modell.NETTO, netto), Serie(saldo_namn, saldo)],
                title=_("Netto och balanskonto per år"),
                description=_(
                    "Linjediagram över %(ar)s år: netto per år och %(saldo)s, i tkr. Samma "
                    "siffror finns i tabellen under diagrammet."
                )
                % {"ar": len(ar), "saldo": saldo_namn.lower()},
                unit="tkr",
            ),
            chart_rows=[
                (a, fmt_tal(n), fmt_tal(s)) for a, n, s in zip(ar, netto, saldo, strict=True)
            ],
            saldo_namn=saldo_namn,
        )
    return _page(
        request,
        "web/planning/budget.html",
        form,
        resultat.rapport if resultat else None,
        fmt,
        "budget",
        context,
    )


# --- 2. forecast -----------------------------------------------------------------------------


def _prognos(data: dict[str, Any]) -> Rapport:
    # A forecast is for now: from this year (Europe/Stockholm) and five more unless the user
    # chooses; years past the source are the source's last figures, flagged as antaganden.
    kommun = data["kommun"]
    rng = np.random.default_rng(data["seed"] if data["seed"] is not None else 1)
    scenarier = data["scenarier"] or 10_000
    params = load_parameters()
    ar = planeringsar(data["start"] or timezone.localdate().year, data["ar"])
    if har_avsnitt(kommun, "prognos"):
        for falt in PrognosForm.BUDGETFALT:
            if data[falt] is not None:
                raise PlaneringsFel(
                    falt,
                    _(
                        "gäller bara en budgetmodell som Vingåkers; %(kommun)s har en prognos "
                        "per enhet. Töm fältet."
                    )
                    % {"kommun": kommun_namn(kommun)},
                )
        p = prognos_modell.prognos_enheter(
            prognos_modell.las_prognos(kommun),
            params,
            kommun=kommun,
            scenarier=scenarier,
            rng=rng,
            ar=len(ar),
            start=ar[0],
        )
    else:
        andringar = budget_modell.Andringar(
            startar=ar[0],
            ar=len(ar),
            vuxna=data["vuxna"],
            barn=data["barn"],
            andel_som_lamnar=data["andel_som_lamnar"],
        )
        u = budget_modell.las_budget(kommun, andringar)
        p = prognos_modell.prognos_budget(u, params, kommun=kommun, scenarier=scenarier, rng=rng)
    return prognosrapport(p, flagga_antaganden=True)


@require_GET
def forecast(request: HttpRequest, fmt: str | None = None) -> HttpResponse:
    require(request, "planning.view")
    # Vingåker has a budget rather than units: its forecast is the budget over scenarios.
    kommuner = planning_kommuner(request.user, "prognos", "budget")
    form = PrognosForm(request.GET if _bound(request, PrognosForm) else None, kommuner=kommuner)
    rapport: Rapport | None = _run(form, _prognos) if kommuner else None
    context: dict[str, Any] = {"kommuner": kommuner}
    if rapport is not None:
        context["matt"] = _prognos_matt(rapport)
    return _page(request, "web/planning/forecast.html", form, rapport, fmt, "prognos", context)


def _prognos_matt(r: Rapport) -> list[dict[str, Any]]:
    """One chart and table per measure: a line per unit (median) with its 5th–95th band."""
    data = r.data
    ar = [str(a) for a in data["ar"]]
    grupper: dict[str, list[int]] = {}
    for i, row in enumerate(data["rader"]):
        grupper.setdefault(f"{row['namn']} ({row['enhet_matt']})", []).append(i)
    t = r.tabeller[0]
    # One colour, dash and marker per unit for the whole page, whichever charts it is in.
    styles: dict[str, int] = {}
    for row in data["rader"]:
        styles.setdefault(row["enhet_namn"], len(styles))
    out = []
    for n, (namn, index) in enumerate(grupper.items()):
        rows = [data["rader"][i] for i in index]
        series = [
            Serie(
                row["enhet_namn"],
                [Decimal(str(v)) for v in row["p50"]],
                [Decimal(str(v)) for v in row["p5"]],
                [Decimal(str(v)) for v in row["p95"]],
            )
            for row in rows
        ]
        out.append(
            {
                "id": f"matt-{n + 1}",
                "namn": namn,
                "chart": line_chart(
                    chart_id=f"prognos-chart-{n + 1}",
                    x_labels=ar,
                    series=series,
                    title=_("%(matt)s per enhet och år") % {"matt": namn},
                    description=_(
                        "Linjediagram: medianen av %(n)s scenarier per enhet och år; det skuggade "
                        "fältet går från 5:e till 95:e percentilen. Samma siffror finns i "
                        "tabellen under diagrammet."
                    )
                    % {"n": fmt_tal(data["scenarier"])},
                    unit=rows[0]["enhet_matt"],
                    styles=styles,
                ),
                "tabell": tabell(
                    Tabell(
                        namn,
                        [t.kolumner[0], *t.kolumner[2:]],
                        [[t.rader[i][0], *t.rader[i][2:]] for i in index],
                    )
                ),
            }
        )
    return out


# --- 3. organisational alternatives ----------------------------------------------------------


def jamfor_form(
    query: QueryDict, kommuner: list[tuple[str, str]]
) -> tuple[str, alt_modell.OrganisationIn, JamforForm]:
    """The chosen municipality's organisation and the form with its units and alternatives."""
    valda = query.get("kommun", "")
    kommun = valda if valda in dict(kommuner) else kommuner[0][0]
    org = alt_modell.las_organisation(kommun)
    form = JamforForm(
        query if _bound(query, JamforForm) else None,
        kommuner=kommuner,
        alternativ=[(a.id, a.namn) for a in org.alternativ],
        enheter=[(e.id, e.namn) for e in org.enheter],
        uppgifter=[(t.id, f"{e.namn}: {t.namn}") for e in org.enheter for t in e.uppgifter],
        initial={"alternativ": org.alternativ[0].id if org.alternativ else "eget"},
    )
    return kommun, org, form


@require_GET
def compare(request: HttpRequest, fmt: str | None = None) -> HttpResponse:
    require(request, "planning.view")
    kommuner = planning_kommuner(request.user, "organisation")
    if not kommuner:
        form = JamforForm(None, kommuner=[], alternativ=[], enheter=[], uppgifter=[])
        return _page(request, "web/planning/compare.html", form, None, fmt, "jamforelse", {})
    kommun, org, form = jamfor_form(request.GET, kommuner)

    def _jamfor(data: dict[str, Any]) -> Rapport:
        # From this year (Europe/Stockholm) and five more unless the user chooses; years past
        # the source carry its last year forward as an antagande.
        if data["alternativ"] == "eget":
            nya = []
            if data["ny_enhet_namn"]:
                nya.append(
                    {
                        "id": NY_ENHET,
                        "namn": data["ny_enhet_namn"],
                        "forvaltning": data["ny_enhet_forvaltning"] or data["ny_enhet_namn"],
                    }
                )
            alt = validera(
                alt_modell.AlternativIn,
                {
                    "id": "eget",
                    "namn": _("Eget alternativ"),
                    "kalla": _("byggt på sidan"),
                    "nya_enheter": nya,
                    "flytta": form.flyttar(),
                },
                "alternativ",
            )
        else:
            alt = alt_modell.las_alternativ(org, data["alternativ"])
        alt_modell.tillampa(org, alt, "alternativ")
        arsvis = alt_modell.jamfor_over_ar(
            org,
            alt,
            load_parameters(),
            kommun=kommun,
            ar=planeringsar(data["ar"] or timezone.localdate().year, data["antal_ar"]),
            minsta_grupp=data["minsta_grupp"] if data["minsta_grupp"] is not None else Decimal(1),
        )
        return jamforelserapport_over_ar(arsvis)

    rapport: Rapport | None = _run(form, _jamfor)
    context: dict[str, Any] = {
        "kommuner": kommuner,
        "org_ar": org.ar,
        "flytt_rader": [
            [form[f"flytt_{i}_{k}"] for k in ("fran", "till", "malgrupper", "uppgifter")]
            for i in range(1, 4)
        ],
    }
    if rapport is not None:
        context["matt"] = rapport.data["perspektiv"]
        context["tabeller"] = [tabell(t) for t in rapport.tabeller[1:]]
        context["chart"] = _jamforelse_chart(rapport.data["perspektiv"])
    return _page(request, "web/planning/compare.html", form, rapport, fmt, "jamforelse", context)


def _jamforelse_chart(matt: list[dict[str, Any]]) -> Any:
    """Bars for the counted measures (work environment, quality, equal treatment), today and
    in the alternative; the cost measures are in kronor and stay in the table beside it."""
    data: list[tuple[str, int]] = []
    # Outside the f-strings: makemessages cannot see a string marked inside one.
    idag_text, alt_text = _("idag"), _("alt.")
    idag_serie, alt_serie = _("Idag"), _("Alternativet")
    series: list[str] = []
    for m in matt:
        idag, alt = (
            "".join(c for c in str(m[k]) if not c.isspace()) for k in ("idag", "alternativ")
        )
        idag_n, alt_n = whole_number(idag), whole_number(alt)
        if m["perspektiv"] == "kostnad" or idag_n is None or alt_n is None:
            continue
        kort = m["matt"] if len(m["matt"]) <= 24 else m["matt"][:23].rstrip() + "…"
        data.append((f"{kort}: {idag_text}", idag_n))
        data.append((f"{kort}: {alt_text}", int(alt)))
        series += [idag_serie, alt_serie]
    if not data:
        return None
    return bar_chart(
        data,
        title=_("Arbetsmiljö, kvalitet och likabehandling: idag och i alternativet"),
        description=_("Antal per mått idag och i alternativet; samma siffror som i tabellen."),
        width=760,
        series=series,
    )


# --- 4. housing for a small group -------------------------------------------------------------

HVB_AR = (2018, 2019)  # the years seed 001 §4 prices a separate HVB for


@require_GET
def housing(request: HttpRequest, fmt: str | None = None) -> HttpResponse:
    require(request, "planning.view")
    if not any(k == "alingsas" for k, _label in planning_kommuner(request.user, "organisation")):
        raise PermissionDenied
    form = BoendeForm(request.GET if _bound(request, BoendeForm) else None, kommuner=[])

    def _boende(data: dict[str, Any]) -> tuple[Rapport, list[boende.HvbLage], list[Any]]:
        params = load_parameters()
        years = [data["ar"]] if data["ar"] is not None else list(HVB_AR)
        lagen = [boende.hvb_lage(params, a) for a in years]
        platser = range(1, (data["platser"] or 6) + 1)
        tabeller = [boende.tabell(lage, platser) for lage in lagen]
        kolumner = [_("platser")]
        for lage in lagen:
            kolumner += [
                _("eget HVB per plats %(ar)s") % {"ar": lage.ar},
                _("integrerad plats %(ar)s") % {"ar": lage.ar},
                _("merkostnad per månad %(ar)s") % {"ar": lage.ar},
            ]
        rader: list[list[Any]] = []
        for i, n in enumerate(platser):
            row: list[Any] = [n]
            for t in tabeller:
                row += [t[i].egen_per_plats, t[i].integrerad_per_plats, t[i].merkostnad_per_manad]
            rader.append(row)
        r = Rapport(
            titel=_("Boende för en liten grupp: eget HVB mot integrerad plats"),
            kalla="; ".join(f"{lage.ar}: {lage.kalla}" for lage in lagen),
            tabeller=[
                Tabell(_("Pris per plats och månad (kr) när gruppen krymper"), kolumner, rader)
            ],
            anmarkningar=boende.anmarkningar(lagen),
        )
        return r, lagen, tabeller

    resultat = _run(form, _boende)
    context: dict[str, Any] = {}
    if resultat is not None:
        r, lagen, tabeller = resultat
        series = []
        for lage, t in zip(lagen, tabeller, strict=True):
            series.append(
                Serie(_("Eget HVB %(ar)s") % {"ar": lage.ar}, [x.egen_per_plats for x in t])
            )
            series.append(
                Serie(
                    _("Integrerad plats %(ar)s") % {"ar": lage.ar},
                    [x.integrerad_per_plats for x in t],
                )
            )
        context.update(
            tabell=tabell(r.tabeller[0]),
            lagen=lagen,
            chart=line_chart(
                chart_id="boende-chart",
                x_labels=[str(x.platser) for x in tabeller[0]],
                series=series,
                title=_("Pris per plats och månad efter antal platser"),
                description=_(
                    "Linjediagram: ett eget HVB har en fast personalkostnad, så priset per plats "
                    "stiger när platserna blir färre; en integrerad plats kostar lika mycket hur "
                    "få de är. Samma siffror finns i tabellen under diagrammet."
                ),
                unit="kr",
            ),
        )
    return _page(
        request,
        "web/planning/housing.html",
        form,
        resultat[0] if resultat else None,
        fmt,
        "boende",
        context,
    )


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    require(request, "planning.view")
    return render(request, "web/planning/index.html", {})
