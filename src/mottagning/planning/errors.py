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
