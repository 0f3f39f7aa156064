"""Every write of the import: start a job, run it, import the profile, invite a contact."""

from __future__ import annotations

import io
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import DatabaseError, connections, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handschlag.accounts.models import Member
from handschlag.accounts.services import create_invitation
from handschlag.core.tasks import enqueue_task
from handschlag.importers import ArchiveError, Export, read_export
from handschlag.importers.hygiene import HygieneReport, analyse
from handschlag.importers.report import render_fragment, write_actions_csv
from handschlag.imports.errors import NothingToInvite, UploadRejected
from handschlag.imports.models import ImportedContact, ImportJob
from handschlag.profiles import services as profile_services
from handschlag.profiles.models import JobPreferences, Position
from handschlag.trust import Preferences

logger = logging.getLogger(__name__)

#: What each archive problem tells the member (importers.ArchiveError codes).
ARCHIVE_ERRORS = {
    "not_archive": gettext_lazy(
        "This file is not a LinkedIn or XING export. Please upload the zip archive from "
        "LinkedIn, or a vCard or CSV file from XING."
    ),
    "broken": gettext_lazy("This zip archive is damaged. Please download it again."),
    "too_large": gettext_lazy("This archive unpacks to more data than an export can hold."),
    "encrypted": gettext_lazy("This archive is encrypted. Please upload it unencrypted."),
}
#: Progress is written at most every this many percent (each write is a query).
_PROGRESS_STEP = 5


def start_import(member: Member, *, upload: UploadedFile) -> ImportJob:
    """Store the upload in a temporary file (``HANDSCHLAG_UPLOAD_DIR``, which the workers
    share) and queue its analysis."""
    limit = settings.HANDSCHLAG_IMPORT_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise UploadRejected(
            _("The file is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)},
            field="archive",
        )
    directory = settings.HANDSCHLAG_UPLOAD_DIR or None
    if directory:
        Path(directory).mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix="handschlag-import-", suffix=".upload", dir=directory)
    with os.fdopen(fd, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    with transaction.atomic():
        job = ImportJob.objects.create(
            owner=member, file_name=(upload.name or "")[:200], upload_path=name
        )
        # Sent after commit: a worker always finds the row (and a broker that is down
        # leaves it pending, for beat's sweep to send again).
        from handschlag.imports.tasks import run_import_job

        enqueue_task(run_import_job, job.pk)
    return job


def _preferences(member: Member) -> Preferences | None:
    prefs = JobPreferences.objects.filter(member=member).first()
    if prefs is None:
        return None
    return Preferences(
        # Past offers are matched on their terms; being closed to offers today is not one.
        open_to_offers=True,
        min_salary=prefs.min_salary,
        currency=prefs.currency,
        levels=tuple(prefs.levels or ()),
        locations=tuple(prefs.locations or ()),
        remote_only=prefs.remote_only,
        relocate=prefs.willing_to_relocate,
    )


def _profile_data(export: Export) -> dict[str, object]:
    profile = export.profile()

    def day(value: date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "profile": None
        if profile is None
        else {"headline": profile.headline, "about": profile.summary, "location": profile.location},
        "positions": [
            {
                "company": p.company,
                "title": p.title,
                "start": day(p.started_on),
                "end": day(p.finished_on),
                "description": p.description,
            }
            for p in export.positions()
        ],
        "education": [
            {
                "school": e.school,
                "degree": e.degree,
                "field_of_study": e.field_of_study,
                "start_year": e.start_year,
                "end_year": e.end_year,
            }
            for e in export.education()
        ],
        "skills": list(dict.fromkeys(export.skills())),
    }


class Outcome(StrEnum):
    """What one run of ``run_import`` did."""

    RAN = "ran"  # this run analysed the upload (and finished or failed the job)
    BUSY = "busy"  # another run holds the job and is alive: try again after the lease
    FINISHED = "finished"  # nothing to do: the job is done, failed or gone


def lease_seconds() -> int:
    """A running job whose row has not moved for this long is taken over: its worker died."""
    return int(settings.HANDSCHLAG_JOB_LEASE_SECONDS)


def _claim(job_id: int) -> bool:
    """Take a pending job, or a running one whose lease ran out (its run was killed)."""
    now = timezone.now()
    stale = now - timedelta(seconds=lease_seconds())
    return bool(
        ImportJob.objects.filter(pk=job_id)
        .filter(
            Q(status=ImportJob.Status.PENDING)
            | Q(status=ImportJob.Status.RUNNING, updated_at__lt=stale)
        )
        .update(status=ImportJob.Status.RUNNING, progress=1, updated_at=now)
    )


def _renew_lease(job_id: int, stop: threading.Event) -> None:
    """Move the running job's row while this run lives (a killed run stops renewing)."""
    try:
        while not stop.wait(lease_seconds() / 4):
            try:
                ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.RUNNING).update(
                    updated_at=timezone.now()
                )
            except DatabaseError:  # busy database: the next beat renews it
                logger.warning("could not renew the lease of import job %s", job_id)
    finally:
        connections.close_all()


def run_import(job_id: int) -> Outcome:
    """Analyse a job's upload; safe to run twice, and to run again after a killed run.

    A run claims the job (pending, or running with an expired lease), and a thread of the
    run renews the lease while the run lives. The result is written in one transaction that
    only a run finding the job still running may commit, so a job ends with one set of
    contacts however many runs overlapped or were killed (docs/jobs.md).
    """
    if not _claim(job_id):
        status = ImportJob.objects.filter(pk=job_id).values_list("status", flat=True).first()
        return Outcome.BUSY if status == ImportJob.Status.RUNNING else Outcome.FINISHED
    job = ImportJob.objects.select_related("owner").get(pk=job_id)
    last = [0]

    def progress(pct: int) -> None:
        if pct - last[0] >= _PROGRESS_STEP or pct == 100:
            last[0] = pct
            ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.RUNNING).update(
                progress=max(1, min(pct, 99)), updated_at=timezone.now()
            )

    running = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.RUNNING)
    stop = threading.Event()
    threading.Thread(
        target=_renew_lease, args=(job_id, stop), name=f"import-{job_id}-lease", daemon=True
    ).start()
    try:
        _analyse(job, progress)
    except ArchiveError as exc:
        running.update(status=ImportJob.Status.FAILED, error=exc.code, finished_at=timezone.now())
    except Exception:  # task boundary: record the failure, never leave the job running
        logger.exception("import job %s failed", job_id)
        running.update(status=ImportJob.Status.FAILED, error="internal", finished_at=timezone.now())
    finally:
        stop.set()
        Path(job.upload_path).unlink(missing_ok=True)
        ImportJob.objects.filter(pk=job_id).exclude(status=ImportJob.Status.RUNNING).update(
            upload_path=""
        )
    return Outcome.RAN


def _analyse(job: ImportJob, progress: Callable[[int], None]) -> None:
    export = read_export(job.upload_path)
    try:
        report = analyse(export, preferences=_preferences(job.owner), progress=progress)
        profile_data = _profile_data(export)
    finally:
        export.archive.close()
    csv_url = reverse("import_csv", args=[job.pk])
    html = {lang: render_fragment(report, lang, csv_url=csv_url) for lang in ("de", "en")}
    tables = {}
    for lang in ("de", "en"):
        out = io.StringIO()
        write_actions_csv(report, out, lang)
        tables[lang] = out.getvalue()
    with transaction.atomic():
        # The update takes the job's row first: a run that overlapped and finished earlier
        # has made it "done", and this one then writes nothing (no second set of contacts).
        finished = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.RUNNING).update(
            status=ImportJob.Status.DONE,
            progress=100,
            report=html,
            actions_csv=tables,
            profile_data=profile_data,
            source=report.source,
            contacts_count=report.contacts,
            finished_at=timezone.now(),
        )
        if finished:
            _replace_contacts(job, report)


def _replace_contacts(job: ImportJob, report: HygieneReport) -> None:
    """The member's imported contacts become this job's (earlier imports are replaced;
    invitations already sent are remembered by email)."""
    invited = dict(
        ImportedContact.objects.filter(owner=job.owner, invited_at__isnull=False)
        .exclude(email="")
        .values_list("email", "invited_at")
    )
    ImportedContact.objects.filter(owner=job.owner).delete()
    ImportedContact.objects.bulk_create(
        [
            ImportedContact(
                owner=job.owner,
                job=job,
                first_name=v.contact.first_name[:120],
                last_name=v.contact.last_name[:120],
                email=v.contact.email[:254],
                company=v.contact.company[:200],
                position=v.contact.position[:200],
                profile_url=v.contact.url[:300],
                connected_on=v.contact.connected_on,
                suggested_action=v.action,
                invited_at=invited.get(v.contact.email),
            )
            for v in report.verdicts
        ],
        batch_size=1000,
    )


@transaction.atomic(durable=True)
def import_profile(member: Member, *, job: ImportJob) -> dict[str, int]:
    """Write the archive's headline, texts, positions, education and skills to the profile
    in one transaction; entries the profile already has are not added twice."""
    data = job.profile_data
    profile = data.get("profile") or {}
    changes = {
        key: value[:limit]
        for key, limit in (("headline", 120), ("about", 4000), ("location", 120))
        if (value := str(profile.get(key) or "").strip())
    }
    if changes:
        profile_services.update_profile(member, changes=changes)
    existing = {
        (p.employer.key, p.title.casefold(), p.start_date)
        for p in Position.objects.filter(profile_id=member.pk).select_related("employer")
    }
    positions = 0
    for p in data.get("positions", []):
        if not p.get("start"):
            continue
        start = date.fromisoformat(p["start"])
        key = (" ".join(p["company"].casefold().split()), p["title"].casefold(), start)
        if key in existing:
            continue
        profile_services.save_position(
            member,
            position_id=None,
            employer_name=p["company"][:160],
            title=p["title"][:120],
            start_date=start,
            end_date=date.fromisoformat(p["end"]) if p.get("end") else None,
            description=(p.get("description") or "")[:2000],
        )
        positions += 1
    schools = set(member.profile.education.values_list("school", flat=True))
    education = 0
    for e in data.get("education", []):
        if e["school"] in schools:
            continue
        profile_services.save_education(
            member,
            education_id=None,
            changes={
                "school": e["school"][:160],
                "degree": (e.get("degree") or "")[:120],
                "field_of_study": (e.get("field_of_study") or "")[:120],
                "start_year": e.get("start_year"),
                "end_year": e.get("end_year"),
            },
        )
        education += 1
    have = list(member.profile.skills.values_list("name", flat=True))
    new_skills = [s for s in data.get("skills", []) if s not in have]
    if new_skills:
        profile_services.set_skills(member, names=[*have, *new_skills][:50])
    return {"positions": positions, "education": education, "skills": len(new_skills)}


def invite_contact(member: Member, *, contact: ImportedContact) -> None:
    """Send one imported contact an invitation code by email, because the member asked."""
    if not contact.email or contact.invited_at is not None:
        raise NothingToInvite(_("This contact has no email address or was already invited."))
    with transaction.atomic():
        invitation = create_invitation(member, note=contact.name[:120])
        ImportedContact.objects.filter(pk=contact.pk).update(invited_at=timezone.now())
        subject = _("%(name)s invites you to Handschlag") % {"name": member.profile.full_name}
        body = _(
            "Hello %(contact)s,\n\n%(name)s invites you to Handschlag, a professional network "
            "where a connection means what a handshake means.\n\nYour invitation code: %(code)s"
            "\n"
        ) % {"contact": contact.name, "name": member.profile.full_name, "code": invitation.code}
        email = contact.email
        transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
