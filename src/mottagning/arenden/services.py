"""Every write of case work: keyword-only, one transaction, validated, with history.

Bad input raises ValidationError with a Swedish message per field and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from mottagning.accounts.models import User
from mottagning.arenden import documents
from mottagning.arenden.models import Anteckning, Arende, Beslut, Dokument, FristKlar
from mottagning.arenden.selectors import assignable_users
from mottagning.cases.services import core_deadline_mark_handled
from mottagning.history import history_record
from mottagning.register.models import Person, Unit
from mottagning.register.services import validate_instance, validated_save


def _check_handlaggare(unit: Unit, handlaggare: User | None) -> None:
    if handlaggare is not None and not assignable_users(unit=unit).filter(pk=handlaggare.pk):
        raise ValidationError(
            {
                "handlaggare": _(
                    "%(namn)s är inte handläggare eller enhetschef på %(enhet)s; välj någon "
                    "på enheten."
                )
                % {"namn": handlaggare.get_full_name() or handlaggare.username, "enhet": unit}
            }
        )


@transaction.atomic
def arende_create(
    *,
    actor: User,
    person: Person,
    unit: Unit,
    typ: str,
    oppnat: dt.date,
    handlaggare: User | None = None,
) -> Arende:
    if unit.municipality_id != person.municipality_id:
        raise ValidationError({"unit": _("Enheten hör till en annan kommun än personen.")})
    if oppnat > timezone.localdate():
        raise ValidationError({"oppnat": _("Ett ärende kan inte öppnas i framtiden.")})
    _check_handlaggare(unit, handlaggare)
    arende = Arende(
        municipality_id=person.municipality_id,
        person=person,
        unit=unit,
        typ=typ,
        oppnat=oppnat,
        handlaggare=handlaggare,
    )
    validated_save(arende, actor=actor, reason=_("Nytt ärende"))
    return arende


@transaction.atomic
def arende_assign(*, actor: User, arende: Arende, handlaggare: User | None, reason: str) -> Arende:
    """Reassign an ärende to another named handläggare; the history keeps who had it before."""
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv varför ärendet får en annan handläggare.")})
    _check_handlaggare(arende.unit, handlaggare)
    arende.handlaggare = handlaggare
    validated_save(arende, actor=actor, reason=reason.strip())
    return arende


@transaction.atomic
def arende_close(*, actor: User, arende: Arende, avslutat: dt.date, reason: str) -> Arende:
    if arende.avslutat is not None:
        raise ValidationError({"avslutat": _("Ärendet är redan avslutat.")})
    if avslutat < arende.oppnat:
        raise ValidationError(
            {
                "avslutat": _("Ärendet kan inte avslutas före %(d)s, då det öppnades.")
                % {"d": arende.oppnat}
            }
        )
    if avslutat > timezone.localdate():
        raise ValidationError({"avslutat": _("Ett ärende kan inte avslutas i framtiden.")})
    arende.avslutat = avslutat
    validated_save(arende, actor=actor, reason=reason.strip() or _("Ärendet avslutat"))
    return arende


@transaction.atomic
def beslut_create(
    *,
    actor: User,
    arende: Arende,
    lagrum: str,
    paragraf: str,
    insats: str,
    utfall: str,
    motivering: str,
    beslutsdatum: dt.date,
    beslutsfattare: str,
    overklagande: str,
    giltigt_fran: dt.date | None = None,
    giltigt_till: dt.date | None = None,
) -> Beslut:
    if beslutsdatum < arende.oppnat:
        raise ValidationError(
            {
                "beslutsdatum": _("Beslutet kan inte vara fattat före %(d)s, då ärendet öppnades.")
                % {"d": arende.oppnat}
            }
        )
    if beslutsdatum > timezone.localdate():
        raise ValidationError({"beslutsdatum": _("Beslutsdatumet ligger i framtiden.")})
    if giltigt_fran and giltigt_till and giltigt_till < giltigt_fran:
        raise ValidationError({"giltigt_till": _("Perioden slutar före den börjar.")})
    beslut = Beslut(
        municipality_id=arende.municipality_id,
        arende=arende,
        lagrum=lagrum,
        paragraf=paragraf.strip(),
        insats=insats.strip(),
        utfall=utfall,
        motivering=motivering.strip(),
        beslutsdatum=beslutsdatum,
        giltigt_fran=giltigt_fran,
        giltigt_till=giltigt_till,
        beslutsfattare=beslutsfattare.strip(),
        overklagande=overklagande,
        registrerad_av=actor,
    )
    validated_save(beslut, actor=actor, reason=_("Nytt beslut"))
    return beslut


@transaction.atomic
def anteckning_create(
    *,
    actor: User,
    arende: Arende,
    datum: dt.date,
    text: str,
    rattar: Anteckning | None = None,
) -> Anteckning:
    """A journal note; with `rattar`, a correction of an earlier note in the same ärende."""
    if rattar is not None and rattar.arende_id != arende.pk:
        raise ValidationError({"rattar": _("Anteckningen som rättas hör till ett annat ärende.")})
    if datum > timezone.localdate():
        raise ValidationError({"datum": _("Datumet ligger i framtiden.")})
    anteckning = Anteckning(
        municipality_id=arende.municipality_id,
        arende=arende,
        datum=datum,
        text=text.strip(),
        forfattare=actor,
        rattar=rattar,
    )
    validate_instance(anteckning)
    anteckning.save()
    return anteckning


@transaction.atomic
def dokument_add(
    *,
    actor: User,
    person: Person,
    titel: str,
    filnamn: str,
    content: bytes,
    arende: Arende | None = None,
) -> Dokument:
    """Store a document after checking its size and that its content is the kind of file its
    name says (documents.KINDS). Stored in the database, or in MOTTAGNING_DOCUMENT_DIR."""
    if arende is not None and arende.person_id != person.pk:
        raise ValidationError({"arende": _("Ärendet hör till en annan person.")})
    limit = settings.MOTTAGNING_DOCUMENT_MAX_BYTES
    if len(content) > limit:
        raise ValidationError(
            {
                "fil": _("Filen är %(storlek)s; största tillåtna storlek är %(max)s.")
                % {"storlek": filesizeformat(len(content)), "max": filesizeformat(limit)}
            }
        )
    try:
        content_type = documents.content_type_of(filnamn, content)
    except documents.DocumentError as exc:
        raise ValidationError({"fil": str(exc)}) from None
    dokument = Dokument(
        municipality_id=person.municipality_id,
        person=person,
        arende=arende,
        titel=titel.strip(),
        filnamn=Path(filnamn).name[:255],
        content_type=content_type,
        storlek=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uppladdad_av=actor,
    )
    directory = settings.MOTTAGNING_DOCUMENT_DIR
    if directory:
        # A random name: the original file name is data, not a path.
        dokument.lagringsnamn = uuid.uuid4().hex
    else:
        dokument.innehall = content
    validate_instance(dokument, exclude=["innehall"])
    history_record(dokument, actor=actor, reason=_("Nytt dokument"))
    dokument.save()
    if directory:
        target = Path(directory) / dokument.lagringsnamn
        target.parent.mkdir(parents=True, exist_ok=True)
        # Written last, inside the transaction: a failed write rolls the row back.
        target.write_bytes(content)
    return dokument


def dokument_content(*, dokument: Dokument) -> bytes:
    """The stored bytes, checked against the hash taken at upload."""
    if dokument.lagringsnamn:
        data = (Path(settings.MOTTAGNING_DOCUMENT_DIR) / dokument.lagringsnamn).read_bytes()
    else:
        stored = Dokument.objects.values_list("innehall", flat=True).get(pk=dokument.pk)
        data = bytes(stored) if stored is not None else b""
    if hashlib.sha256(data).hexdigest() != dokument.sha256:
        raise documents.DocumentError(
            _("Dokumentets innehåll stämmer inte med det som laddades upp.")
        )
    return data


@transaction.atomic
def frist_mark_done(
    *, actor: User, key: str, person_id: int, notering: str, datum: dt.date | None = None
) -> FristKlar:
    """Record that the deadline with this provider key is done, with a note (issue 11 item 6)."""
    if not notering.strip():
        raise ValidationError({"notering": _("Skriv kort vad som gjordes.")})
    if actor.municipality_id is None:
        raise ValidationError(_("Användaren hör inte till någon kommun."))
    datum = datum or timezone.localdate()
    if datum > timezone.localdate():
        raise ValidationError({"datum": _("Datumet ligger i framtiden.")})
    klar = FristKlar(
        municipality_id=actor.municipality_id,
        nyckel=key,
        person_id=person_id,
        datum=datum,
        notering=notering.strip(),
        klar_av=actor,
    )
    validate_instance(klar, validate_unique=False)
    history_record(klar, actor=actor, reason=_("Frist klar"))
    try:
        with transaction.atomic():
            klar.save()
    except IntegrityError:
        raise ValidationError({"notering": _("Fristen är redan markerad som klar.")}) from None
    # The same task on the unit's transition list (the 18-year report, Ekerö's first mapping).
    core_deadline_mark_handled(actor=actor, person_id=person_id, kind=key.split(":", 1)[0])
    return klar
