"""Row ids where they enter: the URL converter, the largest id, and a bounded multiple choice."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import register_converter

# The largest row id: ids are the database's signed 64-bit integers. A larger number names no
# row; passed on, it would overflow the database driver (a 500) instead.
MAX_ID = 2**63 - 1


class IdConverter:
    """A row id: at most 18 digits, so it always fits the database's 64-bit integer.

    Django's `int` converter takes any number of digits, and an id beyond 2**63 made the
    database driver raise OverflowError (a 500); a longer id now simply matches no URL (404).
    """

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """A multiple choice of rows that refuses an id out of range as an invalid choice.

    Django's field looks the chosen ids up with `pk__in`, which, unlike the single-row lookup,
    passes an id beyond 2**63 to the driver (OverflowError on SQLite, a 500)."""

    def clean(self, value: Any) -> Any:
        for pk in value if isinstance(value, (list, tuple)) else ():
            if not (str(pk).isdigit() and 0 < int(pk) <= MAX_ID):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super().clean(value)
