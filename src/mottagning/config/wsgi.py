"""WSGI entry point for gunicorn: `gunicorn mottagning.config.wsgi --preload`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mottagning.config.settings.production")

application = get_wsgi_application()

# Compile every bundled municipality's rules now (about a second each) rather than in the first
# request each worker serves; with gunicorn --preload this happens once, before the fork.
from mottagning.profiles import PROFILE_CODES, compiled  # noqa: E402 - needs Django set up

for _kod in PROFILE_CODES:
    compiled(_kod)
