"""The Celery app, used only when ``CELERY_BROKER_URL`` (or ``REDIS_URL``) is set.

Run a worker with beat: ``celery -A handschlag.config.celery worker --beat``. Without a
broker the embedded mode sends digests from a thread in the web process instead
(``notifications.tasks.start_in_process_scheduler``) or by ``handschlag send_digests``.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handschlag.config.settings")

app = Celery("handschlag")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["handschlag.notifications"])
app.conf.beat_schedule = {
    "daily-digests": {
        "task": "handschlag.notifications.send_daily_digests",
        # Every hour: due digests go out about a day after the last one, and a worker
        # that was down catches up within the hour.
        "schedule": crontab(minute=7),
    },
}
