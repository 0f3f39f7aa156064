"""WSGI entry point for gunicorn and Django's server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handschlag.config.settings")
application = get_wsgi_application()
