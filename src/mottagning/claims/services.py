"""Every write of the economy: keyword-only, one transaction, validated, with history (who and
why) in the same transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mottagning.accounts.models import User
from mottagning.claims import imports, periods
from mottagning.claims.models import (
    AVSLAG,
    BEVILJAD,
    DELVIS_BEVILJAD,
    INSKICKAD,
    KOSTNADER,
    OVERKLAGAD,
    UTBETALD,
    UTKAST,
    Ansokan,
    AnsokanHandelse,
    AnsokanRad,
    EkonomiImport,
    Kostnad,
    Utbetalning,
)
from mottagning.claims.types import CLAIM_TYPES, PLACERING
from mottagning.placements.models import HOME_FORMS, Placering
from mottagning.placements.selectors import municipality_placement_costs
from mottagning.register.import_batches import PENDING_LIFETIME, upload_limit_bytes
from mottagning.register.imports import FileFormatError, read_rows
from mottagning.register.models import Municipality, Person, Unit

# The claim's state machine: from each status, the statuses it may move to. A refusal or a
# partly granted claim can be appealed; an appeal ends in a new decision.
TRANSITIONS: dict[str, frozenset[str]] = {
    UTKAST: frozenset({INSKICKAD}),
    INSKICKAD: frozenset({BEVILJAD, DELVIS_BEVILJAD, AVSLAG}),
    BEVILJAD: frozenset({UTBETALD}),
    DELVIS_BEVILJAD: frozenset({UTBETALD, OVERKLAGAD}),
    AVSLAG: frozenset({OVERKLAGAD}),
    UTBETALD: frozenset({OVERKLAGAD}),
    OVERKLAGAD: frozenset({BEVILJAD, DELVIS_BEVILJAD, AVSLAG}),
}


def _record(instance: object, *, actor: User | None, reason: str) -> None:
    # django-simple-history reads these when the instance is saved: who and why.
    instance._history_user = actor  # type: ignore[attr-defined]
    instance._change_reason = reason  # type: ignore[attr-defined]


def validate_kostnad(kostnad: Kostnad) -> None:
    errors: dict[str, str] = {}
    if kostnad.till < kostnad.fran:
        errors["till"] = _("Slutdatumet ligger före startdatumet.")
    elif periods.quarter_of(kostnad.fran) != periods.quarter_of(kostnad.till):
        errors["till"] = _(
            "En kostnad gäller ett kvartal i taget, eftersom ersättningen söks per kvartal. "
            "Dela upp kostnaden per kvartal."
        )
    if kostnad.belopp < 0:
        errors["belopp"] = _(
            "Beloppet kan inte vara negativt; registrera en kreditering som "
            "en ändring av den ursprungliga kostnaden."
        )
    if kostnad.enhet.municipality_id != kostnad.municipality_id:
        errors["enhet"] = _("Enheten hör till en annan kommun.")
    if kostnad.slag == PLACERING:
        if not kostnad.anordnare.strip():
            errors["anordnare"] = _("Skriv vem som fakturerade placeringen.")
        if kostnad.dagar is None:
            errors["dagar"] = _("Skriv hur många dygn fakturan gäller.")
        elif (
            kostnad.till >= kostnad.fran and kostnad.dagar > (kostnad.till - kostnad.fran).days + 1
        ):
            errors["dagar"] = _("Fler dygn än det finns dagar mellan från och till.")
    elif kostnad.placering_id is not None:
        errors["placering"] = _("Bara en placeringsfaktura kan höra till en placering.")
    if kostnad.placering is not None and kostnad.placering.person_id != kostnad.person_id:
        errors["placering"] = _("Placeringen hör till en annan person.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def kostnad_create(
    *,
    actor: User,
    person: Person,
    enhet: Unit,
    slag: str,
    fran: dt.date,
    till: dt.date,
    belopp: Decimal,
    anordnare: str = "",
    dagar: int | None = None,
    placering: Placering | None = None,
    verifikation: str = "",
    reason: str = "",
) -> Kostnad:
    if person.municipality_id != actor.municipality_id:
        raise ValidationError({"person": _("Personen finns inte i din kommun.")})
    kostnad = Kostnad(
        municipality_id=person.municipality_id,
        person=person,
        enhet=enhet,
        slag=slag,
        fran=fran,
        till=till,
        belopp=belopp,
        anordnare=anordnare.strip(),
        dagar=dagar,
        placering=placering,
        verifikation=verifikation.strip(),
    )
    kostnad.full_clean()
    validate_kostnad(kostnad)
    _record(kostnad, actor=actor, reason=reason or _("Ny kostnad"))
    kostnad.save()
    return kostnad


@transaction.atomic
def kostnad_delete(*, actor: User, kostnad: Kostnad, reason: str) -> None:
    """Remove a cost entered by mistake. A cost already in a claim that left the draft stage
    stays: the claim sent to Migrationsverket rests on it."""
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv varför kostnaden tas bort.")})
    if AnsokanRad.objects.filter(kostnad=kostnad).exclude(ansokan__status=UTKAST).exists():
        raise ValidationError(_("Kostnaden ingår i en inskickad ansökan och kan inte tas bort."))
    AnsokanRad.objects.filter(kostnad=kostnad).delete()
    _record(kostnad, actor=actor, reason=reason)
    kostnad.delete()


def claim_lines(
    *, municipality_id: int, typ: str, fran: dt.date, till: dt.date
) -> list[AnsokanRad]:
    """The claim's lines: the costs of the type's kinds in the quarter, and for placements the
    placements app's cost per day except where an invoice for the placement covers the quarter
    (an invoice is the actual cost; the day rate is what it would be without one)."""
    claim_type = CLAIM_TYPES[typ]
    costs = list(
        Kostnad.objects.filter(
            municipality_id=municipality_id,
            slag__in=claim_type.cost_kinds,
            fran__gte=fran,
            till__lte=till,
        ).order_by("person_id", "fran", "pk")
    )
    lines = [
        AnsokanRad(
            person_id=c.person_id,
            belopp=c.belopp,
            dagar=c.dagar,
            kostnad=c,
            beskrivning=(
                f"{c.get_slag_display()} {c.fran.isoformat()}–{c.till.isoformat()}"
                + (f", {c.anordnare}" if c.anordnare else "")
                + (f" ({c.verifikation})" if c.verifikation else "")
            )[:300],
        )
        for c in costs
    ]
    if claim_type.from_placements:
        invoiced = {c.placering_id for c in costs if c.placering_id is not None}
        placement_rows = municipality_placement_costs(
            municipality_id=municipality_id, fran=fran, till=till
        )
        forms = dict(
            Placering.objects.filter(pk__in=[p.placering_id for p in placement_rows]).values_list(
                "pk", "form"
            )
        )
        for row in placement_rows:
            if forms.get(row.placering_id) not in HOME_FORMS or row.placering_id in invoiced:
                continue
            lines.append(
                AnsokanRad(
                    person_id=row.person_id,
                    belopp=row.kostnad,
                    dagar=row.dagar,
                    placering_id=row.placering_id,
                    beskrivning=_("Placering %(id)s: %(dagar)s dygn × dygnskostnad")
                    % {"id": row.placering_id, "dagar": row.dagar},
                )
            )
    return lines


@transaction.atomic
def ansokan_generate(
    *, actor: User | None, municipality: Municipality, typ: str, ar: int, kvartal: int
) -> Ansokan:
    """Create or bring up to date the claim of one type and quarter from the register. Only a
    draft is recomputed: once sent, a claim is what Migrationsverket received. Safe to run any
    number of times (the nightly job does)."""
    if typ not in CLAIM_TYPES:
        raise ValidationError({"typ": _("Okänd ansökningstyp ”%(typ)s”.") % {"typ": typ}})
    if kvartal not in (1, 2, 3, 4):
        raise ValidationError({"kvartal": _("Kvartalet ska vara 1, 2, 3 eller 4.")})
    if actor is not None and actor.municipality_id != municipality.pk:
        raise ValidationError(_("Du kan bara skapa ansökningar för din egen kommun."))
    fran, till = periods.quarter_bounds(ar, kvartal)
    ansokan = (
        Ansokan.objects.select_for_update()
        .filter(municipality=municipality, typ=typ, ar=ar, kvartal=kvartal)
        .first()
    )
    created = ansokan is None
    if ansokan is None:
        ansokan = Ansokan(municipality=municipality, typ=typ, ar=ar, kvartal=kvartal)
    elif ansokan.status != UTKAST:
        raise ValidationError(
            _("Ansökan är redan %(status)s och räknas inte om.")
            % {"status": ansokan.get_status_display().lower()}
        )
    lines = claim_lines(municipality_id=municipality.pk, typ=typ, fran=fran, till=till)
    total = sum((line.belopp for line in lines), Decimal("0.00"))
    deadline = periods.deadline(CLAIM_TYPES[typ].deadline_parameter, till)
    old = (
        None
        if created
        else (
            ansokan.belopp_ansokt,
            ansokan.ansok_senast,
            sorted(
                (r.person_id, r.belopp, r.kostnad_id, r.placering_id) for r in ansokan.rader.all()
            ),
        )
    )
    new = (
        total,
        deadline,
        sorted((r.person_id, r.belopp, r.kostnad_id, r.placering_id) for r in lines),
    )
    if old == new:
        return ansokan  # nothing changed: no new history row
    ansokan.fran, ansokan.till = fran, till
    ansokan.ansok_senast = deadline
    ansokan.belopp_ansokt = total
    ansokan.full_clean()
    _record(ansokan, actor=actor, reason=_("Ny ansökan") if created else _("Räknad om"))
    ansokan.save()
    if created:
        AnsokanHandelse.objects.create(
            ansokan=ansokan, status=UTKAST, datum=timezone.localdate(), av=actor
        )
    ansokan.rader.all().delete()
    for line in lines:
        line.ansokan = ansokan
    AnsokanRad.objects.bulk_create(lines)
    return ansokan


@transaction.atomic
def ansokan_status_change(
    *,
    actor: User,
    ansokan: Ansokan,
    status: str,
    datum: dt.date,
    belopp: Decimal | None = None,
    notering: str = "",
) -> Ansokan:
    """Move a claim to its next status, with who, when, the amount and a note."""
    ansokan = Ansokan.objects.select_for_update().get(pk=ansokan.pk)
    if ansokan.municipality_id != actor.municipality_id:
        raise ValidationError(_("Ansökan hör till en annan kommun."))
    allowed = TRANSITIONS[ansokan.status]
    if status not in allowed:
        labels = dict(Ansokan._meta.get_field("status").choices or [])
        raise ValidationError(
            {
                "status": _(
                    "En ansökan som är %(from)s kan inte bli %(to)s. Möjligt nästa steg: "
                    "%(allowed)s."
                )
                % {
                    "from": str(labels[ansokan.status]).lower(),
                    "to": str(labels.get(status, status)).lower(),
                    "allowed": ", ".join(sorted(str(labels[s]).lower() for s in allowed)),
                }
            }
        )
    if belopp is not None and belopp < 0:
        raise ValidationError({"belopp": _("Beloppet kan inte vara negativt.")})
    if status in (BEVILJAD, UTBETALD) and belopp is None:
        belopp = ansokan.belopp_beviljat if status == UTBETALD else ansokan.belopp_ansokt
    if status == DELVIS_BEVILJAD and (belopp is None or belopp >= ansokan.belopp_ansokt):
        raise ValidationError(
            {
                "belopp": _(
                    "Skriv det beviljade beloppet; vid delvis bifall är det mindre än det "
                    "ansökta (%(ansokt)s kr)."
                )
                % {"ansokt": ansokan.belopp_ansokt}
            }
        )
    if status == AVSLAG:
        belopp = Decimal("0.00")
    if status == OVERKLAGAD and not notering.strip():
        raise ValidationError({"notering": _("Skriv vad överklagandet gäller.")})
    if status in (BEVILJAD, DELVIS_BEVILJAD, AVSLAG):
        ansokan.belopp_beviljat = belopp
    if status == UTBETALD:
        ansokan.belopp_utbetalt = belopp
    previous = ansokan.status
    ansokan.status = status
    ansokan.full_clean()
    _record(
        ansokan,
        actor=actor,
        reason=_("Status %(from)s → %(to)s") % {"from": previous, "to": status},
    )
    ansokan.save()
    AnsokanHandelse.objects.create(
        ansokan=ansokan,
        status=status,
        datum=datum,
        belopp=belopp if status != INSKICKAD else ansokan.belopp_ansokt,
        notering=notering.strip(),
        av=actor,
    )
    return ansokan


class ImportAlreadyCommittedError(Exception):
    """Another request committed this file first."""


@transaction.atomic
def ekonomi_import_create(*, actor: User, slag: str, upload: UploadedFile[bytes]) -> EkonomiImport:
    """Store an uploaded cost or payment-decision file for its preview. Refuses files over the
    upload limit and files that cannot be read at all."""
    limit = upload_limit_bytes()
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            {
                "fil": _(
                    "Filen är för stor. Största tillåtna storlek är %(limit)s MB. Dela upp filen "
                    "i flera mindre och importera dem en i taget."
                )
                % {"limit": limit // (1024 * 1024)}
            }
        )
    if actor.municipality_id is None:
        raise ValidationError(_("Ditt konto hör inte till någon kommun."))
    content = upload.read()
    required = imports.COST_REQUIRED if slag == KOSTNADER else imports.PAYMENT_REQUIRED
    columns = imports.COST_COLUMNS if slag == KOSTNADER else imports.PAYMENT_COLUMNS
    try:
        read_rows(content, upload.name or "", required=required, columns=columns)
    except FileFormatError as exc:
        raise ValidationError({"fil": str(exc)}) from None
    batch = EkonomiImport(
        municipality_id=actor.municipality_id,
        slag=slag,
        user=actor,
        filnamn=(upload.name or "")[:255],
        innehall=content,
    )
    batch.full_clean()
    _record(batch, actor=actor, reason=_("Uppladdad för förhandsvisning"))
    batch.save()
    return batch


@transaction.atomic
def ekonomi_import_commit(*, actor: User, batch_id: int) -> EkonomiImport:
    """Store the file's rows, all or nothing, exactly once (the claim on the batch is a
    conditional UPDATE in the same transaction, as in register.import_batches)."""
    claimed = EkonomiImport.objects.filter(pk=batch_id, user=actor, genomford__isnull=True).update(
        genomford=timezone.now()
    )
    if not claimed:
        raise ImportAlreadyCommittedError
    batch = EkonomiImport.objects.get(pk=batch_id)
    plan = imports.plan_file(
        slag=batch.slag,
        content=bytes(batch.innehall),
        filename=batch.filnamn,
        municipality_id=batch.municipality_id,
    )
    if not plan.ok:
        raise ValidationError(_("Filen har fel och importerades inte."))
    reason = _("Import av %(f)s") % {"f": batch.filnamn}
    for row in plan.rows:
        data = {k: v for k, v in row.items() if k != "row"}
        if batch.slag == KOSTNADER:
            kostnad_create(actor=actor, reason=reason, **data)
        else:
            utbetalning = Utbetalning(
                municipality_id=batch.municipality_id,
                filnamn=batch.filnamn,
                importerad_av=actor,
                **data,
            )
            utbetalning.full_clean()
            _record(utbetalning, actor=actor, reason=reason)
            utbetalning.save()
    batch.antal = len(plan.rows)
    batch.innehall = b""  # the rows now live in the economy tables; no second copy
    _record(batch, actor=actor, reason=_("Importen är genomförd"))
    batch.save()
    return batch


@transaction.atomic
def ekonomi_import_purge_stale(*, now: dt.datetime | None = None) -> int:
    """Remove uploaded files never committed, after the register's PENDING_LIFETIME."""
    cutoff = (now or timezone.now()) - PENDING_LIFETIME
    stale = list(EkonomiImport.objects.filter(genomford__isnull=True, skapad__lt=cutoff))
    for batch in stale:
        _record(batch, actor=None, reason=_("Borttagen: inte genomförd inom ett dygn"))
        batch.delete()
    return len(stale)
