"""URL converters shared by the pages and the API."""

from __future__ import annotations

from django.urls import register_converter


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
