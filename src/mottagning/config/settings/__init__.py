"""Development and test settings: SQLite in var/ unless DATABASE_URL is set.

Each concern lives in its own module so a reviewer finds the security choices in one place;
`production.py` builds on this and refuses to start without its secrets.
"""

from mottagning.config.settings.apps import *  # noqa: F403 - settings modules are composed by star import
from mottagning.config.settings.casework import *  # noqa: F403
from mottagning.config.settings.database import *  # noqa: F403
from mottagning.config.settings.i18n import *  # noqa: F403
from mottagning.config.settings.security import *  # noqa: F403
