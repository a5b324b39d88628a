"""The municipality profiles, one YAML file each (see docs/rules.md).

This package is data; `mottagning.rules.profile` loads and compiles it. The names below are
that module's, for code outside the rules core that asks for a profile.
"""

from mottagning.rules.profile import (
    PROFILE_CODES,
    check_file,
    compiled,
    load_profile,
    profile_path,
)

__all__ = ["PROFILE_CODES", "check_file", "compiled", "load_profile", "profile_path"]
