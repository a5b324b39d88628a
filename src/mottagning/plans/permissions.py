"""Who may read and write mappings and plans: the same predicates as person records (a plan is
part of the person's record), deny by default."""

from __future__ import annotations

from mottagning.accounts.permissions import add_perm, may_read_persons, may_write_persons

add_perm("plans.read", may_read_persons)
add_perm("plans.write", may_write_persons)
