"""Which files may be attached, checked by name and by content (issue 11 item 3).

The browser's content type is the sender's claim; the first bytes of the file are what it is.
A file whose name and content disagree is refused, so a renamed program cannot pass as a PDF.
"""

from __future__ import annotations

from pathlib import PurePath

from django.utils.translation import gettext as _

_ZIP = b"PK\x03\x04"  # Office Open XML and OpenDocument files are zip archives
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # older Word and Excel files

# extension -> (content type served on download, accepted leading bytes)
KINDS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (_ZIP,),
    ),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (_ZIP,)),
    ".odt": ("application/vnd.oasis.opendocument.text", (_ZIP,)),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", (_ZIP,)),
    ".doc": ("application/msword", (_OLE,)),
    ".xls": ("application/vnd.ms-excel", (_OLE,)),
}


class DocumentError(ValueError):
    pass


def content_type_of(filename: str, content: bytes) -> str:
    """The content type to store for this file, or DocumentError saying what is wrong."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in KINDS:
        raise DocumentError(
            _(
                "Filtypen %(typ)s tas inte emot. Ladda upp PDF, bild (PNG, JPEG) eller Office-fil (%(lista)s)."
            )
            % {"typ": suffix or _("utan filändelse"), "lista": ", ".join(sorted(KINDS))}
        )
    if not content:
        raise DocumentError(_("Filen är tom."))
    content_type, magics = KINDS[suffix]
    if not any(content.startswith(m) for m in magics):
        raise DocumentError(
            _(
                "Filen heter %(namn)s men innehållet är inte en %(typ)s-fil. Spara om den i rätt format."
            )
            % {"namn": PurePath(filename).name, "typ": suffix.lstrip(".").upper()}
        )
    return content_type
