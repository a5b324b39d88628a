"""Who changed a record, and why: django-simple-history reads both from the instance when it is
saved or deleted, and every service that writes a model with history sets them here."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mottagning.accounts.models import User


def history_record(instance: object, *, actor: User | None, reason: str) -> None:
    """Mark `instance` so that its next save or delete is recorded with `actor` (None: the
    system, such as a scheduled clean-up) and `reason`."""
    instance._history_user = actor  # type: ignore[attr-defined]
    instance._change_reason = reason  # type: ignore[attr-defined]
