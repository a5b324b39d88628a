"""WSGI entry point for gunicorn: `gunicorn mottagning.config.wsgi --preload`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mottagning.config.settings.production")

application = get_wsgi_application()

# Compile every bundled municipality's rules now (about a second each), with the holder table
# responsibility over time reads (rules.periods), rather than in the first request each worker
# serves; with gunicorn --preload this happens once, before the fork.
from mottagning.profiles import PROFILE_CODES, compiled  # noqa: E402 - needs Django set up
from mottagning.rules.periods import holders  # noqa: E402

for _kod in PROFILE_CODES:
    holders(compiled(_kod))

# Likewise the URL configuration, which imports every view and builds the API's schemas: Django
# loads it on the first request, which made each worker's first requests slow under load.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018 - loading it is the point
