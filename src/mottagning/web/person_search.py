"""The person list's search, filters and sorting (issue #11 item 7).

Search by name or identity number in any common form is `register.search`.

Everything starts from `register.selectors.person_list`, so only persons the user may see are
ever searched, filtered or counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from mottagning.accounts.models import AnyUser
from mottagning.arenden.models import Arende
from mottagning.arenden.selectors import arende_visibility_q
from mottagning.cases.models import TARGET_GROUPS, Transition
from mottagning.cases.selectors import PHASES
from mottagning.plans.models import IndividuellPlan, Kartlaggning
from mottagning.register import selectors as reg
from mottagning.register.models import Person
from mottagning.register.search import QUERY_MAX_LENGTH, search
from mottagning.web.labels import LABELS

# How far ahead "frist inom 30 dagar" looks.
SOON_DAYS = 30

SORTS = {
    "namn": ("efternamn", "fornamn", "id"),
    "fodd": ("fodelsedatum", "id"),
    "malgrupp": ("tillstand__malgrupp", "efternamn", "id"),
    "fas": ("tillstand__fas", "efternamn", "id"),
    "status": ("tillstand__rattslig_status", "efternamn", "id"),
}
DEADLINE_CHOICES = [
    ("", _("Alla")),
    ("forsenad", _("Har en försenad frist")),
    ("snart", _("Har en frist inom 30 dagar")),
]


# The worklist's setting (issue #11 part A) names every app's provider; until it exists, the
# providers of plans and housing.
DEFAULT_PROVIDERS = (
    "mottagning.plans.deadlines.deadline_list",
    "mottagning.housing.deadlines.deadline_list",
)


def _providers() -> list[Callable[..., list[Any]]]:
    paths = getattr(settings, "MOTTAGNING_DEADLINE_PROVIDERS", DEFAULT_PROVIDERS)
    return [import_string(path) for path in paths]


def deadlines_by_person(*, user: AnyUser, today: dt.date) -> dict[int, dt.date]:
    """Each visible person's earliest open deadline: the worklist's transitions and the
    deadlines of plans and housing."""
    earliest: dict[int, dt.date] = {}
    for provider in _providers():
        for deadline in provider(user=user, today=today):
            current = earliest.get(deadline.person_id)
            if current is None or deadline.due < current:
                earliest[deadline.person_id] = deadline.due
    visible = reg.person_list(user=user, today=today).order_by().values("pk")
    transitions = Transition.objects.filter(
        person__in=visible,
        hanterad__isnull=True,
        uppgift=True,
        datum__lte=today + dt.timedelta(days=reg.INCOMING_DAYS),
    ).values_list("person_id", "datum")
    for person_id, datum in transitions:
        current = earliest.get(person_id)
        if current is None or datum < current:
            earliest[person_id] = datum
    return earliest


class PersonFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Sök på namn eller nummer"),
        required=False,
        max_length=QUERY_MAX_LENGTH,
        help_text=_("Personnummer, samordningsnummer, dossiernummer eller LMA-kortets nummer."),
    )
    malgrupp = forms.ChoiceField(label=_("Målgrupp"), required=False)
    fas = forms.ChoiceField(label=_("Fas"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    handlaggare = forms.ChoiceField(label=_("Ansvarig handläggare"), required=False)
    frist = forms.ChoiceField(label=_("Frister"), required=False, choices=DEADLINE_CHOICES)
    sortera = forms.ChoiceField(
        required=False, choices=[(k, k) for k in (*SORTS, "frist")], widget=forms.HiddenInput
    )
    riktning = forms.ChoiceField(
        required=False, choices=[("", ""), ("ner", "ner")], widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, handlaggare: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everyone = [("", _("Alla"))]
        self._set("malgrupp", everyone + list(TARGET_GROUPS))
        self._set("fas", everyone + list(PHASES))
        self._set("status", everyone + list(LABELS["rattslig_status"].items()))
        self._set("handlaggare", everyone + [(str(pk), name) for pk, name in handlaggare])

    def _set(self, name: str, choices: list[Any]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


@dataclass
class Result:
    persons: list[Person] | QuerySet[Person]
    deadlines: dict[int, dt.date] | None  # earliest deadline per person, when asked for
    sort: str
    descending: bool


def person_filter(*, user: AnyUser, data: dict[str, Any], today: dt.date) -> Result:
    """Filter and sort the persons the user may see by the form's cleaned data."""
    qs = search(reg.person_list(user=user, today=today), data.get("q") or "")
    for field, lookup in (
        ("malgrupp", "tillstand__malgrupp"),
        ("fas", "tillstand__fas"),
        ("status", "tillstand__rattslig_status"),
    ):
        if data.get(field):
            qs = qs.filter(**{lookup: data[field]})
    if data.get("handlaggare"):
        # Assigned: an open ärende (in the user's own nämnder: another nämnd's case files are
        # secret, arenden.selectors), or an open plan or mapping, that names the handläggare.
        pk = int(data["handlaggare"])
        cases = Arende.objects.filter(
            arende_visibility_q(user, today),
            person=OuterRef("pk"),
            handlaggare_id=pk,
            avslutat__isnull=True,
        )
        plans = IndividuellPlan.objects.filter(
            person=OuterRef("pk"), handlaggare_id=pk, avslutad__isnull=True
        )
        mappings = Kartlaggning.objects.filter(
            person=OuterRef("pk"), handlaggare_id=pk, klar__isnull=True
        )
        qs = qs.filter(Exists(cases) | Exists(plans) | Exists(mappings))
    sort = data.get("sortera") or "namn"
    descending = data.get("riktning") == "ner"
    frist = data.get("frist") or ""
    deadlines = None
    if frist or sort == "frist":
        deadlines = deadlines_by_person(user=user, today=today)
        if frist == "forsenad":
            qs = qs.filter(pk__in=[p for p, due in deadlines.items() if due < today])
        elif frist == "snart":
            horizon = today + dt.timedelta(days=SOON_DAYS)
            qs = qs.filter(pk__in=[p for p, due in deadlines.items() if today <= due <= horizon])
    if sort == "frist" and deadlines is not None:
        found = deadlines
        ordered = list(qs.order_by("efternamn", "fornamn", "id").select_related("tillstand"))
        with_due = sorted(
            (p for p in ordered if p.pk in found), key=lambda p: found[p.pk], reverse=descending
        )
        # Persons without a deadline come last in either direction.
        return Result(
            with_due + [p for p in ordered if p.pk not in found], deadlines, sort, descending
        )
    order = SORTS.get(sort, SORTS["namn"])
    if descending:
        order = tuple(f"-{o}" for o in order)
    return Result(
        qs.order_by(*order).select_related("household", "tillstand"), deadlines, sort, descending
    )


COLUMNS = (
    ("namn", _("Namn")),
    ("fodd", _("Födelsedatum")),
    ("malgrupp", _("Målgrupp")),
    ("fas", _("Fas")),
    ("status", _("Status")),
    ("frist", _("Nästa frist")),
)


def sort_columns(result: Result, query: Any) -> list[dict[str, Any]]:
    """Column headers as links that sort by the column, and again the other way."""
    columns = []
    for key, label in COLUMNS:
        active = key == result.sort
        params = query.copy()
        params.pop("sida", None)
        params["sortera"] = key
        params["riktning"] = "ner" if active and not result.descending else ""
        columns.append(
            {
                "key": key,
                "label": label,
                "url": "?" + params.urlencode(),
                "aria_sort": ("descending" if result.descending else "ascending")
                if active
                else None,
            }
        )
    return columns
