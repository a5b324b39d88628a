"""Errors that carry a sentence for a person, not a traceback."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input from a user or another system: says what, where and how to fix.

    The message is a Swedish sentence fit to show as it is (CLI exit status 2, a form
    error, an API 400). `where` names the place (a JSON path, a file and row).
    """

    def __init__(self, message: str, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


class TableError(ValueError):
    """A decision table or profile that cannot be used: names the file, the row and the state."""

    def __init__(self, message: str, file: str, row: str | None = None) -> None:
        self.message = message
        self.file = file
        self.row = row
        where = f"{file}" + (f", rad {row}" if row else "")
        super().__init__(f"{where}: {message}")
