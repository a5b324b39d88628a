"""Register data. Every row carries its municipality (the tenant), so one service can host many.

Timelines are explicit dated `Event` rows in the rules core's vocabulary; they are validated by
the rules core itself when written (services.py), never rebuilt from history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords  # type: ignore[import-untyped]  # untyped library

from mottagning.register import identities

EVENT_TYPES = [
    ("asylansokan", _("Asylansökan")),
    ("anvisning", _("Anvisning till kommun")),
    ("mottagande", _("Mottagande i kommunen")),
    ("eget_boende", _("Eget boende (EBO)")),
    ("uppehallstillstand", _("Uppehållstillstånd")),
    ("avslag", _("Avslag")),
    ("tillstandsansokan", _("Ansökan om fortsatt tillstånd")),
    ("atervandande", _("Återvändande")),
    ("aldersbedomning", _("Åldersbedömning")),
    ("placering", _("Placering")),
    ("gymnasiestudier", _("Gymnasiestudier")),
    ("utflyttning", _("Utflyttning")),
    ("skolgang", _("Skolgång (asylsökande barn)")),
]
PERMIT_TYPES = [("PUT", _("Permanent uppehållstillstånd (PUT)")), ("TUT", _("Tillfälligt (TUT)"))]
PLACEMENT_FORMS = [
    ("hvb", _("HVB")),
    ("stodboende", _("Stödboende")),
    ("familjehem", _("Familjehem")),
]
# School forms of an asylum-seeking child's enrolment (rules.codes.SKOLFORM; 2017:193 4 §).
SCHOOL_FORMS = [
    ("forskola", _("Förskola")),
    ("forskoleklass", _("Förskoleklass")),
    ("grundskola", _("Grundskola")),
    ("gymnasieskola", _("Gymnasieskola")),
]
# Grounds for a permit, as the rules core names them; "flykting" is 001 §1's Flykting.
PERMIT_GROUNDS = [
    ("flykting", _("Flykting")),
    ("alternativt_skydd", _("Alternativt skyddsbehövande")),
    ("anhorig", _("Anhörig")),
    ("synnerligen_ommande", _("Synnerligen ömmande omständigheter")),
    ("gymnasielagen", _("Gymnasielagen")),
    ("annan", _("Annan grund")),
]
# The legal ground of a placement (rules.codes.PLACERINGSGRUND): the municipality keeps an
# asylum-seeking young person's placement after 18 only when it rests on LVU (001 §3.1.1).
PLACEMENT_GROUNDS = [
    ("SoL", _("SoL (frivillig placering)")),
    ("LVU", _("LVU (vård utan samtycke)")),
]
IDENTITY_KINDS = [
    (identities.PERSONNUMMER, _("Personnummer")),
    (identities.SAMORDNINGSNUMMER, _("Samordningsnummer")),
    (identities.DOSSIERNUMMER, _("Dossiernummer (Migrationsverket)")),
    (identities.RESERVNUMMER, _("Reservnummer")),
]


class Municipality(models.Model):
    """A kommun using the service; its organisation comes from its profile (profiles/)."""

    kod = models.SlugField(_("kod"), unique=True, max_length=40)
    namn = models.CharField(_("namn"), max_length=200)

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        ordering = ("namn",)

    def __str__(self) -> str:
        return self.namn


class Committee(models.Model):
    """A nämnd. Different nämnder are different authorities under OSL."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="namnder")
    kod = models.CharField(_("kod"), max_length=80)
    namn = models.CharField(_("namn"), max_length=200)

    class Meta:
        verbose_name = _("nämnd")
        verbose_name_plural = _("nämnder")
        constraints = (
            models.UniqueConstraint(fields=["municipality", "kod"], name="committee_unique_kod"),
        )
        ordering = ("namn",)

    def __str__(self) -> str:
        return self.namn


class Unit(models.Model):
    """An enhet, with the stable id the profile's routing rows name (`enhet_id`)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="enheter")
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="enheter")
    kod = models.CharField(_("kod"), max_length=80)
    namn = models.CharField(_("namn"), max_length=200)

    class Meta:
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        constraints = (
            models.UniqueConstraint(fields=["municipality", "kod"], name="unit_unique_kod"),
        )
        ordering = ("namn",)

    def __str__(self) -> str:
        return self.namn


class Household(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="hushall")
    beteckning = models.CharField(
        _("beteckning"), max_length=200, help_text=_("Till exempel familjens efternamn och ort.")
    )
    registrerad_av = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    skapad = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hushåll")
        verbose_name_plural = _("hushåll")
        ordering = ("beteckning",)

    def __str__(self) -> str:
        return self.beteckning


class Person(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="personer"
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="medlemmar",
        verbose_name=_("hushåll"),
    )
    fornamn = models.CharField(_("förnamn"), max_length=200)
    efternamn = models.CharField(_("efternamn"), max_length=200)
    # As first registered; an åldersbedömning event changes it from its own date on (rules core).
    fodelsedatum = models.DateField(_("födelsedatum"))
    ensamkommande = models.BooleanField(_("ensamkommande"), default=False)
    # The unit that registered the person may see them until a responsibility is established.
    registrerad_av = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="registrerade",
        verbose_name=_("registrerad av"),
    )
    skapad = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        indexes = (models.Index(fields=["municipality", "efternamn", "fornamn"]),)

    def __str__(self) -> str:
        return f"{self.fornamn} {self.efternamn}"


class Identity(models.Model):
    """An identity number of one kind, with validity; never used as a key."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identiteter")
    typ = models.CharField(_("typ"), max_length=20, choices=IDENTITY_KINDS)
    varde = models.CharField(_("nummer"), max_length=20)
    giltig_fran = models.DateField(_("gäller från"), null=True, blank=True)
    giltig_till = models.DateField(_("gäller till"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("identitet")
        verbose_name_plural = _("identiteter")
        constraints = (
            models.UniqueConstraint(
                fields=["municipality", "typ", "varde"], name="identity_unique_in_municipality"
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_typ_display()} {self.varde}"


class Event(models.Model):
    """A dated event in the rules core's vocabulary (issue 2 item 6)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="handelser")
    typ = models.CharField(_("händelse"), max_length=30, choices=EVENT_TYPES)
    datum = models.DateField(_("datum"))
    kommun = models.CharField(_("kommun"), max_length=40, blank=True)
    tillstand = models.CharField(_("tillstånd"), max_length=3, choices=PERMIT_TYPES, blank=True)
    giltigt_till = models.DateField(_("giltigt till"), null=True, blank=True)
    # A permit's ground, or a placement's legal ground (SoL/LVU): which one the rules core
    # accepts for which event type is its own check (rules.events).
    grund = models.CharField(
        _("grund"), max_length=30, choices=PERMIT_GROUNDS + PLACEMENT_GROUNDS, blank=True
    )
    fodelsedatum = models.DateField(_("bedömt födelsedatum"), null=True, blank=True)
    form = models.CharField(_("placeringsform"), max_length=20, choices=PLACEMENT_FORMS, blank=True)
    slut = models.DateField(_("slutdatum"), null=True, blank=True)
    skolform = models.CharField(_("skolform"), max_length=20, choices=SCHOOL_FORMS, blank=True)
    anteckning = models.CharField(_("anteckning"), max_length=500, blank=True)
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    skapad = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")
        ordering = (
            "datum",
            "id",
        )
        indexes = (
            models.Index(fields=["person", "datum"]),
            # The follow-up's indicators read one type of event in a period for a whole
            # register (followup.indicators; bench_followup at 100,000 persons: 2.1 s -> 0.6 s).
            models.Index(fields=["typ", "datum"], name="event_typ_datum"),
        )

    def __str__(self) -> str:
        return f"{self.datum} {self.get_typ_display()}"

    def as_rules_json(self) -> dict[str, str]:
        """The event as the rules core's JSON contract names it (only the fields that apply)."""
        return event_rules_json(
            self.typ, self.datum, [getattr(self, name) for name in EVENT_RULES_FIELDS]
        )


#: The event fields of the rules core's JSON contract after `typ` and `datum`, in the order the
#: JSON writes them: the one list that `as_rules_json` and the written-out queries share.
EVENT_RULES_FIELDS = (
    "kommun",
    "tillstand",
    "giltigt_till",
    "grund",
    "fodelsedatum",
    "form",
    "slut",
    "skolform",
)


def event_rules_json(typ: str, datum: dt.date, values: Iterable[object]) -> dict[str, str]:
    """One event as the rules core's JSON from its column values (in EVENT_RULES_FIELDS order):
    fields that do not apply (empty) are left out."""
    data = {"typ": typ, "datum": datum.isoformat()}
    for name, value in zip(EVENT_RULES_FIELDS, values, strict=True):
        if value:
            data[name] = value.isoformat() if isinstance(value, dt.date) else str(value)
    return data


class ImportBatch(models.Model):
    """An uploaded file between preview and commit; kept afterwards as a record of the import."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filnamn = models.CharField(max_length=255)
    innehall = models.BinaryField()
    skapad = models.DateTimeField(auto_now_add=True)
    genomford = models.DateTimeField(null=True, blank=True)
    antal_personer = models.PositiveIntegerField(default=0)
    antal_handelser = models.PositiveIntegerField(default=0)
    # Who uploaded, committed or removed it, and when; the file itself is not copied into
    # the history (it can be megabytes, and is removed once the import is done).
    history = HistoricalRecords(excluded_fields=["innehall"])

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("importer")


class ResponsibilityPeriod(models.Model):
    """A unit, under a committee, held (or will hold) responsibility for an area of a person's
    life in [fran, till). Derived from the events by the rules core (`rules.periods`) and
    stored by `cases.services` in the same transaction as every event write; who may see a
    person is decided from these rows (register.selectors)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ansvarsperioder")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="ansvarsperioder")
    # The committee the unit answered to in the period: a unit that moves to another committee
    # (Alingsås Arbetsmarknadsenheten, 2019-01-01, 001 §5) starts a new period.
    committee = models.ForeignKey(
        Committee,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ansvarsperioder",
        verbose_name=_("nämnd"),
    )
    omrade = models.CharField(_("område"), max_length=40)
    arbete = models.CharField(_("arbete"), max_length=30)
    fran = models.DateField(_("från"))
    till = models.DateField(_("till"), null=True, blank=True)  # exclusive; None = open

    class Meta:
        # The table keeps the name it had when the cases app held the model.
        db_table = "cases_responsibilityperiod"
        verbose_name = _("ansvarsperiod")
        verbose_name_plural = _("ansvarsperioder")
        indexes = (
            models.Index(fields=["unit", "fran"]),
            models.Index(fields=["person", "unit"]),
        )
