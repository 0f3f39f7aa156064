"""Running background jobs: Celery tasks when a broker is configured, threads otherwise.

Every job is a Celery task (``imports.tasks``, ``network.tasks``, ``notifications.tasks``)
and is started with ``enqueue_task`` once the transaction that asked for it commits:

* with ``CELERY_BROKER_URL`` (or ``REDIS_URL``) the task is sent to the broker, and a
  worker runs it (late acknowledgement: a worker that dies mid-job leaves the message to
  be delivered again, see docs/jobs.md);
* without a broker it runs in a thread of this process (the embedded mode);
* with ``HANDSCHLAG_TASKS_EAGER`` (tests) it runs inline, after commit.

A broker that is down when a job is sent does not lose the job: the job's row was
committed before sending, and beat's sweep (``imports.tasks.requeue_stalled_imports``)
sends again what stayed queued. Every task is safe to run twice.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connections, transaction

logger = logging.getLogger(__name__)

#: Sending a task tries the broker this often before giving up (the sweep sends it later).
PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2}


def _run(job: Callable[[], object]) -> None:
    try:
        job()
    except Exception:  # task boundary: log, never take the web request down
        logger.exception("background job %s failed", getattr(job, "__name__", job))


def _run_in_thread(job: Callable[[], object]) -> None:
    try:
        _run(job)
    finally:
        # The thread opened its own database connections; they end with it.
        connections.close_all()


def uses_celery() -> bool:
    """Whether jobs go to Celery workers (a broker is configured and tests are not eager)."""
    return bool(settings.CELERY_BROKER_URL) and not settings.HANDSCHLAG_TASKS_EAGER


def enqueue_on_commit(job: Callable[[], object]) -> None:
    """Run ``job`` once the current transaction commits, without making the member wait
    (in this process: a thread, or inline in tests). Prefer ``enqueue_task``."""

    def start() -> None:
        if settings.HANDSCHLAG_TASKS_EAGER:
            _run(job)
        else:
            threading.Thread(target=_run_in_thread, args=(job,), daemon=True).start()

    transaction.on_commit(start)


def send_task(task: Any, *args: Any) -> bool:
    """Send ``task`` to the broker now; False (and a log line) when the broker is down."""
    try:
        task.apply_async(args=args, retry=True, retry_policy=PUBLISH_RETRY_POLICY)
    except Exception:  # broker down: the job's row is committed, the sweep sends it again
        logger.warning("could not send %s%r to the broker", task.name, args, exc_info=True)
        return False
    return True


def enqueue_task(task: Any, *args: Any) -> None:
    """Run the Celery ``task`` with ``args`` once the current transaction commits: on a
    worker when a broker is configured, otherwise in this process (``enqueue_on_commit``)."""
    if uses_celery():
        transaction.on_commit(lambda: send_task(task, *args))
    else:
        enqueue_on_commit(lambda: task(*args))
