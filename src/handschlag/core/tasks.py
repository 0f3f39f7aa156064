"""Background work in the embedded mode: after commit, in a thread of this process.

Production runs the same functions as Celery tasks (issue 9); tests set
``HANDSCHLAG_TASKS_EAGER`` so the work runs inline, after commit, and can be asserted.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections, transaction

logger = logging.getLogger(__name__)


def _run(job: Callable[[], object]) -> None:
    try:
        job()
    except Exception:  # task boundary: log, never take the web request down
        logger.exception("background job %s failed", getattr(job, "__name__", job))
    finally:
        close_old_connections()


def enqueue_on_commit(job: Callable[[], object]) -> None:
    """Run ``job`` once the current transaction commits, without making the member wait."""

    def start() -> None:
        if settings.HANDSCHLAG_TASKS_EAGER:
            _run(job)
        else:
            threading.Thread(target=_run, args=(job,), daemon=True).start()

    transaction.on_commit(start)
