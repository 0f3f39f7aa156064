"""Background work in the embedded mode: after commit, in a thread of this process.

Production runs the same functions as Celery tasks (issue 9); tests set
``HANDSCHLAG_TASKS_EAGER`` so the work runs inline, after commit, and can be asserted.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import connections, transaction

logger = logging.getLogger(__name__)


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


def enqueue_on_commit(job: Callable[[], object]) -> None:
    """Run ``job`` once the current transaction commits, without making the member wait."""

    def start() -> None:
        if settings.HANDSCHLAG_TASKS_EAGER:
            _run(job)
        else:
            threading.Thread(target=_run_in_thread, args=(job,), daemon=True).start()

    transaction.on_commit(start)
