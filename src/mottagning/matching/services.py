"""Every write of the matching app: keyword-only, one transaction, validated (full_clean), with
who and why in django-simple-history. The acting user is a User; the caller has checked the
permission and fetched persons through register.selectors (which logs the read)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from mottagning.accounts.models import User
from mottagning.history import history_record
from mottagning.matching import codes
from mottagning.matching.models import (
    Arbetsgivare,
    Arrangemang,
    Avslutbar,
    Bidragsansokan,
    Forening,
    Kompetensprofil,
    Kontaktperson,
    Motesplats,
    Natverksmote,
    Praktik,
    Praktikplats,
    Samtycke,
    Traff,
    Uppfoljning,
    Volontar,
    VolontarMatchning,
)
from mottagning.plans.models import Kartlaggning
from mottagning.register.models import Municipality, Person
from mottagning.register.services import validated_save
from mottagning.rules.dates import birthday
from mottagning.rules.timeline import MYNDIG_ALDER


def _own(actor: User, municipality_id: int | None, field: str) -> None:
    if municipality_id != actor.municipality_id:
        raise ValidationError({field: _("Posten hör till en annan kommun.")})


def _municipality(actor: User) -> Municipality:
    if actor.municipality is None:
        raise ValidationError(_("Användaren hör inte till någon kommun."))
    return actor.municipality


def _open(record: Avslutbar, field: str) -> None:
    if record.avslutad is not None:
        raise ValidationError(
            {field: _("%(namn)s är avslutad och tar inte emot något nytt.") % {"namn": record}}
        )


def _orgnr(number: str) -> str:
    error = codes.orgnr_error(number)
    if error:
        raise ValidationError({"orgnr": error})
    return codes.orgnr_format(number)


# Internship bank -------------------------------------------------------------------------


@transaction.atomic
def arbetsgivare_create(*, actor: User, namn: str, orgnr: str, ort: str = "") -> Arbetsgivare:
    employer = Arbetsgivare(
        municipality=_municipality(actor), namn=namn.strip(), orgnr=_orgnr(orgnr), ort=ort.strip()
    )
    validated_save(employer, actor=actor, reason=_("Arbetsgivare registrerad"))
    return employer


@transaction.atomic
def kontaktperson_create(
    *,
    actor: User,
    namn: str,
    arbetsgivare: Arbetsgivare | None = None,
    forening: Forening | None = None,
    roll: str = "",
    telefon: str = "",
    epost: str = "",
) -> Kontaktperson:
    owner = arbetsgivare or forening
    if owner is None or (arbetsgivare is not None and forening is not None):
        raise ValidationError(_("En kontaktperson hör till en arbetsgivare eller en förening."))
    _own(actor, owner.municipality_id, "namn")
    contact = Kontaktperson(
        arbetsgivare=arbetsgivare,
        forening=forening,
        namn=namn.strip(),
        roll=roll.strip(),
        telefon=telefon.strip(),
        epost=epost.strip(),
    )
    validated_save(contact, actor=actor, reason=_("Kontaktperson tillagd"))
    return contact


@transaction.atomic
def praktikplats_create(
    *,
    actor: User,
    arbetsgivare: Arbetsgivare,
    titel: str,
    ssyk: str,
    ort: str,
    fran: dt.date,
    till: dt.date | None = None,
    kapacitet: int = 1,
    krav_svenska: str = "ingen",
    krav_utbildning: str = "ingen",
    krav_korkort: str = "",
    kontakt: Kontaktperson | None = None,
) -> Praktikplats:
    _own(actor, arbetsgivare.municipality_id, "arbetsgivare")
    _open(arbetsgivare, "arbetsgivare")
    if kontakt is not None and kontakt.arbetsgivare_id != arbetsgivare.pk:
        raise ValidationError({"kontakt": _("Kontaktpersonen hör till en annan arbetsgivare.")})
    place = Praktikplats(
        arbetsgivare=arbetsgivare,
        titel=titel.strip(),
        ssyk=ssyk.strip(),
        ort=ort.strip(),
        fran=fran,
        till=till,
        kapacitet=kapacitet,
        krav_svenska=krav_svenska,
        krav_utbildning=krav_utbildning,
        krav_korkort=krav_korkort,
        kontakt=kontakt,
    )
    validated_save(place, actor=actor, reason=_("Praktikplats registrerad"))
    return place


@transaction.atomic
def kompetensprofil_set(
    *,
    actor: User,
    kartlaggning: Kartlaggning,
    svenska: str,
    utbildning: str,
    erfarenhet: str = "",
    mal: str = "",
    ort: str = "",
) -> Kompetensprofil:
    """Code the outcome of a mapping for matching (one coding per mapping, replaced)."""
    _own(actor, kartlaggning.municipality_id, "kartlaggning")
    profile, _created = Kompetensprofil.objects.get_or_create(
        kartlaggning=kartlaggning, defaults={"svenska": svenska, "utbildning": utbildning}
    )
    profile.svenska = svenska
    profile.utbildning = utbildning
    profile.erfarenhet = ", ".join(codes.ssyk_split(erfarenhet))
    profile.mal = ", ".join(codes.ssyk_split(mal))
    profile.ort = ort.strip()
    validated_save(profile, actor=actor, reason=_("Kompetensprofil kodad ur kartläggningen"))
    return profile


@transaction.atomic
def praktik_create(
    *,
    actor: User,
    plats: Praktikplats,
    person: Person,
    start: dt.date,
    handledare: str,
    slut: dt.date | None = None,
    uppfoljningar: list[dt.date] | None = None,
) -> Praktik:
    _own(actor, plats.arbetsgivare.municipality_id, "plats")
    _own(actor, person.municipality_id, "person")
    # Lock the place so two simultaneous placements cannot both take its last seat.
    place = Praktikplats.objects.select_for_update().get(pk=plats.pk)
    _open(place, "plats")
    ongoing = place.praktiker.filter(utfall="").count()
    if ongoing >= place.kapacitet:
        raise ValidationError(
            {"plats": _("Platsen är full: alla %(n)s platser är tagna.") % {"n": place.kapacitet}}
        )
    if start < place.fran or (place.till is not None and start > place.till):
        raise ValidationError(
            {"start": _("Starten ligger utanför platsens period. Välj ett datum inom den.")}
        )
    internship = Praktik(
        plats=place, person=person, start=start, slut=slut, handledare=handledare.strip()
    )
    validated_save(internship, actor=actor, reason=_("Praktik påbörjad"))
    for datum in uppfoljningar or []:
        uppfoljning_create(actor=actor, praktik=internship, datum=datum)
    return internship


@transaction.atomic
def uppfoljning_create(*, actor: User, praktik: Praktik, datum: dt.date) -> Uppfoljning:
    if datum < praktik.start:
        raise ValidationError({"datum": _("Uppföljningen kan inte ligga före praktikens start.")})
    follow_up = Uppfoljning(praktik=praktik, datum=datum)
    validated_save(follow_up, actor=actor, reason=_("Uppföljning planerad"))
    return follow_up


@transaction.atomic
def uppfoljning_done(*, actor: User, uppfoljning: Uppfoljning, genomford: dt.date) -> Uppfoljning:
    uppfoljning.genomford = genomford
    validated_save(uppfoljning, actor=actor, reason=_("Uppföljning genomförd"))
    return uppfoljning


@transaction.atomic
def praktik_end(*, actor: User, praktik: Praktik, slut: dt.date, utfall: str) -> Praktik:
    if utfall not in codes.PRAKTIK_UTFALL:
        raise ValidationError({"utfall": _("Välj utfall: arbete, studier eller fortsatt sökande.")})
    praktik.slut = slut
    praktik.utfall = utfall
    validated_save(praktik, actor=actor, reason=_("Praktik avslutad"))
    return praktik


# Volunteers ------------------------------------------------------------------------------


@transaction.atomic
def volontar_create(
    *,
    actor: User,
    namn: str,
    insatser: list[str],
    sprak: str = "",
    tillganglighet: str = "",
    telefon: str = "",
    epost: str = "",
    belastningsregister: dt.date | None = None,
) -> Volontar:
    volunteer = Volontar(
        municipality=_municipality(actor),
        namn=namn.strip(),
        insatser=", ".join(insatser),
        sprak=sprak.strip(),
        tillganglighet=tillganglighet.strip(),
        telefon=telefon.strip(),
        epost=epost.strip(),
        belastningsregister=belastningsregister,
    )
    validated_save(volunteer, actor=actor, reason=_("Volontär registrerad"))
    return volunteer


@transaction.atomic
def volontar_check_record(*, actor: User, volontar: Volontar, datum: dt.date) -> Volontar:
    """Record that the volunteer showed an extract from the criminal-records register dated
    `datum` (the extract itself is not kept)."""
    _own(actor, volontar.municipality_id, "volontar")
    volontar.belastningsregister = datum
    validated_save(volontar, actor=actor, reason=_("Utdrag ur belastningsregistret uppvisat"))
    return volontar


def record_valid_on(volontar: Volontar, day: dt.date) -> bool:
    """Whether the volunteer's extract is valid on `day` (codes.BELASTNINGSREGISTER_GILTIGT_DAGAR)."""
    extract = volontar.belastningsregister
    if extract is None or extract > day:
        return False
    return (day - extract).days <= codes.BELASTNINGSREGISTER_GILTIGT_DAGAR


@transaction.atomic
def samtycke_create(
    *, actor: User, person: Person, lamnat: dt.date, andamal: str = "volontar"
) -> Samtycke:
    _own(actor, person.municipality_id, "person")
    consent = Samtycke(
        municipality_id=person.municipality_id,
        person=person,
        andamal=andamal,
        lamnat=lamnat,
        registrerat_av=actor,
    )
    validated_save(consent, actor=actor, reason=_("Samtycke lämnat"))
    return consent


@transaction.atomic
def samtycke_withdraw(*, actor: User, samtycke: Samtycke, datum: dt.date) -> Samtycke:
    """The person withdraws consent: every match resting on it ends the same day, so the
    person no longer appears on the volunteer side."""
    if samtycke.aterkallat is not None:
        raise ValidationError(_("Samtycket är redan återkallat."))
    if datum < samtycke.lamnat:
        raise ValidationError({"datum": _("Återkallelsen kan inte ligga före samtycket.")})
    samtycke.aterkallat = datum
    validated_save(samtycke, actor=actor, reason=_("Samtycke återkallat"))
    for match in samtycke.matchningar.filter(slut__isnull=True):
        match.slut = max(datum, match.start)
        validated_save(match, actor=actor, reason=_("Avslutad: samtycket återkallades"))
    return samtycke


@transaction.atomic
def volontarmatchning_create(
    *, actor: User, volontar: Volontar, samtycke: Samtycke, insats: str, start: dt.date
) -> VolontarMatchning:
    person = samtycke.person
    _own(actor, volontar.municipality_id, "volontar")
    _own(actor, person.municipality_id, "person")
    if not samtycke.giltigt or samtycke.lamnat > start:
        raise ValidationError(
            {
                "samtycke": _(
                    "Personen har inget giltigt samtycke den dagen. Registrera samtycket först."
                )
            }
        )
    if not volontar.aktiv:
        raise ValidationError({"volontar": _("Volontären är avslutad.")})
    if insats not in volontar.insats_list():
        raise ValidationError({"insats": _("Volontären erbjuder inte den insatsen.")})
    if start < birthday(person.fodelsedatum, MYNDIG_ALDER) and not record_valid_on(volontar, start):
        raise ValidationError(
            {
                "volontar": _(
                    "Personen är ett barn: volontären behöver ett utdrag ur belastningsregistret "
                    "som är högst ett år gammalt. Registrera utdraget först."
                )
            }
        )
    match = VolontarMatchning(
        volontar=volontar, person=person, samtycke=samtycke, insats=insats, start=start
    )
    validated_save(match, actor=actor, reason=_("Matchning med volontär"))
    return match


@transaction.atomic
def volontarmatchning_end(
    *, actor: User, matchning: VolontarMatchning, slut: dt.date
) -> VolontarMatchning:
    if slut < matchning.start:
        raise ValidationError({"slut": _("Matchningen kan inte sluta före den började.")})
    matchning.slut = slut
    validated_save(matchning, actor=actor, reason=_("Matchning avslutad"))
    return matchning


@transaction.atomic
def traff_create(
    *, actor: User, matchning: VolontarMatchning, datum: dt.date, minuter: int, slag: str
) -> Traff:
    if matchning.slut is not None and datum > matchning.slut:
        raise ValidationError(
            {"datum": _("Matchningen är avslutad; träffar efter slutet registreras inte.")}
        )
    if datum < matchning.start:
        raise ValidationError({"datum": _("Träffen ligger före matchningens start.")})
    meeting = Traff(matchning=matchning, datum=datum, minuter=minuter, slag=slag)
    validated_save(meeting, actor=actor, reason=_("Träff registrerad"))
    return meeting


# Associations and grants -----------------------------------------------------------------


@transaction.atomic
def forening_create(
    *, actor: User, namn: str, orgnr: str, verksamhet: str = "", sprak: str = ""
) -> Forening:
    association = Forening(
        municipality=_municipality(actor),
        namn=namn.strip(),
        orgnr=_orgnr(orgnr),
        verksamhet=verksamhet.strip(),
        sprak=sprak.strip(),
    )
    validated_save(association, actor=actor, reason=_("Förening registrerad"))
    return association


def _move(ansokan: Bidragsansokan, to: str) -> None:
    if to not in codes.BIDRAG_OVERGANGAR[ansokan.status]:
        raise ValidationError(
            _("Ansökan har status %(fran)s och kan inte bli %(till)s.")
            % {"fran": ansokan.get_status_display(), "till": to}
        )
    ansokan.status = to


@transaction.atomic
def bidrag_apply(
    *,
    actor: User,
    forening: Forening,
    projekt: str,
    syfte: str,
    inkom: dt.date,
    sokt_belopp: Decimal,
    budget: str,
) -> Bidragsansokan:
    _own(actor, forening.municipality_id, "forening")
    _open(forening, "forening")
    application = Bidragsansokan(
        forening=forening,
        projekt=projekt.strip(),
        syfte=syfte,
        inkom=inkom,
        sokt_belopp=sokt_belopp,
        budget=budget.strip(),
    )
    validated_save(application, actor=actor, reason=_("Ansökan om bidrag inkom"))
    return application


@transaction.atomic
def bidrag_decide(
    *,
    actor: User,
    ansokan: Bidragsansokan,
    beslutsdatum: dt.date,
    belopp: Decimal | None,
    villkor: str = "",
) -> Bidragsansokan:
    """Grant (`belopp` > 0, at most what was applied for) or refuse (`belopp` None)."""
    _own(actor, ansokan.forening.municipality_id, "ansokan")
    if beslutsdatum < ansokan.inkom:
        raise ValidationError({"beslutsdatum": _("Beslutet kan inte ligga före ansökan.")})
    if belopp is None:
        _move(ansokan, "avslaget")
    else:
        if belopp <= 0 or belopp > ansokan.sokt_belopp:
            raise ValidationError(
                {"belopp": _("Beviljat belopp ska vara mer än 0 och högst det sökta beloppet.")}
            )
        _move(ansokan, "beviljat")
        ansokan.beviljat_belopp = belopp
    ansokan.beslutsdatum = beslutsdatum
    ansokan.villkor = villkor.strip()
    validated_save(ansokan, actor=actor, reason=_("Beslut om bidrag"))
    return ansokan


@transaction.atomic
def bidrag_pay(
    *, actor: User, ansokan: Bidragsansokan, datum: dt.date, belopp: Decimal
) -> Bidragsansokan:
    _own(actor, ansokan.forening.municipality_id, "ansokan")
    _move(ansokan, "utbetalt")
    if ansokan.beviljat_belopp is None or belopp <= 0 or belopp > ansokan.beviljat_belopp:
        raise ValidationError(
            {"belopp": _("Utbetalningen ska vara mer än 0 och högst det beviljade beloppet.")}
        )
    if ansokan.beslutsdatum is not None and datum < ansokan.beslutsdatum:
        raise ValidationError({"datum": _("Utbetalningen kan inte ligga före beslutet.")})
    ansokan.utbetalt_datum = datum
    ansokan.utbetalt_belopp = belopp
    validated_save(ansokan, actor=actor, reason=_("Bidrag utbetalt"))
    return ansokan


@transaction.atomic
def bidrag_report(
    *, actor: User, ansokan: Bidragsansokan, datum: dt.date, deltagare: int, resultat: str
) -> Bidragsansokan:
    _own(actor, ansokan.forening.municipality_id, "ansokan")
    _move(ansokan, "aterrapporterat")
    if deltagare < 0:
        raise ValidationError({"deltagare": _("Antalet deltagare kan inte vara negativt.")})
    if not resultat.strip():
        raise ValidationError({"resultat": _("Beskriv vad projektet gav.")})
    ansokan.rapport_datum = datum
    ansokan.deltagare = deltagare
    ansokan.resultat = resultat.strip()
    validated_save(ansokan, actor=actor, reason=_("Återrapport inkom"))
    return ansokan


# Meeting places and networks -------------------------------------------------------------


@transaction.atomic
def motesplats_create(
    *, actor: User, namn: str, adress: str = "", arrangorer: str = ""
) -> Motesplats:
    place = Motesplats(
        municipality=_municipality(actor),
        namn=namn.strip(),
        adress=adress.strip(),
        arrangorer=arrangorer.strip(),
    )
    validated_save(place, actor=actor, reason=_("Mötesplats registrerad"))
    return place


@transaction.atomic
def arrangemang_create(
    *,
    actor: User,
    motesplats: Motesplats,
    titel: str,
    datum: dt.date,
    borjar: dt.time,
    slutar: dt.time,
    beskrivning: str = "",
    publik: bool = True,
) -> Arrangemang:
    _own(actor, motesplats.municipality_id, "motesplats")
    _open(motesplats, "motesplats")
    activity = Arrangemang(
        motesplats=motesplats,
        titel=titel.strip(),
        datum=datum,
        borjar=borjar,
        slutar=slutar,
        beskrivning=beskrivning.strip(),
        publik=publik,
    )
    validated_save(activity, actor=actor, reason=_("Aktivitet planerad"))
    return activity


@transaction.atomic
def natverksmote_create(
    *,
    actor: User,
    namn: str,
    datum: dt.date,
    overenskommelser: str,
    foreningar: list[Forening] | None = None,
    andra_organisationer: str = "",
    plats: str = "",
) -> Natverksmote:
    for association in foreningar or []:
        _own(actor, association.municipality_id, "foreningar")
    meeting = Natverksmote(
        municipality=_municipality(actor),
        namn=namn.strip(),
        datum=datum,
        plats=plats.strip(),
        andra_organisationer=andra_organisationer.strip(),
        overenskommelser=overenskommelser.strip(),
    )
    validated_save(meeting, actor=actor, reason=_("Nätverksmöte"))
    meeting.foreningar.set(foreningar or [])
    return meeting


# Editing, closing and deleting the catalogue ---------------------------------------------
#
# A record that others point at (an employer's places, a place's internships, a volunteer's
# matches, an association's applications and meetings, a meeting place's activities) is
# closed, not deleted: the history and the yearly totals keep counting it.


def _municipality_of(record: Avslutbar) -> int | None:
    if isinstance(record, Praktikplats):
        return record.arbetsgivare.municipality_id
    return record.municipality_id  # type: ignore[attr-defined, no-any-return]  # the others have one


# What may change on each kind: never the municipality, nor a place's employer (a place at
# another employer is another place).
EDITABLE: dict[type[Avslutbar], frozenset[str]] = {
    Arbetsgivare: frozenset({"namn", "orgnr", "ort"}),
    Praktikplats: frozenset(
        {
            "titel",
            "ssyk",
            "ort",
            "fran",
            "till",
            "kapacitet",
            "krav_svenska",
            "krav_utbildning",
            "krav_korkort",
            "kontakt",
        }
    ),
    Volontar: frozenset(
        {"namn", "insatser", "sprak", "tillganglighet", "telefon", "epost", "belastningsregister"}
    ),
    Forening: frozenset({"namn", "orgnr", "verksamhet", "sprak"}),
    Motesplats: frozenset({"namn", "adress", "arrangorer"}),
}


def _normal(name: str, value: Any) -> Any:
    if name == "orgnr":
        return _orgnr(value or "")
    if name == "insatser" and isinstance(value, list | tuple):
        return ", ".join(value)
    return value.strip() if isinstance(value, str) else value


def _check_place(place: Praktikplats) -> None:
    contact = place.kontakt
    if contact is not None and contact.arbetsgivare_id != place.arbetsgivare_id:
        raise ValidationError({"kontakt": _("Kontaktpersonen hör till en annan arbetsgivare.")})
    ongoing = place.praktiker.filter(utfall="").count()
    if isinstance(place.kapacitet, int) and place.kapacitet < ongoing:
        raise ValidationError(
            {
                "kapacitet": _(
                    "%(n)s praktiker pågår på platsen; antalet platser kan inte bli färre."
                )
                % {"n": ongoing}
            }
        )


@transaction.atomic
def update(*, actor: User, record: Avslutbar, **changes: Any) -> Avslutbar:
    """Change an employer, place, volunteer, association or meeting place: only the fields
    given, each validated as when it was registered."""
    _own(actor, _municipality_of(record), "namn")
    unknown = set(changes) - EDITABLE[type(record)]
    if unknown:
        raise ValidationError({name: _("Det här fältet kan inte ändras.") for name in unknown})
    for name, value in changes.items():
        setattr(record, name, _normal(name, value))
    if isinstance(record, Praktikplats):
        _check_place(record)
    validated_save(
        record,
        actor=actor,
        reason=_("%(vad)s ändrad") % {"vad": capfirst(record._meta.verbose_name)},
    )
    return record


def _ongoing_internships(record: Avslutbar) -> QuerySet[Praktik]:
    if isinstance(record, Arbetsgivare):
        return Praktik.objects.filter(plats__arbetsgivare=record, utfall="")
    if isinstance(record, Praktikplats):
        return record.praktiker.filter(utfall="")
    return Praktik.objects.none()


@transaction.atomic
def close(*, actor: User, record: Avslutbar, datum: dt.date) -> Avslutbar:
    """Close an employer, place, volunteer, association or meeting place from `datum`. An
    employer's open places close with it; a volunteer's ongoing matches end the same day.
    A place with an ongoing internship stays open: ending the internship is the case
    worker's (matching.write_person), so the samordnare is told to ask for that first."""
    _own(actor, _municipality_of(record), "datum")
    if record.avslutad is not None:
        raise ValidationError(_("Posten är redan avslutad."))
    if _ongoing_internships(record).exists():
        raise ValidationError(
            {
                "datum": _(
                    "En praktik pågår här. Praktiken avslutas först, av handläggaren, "
                    "sedan kan platsen avslutas."
                )
            }
        )
    record.avslutad = datum
    validated_save(record, actor=actor, reason=_("Avslutad"))
    if isinstance(record, Arbetsgivare):
        for place in record.platser.filter(avslutad__isnull=True):
            place.avslutad = datum
            validated_save(place, actor=actor, reason=_("Avslutad med arbetsgivaren"))
    if isinstance(record, Volontar):
        for match in record.matchningar.filter(slut__isnull=True):
            match.slut = max(datum, match.start)
            validated_save(match, actor=actor, reason=_("Avslutad: volontären avslutades"))
    return record


@transaction.atomic
def reopen(*, actor: User, record: Avslutbar) -> Avslutbar:
    """Undo a closing: the record is active again and offered in matching. What closed with it
    stays closed (an employer's places, a volunteer's matches): each of them ended on a date of
    its own, and a place may have been closed for a reason of its own too. A place under a
    closed employer stays closed until the employer is reopened."""
    _own(actor, _municipality_of(record), "bekrafta")
    if record.avslutad is None:
        raise ValidationError(_("Posten är inte avslutad."))
    if isinstance(record, Praktikplats) and record.arbetsgivare.avslutad is not None:
        raise ValidationError(
            {"bekrafta": _("Arbetsgivaren är avslutad. Återöppna arbetsgivaren först.")}
        )
    record.avslutad = None
    validated_save(record, actor=actor, reason=_("Återöppnad"))
    return record


def _dependents(record: Avslutbar) -> str | None:
    """Why the record cannot be deleted, or None when nothing depends on it."""
    related = {
        Arbetsgivare: [("platser", _("Arbetsgivaren har praktikplatser."))],
        Praktikplats: [("praktiker", _("Platsen har praktiker registrerade."))],
        Volontar: [("matchningar", _("Volontären har matchningar."))],
        Forening: [
            ("ansokningar", _("Föreningen har ansökningar om bidrag.")),
            ("natverksmoten", _("Föreningen har deltagit i nätverksmöten.")),
        ],
        Motesplats: [("arrangemang", _("Mötesplatsen har aktiviteter."))],
    }
    for name, why in related[type(record)]:
        if getattr(record, name).exists():
            return why
    return None


def _delete(instance: Model, *, actor: User, reason: str) -> None:
    history_record(instance, actor=actor, reason=reason)
    instance.delete()


@transaction.atomic
def delete(*, actor: User, record: Avslutbar) -> None:
    """Delete a record registered by mistake. One that others depend on is refused with the
    reason and the advice to close it instead, so history and totals stay whole."""
    _own(actor, _municipality_of(record), "namn")
    why = _dependents(record)
    if why is not None:
        raise ValidationError(
            _("%(varfor)s Den kan inte tas bort, men den kan avslutas.") % {"varfor": why}
        )
    for contact in getattr(record, "kontakter", Kontaktperson.objects.none()).all():
        _delete(contact, actor=actor, reason=_("Borttagen med sin organisation"))
    _delete(record, actor=actor, reason=_("Borttagen"))


@transaction.atomic
def kontaktperson_delete(*, actor: User, kontaktperson: Kontaktperson) -> None:
    """Remove a contact person; a place that named them keeps no contact (SET_NULL), with the
    change in the place's history."""
    owner = kontaktperson.arbetsgivare or kontaktperson.forening
    _own(actor, owner.municipality_id if owner else None, "namn")
    for place in kontaktperson.platser.all():
        place.kontakt = None
        validated_save(place, actor=actor, reason=_("Kontaktpersonen togs bort"))
    _delete(kontaktperson, actor=actor, reason=_("Kontaktperson borttagen"))
