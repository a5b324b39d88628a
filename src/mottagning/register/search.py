"""Search of persons by name or by an identity number written in any common form: a
personnummer or samordningsnummer with or without century, hyphen, plus sign or spaces
(ÅÅÅÅMMDD-NNNN, ÅÅMMDD-NNNN, ÅÅMMDD+NNNN, ÅÅÅÅMMDDNNNN), a dossiernummer with or without
spaces, or the LMA card's number (the dossiernummer and one digit more). Numbers are stored
in one normalised form (register.identities), so the query is normalised the same way.

It narrows a queryset the caller already limited to the persons the user may see
(`register.selectors.person_list`); it never widens one.
"""

from __future__ import annotations

import re

from django.db.models import Exists, OuterRef, Q, QuerySet

from mottagning.register import identities
from mottagning.register.models import Identity, Person

SWEDISH_KINDS = (identities.PERSONNUMMER, identities.SAMORDNINGSNUMMER)

#: The longest search the page's form and the API take. A name and a number are a few dozen
#: characters; without a bound, a 50,000-character word became an SQL LIKE pattern that SQLite
#: refuses (a 500).
QUERY_MAX_LENGTH = 200


def _number_q(text: str) -> Q | None:
    """The identities a number-like query may mean, or None if it is no number."""
    compact = re.sub(r"[\s\-+]", "", text).upper()
    if re.fullmatch(r"\d{8}[0-9A-Z]{4}", compact) and re.search(r"[A-Z]", compact):
        return Q(typ=identities.RESERVNUMMER, varde=compact)
    if not compact.isdigit() or len(compact) < 7:
        return None
    if len(compact) == 12:
        return Q(varde=compact)
    if len(compact) == 10:
        # ÅÅMMDDNNNN: the century is not written; the check digit decides only the last ten.
        candidates = [century + compact for century in ("18", "19", "20")]
        return Q(typ__in=SWEDISH_KINDS, varde__in=candidates)
    if len(compact) in (7, 8, 9):
        # A dossiernummer has 7 or 8 digits; the LMA card adds one digit for the card's order.
        candidates = [compact, compact[:-1]] if len(compact) > 7 else [compact]
        return Q(typ=identities.DOSSIERNUMMER, varde__in=candidates)
    return Q(varde__contains=compact)


def search(qs: QuerySet[Person], query: str) -> QuerySet[Person]:
    query = query.strip()
    if not query:
        return qs
    whole = _number_q(query)
    if whole is not None:
        matching = Identity.objects.filter(whole, person=OuterRef("pk"))
        return qs.filter(Exists(matching))
    for word in query.split():
        number = _number_q(word) if any(ch.isdigit() for ch in word) else None
        if number is not None:
            qs = qs.filter(Exists(Identity.objects.filter(number, person=OuterRef("pk"))))
        elif any(ch.isdigit() for ch in word):
            digits = re.sub(r"\D", "", word)
            qs = qs.filter(
                Exists(Identity.objects.filter(person=OuterRef("pk"), varde__contains=digits))
            )
        else:
            qs = qs.filter(Q(fornamn__icontains=word) | Q(efternamn__icontains=word))
    return qs
