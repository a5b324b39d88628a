"""Signals the register sends: other apps derive their rows from it, not the other way round."""

from django.dispatch import Signal

#: Sent inside the transaction of every write that changes a person's timeline (events, birth
#: date, ensamkommande), with `person=`. The cases app recomputes the person's responsibility
#: periods, transitions and state in the same transaction (cases.apps).
timeline_changed = Signal()
