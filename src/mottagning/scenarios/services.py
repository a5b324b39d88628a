"""Every write of a scenario: keyword-only, one transaction, validated. A save is a new
numbered version with who, when and what changed since the previous one; nothing is
overwritten. The acting user's municipality is the tenant: another municipality's scenario is
refused here whatever the caller checked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mottagning.accounts.models import User
from mottagning.history import history_record
from mottagning.register.services import validate_instance
from mottagning.scenarios.models import Scenario, ScenarioBelopp, ScenarioVersion

Falt = Mapping[str, Sequence[str]]
Belopp = Mapping[tuple[str, dt.date], Decimal]
ORE = Decimal("0.01")


def _falt(falt: Falt) -> dict[str, list[str]]:
    """The page's fields as lists of text, empty values left out (an empty field is the
    page's default, whichever way the address carried it)."""
    out: dict[str, list[str]] = {}
    for name, values in falt.items():
        if not isinstance(name, str) or isinstance(values, str):
            raise ValidationError(_("Scenariots fält kunde inte läsas."))
        kept = [str(v) for v in values if str(v).strip()]
        if kept:
            out[name] = kept
    return dict(sorted(out.items()))


def _belopp(belopp: Belopp) -> dict[tuple[str, dt.date], Decimal]:
    out = {}
    for (name, start), value in belopp.items():
        if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
            raise ValidationError(_("Ett eget belopp ska vara ett tal som inte är negativt."))
        # Kronor and öre, exactly: an amount with finer parts would be rounded when stored.
        if value != value.quantize(ORE):
            raise ValidationError(
                _("Ett eget belopp kan ha högst två decimaler (öre): %(belopp)s.")
                % {"belopp": value}
            )
        out[(name, start)] = value
    return out


def _andringar(
    fore: ScenarioVersion | None,
    falt: dict[str, list[str]],
    belopp: dict[tuple[str, dt.date], Decimal],
    namn_fore: str | None,
    namn: str,
) -> list[dict[str, Any]]:
    """[{"falt", "fore", "efter"}] with the values as lists, as the page's fields hold them
    (a field can hold several, such as the tasks of a move), so a page can name each."""
    changes: list[dict[str, Any]] = []
    if namn_fore is not None and namn_fore != namn:
        changes.append({"falt": "namn", "fore": [namn_fore], "efter": [namn]})
    old_falt: dict[str, list[str]] = dict(fore.falt) if fore else {}
    for name in sorted(set(old_falt) | set(falt)):
        a, b = old_falt.get(name, []), falt.get(name, [])
        if a != b:
            changes.append({"falt": name, "fore": a, "efter": b})
    old_belopp = {(b.parameter, b.fran): b.belopp for b in fore.belopp.all()} if fore else {}
    for key in sorted(set(old_belopp) | set(belopp)):
        x, y = old_belopp.get(key), belopp.get(key)
        if x != y:
            changes.append(
                {
                    "falt": f"belopp:{key[0]}:{key[1].isoformat()}",
                    "fore": [] if x is None else [str(x)],
                    "efter": [] if y is None else [str(y)],
                }
            )
    return changes


def _same_municipality(actor: User, scenario: Scenario) -> None:
    if actor.municipality_id != scenario.municipality_id:
        raise ValidationError(_("Scenariot hör till en annan kommun än din."))


def _name_taken(municipality_id: int, namn: str, *, other_than: int | None) -> bool:
    """Whether another active scenario of the municipality has the name; archived ones leave it
    free (the constraint scenario_unique_active_name)."""
    active = Scenario.objects.filter(
        municipality_id=municipality_id, namn=namn, arkiverad__isnull=True
    )
    if other_than is not None:
        active = active.exclude(pk=other_than)
    return active.exists()


def _save(scenario: Scenario, *, actor: User, reason: str, fields: list[str] | None = None) -> None:
    history_record(scenario, actor=actor, reason=reason)
    scenario.save(update_fields=fields)


def _own(actor: User, scenario: Scenario) -> None:
    _same_municipality(actor, scenario)
    if scenario.arkiverad is not None:
        raise ValidationError(_("Scenariot är arkiverat och kan inte ändras."))


@transaction.atomic
def scenario_spara(
    *,
    actor: User,
    namn: str,
    sida: str,
    falt: Falt,
    belopp: Belopp | None = None,
    scenario: Scenario | None = None,
) -> ScenarioVersion:
    """A new scenario, or a new version of `scenario`, with the page's fields and the user's
    own amounts. Saving an unchanged scenario again is refused: it would be a version without
    a change."""
    if actor.municipality_id is None:
        raise ValidationError(_("Ditt konto hör inte till någon kommun."))
    namn = namn.strip()
    if not namn:
        raise ValidationError({"namn": [_("Skriv ett namn på scenariot.")]})
    rena_falt, rena_belopp = _falt(falt), _belopp(belopp or {})
    fore: ScenarioVersion | None = None
    if scenario is None:
        scenario = Scenario(
            municipality_id=actor.municipality_id, namn=namn, sida=sida, skapad_av=actor
        )
        namn_fore = None
    else:
        scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
        _own(actor, scenario)
        if scenario.sida != sida:
            raise ValidationError(_("Scenariot sparades från en annan sida."))
        fore = scenario.senaste()
        namn_fore = scenario.namn
        scenario.namn = namn
    if _name_taken(actor.municipality_id, namn, other_than=scenario.pk):
        raise ValidationError(
            {"namn": [_("Det finns redan ett scenario som heter ”%(namn)s”.") % {"namn": namn}]}
        )
    andringar = _andringar(fore, rena_falt, rena_belopp, namn_fore, namn)
    if fore is not None and not andringar:
        raise ValidationError(
            _("Inget har ändrats sedan version %(n)s; ingen ny version sparades.")
            % {"n": fore.nummer}
        )
    validate_instance(scenario, validate_unique=False)
    _save(scenario, actor=actor, reason=_("Scenario sparat"))
    version = ScenarioVersion(
        scenario=scenario,
        nummer=(fore.nummer + 1) if fore else 1,
        sparad_av=actor,
        falt=rena_falt,
        andringar=andringar,
    )
    validate_instance(version, exclude=["falt", "andringar"])
    version.save()
    for (name, start), value in sorted(rena_belopp.items()):
        row = ScenarioBelopp(version=version, parameter=name, fran=start, belopp=value)
        validate_instance(row, exclude=["version"])
        row.save()
    return version


@transaction.atomic
def scenario_arkivera(*, actor: User, scenario: Scenario) -> Scenario:
    """Out of the list, not out of the record: its versions stay readable."""
    scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
    _own(actor, scenario)
    scenario.arkiverad = timezone.now()
    scenario.arkiverad_av = actor
    _save(
        scenario, actor=actor, reason=_("Scenario arkiverat"), fields=["arkiverad", "arkiverad_av"]
    )
    return scenario


@transaction.atomic
def scenario_aterstall(*, actor: User, scenario: Scenario) -> Scenario:
    """Back in the list with its versions, as it was when archived. Its name must be free among
    the active scenarios, as when it was saved."""
    scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
    _same_municipality(actor, scenario)
    if scenario.arkiverad is None:
        raise ValidationError(_("Scenariot är inte arkiverat."))
    if _name_taken(scenario.municipality_id, scenario.namn, other_than=scenario.pk):
        raise ValidationError(
            _(
                "Det finns redan ett scenario som heter ”%(namn)s”. Byt namn på det eller "
                "arkivera det, och återställ sedan det här."
            )
            % {"namn": scenario.namn}
        )
    scenario.arkiverad = None
    scenario.arkiverad_av = None
    _save(
        scenario, actor=actor, reason=_("Scenario återställt"), fields=["arkiverad", "arkiverad_av"]
    )
    return scenario
