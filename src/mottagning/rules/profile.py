"""Municipality profiles: organisation, routing rows and local definitions, one YAML file each.

The YAML files are data in the package `mottagning.profiles`; this module, part of the rules
core, loads and compiles them (so the core never imports the data package's code).

`load_profile(kod)` gives the validated organisation (committees, units, roles) for other
layers to use; `compiled(kod)` gives the profile compiled together with the national table,
ready to evaluate. Both are cached: profiles are data shipped with the code.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from mottagning.rules.errors import InputError
from mottagning.rules.schema import Profil
from mottagning.rules.tables import Compiled, compile_profile, load_national, load_profile_data

#: Bundled profiles, in the order of the seeds (001 Alingsås, 002 Vingåker, 003 Östersund, 004 Ekerö).
PROFILE_CODES: tuple[str, ...] = ("alingsas", "vingaker", "ostersund", "ekero")


def profile_path(kod: str) -> Path:
    return Path(str(resources.files("mottagning") / "profiles" / f"{kod}.yaml"))


def _check_code(kod: str) -> None:
    if kod not in PROFILE_CODES:
        raise InputError(
            f"okänd kommun {kod!r}; kända kommuner är {', '.join(PROFILE_CODES)}.", "kommun"
        )


@functools.cache
def load_profile(kod: str) -> Profil:
    _check_code(kod)
    return load_profile_data(profile_path(kod), f"profiles/{kod}.yaml")


@functools.cache
def compiled(kod: str) -> Compiled:
    _check_code(kod)
    national, nfile = load_national()
    return compile_profile(national, nfile, load_profile(kod), f"profiles/{kod}.yaml")


def beskrivning_en(kod: str, regel: str) -> str | None:
    """The English text of municipality `kod`'s row or frist `regel` (None if there is none).

    For the web interface in English only: the CLI's and the API's answers are the Swedish
    contract and carry `beskrivning` alone.
    """
    return _english(kod).get(regel)


@functools.cache
def _english(kod: str) -> dict[str, str]:
    c = compiled(kod)
    texts = {r.id: r.beskrivning_en for r in c.rows}
    texts.update((f.id, f.beskrivning_en) for f in c.profil.frister)
    return texts


def check_file(path: Path) -> Compiled:
    """Validate a profile file (any path) against the national table; TableError if unusable."""
    national, nfile = load_national()
    profil = load_profile_data(path, str(path))
    return compile_profile(national, nfile, profil, str(path))
