"""Settings, URLs and the process entry points (WSGI, ASGI, Celery).

The Celery app is loaded with Django, so that a web process sends tasks through the
configured broker (``config/celery.py``), not Celery's default.
"""

from handschlag.config.celery import app as celery_app

__all__ = ["celery_app"]
