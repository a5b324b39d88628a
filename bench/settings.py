"""Production settings with bench/minimal.py's URLconf (the reliability benchmark's server)."""

from mottagning.config.settings.production import *  # noqa: F403 - everything as in production

ROOT_URLCONF = "bench.minimal"
