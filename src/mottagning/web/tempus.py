"""Texts about dated things in the tense their date calls for, seen from today in
Europe/Stockholm: the tense is chosen by `rules.dates.tempus`, the words are here, so a page
never says "gick över" about next year or "förfaller" about last month."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mottagning.rules.dates import Tempus, period_tempus, tempus

# Past, today, future; %(datum)s is the date, %(fran)s and %(till)s a period's ends.
FRASER: dict[str, tuple[Promise, Promise, Promise]] = {
    "forfalla": (_("förföll %(datum)s"), _("förfaller i dag"), _("förfaller %(datum)s")),
    "ga_over": (
        _("Ansvaret gick över %(datum)s"),
        _("Ansvaret går över i dag"),
        _("Ansvaret går över %(datum)s"),
    ),
    "klar_senast": (
        _("skulle ha varit klar senast %(datum)s"),
        _("ska vara klar i dag"),
        _("ska vara klar senast %(datum)s"),
    ),
    "borja": (_("började %(datum)s"), _("börjar i dag"), _("börjar %(datum)s")),
    "sluta": (_("slutade %(datum)s"), _("slutar i dag"), _("slutar %(datum)s")),
    "galla": (
        _("gällde %(fran)s – %(till)s"),
        _("gäller %(fran)s – %(till)s"),
        _("börjar gälla %(fran)s – %(till)s"),
    ),
}
_ORDNING: tuple[Tempus, ...] = ("dåtid", "i dag", "framtid")
_TILLS_VIDARE = _("tills vidare")


def _dag(d: dt.date | None) -> str:
    return d.isoformat() if d is not None else ""


def i_tid(d: dt.date, fras: str, today: dt.date | None = None) -> str:
    """The phrase `fras` about the date `d`: `i_tid(2027-03-03, "ga_over")` → "går över
    2027-03-03" before that day, "går över i dag" on it and "gick över 2027-03-03" after."""
    t = tempus(d, today or timezone.localdate())
    return str(FRASER[fras][_ORDNING.index(t)]) % {"datum": _dag(d)}


def period_i_tid(
    fran: dt.date | None, till: dt.date | None, fras: str, today: dt.date | None = None
) -> str:
    """The phrase `fras` about a period, e.g. a decision's validity: "gällde …", "gäller …",
    "börjar gälla …"; a period without an end runs "tills vidare"."""
    if fran is None and till is None:
        return str(_TILLS_VIDARE)
    t = period_tempus(fran, till, today or timezone.localdate())
    till_text = _dag(till) if till is not None else str(_TILLS_VIDARE)
    return str(FRASER[fras][_ORDNING.index(t)]) % {"fran": _dag(fran) or "–", "till": till_text}
