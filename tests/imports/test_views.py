"""The web import: upload, the job (eager in tests), the report, CSV, privacy, profile and
contacts."""

from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from handschlag.accounts.models import Member
from handschlag.imports.models import ImportedContact, ImportJob
from handschlag.profiles.services import create_profile

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "linkedin_sample.zip"


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """Post a file; the queued analysis runs when the request's transaction commits."""

    def post(client, data: bytes, name: str = "export.zip"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("imports"), {"archive": SimpleUploadedFile(name, data)})

    return post


@pytest.fixture
def done_job(anna, client_for, upload) -> ImportJob:
    response = upload(client_for(anna), SAMPLE.read_bytes())
    job = ImportJob.objects.get(owner=anna)
    assert response.status_code == 302
    assert response["Location"] == reverse("import_job", args=[job.pk])
    return job


def test_upload_runs_the_analysis_and_shows_the_report(anna, client_for, done_job):
    done_job.refresh_from_db()
    assert done_job.status == ImportJob.Status.DONE and done_job.progress == 100
    assert done_job.upload_path == ""  # the temporary file is gone
    page = client_for(anna).get(reverse("import_job", args=[done_job.pk]))
    body = page.content.decode()
    assert "Network hygiene report" in body
    assert "<svg" in body
    assert ImportedContact.objects.filter(owner=anna).count() == 150


def test_report_and_csv_in_german(anna, client_for, done_job):
    client = client_for(anna, HTTP_ACCEPT_LANGUAGE="de")
    anna.language = "de"
    anna.save(update_fields=["language"])
    assert (
        "Bericht zur Netzwerkpflege"
        in client.get(reverse("import_job", args=[done_job.pk])).content.decode()
    )
    csv = client.get(reverse("import_csv", args=[done_job.pk]))
    assert csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode("utf-8-sig").splitlines()[0].startswith("Vorname,Nachname")


def test_another_member_gets_404(clara, client_for, done_job):
    client = client_for(clara)
    for name in ("import_job", "import_progress", "import_csv", "import_profile"):
        assert client.get(reverse(name, args=[done_job.pk])).status_code == 404
    contact = ImportedContact.objects.filter(owner=done_job.owner).exclude(email="").first()
    assert client.post(reverse("invite_imported_contact", args=[contact.pk])).status_code == 404


def test_a_non_archive_fails_with_one_clear_error(anna, client_for, upload):
    client = client_for(anna)
    upload(client, b"%PDF-1.7 not an export", "cv.pdf")
    job = ImportJob.objects.get(owner=anna)
    assert job.status == ImportJob.Status.FAILED
    body = client.get(reverse("import_job", args=[job.pk])).content.decode()
    assert "This file is not a LinkedIn or XING export." in body


def test_a_broken_zip_fails_with_one_clear_error(anna, client_for, upload):
    client = client_for(anna)
    upload(client, SAMPLE.read_bytes()[:2000])
    job = ImportJob.objects.get(owner=anna)
    body = client.get(reverse("import_progress", args=[job.pk])).content.decode()
    assert "This zip archive is damaged. Please download it again." in body


def test_uploads_over_the_limit_are_refused(anna, client_for, settings, upload):
    settings.HANDSCHLAG_IMPORT_MAX_BYTES = 1024
    response = upload(client_for(anna), b"x" * 2048)
    assert response.status_code == 200
    assert "The file is larger than 0 MB." in response.content.decode()
    assert not ImportJob.objects.exists()


def test_progress_fragment_polls_until_done(anna, client_for, done_job):
    ImportJob.objects.filter(pk=done_job.pk).update(status="running", progress=40)
    client = client_for(anna)
    fragment = client.get(reverse("import_progress", args=[done_job.pk]), HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in fragment.content.decode()
    assert 'value="40"' in fragment.content.decode()
    ImportJob.objects.filter(pk=done_job.pk).update(status="done", progress=100)
    fragment = client.get(reverse("import_progress", args=[done_job.pk]), HTTP_HX_REQUEST="true")
    assert fragment["HX-Redirect"] == reverse("import_job", args=[done_job.pk])


def test_profile_import_preview_then_confirm(anna, client_for, done_job):
    client = client_for(anna)
    preview = client.get(reverse("import_profile", args=[done_job.pk])).content.decode()
    assert "Rheinwerk Analytics GmbH" in preview
    client.post(reverse("import_profile", args=[done_job.pk]))
    profile = anna.profile
    profile.refresh_from_db()
    assert profile.headline == "Data Engineer bei Rheinwerk Analytics"
    titles = set(profile.positions.values_list("title", flat=True))
    assert {"Senior Data Engineer", "Data Engineer"} <= titles
    assert "Universität zu Köln" in set(profile.education.values_list("school", flat=True))
    assert "Python" in set(profile.skills.values_list("name", flat=True))
    # Confirming twice adds nothing twice.
    count = profile.positions.count()
    client.post(reverse("import_profile", args=[done_job.pk]))
    assert profile.positions.count() == count


def test_contacts_invited_only_on_click_and_matched_by_email(
    anna, client_for, done_job, django_capture_on_commit_callbacks
):
    assert mail.outbox == []  # nothing was sent by the import itself
    contacts = ImportedContact.objects.filter(owner=anna).exclude(email="")
    already_here = contacts[0]
    member = Member.objects.create_user(already_here.email, password="x" * 20)
    create_profile(member, full_name=already_here.name)
    client = client_for(anna)
    page = client.get(reverse("imported_contacts")).content.decode()
    assert f'data-testid="connect-{already_here.pk}"' in page
    other = contacts[1]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("invite_imported_contact", args=[other.pk]))
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [other.email]
    other.refresh_from_db()
    assert other.invited_at is not None
    client.post(reverse("invite_imported_contact", args=[other.pk]))
    assert len(mail.outbox) == 1


def test_running_the_job_twice_has_one_effect(anna, done_job):
    from handschlag.imports.services import run_import

    run_import(done_job.pk)
    assert ImportedContact.objects.filter(owner=anna).count() == 150
