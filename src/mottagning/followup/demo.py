"""`make demo`: goals, indicators, action plans and assessments drawn from the seeds.

Every row cites the seed and section it comes from. Where a seed names something without
stating it (003 counts four long-term goals but does not quote them; 003 gives one overall
assessment in 2017, not one per area), the demo says so in the row instead of inventing it.
Targets are set only where a seed states one. Computed indicators read the demo register.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from mottagning.accounts.models import User
from mottagning.followup import services
from mottagning.followup.models import Granskningsomrade, Mal
from mottagning.register.models import Committee, Municipality, Unit

# 003, the table "Flyktingmottagningen 2014": each area with the 2017 follow-up's finding.
OSTERSUND_AREAS: list[tuple[str, str, str]] = [
    (
        "Riktlinjer",
        "Integrationsstrategi beslutad maj 2016 med fyra långsiktiga mål, kvalitativa mål, "
        "delmål och indikatorer; integrationsutskott inrättat feb 2017; aktiviteter i årliga "
        "handlingsplaner som följs upp i boksluten; integrationsforum bildat.",
        "",
    ),
    (
        "Organisering",
        "Mottagandet organiserat inom område Integration (integrationsservice, ung integration) "
        "under socialförvaltningen; stödboende sedan 2015 och 2016; från juni 2017 handläggs "
        "allt ekonomiskt bistånd vid område Försörjning.",
        "",
    ),
    (
        "Kartläggning/handlingsplan",
        "Processkartläggning 2015 av socialförvaltningens arbete; kartläggning av "
        "etableringsprocessen med Arbetsförmedlingen 2015 med handlingsplan.",
        "",
    ),
    (
        "Rutiner/arbetssätt",
        "Rutinbeskrivningar finns och revideras; skolans rutiner genomlyses; matchning mot "
        "praktik och arbete med Arbetsförmedlingen.",
        "",
    ),
    (
        "Samverkan/samarbeten",
        "Handlingsplaner i paritet med strategin tas fram och revideras årligen; länssamverkan "
        "med Länsstyrelsen, Migrationsverket, Skatteverket, Arbetsförmedlingen och "
        "Försäkringskassan.",
        "",
    ),
    (
        "Integrationsfrämjande insatser",
        "Ett stort antal integrationsfrämjande insatser (hembesök, bomöten, mötesplatser, "
        "vägvisare, föräldrastöd, samhällsinformation m.fl.).",
        "Insatserna behöver sorteras utifrån lagkrav/lokala initiativ och på strategisk/operativ "
        "nivå för att målen i integrationsstrategin ska kunna följas upp.",
    ),
    (
        "Insatser ungdomar 18–20 år",
        "Stödboende enligt SoL från 16 år; två HVB ställs om till stödboende under 2017; ett "
        "30-tal ungdomar i stödboendet, alla som ansökt har beviljats.",
        "",
    ),
    (
        "Samordning med utförare av SFI",
        "Samordningen anses fungera tillfredsställande. Utbildning ska kunna påbörjas inom tre "
        "månader; utförare har tagit emot elever i genomsnitt fem veckor efter ansökan.",
        "",
    ),
    (
        "Återrapport i nämnd",
        "Nyanlända en stående punkt i barn- och utbildningsnämnden; gemensamma möten mellan "
        "barn- och utbildningsnämnden och socialnämnden; integrationsutskottet informeras via "
        "integrationsforum.",
        "",
    ),
]


def _committee(m: Municipality, kod: str) -> Committee:
    return Committee.objects.get(municipality=m, kod=kod)


def _unit(m: Municipality, kod: str) -> Unit:
    return Unit.objects.get(municipality=m, kod=kod)


def _ostersund(m: Municipality, actor: User) -> None:
    ks = _committee(m, "ks")
    long_term = [
        services.mal_create(
            actor=actor,
            niva="langsiktigt",
            titel=f"Långsiktigt mål {n} i integrationsstrategin",
            beskrivning=(
                "003 anger att strategin har fyra långsiktiga mål men återger inte deras "
                "lydelse; skriv in den ur integrationsstrategin."
            ),
            agare_namnd=ks,
            giltig_fran=dt.date(2016, 5, 1),
            giltig_till=dt.date(2020, 12, 31),
            kalla="003 Riktlinjer (integrationsstrategi beslutad maj 2016, strategi 2020)",
        )
        for n in range(1, 5)
    ]
    sfi_goal = services.mal_create(
        actor=actor,
        niva="kvalitativt",
        overordnat=long_term[0],
        titel="Utbildning i sfi kan påbörjas inom tre månader",
        beskrivning="Vilket av de fyra långsiktiga målen det hör till anger inte 003.",
        agare_namnd=_committee(m, "bun"),
        agare_enhet=_unit(m, "larcentrum"),
        giltig_fran=dt.date(2017, 1, 1),
        kalla="003 Samordning med utförare av SFI",
    )
    for kod in ("sfi_start_tre_manader", "sfi_start_median_veckor"):
        _computed(actor, sfi_goal, kod)
    reception = services.mal_create(
        actor=actor,
        niva="kvalitativt",
        overordnat=long_term[1],
        titel="Mottagandet sker enligt kommuntalet",
        beskrivning="Vilket av de fyra långsiktiga målen det hör till anger inte 003.",
        agare_namnd=_committee(m, "sn"),
        agare_enhet=_unit(m, "integrationsservice"),
        giltig_fran=dt.date(2017, 1, 1),
        kalla="003 Organisering (integrationsservice); bosättningslagen (2016:38)",
    )
    _computed(actor, reception, "mottagna_mot_kommuntal")
    plan = services.handlingsplan_create(
        actor=actor,
        ar=2018,
        namn="Handlingsplan för integrationsstrategin",
        namnd=ks,
        kalla="003 Riktlinjer (årliga handlingsplaner som följs upp i boksluten)",
    )
    services.planaktivitet_create(
        actor=actor,
        plan=plan,
        mal=long_term[0],
        titel="Sortera de integrationsfrämjande insatserna efter lagkrav/lokalt initiativ och "
        "strategisk/operativ nivå",
        ansvarig_namnd=ks,
        grund="lokalt_initiativ",
        niva="strategisk",
        forfaller=dt.date(2018, 12, 31),
        kalla="003 Integrationsfrämjande insatser (revisorernas notering)",
    )
    for order, (namn, finding, recommendation) in enumerate(OSTERSUND_AREAS, start=1):
        area = services.omrade_create(actor=actor, namn=namn, ordning=order)
        services.bedomning_set(
            actor=actor,
            omrade=area,
            ar=2014,
            niva=None,
            grunder=(
                "Området granskades i fördjupningsgranskningen 2014. 003 återger inte 2014 års "
                "iakttagelser eller nivå, bara att rekommendationerna sedan har följts."
            ),
            kalla="003 Sammanfattning; tabellen Flyktingmottagningen 2014",
        )
        services.bedomning_set(
            actor=actor,
            omrade=area,
            ar=2017,
            niva=None,
            grunder=finding,
            rekommendation=recommendation,
            rekommendation_foljd=True,
            kalla=f"003 Flyktingmottagningen 2014, {namn}; Sammanfattning "
            "(rekommendationer i ursprunglig rapport har följts)",
        )
    overall = services.omrade_create(actor=actor, namn="Samlad bedömning", ordning=0)
    services.bedomning_set(
        actor=actor,
        omrade=overall,
        ar=2017,
        niva=4,
        grunder="Det finns tillfredsställande förutsättningar för måluppfyllelsen.",
        rekommendation_foljd=True,
        kalla="003 Sammanfattning (vår bedömning)",
    )


def _computed(actor: User, mal: Mal, kod: str, target: Decimal | None = None) -> None:
    from mottagning.followup.indicators import REGISTRY

    c = REGISTRY[kod]
    indikator = services.indikator_create(
        actor=actor,
        mal=mal,
        namn=c.namn,
        enhet=c.enhet,
        riktning=c.riktning,
        kalla_typ="beraknad",
        berakning=kod,
        kalla=c.kalla,
    )
    if target is not None:
        services.malvarde_set(actor=actor, indikator=indikator, ar=2018, varde=target)


def _alingsas(m: Municipality, actor: User) -> None:
    un = _committee(m, "un")
    goal = services.mal_create(
        actor=actor,
        niva="langsiktigt",
        titel="En integrerad flyktingverksamhet med effektivare resursutnyttjande",
        beskrivning=(
            "Handlingsplan EFFEKT område #2.1: utreda att samla flyktingverksamheten under "
            "utbildningsnämnden, med fokus på ekonomi, arbetsmiljö och kvalitet."
        ),
        agare_namnd=un,
        giltig_fran=dt.date(2017, 6, 1),
        kalla="000 rad 4–6; 001 Område #2.1, Handlingsplan EFFEKT",
    )
    sub = services.mal_create(
        actor=actor,
        niva="kvalitativt",
        overordnat=goal,
        titel="Nyanlända kommer snabbt i gång med sfi och etablering",
        agare_enhet=_unit(m, "integrationsavdelningen"),
        giltig_fran=dt.date(2018, 1, 1),
        kalla="001 §3.2 (Integrationsavdelningen, Campus Alingsås)",
    )
    for kod in ("sfi_start_tre_manader", "kartlaggning_tre_veckor", "mottagna_mot_kommuntal"):
        _computed(actor, sub, kod)
    plan = services.handlingsplan_create(
        actor=actor, ar=2018, namn="EFFEKT", namnd=un, kalla="001 Område #2.1"
    )
    for titel, namnd, kalla in (
        (
            "Område #2.1: utreda genomförandet av en samlad flyktingverksamhet under "
            "utbildningsnämnden",
            un,
            "000 rad 4–6; 001 inledning",
        ),
        (
            "Behålla gränsdragningen mellan Stöd- och försörjningsenheten och "
            "Integrationsavdelningen",
            _committee(m, "sn"),
            "001 förvaltningarnas förslag",
        ),
        (
            "Integrera stödboende och HVB för barn med och utan erfarenhet av att vara "
            "ensamkommande i en sammanhållen organisation",
            _committee(m, "sn"),
            "001 förvaltningarnas förslag",
        ),
    ):
        services.planaktivitet_create(
            actor=actor,
            plan=plan,
            mal=goal,
            titel=titel,
            ansvarig_namnd=namnd,
            grund="lokalt_initiativ",
            niva="strategisk",
            forfaller=dt.date(2018, 12, 31),
            kalla=kalla,
        )


def _vingaker(m: Municipality, actor: User) -> None:
    ie = _unit(m, "integrationsenheten")
    goal = services.mal_create(
        actor=actor,
        niva="langsiktigt",
        titel="Allas delaktighet på lika villkor i samhällslivet",
        agare_namnd=_committee(m, "sn"),
        agare_enhet=ie,
        giltig_fran=dt.date(2018, 1, 1),
        kalla="002 §3.2.2 Mål",
    )
    subs = {
        titel: services.mal_create(
            actor=actor,
            niva="kvalitativt",
            overordnat=goal,
            titel=titel,
            agare_enhet=ie,
            giltig_fran=dt.date(2018, 1, 1),
            kalla="002 §3.2.2 Mål",
        )
        for titel in (
            "Etablering i form av självförsörjning",
            "Aktivt deltagande i samhällslivet, föreningar, valdeltagande",
            "Frånvaro av segregation",
        )
    }
    first = subs["Etablering i form av självförsörjning"]
    _computed(actor, first, "sfi_start_tre_manader")
    _computed(actor, first, "mottagna_mot_kommuntal")
    plan = services.handlingsplan_create(
        actor=actor,
        ar=2018,
        namn="Integrationsenhetens handlingsplan",
        namnd=_committee(m, "sn"),
        kalla="002 §3",
    )
    services.planaktivitet_create(
        actor=actor,
        plan=plan,
        mal=goal,
        titel="Integrationsenheten bildas under socialnämnden",
        ansvarig_namnd=_committee(m, "sn"),
        grund="lokalt_initiativ",
        niva="strategisk",
        forfaller=dt.date(2018, 12, 31),
        kalla="002 §3 (En integrationsenhet bildas under socialnämnden)",
    )
    services.planaktivitet_create(
        actor=actor,
        plan=plan,
        mal=first,
        titel="Tidiga insatser redan för asylsökande för att förkorta etableringen",
        ansvarig_enhet=ie,
        grund="lokalt_initiativ",
        niva="operativ",
        forfaller=dt.date(2018, 12, 31),
        kalla="002 §3.2.1 (policy: tidiga insatser redan för de asylsökande)",
    )


def _ekero(m: Municipality, actor: User) -> None:
    bun, kfn = _committee(m, "bun"), _committee(m, "kfn")
    centre = services.mal_create(
        actor=actor,
        niva="langsiktigt",
        titel="En väg in – många vägar ut: ett samlat mottagande i Centrum för nyanlända",
        agare_namnd=bun,
        agare_enhet=_unit(m, "centrum_nyanlanda"),
        giltig_fran=dt.date(2015, 8, 1),
        kalla="004 Barn- och utbildning",
    )
    mapping = services.mal_create(
        actor=actor,
        niva="kvalitativt",
        overordnat=centre,
        titel="Den första kartläggningen tar högst tre veckor",
        agare_enhet=_unit(m, "centrum_nyanlanda"),
        giltig_fran=dt.date(2015, 8, 1),
        kalla="004 Barn- och utbildning (maximalt tre veckor)",
    )
    # "ska vara maximalt tre veckor": every newcomer, so the target is all of them.
    _computed(actor, mapping, "kartlaggning_tre_veckor", target=Decimal(100))
    network = services.mal_create(
        actor=actor,
        niva="langsiktigt",
        titel="En organisation för strategisk integration med tydlig ansvarsfördelning mellan "
        "kommunen och det civila samhället",
        agare_namnd=kfn,
        giltig_fran=dt.date(2015, 9, 1),
        giltig_till=dt.date(2017, 3, 31),
        kalla="004 Kultur- och fritid (Målet är att)",
    )
    meeting = services.mal_create(
        actor=actor,
        niva="kvalitativt",
        overordnat=network,
        titel="Minst en helt ny mötesplats mellan nyanlända och Ekerös befolkning",
        agare_enhet=_unit(m, "kultur_fritid"),
        giltig_fran=dt.date(2015, 9, 1),
        giltig_till=dt.date(2017, 3, 31),
        kalla="004 Kultur- och fritid (Målet är att)",
    )
    places = services.indikator_create(
        actor=actor,
        mal=meeting,
        namn="Antal nya mötesplatser",
        enhet="antal",
        riktning="hogre",
        kalla_typ="manuell",
        kalla="004 Kultur- och fritid",
    )
    services.malvarde_set(actor=actor, indikator=places, ar=2017, varde=Decimal(1))
    plan = services.handlingsplan_create(
        actor=actor, ar=2018, namn="Mottagande och civilsamhälle", kalla="004"
    )
    for titel, ansvar, grund, niva, mal, kalla in (
        (
            "Första kartläggning (pedagogisk, medicinsk och social) av alla nyanlända vid "
            "Centrum för nyanlända",
            _unit(m, "centrum_nyanlanda"),
            "lagkrav",
            "operativ",
            mapping,
            "004 Barn- och utbildning; skollagen (2010:800) 3 kap. 12 c §",
        ),
        (
            "Nätverk av aktörer från civilsamhället för möten mellan nyanlända och Ekerös "
            "befolkning",
            _unit(m, "kultur_fritid"),
            "lokalt_initiativ",
            "strategisk",
            network,
            "004 Kultur- och fritid",
        ),
        (
            "Ekonomiskt stöd till föreningar som genomför integrationsinsatser",
            _unit(m, "kultur_fritid"),
            "lokalt_initiativ",
            "operativ",
            network,
            "004 Kultur- och fritid",
        ),
    ):
        services.planaktivitet_create(
            actor=actor,
            plan=plan,
            mal=mal,
            titel=titel,
            ansvarig_enhet=ansvar,
            grund=grund,
            niva=niva,
            forfaller=dt.date(2018, 12, 31),
            kalla=kalla,
        )


FILL = {"ostersund": _ostersund, "alingsas": _alingsas, "vingaker": _vingaker, "ekero": _ekero}


def fill(*, kommun: str, actor: User) -> int:
    """The municipality's follow-up, once; returns the number of goals (0 if already there)."""
    m = Municipality.objects.get(kod=kommun)
    if kommun not in FILL or Mal.objects.filter(municipality=m).exists():
        return 0
    if Granskningsomrade.objects.filter(municipality=m).exists():
        return 0
    FILL[kommun](m, actor)
    return Mal.objects.filter(municipality=m).count()


def fill_any(kommun: str) -> str:
    actor = User.objects.get(username=f"{kommun}.strateg")
    n = fill(kommun=kommun, actor=actor)
    return f"{n} mål" if n else "fanns"
