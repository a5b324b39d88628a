"""WSGI entry point for gunicorn: `gunicorn mottagning.config.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mottagning.config.settings.production")

application = get_wsgi_application()
