"""The digest as background work: a Celery task when a broker is configured, otherwise a
thread in the web process that looks every hour whether digests are due.

Both call ``services.send_due_digests``, which sends each digest once even when two
runs overlap (several web processes, or a Celery retry). In the embedded mode the same
hourly thread stands in for Celery beat's other periodic work: it runs the import jobs
that a restart of the web process interrupted (``imports.tasks.requeue_stalled_imports``).
"""

from __future__ import annotations

import logging
import threading

from celery import shared_task
from django.conf import settings
from django.db import connections

from handschlag.imports.tasks import requeue_stalled_imports
from handschlag.notifications.services import send_due_digests

logger = logging.getLogger(__name__)

#: How often the in-process scheduler looks for due digests.
CHECK_EVERY_SECONDS = 60 * 60

_started = threading.Event()


@shared_task(name="handschlag.notifications.send_daily_digests")  # type: ignore[untyped-decorator]
def send_daily_digests() -> int:
    """Celery beat runs this every hour (``config/celery.py``); due digests go out."""
    return send_due_digests()


def _loop(stop: threading.Event) -> None:
    while not stop.wait(CHECK_EVERY_SECONDS):
        try:
            sent = send_due_digests()
            if sent:
                logger.info("sent %d digest(s)", sent)
        except Exception:  # task boundary: log and try again at the next check
            logger.exception("the digest run failed")
        try:
            requeue_stalled_imports()
        except Exception:  # task boundary: log and try again at the next check
            logger.exception("the run of stalled import jobs failed")
        finally:
            connections.close_all()


def start_in_process_scheduler() -> threading.Event | None:
    """Start the hourly digest check in this process, once; not when Celery runs it.

    Returns the event that stops the thread, or None when nothing was started.
    """
    if settings.CELERY_BROKER_URL or not settings.HANDSCHLAG_DIGEST_IN_PROCESS:
        return None
    if _started.is_set():
        return None
    _started.set()
    stop = threading.Event()
    threading.Thread(target=_loop, args=(stop,), name="digest-scheduler", daemon=True).start()
    return stop
