"""WSGI entry point for gunicorn and Django's server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handschlag.config.settings")
application = get_wsgi_application()

# The embedded mode's daily digest (off when Celery has a broker; see config/celery.py).
from handschlag.notifications.tasks import start_in_process_scheduler  # noqa: E402

start_in_process_scheduler()
