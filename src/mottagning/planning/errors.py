"""Bad planning input: one Swedish line that names the field, never a traceback."""

from __future__ import annotations


class PlaneringsFel(ValueError):  # noqa: N818 — Swedish like the domain (fel = error)
    """Input that planning cannot use: says which field and what is wrong.

    `falt` is the field as a user wrote it (`--andel-som-lamnar`, `flytta[0].till`,
    `vingaker.yaml: mottagna.vuxna`); `meddelande` a Swedish sentence.
    """

    def __init__(self, falt: str, meddelande: str) -> None:
        self.falt = falt
        self.meddelande = meddelande
        super().__init__(f"{falt}: {meddelande}")


class InmatningsFel(ValueError):  # noqa: N818 — as PlaneringsFel
    """A typed number or range that cannot be read. `kod` names the fault, so that a form can
    give its own translated message and the CLI its one line; `text` is the part that was
    typed, `hel` all of it (a range's fault concerns the whole range)."""

    def __init__(self, kod: str, text: str, hel: str | None = None) -> None:
        self.kod = kod
        self.text = text
        self.hel = text if hel is None else hel
        super().__init__(f"{kod}: {text}")
