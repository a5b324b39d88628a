from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import yaml
from hypothesis import settings

CASES = Path(__file__).parent / "cases"


def as_json(x: Any) -> Any:
    """YAML turns dates into date objects; the contract speaks ISO strings."""
    if isinstance(x, dict):
        return {k: as_json(v) for k, v in x.items()}
    if isinstance(x, list):
        return [as_json(v) for v in x]
    if isinstance(x, dt.date):
        return x.isoformat()
    return x


def load_cases() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            case["_fil"] = path.name
            out.append(as_json(case))
    return out


# Property tests without their own example count take it from a profile: bounded in `make test`,
# many more in `make proptest` (MOTTAGNING_HYPOTHESIS=lang).
settings.register_profile("standard", max_examples=60)
settings.register_profile("lang", max_examples=2_000)
settings.load_profile(os.environ.get("MOTTAGNING_HYPOTHESIS", "standard"))
