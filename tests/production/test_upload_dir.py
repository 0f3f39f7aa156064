"""Uploads wait in HANDSCHLAG_UPLOAD_DIR, the directory web processes and workers share."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from handschlag.imports.models import ImportJob
from handschlag.imports.services import run_import, start_import

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "linkedin_sample.zip"


@pytest.mark.django_db
def test_an_upload_waits_in_the_shared_directory(
    anna, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.HANDSCHLAG_UPLOAD_DIR = str(tmp_path / "uploads")
    with django_capture_on_commit_callbacks(execute=False):
        job = start_import(anna, upload=SimpleUploadedFile("x.zip", SAMPLE.read_bytes()))
    waiting = Path(job.upload_path)

    assert waiting.parent == tmp_path / "uploads" and waiting.read_bytes() == SAMPLE.read_bytes()
    assert (waiting.parent.stat().st_mode & 0o777) == 0o700

    run_import(job.pk)  # what the worker does with it
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.DONE
    assert not waiting.exists()
