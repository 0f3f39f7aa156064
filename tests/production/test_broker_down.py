"""The broker down while the web process sends a job: the upload is accepted and kept, and
beat's sweep sends the job once Redis is back (docs/jobs.md)."""

from __future__ import annotations

import base64
import json
import logging
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from handschlag.imports import tasks
from handschlag.imports.models import ImportJob
from handschlag.imports.services import start_import

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "linkedin_sample.zip"


def queued_jobs(client) -> list[list[int]]:
    """The arguments of every run_import message waiting in Celery's default queue."""
    found = []
    for raw in client.lrange("celery", 0, -1):
        message = json.loads(raw)
        if message["headers"]["task"] == "handschlag.imports.run_import":
            found.append(json.loads(base64.b64decode(message["body"]))[0])
    return found


@pytest.mark.django_db(transaction=True)
def test_a_job_sent_while_the_broker_is_down_is_sent_again_by_the_sweep(
    celery_broker, redis_server, anna, caplog, monkeypatch
):
    redis_server.stop()
    upload = SimpleUploadedFile("export.zip", SAMPLE.read_bytes())
    with caplog.at_level(logging.WARNING, logger="handschlag.core.tasks"):
        job = start_import(anna, upload=upload)  # answers: the member sees the job waiting

    assert "could not send handschlag.imports.run_import" in caplog.text
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.PENDING

    redis_server.start()
    client = redis_server.client()
    assert queued_jobs(client) == []
    monkeypatch.setattr(tasks, "PENDING_GRACE_SECONDS", 0)

    assert tasks.requeue_stalled_imports() == 1  # what beat runs every minute

    assert queued_jobs(client) == [[job.pk]]
