"""Who may do what: predicates (django-rules), deny by default.

Person-level access (which persons a user may see) is a query, in register.selectors, because
it must filter lists as well as guard single records.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from mottagning.accounts.models import (
    ADMINISTRATOR,
    EKONOM,
    ENHETSCHEF,
    FORTROENDEVALD,
    HANDLAGGARE,
    REVISOR,
    SAMORDNARE,
    STRATEG,
    AnyUser,
    User,
)
from rules import permissions as _permissions
from rules import predicates as _predicates


def _roles(user: AnyUser) -> frozenset[str]:
    if (
        not getattr(user, "is_authenticated", False)
        or getattr(user, "municipality_id", None) is None
    ):
        return frozenset()
    # Only a User has a municipality; an anonymous user was turned away above.
    codes: frozenset[str] = cast(User, user).role_codes()
    return codes


# django-rules ships py.typed but leaves these two untyped; give them their real shapes once.
predicate: Callable[[Callable[[Any], bool]], Any] = _predicates.predicate
add_perm: Callable[[str, Any], None] = _permissions.add_perm


@predicate
def is_handlaggare(user: AnyUser) -> bool:
    return HANDLAGGARE in _roles(user)


@predicate
def is_enhetschef(user: AnyUser) -> bool:
    return ENHETSCHEF in _roles(user)


@predicate
def is_ekonom(user: AnyUser) -> bool:
    return EKONOM in _roles(user)


@predicate
def is_strateg(user: AnyUser) -> bool:
    return STRATEG in _roles(user)


@predicate
def is_revisor(user: AnyUser) -> bool:
    return REVISOR in _roles(user)


@predicate
def is_samordnare(user: AnyUser) -> bool:
    return SAMORDNARE in _roles(user)


@predicate
def is_administrator(user: AnyUser) -> bool:
    return ADMINISTRATOR in _roles(user)


@predicate
def is_fortroendevald(user: AnyUser) -> bool:
    return FORTROENDEVALD in _roles(user)


# Case work with person records: handläggare and enhetschefer; ekonomer read them to reclaim
# state compensation. Strateger see aggregates only; revisorer read the logs.
may_read_persons = is_handlaggare | is_enhetschef | is_ekonom
may_write_persons = is_handlaggare | is_enhetschef
may_see_dashboard = is_handlaggare | is_enhetschef | is_ekonom | is_strateg
may_export = is_enhetschef | is_ekonom
may_read_access_log = is_revisor

add_perm("register.read_person", may_read_persons)
add_perm("register.write_person", may_write_persons)
add_perm("register.import", may_write_persons)
add_perm("register.export", may_export)
add_perm("cases.see_dashboard", may_see_dashboard)
add_perm("audit.read_log", may_read_access_log)
add_perm("accounts.manage_users", is_administrator)
# Begäran om uppgifter (OSL): enhetschefer and administratörer ask about a blocked identity
# number; an enhetschef of a unit that may see the person decides; revisorer follow up.
add_perm("audit.request_information", is_enhetschef | is_administrator)
add_perm("audit.decide_information_request", is_enhetschef)
add_perm("audit.see_information_requests", is_enhetschef | is_administrator | is_revisor)
# Access grants (four eyes): shown to the municipality's revisorer and administratörer.
add_perm("accounts.see_access_grants", is_revisor | is_administrator)


def acting_user(request: HttpRequest) -> User:
    """The user a page or API request acts as. Anonymous requests never get this far: the
    pages are behind LoginRequiredMiddleware and the API authenticates every call itself."""
    return cast(User, request.user)


def require(request: HttpRequest, perm: str) -> None:
    """Refuses (403) a request whose user lacks `perm`, one of the permissions above."""
    if not request.user.has_perm(perm):
        raise PermissionDenied
