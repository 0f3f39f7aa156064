"""The import job's lease, in one process: a run taken over only when its lease ended, a
finished job never run again, the embedded mode's sweep (docs/jobs.md)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from handschlag.imports import tasks
from handschlag.imports.models import ImportedContact, ImportJob
from handschlag.imports.services import Outcome, run_import, start_import

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "linkedin_sample.zip"


@pytest.fixture
def queued_job(anna, django_capture_on_commit_callbacks) -> ImportJob:
    """An uploaded job whose run was never started (its message was lost)."""
    with django_capture_on_commit_callbacks(execute=False):
        return start_import(anna, upload=SimpleUploadedFile("x.zip", SAMPLE.read_bytes()))


def seem_running_since(job: ImportJob, seconds: int) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.RUNNING, updated_at=timezone.now() - timedelta(seconds=seconds)
    )


@pytest.mark.django_db
def test_a_run_whose_lease_is_alive_is_left_alone(queued_job, settings):
    seem_running_since(queued_job, settings.HANDSCHLAG_JOB_LEASE_SECONDS // 2)

    assert run_import(queued_job.pk) is Outcome.BUSY
    assert not ImportedContact.objects.exists()
    assert tasks.stalled_jobs() == []


@pytest.mark.django_db
def test_the_sweep_runs_a_job_whose_run_died(queued_job, settings):
    seem_running_since(queued_job, settings.HANDSCHLAG_JOB_LEASE_SECONDS + 1)
    stored = Path(queued_job.upload_path)

    assert tasks.requeue_stalled_imports() == 1  # no broker: run here, as the embedded mode

    queued_job.refresh_from_db()
    assert queued_job.status == ImportJob.Status.DONE and queued_job.progress == 100
    assert ImportedContact.objects.filter(owner=queued_job.owner).count() == 150
    assert not stored.exists() and queued_job.upload_path == ""


@pytest.mark.django_db
def test_a_finished_job_is_never_run_again(queued_job, monkeypatch):
    monkeypatch.setattr(tasks, "PENDING_GRACE_SECONDS", 0)
    assert tasks.requeue_stalled_imports() == 1
    contacts = set(ImportedContact.objects.values_list("pk", flat=True))

    assert run_import(queued_job.pk) is Outcome.FINISHED
    assert tasks.requeue_stalled_imports() == 0
    assert set(ImportedContact.objects.values_list("pk", flat=True)) == contacts
