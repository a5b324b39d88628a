"""The follow-up pages through Django's test client: who may do what, suppression on every
page and file, the drill-down's read log, the Kolada import all or nothing."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook  # type: ignore[import-untyped]

from mottagning.audit.models import PersonAccess
from mottagning.followup import export, selectors, services
from mottagning.followup.models import Bedomning, Indikator, Mal, Utfall
from mottagning.register.models import Committee
from mottagning.web.charts import BAR_COLOUR
from tests.fixtures import followup_goal, kolada_indicator, newcomer, user_in
from tests.followup.pdf_reading import read

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def strateg(alingsas: Any) -> Any:
    return user_in(alingsas, roles=("strateg",))


@pytest.fixture
def goals(alingsas: Any, strateg: Any) -> dict[str, Any]:
    un = Committee.objects.get(municipality=alingsas, kod="un")
    goal = followup_goal(strateg)
    sfi = services.indikator_create(
        actor=strateg,
        mal=goal,
        namn="Sfi inom tre månader",
        enhet="procent",
        riktning="hogre",
        kalla_typ="beraknad",
        berakning="sfi_start_tre_manader",
    )
    services.malvarde_set(actor=strateg, indikator=sfi, ar=2023, varde=Decimal(80))
    mapped = services.indikator_create(
        actor=strateg,
        mal=goal,
        namn="Kartlagda inom tre veckor",
        enhet="procent",
        riktning="hogre",
        kalla_typ="beraknad",
        berakning="kartlaggning_tre_veckor",
    )
    manual = kolada_indicator(strateg, goal)
    plan = services.handlingsplan_create(actor=strateg, ar=2024, namn="EFFEKT", namnd=un)
    services.planaktivitet_create(
        actor=strateg,
        plan=plan,
        mal=goal,
        titel="Samla flyktingverksamheten",
        ansvarig_namnd=un,
        grund="lokalt_initiativ",
        niva="strategisk",
        forfaller=dt.date(2024, 12, 31),
    )
    return {"goal": goal, "sfi": sfi, "mapped": mapped, "manual": manual, "plan": plan, "un": un}


def test_a_strateg_keeps_goals_indicators_and_plans(alingsas: Any, strateg: Any) -> None:
    client = client_for(strateg)
    un = Committee.objects.get(municipality=alingsas, kod="un")
    response = client.post(
        reverse("followup:mal_create"),
        {
            "niva": "langsiktigt",
            "titel": "Egen försörjning",
            "agare_namnd": un.pk,
            "giltig_fran": "2018-01-01",
        },
    )
    assert response.status_code == 302
    goal = Mal.objects.get(titel="Egen försörjning")
    # A qualitative goal needs a long-term goal above it: said at the field, nothing saved.
    response = client.post(
        reverse("followup:mal_create"),
        {"niva": "kvalitativt", "titel": "Fel", "agare_namnd": un.pk, "giltig_fran": "2018-01-01"},
    )
    assert response.status_code == 200
    assert "Ett kvalitativt mål hör till ett långsiktigt mål" in response.content.decode()
    response = client.post(
        reverse("followup:indikator_create"),
        {
            "mal": goal.pk,
            "namn": "Sfi",
            "enhet": "procent",
            "riktning": "hogre",
            "kalla_typ": "beraknad",
            "berakning": "sfi_start_tre_manader",
        },
    )
    assert response.status_code == 302
    indikator = Indikator.objects.get(namn="Sfi")
    page = client.get(reverse("followup:indikator", args=[indikator.pk])).content.decode()
    assert "Så beräknas indikatorn" in page
    assert "högst tre månader efter mottagandet" in page
    response = client.post(
        reverse("followup:indikator_varde", args=[indikator.pk]),
        {"slag": "utfall", "ar": 2024, "varde": "50"},
    )
    # A computed indicator's outcome is never typed in.
    assert "förs inte in för hand" in response.content.decode()
    assert not Utfall.objects.exists()
    assert client.get(reverse("followup:index")).status_code == 200


def test_a_manual_outcome_needs_its_comment(strateg: Any, goals: dict[str, Any]) -> None:
    client = client_for(strateg)
    url = reverse("followup:indikator_varde", args=[goals["manual"].pk])
    response = client.post(url, {"slag": "utfall", "ar": 2024, "varde": "72,5"})
    assert "Skriv en kommentar" in response.content.decode()
    client.post(url, {"slag": "utfall", "ar": 2024, "varde": "72.5", "kommentar": "Enkät maj"})
    assert Utfall.objects.get().varde == Decimal("72.5")


def test_the_report_suppresses_small_groups_in_page_pdf_and_excel(
    alingsas: Any, integration_user: Any, strateg: Any, goals: dict[str, Any]
) -> None:
    # Three newcomers received in 2024: every share of them is a small group.
    for day in (1, 2, 3):
        newcomer(integration_user, mottagen=dt.date(2024, 3, day))
    elected = user_in(alingsas, roles=("fortroendevald",))
    client = client_for(elected)
    query = {"ar": 2024, "period": "bokslut", "namnd": goals["un"].pk}
    page = client.get(reverse("followup:rapport"), query)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Kartlagda inom tre veckor" in html
    assert "visas inte" in html
    assert "Samla flyktingverksamheten" in html
    # The 2023 target is carried forward into 2024, marked as an assumption.
    assert "antagande" in html
    pdf = client.get(reverse("followup:rapport_pdf"), query)
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("followup:rapport_xlsx"), query)
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    mapped = next(r for r in rows if r[1] == "Kartlagda inom tre veckor")
    assert mapped[4] == "•"  # suppressed, and marked
    sfi = next(r for r in rows if r[1] == "Sfi inom tre månader")
    assert sfi[3] == 80  # a number, not text


def test_the_report_pdf_draws_the_charts_the_page_shows(
    strateg: Any, goals: dict[str, Any]
) -> None:
    client = client_for(strateg)
    query = {"ar": 2024, "period": "bokslut", "namnd": goals["un"].pk}
    html = client.get(reverse("followup:rapport"), query).content.decode()
    drawn = read(client.get(reverse("followup:rapport_pdf"), query).content)
    report = selectors.report(user=strateg, ar=2024, period="bokslut", namnd=goals["un"])
    charts = export.report_charts(report)
    for chart, ident in zip(charts, ("summary-chart", "status-chart"), strict=True):
        assert f'<title id="{ident}-title">{chart.title}</title>' in html
        assert drawn.has(chart.title)
        for bar in chart.bars:
            assert drawn.texts[drawn.texts.index(bar.label) + 1] == str(bar.value)
    assert drawn.rects_in(BAR_COLOUR) == sum(len(c.bars) + 1 for c in charts)


def test_an_empty_report_says_so_instead_of_an_empty_chart(strateg: Any) -> None:
    client = client_for(strateg)
    query = {"ar": 2024, "period": "delar"}
    html = client.get(reverse("followup:rapport"), query).content.decode()
    message = "Inga uppgifter att visa i diagrammet för det här urvalet."
    assert html.count(message) == 2
    assert 'class="chart"' not in html
    pdf = client.get(reverse("followup:rapport_pdf"), query)
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    drawn = read(pdf.content)
    assert drawn.texts.count(message) == 2
    assert drawn.rects_in(BAR_COLOUR) == 0


def test_bad_report_parameters_are_said_not_crashed(strateg: Any, goals: dict[str, Any]) -> None:
    client = client_for(strateg)
    for query in (
        {"ar": "tjugo", "period": "bokslut"},
        {"ar": 2024, "period": "vecka"},
        {"ar": 2024, "period": "bokslut", "namnd": 999999},
    ):
        response = client.get(reverse("followup:rapport"), query)
        assert response.status_code == 400
        assert "error-summary" in response.content.decode()


def test_the_elected_member_reads_aggregates_only(
    alingsas: Any, integration_user: Any, goals: dict[str, Any]
) -> None:
    person = newcomer(integration_user, mottagen=dt.date(2024, 3, 1))
    elected = user_in(alingsas, "integrationsavdelningen", roles=("fortroendevald",))
    client = client_for(elected)
    assert client.get(reverse("followup:index")).status_code == 200
    assert client.get(reverse("followup:plan", args=[goals["plan"].pk])).status_code == 200
    drill = reverse("followup:drilldown", args=[goals["sfi"].pk])
    assert client.get(drill, {"ar": 2024}).status_code == 403
    assert client.get(reverse("web:person", args=[person.pk])).status_code in (403, 404)
    assert client.get(reverse("followup:mal_create")).status_code == 403
    assert client.get(reverse("followup:bedomning_create")).status_code == 403
    assert not PersonAccess.objects.filter(user=elected).exists()


def test_the_drilldown_shows_visible_persons_and_logs_each_read(
    alingsas: Any, integration_user: Any, goals: dict[str, Any]
) -> None:
    own = newcomer(integration_user, mottagen=dt.date(2024, 3, 1), fornamn="Synlig")
    url = reverse("followup:drilldown", args=[goals["mapped"].pk])
    chief = user_in(alingsas, "integrationsavdelningen", roles=("enhetschef",))
    page = client_for(chief).get(url, {"ar": 2024}).content.decode()
    assert "Synlig" in page
    assert PersonAccess.objects.filter(user=chief, person=own).exists()
    # A unit that neither registered nor holds any responsibility for the person sees no one,
    # and nothing is logged for it.
    outsider = user_in(alingsas, "boende_unga", roles=("enhetschef",))
    page = client_for(outsider).get(url, {"ar": 2024}).content.decode()
    assert "Synlig" not in page
    assert not PersonAccess.objects.filter(user=outsider).exists()
    assert client_for(chief).get(url, {"ar": "x"}).status_code == 400


def test_a_revisor_writes_assessments_with_history(alingsas: Any, strateg: Any) -> None:
    revisor = user_in(alingsas, roles=("revisor",))
    area = services.omrade_create(actor=revisor, namn="Riktlinjer")
    client = client_for(revisor)
    for ar, niva in ((2014, 2), (2017, 4)):
        response = client.post(
            reverse("followup:bedomning_create"),
            {
                "omrade": area.pk,
                "ar": ar,
                "niva": niva,
                "grunder": f"Grunder {ar}",
                "rekommendation_foljd": "unknown",
            },
        )
        assert response.status_code == 302
    page = client.get(reverse("followup:granskning")).content.decode()
    assert "Erfordrar förbättringar" in page
    assert "Tillfredsställande" in page
    assert Bedomning.objects.count() == 2
    assert client_for(strateg).get(reverse("followup:bedomning_create")).status_code == 403


def test_the_kolada_import_is_all_or_nothing(strateg: Any, goals: dict[str, Any]) -> None:
    client = client_for(strateg)
    bad = b"kpi;municipality;period;gender;value\nU00001;1489;2018;T;61,5\nU00001;14;2018;X;abc\n"
    page = client.post(
        reverse("followup:kolada"), {"fil": io.BytesIO(bad)}, format="multipart"
    ).content.decode()
    assert "Rad 3" in page
    assert "fyra siffror" in page
    assert not Utfall.objects.exists()
    good = b"kpi;municipality;period;gender;value\nU00001;1489;2018;T;61,5\nU00001;0000;2018;T;58\n"
    upload = io.BytesIO(good)
    upload.name = "kolada.csv"
    page = client.post(reverse("followup:kolada"), {"fil": upload}).content.decode()
    assert "Det här sparas" in page
    assert not Utfall.objects.exists()
    response = client.post(reverse("followup:kolada"), {"spara": "1"})
    assert response.status_code == 302
    assert sorted(Utfall.objects.values_list("kommunkod", "varde")) == [
        ("0000", Decimal("58.00")),
        ("1489", Decimal("61.50")),
    ]


def test_the_action_plan_prints_and_downloads(strateg: Any, goals: dict[str, Any]) -> None:
    client = client_for(strateg)
    page = client.get(reverse("followup:plan", args=[goals["plan"].pk])).content.decode()
    assert "Lokalt initiativ" in page
    assert "Strategisk" in page
    pdf = client.get(reverse("followup:plan_pdf", args=[goals["plan"].pk]))
    assert pdf.content.startswith(b"%PDF")
    activity = goals["plan"].aktiviteter.get()
    response = client.post(
        reverse("followup:planaktivitet_follow_up", args=[activity.pk]),
        {"status": "klar", "uppfoljning": "Utredningen klar"},
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == "klar"
    assert activity.history.count() == 2


def test_another_municipality_sees_nothing(vingaker: Any, goals: dict[str, Any]) -> None:
    foreign = user_in(vingaker, roles=("strateg",))
    client = client_for(foreign)
    assert client.get(reverse("followup:indikator", args=[goals["sfi"].pk])).status_code == 404
    assert client.get(reverse("followup:plan", args=[goals["plan"].pk])).status_code == 404
    assert "Snabb etablering" not in client.get(reverse("followup:index")).content.decode()
