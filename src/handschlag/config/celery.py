"""The Celery app, used only when ``CELERY_BROKER_URL`` (or ``REDIS_URL``) is set.

Run workers and one beat: ``celery -A handschlag.config.celery worker`` and
``celery -A handschlag.config.celery beat`` (or ``worker --beat`` on a single host).
Without a broker the embedded mode runs the same tasks in threads of the web process
(``core.tasks``) and sends digests from its in-process scheduler
(``notifications.tasks.start_in_process_scheduler``). See docs/jobs.md.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handschlag.config.settings")

app = Celery("handschlag")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["handschlag.notifications", "handschlag.imports", "handschlag.network"])
#: Every periodic job. Each task is safe to run twice and to run late.
app.conf.beat_schedule = {
    "daily-digests": {
        "task": "handschlag.notifications.send_daily_digests",
        # Every hour: due digests go out about a day after the last one, and a worker
        # that was down catches up within the hour.
        "schedule": crontab(minute=7),
    },
    "requeue-stalled-imports": {
        # Imports whose message was lost (broker down when sent, worker killed): sent again.
        "task": "handschlag.imports.requeue_stalled_imports",
        "schedule": 60.0,
    },
    "retrain-text-model": {
        # Retraining is queued after decisions; this catches one lost on the way.
        "task": "handschlag.network.retrain_if_due",
        "schedule": crontab(minute=37),
    },
}
