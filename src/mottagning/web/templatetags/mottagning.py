from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from mottagning.planning.underlag import KOMMUNER
from mottagning.planning.underlag import citera as _citera
from mottagning.planning.underlag import kommun_namn as _kommun_namn
from mottagning.register.models import Municipality
from mottagning.web.labels import label as _label
from mottagning.web.labels import outside_text, transition_text
from mottagning.web.tempus import i_tid as _i_tid
from mottagning.web.tempus import period_i_tid as _period_i_tid

register = template.Library()


@register.filter
def label(code: object, kind: str) -> str:
    """{{ value|label:"omrade" }}: the readable name of a rules-core code."""
    return _label(kind, code)


@register.filter
def overgang(t: Any, kommun: object = None) -> str:
    """{{ o|overgang:result.kommun }} or {{ transition|overgang }}: what a transition or deadline
    says, in the page's language (`web.labels.transition_text`)."""
    if isinstance(t, dict):
        typ, text = t.get("typ"), t.get("beskrivning")
    else:
        typ, text = getattr(t, "typ", None), getattr(t, "beskrivning", None)

    def kod() -> str | None:
        if kommun:
            return str(kommun)
        municipality = getattr(t, "municipality", None)
        return getattr(municipality, "kod", None)

    return transition_text(typ, text, kod)


@register.filter
def utanfor(result: dict[str, Any]) -> str:
    """{{ result|utanfor }}: why the tables do not answer, in the page's language."""
    return outside_text(result)


@register.filter
def joinlist(value: object, sep: str = ", ") -> str:
    if isinstance(value, list | tuple):
        return sep.join(str(v) for v in value)
    return "" if value is None else str(value)


@register.filter
def citera(text: object) -> str:
    """{{ kalla|citera }}: a source as a person cites it (`planning.underlag.citera`)."""
    return _citera("" if text is None else str(text))


@register.filter
def kommun(kod: object) -> str:
    """{{ event.kommun|kommun }}: a municipality's name, not its code."""
    if not kod:
        return ""
    name = Municipality.objects.filter(kod=str(kod)).values_list("namn", flat=True).first()
    if name:
        return str(name)
    return _kommun_namn(str(kod)) if str(kod) in KOMMUNER else str(kod)


@register.filter
def i_tid(d: object, fras: str) -> str:
    """{{ due|i_tid:"forfalla" }}: "förföll …", "förfaller i dag" or "förfaller …" by today's
    date (`web.tempus`)."""
    if not isinstance(d, dt.date):
        return ""
    return _i_tid(d, fras)


@register.simple_tag
def period_i_tid(fran: dt.date | None, till: dt.date | None, fras: str) -> str:
    """{% period_i_tid b.giltigt_fran b.giltigt_till "galla" %}: "gällde …", "gäller …" or
    "börjar gälla …" by today's date (`web.tempus`)."""
    return _period_i_tid(fran, till, fras)
