"""The seeds' target groups (målgrupper, 001 §1), for every person of a register on a date.

Lists, dashboards and follow-up count persons by these groups; they are definitions of the
seeds, so they live in the rules core beside the state they are read from.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

from mottagning.rules.codes import RATTSLIG_STATUS
from mottagning.rules.timeline import States

#: In order of precedence: a person is counted in the first group that fits.
MALGRUPP: Final = ("ekb", "ensamkommande_unga", "asylsokande", "nyanlanda", "ovriga")

_S = {name: i for i, name in enumerate(RATTSLIG_STATUS)}


def target_groups(s: States) -> npt.NDArray[np.int8]:
    """Index into MALGRUPP per person.

    * ekb: ensamkommande barn, under 18, not returned (001 §1 "Ensamkommande barn").
    * ensamkommande_unga: came as ensamkommande, 18–20, with a permit or applying for a new
      one (001 §1 "Ensamkommande unga").
    * asylsokande: asylum seeker (001 §1).
    * nyanlanda: nyanländ by the municipality's own definition (the profile's `nyanland`).
    * ovriga: everyone else, and persons without a known status.
    """
    known = s.status >= 0
    returned = s.status == _S["atervant"]
    no_permit = np.isin(s.status, [_S["asylsokande"], _S["avslag"], _S["atervant"]])
    out = np.full(s.n, MALGRUPP.index("ovriga"), dtype=np.int8)
    out[known & s.nyanland] = MALGRUPP.index("nyanlanda")
    out[s.status == _S["asylsokande"]] = MALGRUPP.index("asylsokande")
    young = s.ensamkommande & known & (s.alder >= 18) & (s.alder < 21) & ~no_permit
    out[young] = MALGRUPP.index("ensamkommande_unga")
    out[s.ensamkommande & known & (s.alder < 18) & ~returned] = MALGRUPP.index("ekb")
    return out
