"""Password login without Django's permission tables.

Every permission in mottagning is a django-rules predicate (accounts/permissions.py). Django's
ModelBackend would also look up user and group permissions in the database on each check that
the rules deny (two queries per page for the menu alone), and could grant something outside the
rules if a row ever appeared there. This backend only checks passwords.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return False

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return False

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()
