"""A Celery worker killed mid-job: the job is delivered again, taken over once the killed
run's lease ends, and completes exactly once (docs/jobs.md).

Real ``celery worker`` processes against the test's redis-server and the test database
(a transactional test, so the workers see what the test wrote and the other way round).
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from handschlag.core.tasks import send_task
from handschlag.imports.models import ImportedContact, ImportJob
from handschlag.imports.services import start_import
from handschlag.imports.tasks import run_import_job

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "linkedin_sample.zip"
#: Enough contacts that the analysis takes a few seconds: the worker dies in the middle.
CONTACTS = 10_000
#: The lease and the broker's visibility timeout, short so that the test is quick.
LEASE_SECONDS = 2
VISIBILITY_SECONDS = 3


def big_export(contacts: int) -> bytes:
    """The sample LinkedIn export with ``contacts`` distinct connections."""
    source = zipfile.ZipFile(SAMPLE)
    lines = source.read("Connections.csv").decode("utf-8-sig").splitlines()
    head, rows = lines[:4], lines[4:]
    out = list(head)
    for i in range(contacts):
        fields = rows[i % len(rows)].split(",")
        fields[0] = f"{fields[0]}{i}"
        fields[2] = f"https://www.linkedin.com/in/person-{i}"
        fields[3] = ""
        out.append(",".join(fields))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            data = "\n".join(out).encode() if name == "Connections.csv" else source.read(name)
            archive.writestr(name, data)
    return buffer.getvalue()


def database_url() -> str:
    """The test database as the workers' DATABASE_URL."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class Workers:
    """Start ``celery worker`` processes; kill them as a whole (their pool children too)."""

    def __init__(self, broker: str, logs: Path) -> None:
        self.logs = logs
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "handschlag.config.settings",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker,
            "CELERY_BROKER_TRANSPORT_OPTIONS": json.dumps(
                {
                    "visibility_timeout": VISIBILITY_SECONDS,
                    "unacked_restore_interval": 1,
                    "unacked_restore_throttle": 1,
                }
            ),
            "HANDSCHLAG_JOB_LEASE_SECONDS": str(LEASE_SECONDS),
            "HANDSCHLAG_TASKS_EAGER": "false",
            "HANDSCHLAG_DIGEST_IN_PROCESS": "false",
        }
        self.env.pop("REDIS_URL", None)
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self, name: str, pool: str = "solo", concurrency: int = 1) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("wb")
        process = subprocess.Popen(  # noqa: S603 (our own interpreter)
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "handschlag.config.celery",
                "worker",
                f"--pool={pool}",
                f"--concurrency={concurrency}",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"{name}@%h",
            ],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        """SIGKILL the worker (and any pool processes): nothing acknowledges or cleans up."""
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def log(self) -> str:
        """Every worker's output so far."""
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.logs.glob("*.log")))

    def stop_all(self) -> None:
        for process in self.processes:
            self.kill(process)


@pytest.fixture
def workers(celery_broker, tmp_path) -> Iterator[Workers]:
    """Workers on the test's Redis; this process sends them jobs (``celery_broker``)."""
    started = Workers(celery_broker, tmp_path)
    yield started
    started.stop_all()


def job_status(job_id: int) -> str:
    return ImportJob.objects.values_list("status", flat=True).get(pk=job_id)


def finished(job_id: int) -> bool:
    """Done or failed, and the run that ended it has removed the upload."""
    ended = (ImportJob.Status.DONE, ImportJob.Status.FAILED)
    return ImportJob.objects.filter(pk=job_id, status__in=ended, upload_path="").exists()


@pytest.mark.django_db(transaction=True)
def test_an_import_whose_worker_is_killed_completes_exactly_once(workers, anna):
    upload = SimpleUploadedFile("export.zip", big_export(CONTACTS))
    job = start_import(anna, upload=upload)  # committed, then sent to the broker
    stored = Path(job.upload_path)
    assert job_status(job.pk) == ImportJob.Status.PENDING

    first = workers.start("first")
    wait_for(lambda: job_status(job.pk) == ImportJob.Status.RUNNING, "the first worker to start")
    workers.kill(first)
    assert "Task handschlag.imports.run_import[" in workers.log()  # it took the job
    assert job_status(job.pk) == ImportJob.Status.RUNNING, workers.log()
    assert not ImportedContact.objects.exists()
    # Beat's sweep may send the job again as well: two messages now name it.
    assert send_task(run_import_job, job.pk)

    # Two threads: the two deliveries of the job may run side by side.
    workers.start("second", pool="threads", concurrency=2)
    wait_for(lambda: finished(job.pk), "the job to finish on the second worker")

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, (job.error, workers.log())
    assert job.progress == 100
    assert job.contacts_count > CONTACTS * 0.9
    contacts = ImportedContact.objects.filter(owner=anna)
    assert contacts.count() == job.contacts_count  # one set of contacts, not two
    assert contacts.values("profile_url").distinct().count() == job.contacts_count
    assert not stored.exists() and job.upload_path == ""
