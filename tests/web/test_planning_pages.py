"""The planning pages through Django's test client: who may see them, what they show, bad
input shown on its field with nothing saved, and exports as real Excel and PDF files."""

from __future__ import annotations

import io
import re
import warnings
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook  # type: ignore[import-untyped]

from mottagning.register import services
from mottagning.web import planning_views
from tests.fixtures import user_in

pytestmark = pytest.mark.django_db

PAGES = ["planering:budget", "planering:forecast", "planering:compare", "planering:housing"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Vingåker's own budget as its source prints it (the page's default is this year).
VINGAKER_2018 = {"kommun": "vingaker", "start": "2018"}


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ostersund(db: Any) -> Any:
    return services.municipality_load_profile(kod="ostersund")


@pytest.fixture
def strateg(alingsas: Any) -> Client:
    return client_for(user_in(alingsas, roles=("strateg",)))


def _html(response: Any) -> str:
    assert response.status_code == 200
    return str(response.content.decode())


def _error_summary(html: str) -> str:
    match = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert match, "no error summary on the page"
    return match.group(0)


@pytest.mark.parametrize("role", ["strateg", "ekonom", "enhetschef", "administrator"])
def test_planning_roles_see_every_page_and_the_menu_link(alingsas: Any, role: str) -> None:
    client = client_for(user_in(alingsas, "integrationsavdelningen", roles=(role,)))
    for name in ["planering:index", *PAGES]:
        html = _html(client.get(reverse(name)))
        assert 'href="/planering/"' in html, name
        assert "Hoppa till innehållet" in html


@pytest.mark.parametrize("role", ["handlaggare", "revisor"])
def test_other_roles_are_refused(alingsas: Any, role: str) -> None:
    client = client_for(user_in(alingsas, "integrationsavdelningen", roles=(role,)))
    for name in ["planering:index", *PAGES]:
        assert client.get(reverse(name)).status_code == 403, name
    for name in PAGES:
        export = name + "_export"
        assert client.get(reverse(export, args=["xlsx"])).status_code == 403, export
    assert 'href="/planering/"' not in client.get("/personer/").content.decode()


def test_anonymous_is_sent_to_login() -> None:
    for name in PAGES:
        response = Client().get(reverse(name))
        assert response.status_code == 302
        assert "/konto/logga-in/" in response["Location"]


def test_budget_shows_the_source_table_checks_chart_and_parameters(strateg: Client) -> None:
    html = _html(strateg.get(reverse("planering:budget"), VINGAKER_2018))
    # The source's Swedish line names, all eight years from 2018.
    for name in ("Schablon 50 mottagna per år", "Löner 2 lotsar", "Summa kostnader", "Netto"):
        assert name in html
    assert "år 8 (2025)" in html
    # The source check finds the misprints of 002 §3.4.
    assert "tryckt &#x27;11081&#x27;" in html or "tryckt '11081'" in html
    assert "6 20" in html
    # Chart with title and description, and its data table.
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="budget-chart"' in html
    assert '<title id="budget-chart-title">' in html
    assert '<desc id="budget-chart-desc">' in html
    assert 'id="budget-chart-data"' in html
    assert "−12 636" in html  # the sum of netto after eight years (docs/planning.md)
    # The amounts used, named as a planner names them, with their source; no paths.
    assert "Schablonersättning, under 65 år från 2017-01-01" in html
    assert "schablonersattning" not in html


def test_budget_with_changed_assumptions(strateg: Client) -> None:
    html = _html(
        strateg.get(
            reverse("planering:budget"),
            {
                "kommun": "vingaker",
                "start": "2018",
                "vuxna": "40",
                "barn": "20",
                "priser": "lopande",
                "ar": "4",
            },
        )
    )
    assert "Schablon 60 mottagna per år" in html
    assert "år 4 (2021)" in html
    assert "år 5" not in html
    assert "error-summary" not in html


@pytest.mark.parametrize(
    ("field", "value"),
    [("vuxna", "99999999999999999999"), ("vuxna", "1000001"), ("egna_kostnader", "Lokaler; 1e15")],
)
def test_budget_numbers_beyond_any_municipality_are_form_errors(
    strateg: Client, field: str, value: str
) -> None:
    # 20 digits of head count used to overflow the budget's sums into garbage amounts.
    query = {"kommun": "vingaker", "start": "2018", "priser": "lopande", "ar": "4", field: value}
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        html = _html(strateg.get(reverse("planering:budget"), query))
    assert "error-summary" in html
    assert "för stort" in html or "per år" in html


def test_budget_balance_account_with_opening_balance(strateg: Client) -> None:
    html = _html(
        strateg.get(reverse("planering:budget"), {**VINGAKER_2018, "balanskonto": "13000"})
    )
    assert "Balanskonto vid årets slut" in html
    assert "364" in html  # 13 000 − 12 636 at the end of year 8


@pytest.mark.parametrize(
    ("params", "field", "text"),
    [
        ({"vuxna": "-5"}, "vuxna", "Antalet kan inte vara negativt"),
        ({"andel_som_lamnar": "120"}, "andel_som_lamnar", "får inte vara över 100 %"),
        ({"start": "2011"}, "start", "nga parametrar för det året"),
        ({"kommun": "stockholm"}, "kommun", "Den kommunen finns inte i listan"),
        ({"kommun": "../../etc/passwd.yaml"}, "kommun", "Den kommunen finns inte i listan"),
        ({"barn": "tjugo"}, "barn", "är inte ett tal"),
    ],
)
def test_budget_bad_input_names_the_field_and_saves_nothing(
    strateg: Client, params: dict[str, str], field: str, text: str
) -> None:
    with CaptureQueriesContext(connection) as queries:
        response = strateg.get(reverse("planering:budget"), {"kommun": "vingaker", **params})
    html = _html(response)
    summary = _error_summary(html)
    assert text in summary
    assert f'href="#id_{field}"' in summary
    assert f'id="id_{field}_error"' in html  # the inline message at the field
    assert 'id="budget-table"' not in html  # no result from bad input
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    # Only the session machinery may write (last login is not touched by a GET).
    assert not [w for w in writes if "django_session" not in w], writes


def test_forecast_shows_percentiles_per_unit_with_charts(strateg: Client) -> None:
    html = _html(
        strateg.get(
            reverse("planering:forecast"),
            {"kommun": "alingsas", "start": "2018", "scenarier": "2000"},
        )
    )
    assert "Integrationsavdelningen" in html
    assert "Alla enheter" in html
    assert "årsarbetare" in html
    # 18–19 mkr drawn uniformly: the median with its 5th and 95th percentiles, in tkr.
    assert re.search(r"18 [45]\d\d(,\d)? \(18 0[\d,]*–18 9[\d,]*\)", html)
    assert html.count('class="chart"') >= 3
    assert '<title id="prognos-chart-1-title">' in html
    assert "fill-opacity" in html  # the 5th–95th band


@pytest.mark.parametrize("kommun", ["alingsas", "vingaker", "ostersund", "ekero"])
def test_forecast_for_each_municipality(strateg: Client, kommun: str) -> None:
    html = _html(strateg.get(reverse("planering:forecast"), {"kommun": kommun, "scenarier": "500"}))
    assert "error-summary" not in html
    assert 'class="chart"' in html


def test_forecast_vingaker_with_ranges(strateg: Client) -> None:
    html = _html(
        strateg.get(
            reverse("planering:forecast"),
            {
                "kommun": "vingaker",
                "scenarier": "1000",
                "vuxna": "20-40",
                "andel_som_lamnar": "15–35",
            },
        )
    )
    assert "Osäkerhet (dras likformigt per scenario och år)" in html
    assert "Netto" in html


@pytest.mark.parametrize(
    ("params", "field", "text"),
    [
        ({"kommun": "alingsas", "vuxna": "30"}, "vuxna", "äller bara en budgetmodell"),
        ({"kommun": "vingaker", "barn": "-1"}, "barn", "kan inte vara negativt"),
        ({"kommun": "vingaker", "andel_som_lamnar": "10-120"}, "andel_som_lamnar", "100 %"),
        ({"scenarier": "0"}, "scenarier", "Minst ett scenario"),
        ({"ar": "40"}, "ar", "Skriv högst 30 år"),
    ],
)
def test_forecast_bad_input(strateg: Client, params: dict[str, str], field: str, text: str) -> None:
    html = _html(strateg.get(reverse("planering:forecast"), params))
    summary = _error_summary(html)
    assert text in summary
    assert f'href="#id_{field}"' in summary
    assert 'class="chart"' not in html


def test_compare_shows_the_figures_behind_alingsas_conclusion(strateg: Client) -> None:
    html = _html(strateg.get(reverse("planering:compare"), {"ar": "2018"}))
    for perspective in ("kostnad", "arbetsmiljö", "kvalitet", "likabehandling"):
        assert perspective in html
    assert "Källans slutsats" in html
    assert "4 200 000" in html  # eget HVB 2018, 7 months × 600 000 kr
    assert "1 199 996" in html  # four integrated places
    assert "Delade tjänster" in html


def test_compare_own_alternative(strateg: Client) -> None:
    html = _html(
        strateg.get(
            reverse("planering:compare"),
            {
                "kommun": "alingsas",
                "alternativ": "eget",
                "ny_enhet_namn": "Arbetsmarknadsenheten (UTB)",
                "ny_enhet_forvaltning": "Utbildningsförvaltningen",
                "flytt_1_fran": "boende_unga",
                "flytt_1_till": "integrationsavdelningen",
                "flytt_1_uppgifter": ["hvb_ekb"],
                "flytt_2_fran": "arbetsmarknadsenheten",
                "flytt_2_till": "ny_enhet",
                "flytt_2_malgrupper": ["nyanlanda"],
            },
        )
    )
    assert "error-summary" not in html
    assert "Eget alternativ" in html
    assert "eget HVB med fast personalkostnad i alternativet" in html


@pytest.mark.parametrize(
    ("params", "field", "text"),
    [
        (
            {"alternativ": "eget", "flytt_1_fran": "familjeratten", "flytt_1_till": "boende_unga"},
            "flytt_1_fran",
            "Enheten finns inte",
        ),
        ({"alternativ": "eget"}, "flytt_1_fran", "minst en flytt"),
        (
            {
                "alternativ": "eget",
                "flytt_1_fran": "boende_unga",
                "flytt_1_till": "integrationsavdelningen",
                "flytt_1_uppgifter": ["arbete_nyanlanda"],
            },
            "flytt_1_uppgifter",
            "finns inte i boende_unga",
        ),
        (
            {"alternativ": "eget", "flytt_1_fran": "boende_unga", "flytt_1_till": "boende_unga"},
            "flytt_1_till",
            "en annan enhet",
        ),
        ({"ar": "2010"}, "ar", "inte 2010"),
        ({"minsta_grupp": "-1"}, "minsta_grupp", "kan inte vara negativ"),
        ({"alternativ": "okand"}, "alternativ", "Välj ett alternativ i listan"),
    ],
)
def test_compare_bad_input(strateg: Client, params: dict[str, Any], field: str, text: str) -> None:
    html = _html(strateg.get(reverse("planering:compare"), params))
    summary = _error_summary(html)
    assert text in summary
    assert f'href="#id_{field}"' in summary
    assert 'id="jamforelse"' not in html


def test_housing_price_per_place_rises_as_the_group_shrinks(strateg: Client) -> None:
    html = _html(strateg.get(reverse("planering:housing")))
    assert "150 000" in html  # 2018: 600 000 kr / 4 places
    assert "600 000" in html  # 2018: one place carries the whole fixed cost
    assert "42 857" in html  # integrated place
    assert "640 000" in html  # 2019: 320 000 × 2
    assert '<title id="boende-chart-title">' in html
    assert 'id="boende-table"' in html
    assert "först vid 15 platser" in html


@pytest.mark.parametrize(
    ("params", "field", "text"),
    [
        ({"ar": "2021"}, "ar", "bara för 2018 och 2019"),
        ({"platser": "0"}, "platser", "Minst en plats"),
        ({"platser": "x"}, "platser", "heltal"),
    ],
)
def test_housing_bad_input(strateg: Client, params: dict[str, str], field: str, text: str) -> None:
    html = _html(strateg.get(reverse("planering:housing"), params))
    summary = _error_summary(html)
    assert text in summary
    assert f'href="#id_{field}"' in summary
    assert 'id="boende-table"' not in html


@pytest.mark.parametrize(
    ("name", "params", "expected"),
    [
        ("planering:budget_export", {"kommun": "vingaker"}, "Löner 2 lotsar"),
        ("planering:forecast_export", {"scenarier": "200"}, "Integrationsavdelningen"),
        ("planering:compare_export", {}, "likabehandling"),
        ("planering:housing_export", {}, "eget HVB per plats 2018"),
    ],
)
def test_exports_are_excel_and_pdf_with_the_page_figures(
    strateg: Client, name: str, params: dict[str, str], expected: str
) -> None:
    response = strateg.get(reverse(name, args=["xlsx"]), params)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    cells = [str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert any(expected in c for c in cells), expected

    response = strateg.get(reverse(name, args=["pdf"]), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_export_with_bad_input_shows_the_form_not_a_file(strateg: Client) -> None:
    response = strateg.get(reverse("planering:budget_export", args=["xlsx"]), {"vuxna": "-1"})
    html = _html(response)
    assert response["Content-Type"].startswith("text/html")
    assert "Antalet kan inte vara negativt" in _error_summary(html)


def test_unknown_export_format_is_not_found(strateg: Client) -> None:
    assert strateg.get(reverse("planering:budget_export", args=["csv"])).status_code == 404


def test_own_municipality_first_then_the_published_examples(
    alingsas: Any, vingaker: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ekonom = user_in(vingaker, roles=("ekonom",))
    exempel = "exempel ur kommunens publicerade underlag"
    assert planning_views.planning_kommuner(ekonom, "prognos", "budget") == [
        ("vingaker", "Vingåkers kommun (din kommun)"),
        ("alingsas", f"Alingsås kommun ({exempel})"),
        ("ekero", f"Ekerö kommun ({exempel})"),
        ("ostersund", f"Östersunds kommun ({exempel})"),
    ]
    # A budget can always be made for one's own municipality, even without one in its
    # documents (from the national parameters and its own costs).
    strateg = user_in(alingsas, roles=("strateg",))
    assert planning_views.planning_kommuner(strateg, "budget") == [
        ("alingsas", "Alingsås kommun (din kommun)"),
        ("vingaker", f"Vingåkers kommun ({exempel})"),
    ]
    # Data that is not a published example stays with its own municipality.
    monkeypatch.setattr(planning_views, "EXEMPEL", frozenset())
    assert [k for k, _ in planning_views.planning_kommuner(strateg, "budget")] == ["alingsas"]
    html = _html(client_for(strateg).get(reverse("planering:budget"), {"kommun": "vingaker"}))
    assert "Löner 2 lotsar" not in html
    assert "Den kommunen finns inte i listan" in _error_summary(html)
    html = _html(client_for(strateg).get(reverse("planering:forecast"), {"kommun": "vingaker"}))
    assert "Den kommunen finns inte i listan" in _error_summary(html)


def test_budget_defaults_to_this_year_and_the_users_municipality(
    ostersund: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = client_for(user_in(ostersund, roles=("ekonom",)))
    html = _html(client.get(reverse("planering:budget")))
    # Östersund's documents give no budget: the page says what to do, not an error.
    assert "Östersunds kommun har ingen egen budget i sitt underlag" in html
    assert "error-summary" not in html
    this_year = timezone.localdate().year
    html = _html(
        client.get(
            reverse("planering:budget"),
            {"vuxna": "30", "barn": "10", "egna_kostnader": "Lokaler; 250\nSfi; 1 200"},
        )
    )
    assert "error-summary" not in html
    assert f"år 1 ({this_year})" in html
    assert f"år 5 ({this_year + 4})" in html
    assert "Schablonersättning, 40 mottagna per år" in html
    assert "Lokaler" in html
    assert "Sfi" in html
    # Years without a known amount carry the last one, flagged, with a field to replace it.
    assert "Antagande" in html
    assert 'name="belopp-0"' in html


def test_the_user_replaces_an_antagande_with_the_real_amount(ostersund: Any) -> None:
    client = client_for(user_in(ostersund, roles=("ekonom",)))
    base = {"vuxna": "10", "barn": "0", "start": "2026", "ar": "1"}
    html = _html(client.get(reverse("planering:budget"), base))
    labels = re.findall(r'<label for="id_belopp-(\d+)">\s*([^<]*)', html)
    index = next(i for i, text in labels if "under 65 år från" in text)
    html = _html(client.get(reverse("planering:budget"), {**base, f"belopp-{index}": "200 000"}))
    # 10 persons × 200 000 kr, 5.5 of 24 months in the first year = 458,3 tkr.
    assert "458" in html
    assert "Ditt eget belopp i det här scenariot." in html
    html = _html(client.get(reverse("planering:budget"), {**base, f"belopp-{index}": "mycket"}))
    assert "är inte ett tal" in _error_summary(html)
    assert 'id="budget-table"' not in html


def test_own_cost_lines_with_a_bad_line_name_the_line(strateg: Client) -> None:
    html = _html(
        strateg.get(
            reverse("planering:budget"),
            {"kommun": "vingaker", "egna_kostnader": "Lokaler; 250\nTolkar 300"},
        )
    )
    assert "Rad 2: skriv namnet, ett semikolon och beloppet" in _error_summary(html)


def test_pages_in_english(strateg: Client) -> None:
    strateg.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = _html(strateg.get(reverse("planering:budget"), VINGAKER_2018))
    assert "Multi-year budget for the integration unit" in html
    assert "Source check" in html


def test_compare_charts_the_counted_measures_beside_the_table(strateg: Client) -> None:
    html = _html(strateg.get(reverse("planering:compare"), {"ar": "2018"}))
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "<title" in svg
    # Alingsås' move to Utbildningsnämnden: 0 split positions today, 7 in the alternative.
    assert "Delade tjänster eller d…: idag</text>" in svg
    assert "Delade tjänster eller d…: alt.</text>" in svg
    assert ">7</text>" in svg
    assert 'id="jamforelse"' in html


def test_a_year_without_a_known_amount_is_flagged_as_an_antagande(strateg: Client) -> None:
    html = _html(
        strateg.get(
            reverse("planering:budget"),
            {"kommun": "vingaker", "priser": "lopande", "start": "2020"},
        )
    )
    assert "ANTAGANDE" in html


def test_forecast_charts_keep_one_style_per_unit_and_the_unit_clear_of_the_ticks(
    strateg: Client,
) -> None:
    html = _html(strateg.get(reverse("planering:forecast"), {"scenarier": "200"}))
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(svgs) > 1
    colour_of: dict[str, set[str]] = {}
    for svg in svgs:
        # The legend: a line in the series' colour, then its name.
        for colour, name in re.findall(
            r'<line [^>]*stroke="(#[0-9a-f]{6})"[^>]*/>.*?<text [^>]*>([^<]+)</text>', svg, re.S
        ):
            colour_of.setdefault(name, set()).add(colour)
        # The unit sits above the plot (y=14), the top tick's label lower down.
        assert re.search(r'<text x="\d+" y="14" text-anchor="end"', svg)
    assert colour_of
    assert all(len(c) == 1 for c in colour_of.values()), colour_of


def test_bar_labels_have_room_for_the_longest_label() -> None:
    from mottagning.web.charts import bar_chart

    label = "Delade tjänster eller delade chefer: idag"
    svg = str(bar_chart([(label, 3)], title="t", description="d"))
    width = int(re.search(r'viewBox="0 0 (\d+)', svg)[1])  # type: ignore[index]
    label_x = int(re.search(r'<text x="(\d+)"', svg)[1])  # type: ignore[index]
    assert label_x >= 8.5 * len(label)  # the end-anchored label starts inside the drawing
    assert width >= label_x + 250


def _kolumner(html: str, table_start: str) -> list[str]:
    start = html.index(table_start)
    head = html[start : html.index("</thead>", start)]
    return re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', head)


@pytest.mark.parametrize("kommun", ["alingsas", "vingaker", "ostersund", "ekero"])
def test_forecast_defaults_to_this_year_and_five_more_flagging_antaganden(
    strateg: Client, kommun: str
) -> None:
    i_ar = timezone.localdate().year
    html = _html(strateg.get(reverse("planering:forecast"), {"kommun": kommun, "scenarier": "50"}))
    assert "error-summary" not in html
    # Every source ends years before now: each year shown is carried forward and says so.
    years = [f"{a} (antagande)" for a in range(i_ar, i_ar + 6)]
    kolumner = _kolumner(html, "<table")
    assert kolumner[-6:] == years
    assert str(i_ar - 1) not in kolumner
    assert str(i_ar + 6) not in " ".join(kolumner)


def test_forecast_defaults_to_the_users_own_municipality(ostersund: Any) -> None:
    client = client_for(user_in(ostersund, roles=("ekonom",)))
    html = _html(client.get(reverse("planering:forecast"), {"scenarier": "50"}))
    assert "Prognos Östersund" in html
    assert f"{timezone.localdate().year} (antagande)" in html


def test_forecast_from_a_chosen_year_flags_only_years_past_the_source(strateg: Client) -> None:
    html = _html(
        strateg.get(
            reverse("planering:forecast"),
            {"kommun": "alingsas", "start": "2018", "ar": "3", "scenarier": "50"},
        )
    )
    assert _kolumner(html, "<table")[-3:] == ["2018", "2019", "2020 (antagande)"]
    html = _html(
        strateg.get(reverse("planering:forecast"), {"kommun": "alingsas", "start": "2017"})
    )
    assert "börjar 2018" in _error_summary(html)


def test_forecast_and_compare_exports_flag_the_antaganden(strateg: Client) -> None:
    i_ar = timezone.localdate().year
    for name, params in (
        ("planering:forecast_export", {"kommun": "alingsas", "scenarier": "50"}),
        ("planering:compare_export", {}),
    ):
        response = strateg.get(reverse(name, args=["xlsx"]), params)
        wb = load_workbook(io.BytesIO(response.content))
        cells = [
            str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row
        ]
        assert f"{i_ar + 5} (antagande)" in cells, name
        assert any(c.startswith(("ANTAGANDE", f"{i_ar}–{i_ar + 5}: ")) for c in cells), name


def test_compare_defaults_to_this_year_and_five_more_flagging_antaganden(
    strateg: Client,
) -> None:
    i_ar = timezone.localdate().year
    html = _html(strateg.get(reverse("planering:compare")))
    assert "error-summary" not in html
    assert f"Idag → alternativet per år, {i_ar}–{i_ar + 5}" in html
    start = html.index("Idag → alternativet per år")
    assert _kolumner(html[start:], "<thead") == [
        "mått",
        *(f"{a} (antagande)" for a in range(i_ar, i_ar + 6)),
    ]
    assert "ANTAGANDE: underlaget har inga uppgifter för" in html
    # The user can still choose the source's own years: nothing is then an antagande.
    html = _html(strateg.get(reverse("planering:compare"), {"ar": "2018", "antal_ar": "2"}))
    start = html.index("Idag → alternativet per år")
    assert _kolumner(html[start:], "<thead") == ["mått", "2018", "2019"]
    assert "ANTAGANDE" not in html


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("antal", "tjugo", "”tjugo” är inte ett tal"),
        ("antal", "9" * 11, "är för stort. Skriv ett tal upp till 1 000 000 000"),
        ("antal", "-3", "Antalet kan inte vara negativt"),
        ("antal", "2,5", "Skriv hela personer"),
        ("antal", "2000000", "Högst 1 000 000 personer per år"),
        ("antal", "40–20", "Skriv till exempel 20–40"),
        ("andel", "NaN", "”NaN” är inte ett tal"),
        ("andel", "-5", "Andelen kan inte vara negativ"),
        ("andel", "120 %", "får inte vara över 100 %"),
        ("andel", "35-15", "Skriv till exempel 15–35"),
    ],
)
def test_each_fault_of_a_typed_number_has_the_fields_message(
    field: str, text: str, message: str
) -> None:
    from django import forms

    from mottagning.web.planning_forms import AndelField, AntalField

    number = AntalField(intervall=True) if field == "antal" else AndelField(intervall=True)
    with pytest.raises(forms.ValidationError) as caught:
        number.clean(text)
    assert message in " ".join(caught.value.messages)
