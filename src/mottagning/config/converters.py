"""Values where they enter a request: row ids (the URL converter, the largest id, a bounded
multiple choice), whole numbers, and the path to go back to."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import register_converter
from django.utils.http import url_has_allowed_host_and_scheme

# The largest row id: ids are the database's signed 64-bit integers. A larger number names no
# row; passed on, it would overflow the database driver (a 500) instead.
MAX_ID = 2**63 - 1


def whole_number(text: str) -> int | None:
    """A whole number written in ASCII digits (a query string's year, a filter's user id), or
    None. `str.isdigit` alone is not the test: "²" is a digit to it, and `int` refuses it."""
    return int(text) if text.isascii() and text.isdigit() else None


def parse_id(text: str) -> int | None:
    """A row id written in a request (a query string, a button's value), or None if the text
    names no row: not ASCII digits, 0, or beyond the largest id."""
    n = whole_number(text)
    return n if n is not None and 0 < n <= MAX_ID else None


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
            if parse_id(str(pk)) is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super().clean(value)


def local_path(request: HttpRequest, url: str) -> str:
    """`url` if it is a path on this site to send the user back to (a `next` field), else "".
    A bare word is not one: `redirect("abc")` takes it for a view's name (NoReverseMatch, a
    500), and a URL on another host would send the user away."""
    if url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""
