"""Every write of the economy: keyword-only, one transaction, validated, with history (who and
why) in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mottagning.accounts.models import User
from mottagning.cases.services import event_arrays
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
    ForvantadPost,
    Kostnad,
    ParameterVarde,
    Utbetalning,
)
from mottagning.claims.types import CLAIM_TYPES, PLACEMENT_KINDS
from mottagning.history import history_record
from mottagning.placements.models import HOME_FORMS, LVU, Placering
from mottagning.placements.selectors import municipality_placement_costs
from mottagning.register.import_batches import PENDING_LIFETIME, upload_limit_bytes
from mottagning.register.imports import FileFormatError, read_rows
from mottagning.register.models import Municipality, Person, Unit
from mottagning.register.services import validate_instance, validated_save
from mottagning.rules import compensation
from mottagning.rules.codes import KOSTNADSTYP
from mottagning.rules.dates import days
from mottagning.rules.params import ParameterError, ParameterSet, load_parameters
from mottagning.rules.profile import compiled

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
    if kostnad.slag in PLACEMENT_KINDS:
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
    elif kostnad.placering is not None and (kostnad.placering.grund == LVU) != (
        kostnad.slag == "lvu_placering"
    ):
        errors["slag"] = _(
            "Placeringen är beslutad enligt %(grund)s; välj slaget som hör till den grunden."
        ) % {"grund": kostnad.placering.grund}
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
    validate_instance(kostnad)
    validate_kostnad(kostnad)
    history_record(kostnad, actor=actor, reason=reason or _("Ny kostnad"))
    kostnad.save()
    return kostnad


@transaction.atomic
def kostnad_delete(*, actor: User, kostnad: Kostnad, reason: str) -> None:
    """Remove a cost entered by mistake. A cost already in a claim that left the draft stage
    stays: the claim sent to Migrationsverket rests on it."""
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv varför kostnaden tas bort.")})
    ar, kvartal = periods.quarter_of(kostnad.fran)
    sent = Ansokan.objects.filter(
        municipality_id=kostnad.municipality_id,
        typ=kostnad.slag,
        ar=ar,
        kvartal=kvartal,
        rader__person_id=kostnad.person_id,
    ).exclude(status=UTKAST)
    if sent.exists():
        raise ValidationError(_("Kostnaden ingår i en inskickad ansökan och kan inte tas bort."))
    history_record(kostnad, actor=actor, reason=reason)
    kostnad.delete()


def register_costs(
    *, municipality_id: int, person_ids: list[int], fran: dt.date, till: dt.date
) -> list[list[compensation.Kostnad]]:
    """The persons' actual costs in [fran, till] as the engine's input, in `person_ids` order:
    the costs entered or imported, and the placements app's cost per day for each placement in
    a home (LVU or SoL by its ground) in every quarter no invoice for that placement covers.
    So a placement is never entered twice (issue #11)."""
    index = {pid: i for i, pid in enumerate(person_ids)}
    out: list[list[compensation.Kostnad]] = [[] for _pid in person_ids]
    invoiced: set[tuple[int, tuple[int, int]]] = set()
    for k in Kostnad.objects.filter(
        person_id__in=person_ids, fran__lte=till, till__gte=fran, slag__in=KOSTNADSTYP
    ).order_by("person_id", "fran", "pk"):
        out[index[k.person_id]].append(
            compensation.Kostnad(typ=k.slag, fran=k.fran, till=k.till, belopp=k.belopp)
        )
        if k.placering_id is not None:
            invoiced.add((k.placering_id, periods.quarter_of(k.fran)))
    homes = {
        pk: (grund, start)
        for pk, grund, start in Placering.objects.filter(
            person_id__in=person_ids, form__in=HOME_FORMS, start__lte=till
        ).values_list("pk", "grund", "start")
    }
    if not homes:
        return out
    for ar, kvartal in periods.quarters(fran, till):
        q_from, q_to = periods.quarter_bounds(ar, kvartal)
        for row in municipality_placement_costs(
            municipality_id=municipality_id, fran=max(q_from, fran), till=min(q_to, till)
        ):
            if row.placering_id not in homes or (row.placering_id, (ar, kvartal)) in invoiced:
                continue
            grund, start = homes[row.placering_id]
            # The placement's days in the quarter run from its first day there, without gaps.
            first = max(q_from, fran, start)
            out[index[row.person_id]].append(
                compensation.Kostnad(
                    typ="lvu_placering" if grund == LVU else "sol_placering",
                    fran=first,
                    till=first + dt.timedelta(days=row.dagar - 1),
                    belopp=row.kostnad,
                )
            )
    return out


def parameters(*, municipality_id: int) -> ParameterSet:
    """The bundled parameters with the values the municipality's users entered where a year
    was carried forward as an antagande (ParameterVarde)."""
    overrides: dict[str, dict[dt.date, Decimal]] = defaultdict(dict)
    for namn, fran, varde in ParameterVarde.objects.filter(
        municipality_id=municipality_id
    ).values_list("namn", "fran", "varde"):
        overrides[namn][fran] = varde
    base = load_parameters()
    return base.with_overrides(overrides) if overrides else base


@transaction.atomic
def parametervarde_set(
    *, actor: User, namn: str, fran: dt.date, varde: Decimal, notering: str
) -> ParameterVarde:
    """Enter (or replace) the real value of a parameter from a date, with where it comes from.
    The next recomputation uses it; the history keeps every earlier value and who set it."""
    if actor.municipality_id is None:
        raise ValidationError(_("Ditt konto hör inte till någon kommun."))
    if not notering.strip():
        raise ValidationError({"notering": _("Skriv var värdet kommer ifrån.")})
    try:
        load_parameters().with_overrides({namn: {fran: varde}})
    except ParameterError as exc:
        raise ValidationError({"varde": str(exc)}) from None
    row = ParameterVarde.objects.filter(
        municipality_id=actor.municipality_id, namn=namn, fran=fran
    ).first() or ParameterVarde(municipality_id=actor.municipality_id, namn=namn, fran=fran)
    row.varde = varde
    row.notering = notering.strip()
    validated_save(row, actor=actor, reason=_("Eget värde för ett antagande"))
    return row


#: Persons per transaction in the recomputation: bounded memory and short locks; a job killed
#: midway leaves whole chunks done and the rest as before.
RECOMPUTE_CHUNK = 2_000


def forvantat_recompute(
    *,
    municipality: Municipality,
    fran: dt.date,
    till: dt.date,
    person_ids: list[int] | None = None,
    chunk: int = RECOMPUTE_CHUNK,
) -> int:
    """Recompute and store the expected compensation of the municipality's persons over
    [fran, till], one transaction per chunk of persons: the items of the chunk in the interval
    are replaced by what the engine computes now. Safe to run twice and to stop midway.
    Returns the number of items stored."""
    query = Person.objects.filter(municipality=municipality)
    if person_ids is not None:
        query = query.filter(pk__in=person_ids)
    persons = list(query.order_by("id").values_list("id", "fodelsedatum", "ensamkommande"))
    c = compiled(municipality.kod)
    params = parameters(municipality_id=municipality.pk)
    stored = 0
    for lo in range(0, len(persons), chunk):
        part = persons[lo : lo + chunk]
        with transaction.atomic():
            ev, ids = event_arrays(municipality.kod, part)
            costs = register_costs(
                municipality_id=municipality.pk, person_ids=ids, fran=fran, till=till
            )
            items = compensation.compensation(
                c, ev, days(fran), days(till), costs=compensation.pack_costs(costs), params=params
            )
            ForvantadPost.objects.filter(person_id__in=ids, fran__gte=fran, fran__lte=till).delete()
            rows = []
            for i in range(items.size):
                item = items.item(i)
                rows.append(
                    ForvantadPost(
                        municipality=municipality,
                        person_id=ids[int(items.person[i])],
                        typ=item.typ,
                        fran=item.fran,
                        till=item.till,
                        antal=item.antal,
                        enhet=item.enhet,
                        a_pris=item.a_pris,
                        belopp=item.belopp,
                        ansokan=item.ansokan,
                        ansok_senast=item.ansok_senast,
                        forfattning=item.forfattning,
                        regel=item.regel,
                        kalla=item.kalla,
                        antagande=item.antagande,
                    )
                )
            ForvantadPost.objects.bulk_create(rows, batch_size=2_000)
            stored += len(rows)
    return stored


def claim_lines(
    *, municipality_id: int, typ: str, fran: dt.date, till: dt.date
) -> list[AnsokanRad]:
    """The claim's lines: the stored expected items of the type that need an application and
    begin in the quarter."""
    return [
        AnsokanRad(
            person_id=p.person_id,
            fran=p.fran,
            till=p.till,
            antal=p.antal,
            enhet=p.enhet,
            belopp=p.belopp,
            regel=p.regel,
            forfattning=p.forfattning,
            antagande=p.antagande,
        )
        for p in ForvantadPost.objects.filter(
            municipality_id=municipality_id, typ=typ, ansokan=True, fran__gte=fran, fran__lte=till
        ).order_by("person_id", "fran", "pk")
    ]


def _deadlines(municipality_id: int, typ: str, fran: dt.date, till: dt.date) -> list[ForvantadPost]:
    return list(
        ForvantadPost.objects.filter(
            municipality_id=municipality_id,
            typ=typ,
            ansokan=True,
            fran__gte=fran,
            fran__lte=till,
            ansok_senast__isnull=False,
        )
    )


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
    forvantat_recompute(municipality=municipality, fran=fran, till=till)
    lines = claim_lines(municipality_id=municipality.pk, typ=typ, fran=fran, till=till)
    total = sum((line.belopp for line in lines), Decimal("0.00"))
    # The engine gives each item its last day to apply; the claim must reach Migrationsverket
    # by the earliest of them.
    deadline = min(
        (p.ansok_senast for p in _deadlines(municipality.pk, typ, fran, till) if p.ansok_senast),
        default=None,
    )
    old = (
        None
        if created
        else (
            ansokan.belopp_ansokt,
            ansokan.ansok_senast,
            sorted((r.person_id, r.fran, r.belopp, r.regel) for r in ansokan.rader.all()),
        )
    )
    new = (
        total,
        deadline,
        sorted((r.person_id, r.fran, r.belopp, r.regel) for r in lines),
    )
    if old == new:
        return ansokan  # nothing changed: no new history row
    ansokan.fran, ansokan.till = fran, till
    ansokan.ansok_senast = deadline
    ansokan.belopp_ansokt = total
    validated_save(ansokan, actor=actor, reason=_("Ny ansökan") if created else _("Räknad om"))
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
    validated_save(
        ansokan,
        actor=actor,
        reason=_("Status %(from)s → %(to)s") % {"from": previous, "to": status},
    )
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
    validated_save(batch, actor=actor, reason=_("Uppladdad för förhandsvisning"))
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
            validated_save(utbetalning, actor=actor, reason=reason)
    batch.antal = len(plan.rows)
    batch.innehall = b""  # the rows now live in the economy tables; no second copy
    history_record(batch, actor=actor, reason=_("Importen är genomförd"))
    batch.save()
    return batch


@transaction.atomic
def ekonomi_import_purge_stale(*, now: dt.datetime | None = None) -> int:
    """Remove uploaded files never committed, after the register's PENDING_LIFETIME."""
    cutoff = (now or timezone.now()) - PENDING_LIFETIME
    stale = list(EkonomiImport.objects.filter(genomford__isnull=True, skapad__lt=cutoff))
    for batch in stale:
        history_record(batch, actor=None, reason=_("Borttagen: inte genomförd inom ett dygn"))
        batch.delete()
    return len(stale)


@transaction.atomic
def utbetalning_create_many(
    *, actor: User, rows: list[dict[str, object]], filnamn: str = "api"
) -> list[Utbetalning]:
    """Store the rows of one payment decision sent through the API, all or nothing. Each row:
    referens, beslutsdatum, typ, ar, kvartal, belopp and optionally person (a Person of the
    actor's municipality)."""
    if not rows:
        raise ValidationError(_("Beslutet har inga rader."))
    if actor.municipality_id is None:
        raise ValidationError(_("Ditt konto hör inte till någon kommun."))
    out = []
    for number, row in enumerate(rows, start=1):
        person = row.get("person")
        if isinstance(person, Person) and person.municipality_id != actor.municipality_id:
            raise ValidationError(
                {"person": _("Rad %(n)d: personen finns inte i din kommun.") % {"n": number}}
            )
        utbetalning = Utbetalning(
            municipality_id=actor.municipality_id, filnamn=filnamn, importerad_av=actor, **row
        )
        try:
            validate_instance(utbetalning)
        except ValidationError as exc:
            raise ValidationError(
                {
                    field: [_("Rad %(n)d: %(m)s") % {"n": number, "m": m} for m in messages]
                    for field, messages in exc.message_dict.items()
                }
            ) from None
        history_record(utbetalning, actor=actor, reason=_("Utbetalningsbeslut via API"))
        utbetalning.save()
        out.append(utbetalning)
    return out
