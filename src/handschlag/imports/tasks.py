"""The import's background jobs as Celery tasks (run in a thread when there is no broker).

``run_import_job`` analyses one upload. A worker acknowledges its message only when the
task returns (``CELERY_TASK_ACKS_LATE``), so a worker killed mid-job leaves the message to
be delivered again; the job's lease (``services.run_import``) lets that delivery take the
job over once the killed run has stopped renewing it. ``requeue_stalled_imports`` (beat,
every minute) sends again every job that stayed pending (the broker was down when it was
started) or whose run died without its message coming back.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from celery import shared_task
from django.db.models import Q
from django.utils import timezone

from handschlag.core.tasks import send_task, uses_celery
from handschlag.imports import services
from handschlag.imports.models import ImportJob

logger = logging.getLogger(__name__)

#: A job pending this long was not picked up: its message is taken to be lost.
PENDING_GRACE_SECONDS = 60


@shared_task(bind=True, name="handschlag.imports.run_import", max_retries=None)  # type: ignore[untyped-decorator]
def run_import_job(self: Any, job_id: int) -> str:
    """Analyse the upload of ``job_id``; a job another live run holds is tried again later."""
    outcome = services.run_import(job_id)
    if outcome is services.Outcome.BUSY and not self.request.called_directly:
        raise self.retry(countdown=services.lease_seconds())
    return str(outcome)


def stalled_jobs() -> list[int]:
    """Jobs whose analysis should be running but is not: pending past the grace time, or
    running with an expired lease."""
    now = timezone.now()
    pending_since = now - timedelta(seconds=PENDING_GRACE_SECONDS)
    lease_ended = now - timedelta(seconds=services.lease_seconds())
    return list(
        ImportJob.objects.filter(
            Q(status=ImportJob.Status.PENDING, updated_at__lt=pending_since)
            | Q(status=ImportJob.Status.RUNNING, updated_at__lt=lease_ended)
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:1000]
    )


@shared_task(name="handschlag.imports.requeue_stalled_imports")  # type: ignore[untyped-decorator]
def requeue_stalled_imports() -> int:
    """Send every stalled job again (a second run of a job that is fine does nothing)."""
    sent = 0
    for job_id in stalled_jobs():
        if uses_celery():
            sent += send_task(run_import_job, job_id)
        else:
            run_import_job(job_id)
            sent += 1
    if sent:
        logger.info("sent %d stalled import job(s) again", sent)
    return sent
