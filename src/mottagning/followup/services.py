"""Every write of the follow-up: keyword-only, one transaction, validated (full_clean), with who
and why in django-simple-history. The acting user's municipality is the tenant: a row of another
municipality is refused here whatever the caller checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mottagning.accounts.models import User
from mottagning.config.converters import whole_number
from mottagning.followup.models import (
    IMPORTERAD,
    MANUELL,
    Bedomning,
    Granskningsomrade,
    Handlingsplan,
    Indikator,
    Mal,
    Malvarde,
    PlanAktivitet,
    Utfall,
)
from mottagning.register.imports import FileFormatError, read_rows
from mottagning.register.models import Committee, Unit
from mottagning.register.services import validated_save


def _own(actor: User, municipality_id: int) -> None:
    if actor.municipality_id != municipality_id:
        raise ValidationError(_("Raden hör till en annan kommun än din."))


@transaction.atomic
def mal_create(
    *,
    actor: User,
    niva: str,
    titel: str,
    giltig_fran: dt.date,
    overordnat: Mal | None = None,
    agare_namnd: Committee | None = None,
    agare_enhet: Unit | None = None,
    giltig_till: dt.date | None = None,
    beskrivning: str = "",
    kalla: str = "",
) -> Mal:
    if actor.municipality_id is None:
        raise ValidationError(_("Ditt konto hör inte till någon kommun."))
    mal = Mal(
        municipality_id=actor.municipality_id,
        niva=niva,
        titel=titel.strip(),
        giltig_fran=giltig_fran,
        giltig_till=giltig_till,
        overordnat=overordnat,
        agare_namnd=agare_namnd,
        agare_enhet=agare_enhet,
        beskrivning=beskrivning.strip(),
        kalla=kalla.strip(),
    )
    validated_save(mal, actor=actor, reason=_("Mål skapat"))
    return mal


@transaction.atomic
def mal_update(
    *,
    actor: User,
    mal: Mal,
    titel: str,
    giltig_fran: dt.date,
    giltig_till: dt.date | None,
    agare_namnd: Committee | None,
    agare_enhet: Unit | None,
    beskrivning: str = "",
    kalla: str = "",
) -> Mal:
    _own(actor, mal.municipality_id)
    mal.titel = titel.strip()
    mal.giltig_fran = giltig_fran
    mal.giltig_till = giltig_till
    mal.agare_namnd = agare_namnd
    mal.agare_enhet = agare_enhet
    mal.beskrivning = beskrivning.strip()
    mal.kalla = kalla.strip()
    validated_save(mal, actor=actor, reason=_("Mål ändrat"))
    return mal


@transaction.atomic
def indikator_create(
    *,
    actor: User,
    namn: str,
    enhet: str,
    riktning: str,
    kalla_typ: str,
    mal: Mal | None = None,
    berakning: str = "",
    kolada_kpi: str = "",
    kalla: str = "",
) -> Indikator:
    if actor.municipality_id is None:
        raise ValidationError(_("Ditt konto hör inte till någon kommun."))
    indikator = Indikator(
        municipality_id=actor.municipality_id,
        mal=mal,
        namn=namn.strip(),
        enhet=enhet.strip(),
        riktning=riktning,
        kalla_typ=kalla_typ,
        berakning=berakning.strip(),
        kolada_kpi=kolada_kpi.strip().upper(),
        kalla=kalla.strip(),
    )
    validated_save(indikator, actor=actor, reason=_("Indikator skapad"))
    return indikator


@transaction.atomic
def malvarde_set(*, actor: User, indikator: Indikator, ar: int, varde: Decimal) -> Malvarde:
    _own(actor, indikator.municipality_id)
    target = Malvarde.objects.filter(indikator=indikator, ar=ar).first() or Malvarde(
        indikator=indikator, ar=ar
    )
    target.varde = varde
    validated_save(target, actor=actor, reason=_("Målvärde satt"))
    return target


@transaction.atomic
def utfall_set(
    *, actor: User, indikator: Indikator, ar: int, varde: Decimal, kommentar: str, kon: str = "T"
) -> Utfall:
    """An outcome entered by hand, always with a comment saying where it comes from."""
    _own(actor, indikator.municipality_id)
    if indikator.kalla_typ != MANUELL:
        raise ValidationError(
            _("Utfallet för en beräknad eller importerad indikator förs inte in för hand.")
        )
    outcome = Utfall.objects.filter(indikator=indikator, ar=ar, kon=kon, kommunkod="").first()
    outcome = outcome or Utfall(indikator=indikator, ar=ar, kon=kon, kommunkod="")
    outcome.varde = varde
    outcome.kommentar = kommentar.strip()
    outcome.kalla_typ = MANUELL
    validated_save(outcome, actor=actor, reason=_("Utfall infört"))
    return outcome


# --- the Kolada-format import ------------------------------------------------------------

KOLADA_COLUMNS = ("kpi", "municipality", "period", "gender", "value")


@dataclass
class KoladaRow:
    line: int
    kpi: str
    kommunkod: str
    ar: int
    kon: str
    varde: Decimal
    indikator: Indikator


@dataclass
class KoladaPreview:
    rows: list[KoladaRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def kolada_preview(*, actor: User, content: bytes) -> KoladaPreview:
    """Read a Kolada-format file (CSV with the columns kpi, municipality, period, gender and
    value, as Kolada's API names them; semicolon or comma) without writing anything. Every row
    is checked; each error names the line, the column and how to fix it."""
    preview = KoladaPreview()
    # The register import's reader: one place that knows CSV's traps (encoding, delimiter, a
    # bare CR, an unclosed quote, an overlong field, more values than columns).
    try:
        rows = read_rows(content, "kolada.csv", required=KOLADA_COLUMNS, columns=KOLADA_COLUMNS)
    except FileFormatError as exc:
        preview.errors.append(str(exc))
        return preview
    indicators = {
        i.kolada_kpi: i
        for i in Indikator.objects.filter(municipality_id=actor.municipality_id or 0).exclude(
            kolada_kpi=""
        )
    }
    seen: set[tuple[str, str, int, str]] = set()
    for number, row in rows:
        where = _("Rad %(n)d") % {"n": number}
        kpi = row["kpi"].upper()
        indikator = indicators.get(kpi)
        problems: list[str] = []
        if indikator is None:
            problems.append(
                _(
                    "kpi %(k)s hör inte till någon av kommunens indikatorer; lägg till "
                    "Kolada-nyckeltalet på indikatorn först"
                )
                % {"k": kpi or "—"}
            )
        kod = row["municipality"]
        if whole_number(kod) is None or len(kod) != 4:
            problems.append(_("municipality ska vara en kommunkod med fyra siffror, t.ex. 1489"))
        try:
            ar = int(row["period"])
            if not 2000 <= ar <= 2199:
                raise ValueError
        except ValueError:
            ar = 0
            problems.append(_("period ska vara ett år, t.ex. 2018"))
        kon = row["gender"].upper() or "T"
        if kon not in ("T", "K", "M"):
            problems.append(_("gender ska vara T, K eller M"))
        try:
            varde = Decimal(row["value"].replace(",", ".").replace("\u00a0", "").replace(" ", ""))
            if not varde.is_finite() or abs(varde) >= Decimal("1e12"):
                raise InvalidOperation
        except InvalidOperation:
            varde = Decimal(0)
            problems.append(_("value ska vara ett tal, t.ex. 42,5"))
        key = (kpi, kod, ar, kon)
        if not problems and key in seen:
            problems.append(_("samma kpi, kommun, år och kön finns redan på en tidigare rad"))
        seen.add(key)
        if problems:
            preview.errors.append(f"{where}: " + "; ".join(problems) + ".")
        else:
            assert indikator is not None
            preview.rows.append(KoladaRow(number, kpi, kod, ar, kon, varde, indikator))
    if not preview.rows and not preview.errors:
        preview.errors.append(_("Filen har inga rader under rubrikraden."))
    return preview


@transaction.atomic
def kolada_import(*, actor: User, content: bytes) -> int:
    """All or nothing: any row with an error refuses the whole file. Returns rows written."""
    preview = kolada_preview(actor=actor, content=content)
    if not preview.ok:
        raise ValidationError(preview.errors or [_("Filen har inga rader.")])
    for row in preview.rows:
        outcome = Utfall.objects.filter(
            indikator=row.indikator, ar=row.ar, kon=row.kon, kommunkod=row.kommunkod
        ).first() or Utfall(
            indikator=row.indikator, ar=row.ar, kon=row.kon, kommunkod=row.kommunkod
        )
        outcome.varde = row.varde
        outcome.kalla_typ = IMPORTERAD
        outcome.kommentar = _("Importerat från Kolada-fil")
        validated_save(outcome, actor=actor, reason=_("Kolada-import"))
    return len(preview.rows)


# --- action plans -------------------------------------------------------------------------


@transaction.atomic
def handlingsplan_create(
    *, actor: User, ar: int, namn: str, namnd: Committee | None = None, kalla: str = ""
) -> Handlingsplan:
    if actor.municipality_id is None:
        raise ValidationError(_("Ditt konto hör inte till någon kommun."))
    plan = Handlingsplan(
        municipality_id=actor.municipality_id, ar=ar, namn=namn.strip(), namnd=namnd, kalla=kalla
    )
    validated_save(plan, actor=actor, reason=_("Handlingsplan skapad"))
    return plan


@transaction.atomic
def planaktivitet_create(
    *,
    actor: User,
    plan: Handlingsplan,
    titel: str,
    grund: str,
    niva: str,
    forfaller: dt.date,
    mal: Mal | None = None,
    ansvarig_namnd: Committee | None = None,
    ansvarig_enhet: Unit | None = None,
    status: str = "ej_paborjad",
    uppfoljning: str = "",
    kalla: str = "",
) -> PlanAktivitet:
    _own(actor, plan.municipality_id)
    activity = PlanAktivitet(
        plan=plan,
        mal=mal,
        titel=titel.strip(),
        grund=grund,
        niva=niva,
        forfaller=forfaller,
        ansvarig_namnd=ansvarig_namnd,
        ansvarig_enhet=ansvarig_enhet,
        status=status,
        uppfoljning=uppfoljning.strip(),
        kalla=kalla.strip(),
    )
    validated_save(activity, actor=actor, reason=_("Aktivitet tillagd i handlingsplanen"))
    return activity


@transaction.atomic
def planaktivitet_follow_up(
    *, actor: User, aktivitet: PlanAktivitet, status: str, uppfoljning: str
) -> PlanAktivitet:
    _own(actor, aktivitet.plan.municipality_id)
    aktivitet.status = status
    aktivitet.uppfoljning = uppfoljning.strip()
    validated_save(aktivitet, actor=actor, reason=_("Aktiviteten följd upp"))
    return aktivitet


# --- assessments --------------------------------------------------------------------------


@transaction.atomic
def omrade_create(*, actor: User, namn: str, ordning: int = 0) -> Granskningsomrade:
    if actor.municipality_id is None:
        raise ValidationError(_("Ditt konto hör inte till någon kommun."))
    omrade = Granskningsomrade(
        municipality_id=actor.municipality_id, namn=namn.strip(), ordning=ordning
    )
    validated_save(omrade, actor=actor, reason=_("Granskningsområde skapat"))
    return omrade


@transaction.atomic
def bedomning_set(
    *,
    actor: User,
    omrade: Granskningsomrade,
    ar: int,
    niva: int | None,
    grunder: str,
    rekommendation: str = "",
    rekommendation_foljd: bool | None = None,
    kalla: str = "",
) -> Bedomning:
    """The area's assessment for the year; a second one for the same year replaces it, and the
    history keeps the first."""
    _own(actor, omrade.municipality_id)
    bedomning = Bedomning.objects.filter(omrade=omrade, ar=ar).first() or Bedomning(
        omrade=omrade, ar=ar
    )
    bedomning.niva = niva
    bedomning.grunder = grunder.strip()
    bedomning.rekommendation = rekommendation.strip()
    bedomning.rekommendation_foljd = rekommendation_foljd
    bedomning.kalla = kalla.strip()
    validated_save(bedomning, actor=actor, reason=_("Bedömning skriven"))
    return bedomning
