from __future__ import annotations

from django import template

from mottagning.web.labels import label as _label

register = template.Library()


@register.filter
def label(code: object, kind: str) -> str:
    """{{ value|label:"omrade" }}: the readable name of a rules-core code."""
    return _label(kind, code)


@register.filter
def joinlist(value: object, sep: str = ", ") -> str:
    if isinstance(value, list | tuple):
        return sep.join(str(v) for v in value)
    return "" if value is None else str(value)
