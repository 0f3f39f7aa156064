"""Imports through the API: upload (multipart), the job's progress, the report's figures,
the CSV, the profile import, the imported contacts and an invitation; the pages' messages
in the member's language, and 404 for another member's job or contact, exactly like ids
that do not exist."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from handschlag.imports.models import ImportedContact, ImportJob
from handschlag.profiles.models import Position

from .conftest import API, make_member

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "linkedin_sample.zip"


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """Upload a file; the queued analysis runs when the request's transaction commits."""

    def post(client, data: bytes, name: str = "export.zip"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"{API}/imports", {"archive": SimpleUploadedFile(name, data)})

    return post


@pytest.fixture
def done_job(anna, api_for, upload) -> ImportJob:
    response = upload(api_for(anna), SAMPLE.read_bytes())
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "pending"
    return ImportJob.objects.get(pk=response.json()["id"])


def test_upload_runs_the_analysis_and_the_report_has_figures(anna, api_for, done_job):
    client = api_for(anna)
    job = client.get(f"{API}/imports/{done_job.pk}").json()
    assert (job["status"], job["progress"], job["error"]) == ("done", 100, None)
    assert job["source"] == "linkedin" and job["contacts_count"] == 150
    assert [j["id"] for j in client.get(f"{API}/imports").json()] == [done_job.pk]

    report = client.get(f"{API}/imports/{done_job.pk}/report").json()
    figures = report["figures"]
    assert figures["contacts"] == 150
    assert figures["keep"] + figures["check"] + figures["remove"] == 150
    stored = dict.fromkeys(("keep", "check", "remove"), 0)
    for action in ImportedContact.objects.filter(owner=anna).values_list(
        "suggested_action", flat=True
    ):
        stored[action] += 1
    assert {k: figures[k] for k in stored} == stored
    assert 0 < figures["contacts_without_messages"] < 150
    assert "Network hygiene report" in report["html"]


def test_the_csv_and_report_come_in_the_members_language(anna, api_for, done_job):
    get_user_model().objects.filter(pk=anna.pk).update(language="de")
    client = api_for(anna)
    csv = client.get(f"{API}/imports/{done_job.pk}/contacts.csv")
    assert csv.status_code == 200
    assert csv["Content-Type"].startswith("text/csv")
    assert "no-store" in csv["Cache-Control"]
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Vorname,Nachname")
    assert len(lines) == 151
    assert (
        "Bericht zur Netzwerkpflege"
        in client.get(f"{API}/imports/{done_job.pk}/report").json()["html"]
    )


def test_the_profile_import_previews_then_adds_once(anna, api_for, done_job):
    client = api_for(anna)
    preview = client.get(f"{API}/imports/{done_job.pk}/profile").json()
    assert preview["positions"]
    before = Position.objects.filter(profile_id=anna.pk).count()
    applied = client.post(f"{API}/imports/{done_job.pk}/profile")
    assert applied.status_code == 200
    counts = applied.json()
    assert counts["positions"] > 0
    assert counts["detail"].startswith("Imported:")
    assert Position.objects.filter(profile_id=anna.pk).count() == before + counts["positions"]
    again = client.post(f"{API}/imports/{done_job.pk}/profile").json()
    assert (again["positions"], again["education"], again["skills"]) == (0, 0, 0)


def test_imported_contacts_match_members_and_invite_one(
    anna, api_for, done_job, django_capture_on_commit_callbacks
):
    contact = ImportedContact.objects.filter(owner=anna).exclude(email="").first()
    here = make_member(contact.email, "Schon Hier")
    client = api_for(anna)
    listed = client.get(f"{API}/imported-contacts").json()
    assert listed["total"] == 150
    first = listed["contacts"][0]
    assert (first["id"], first["member_id"]) == (contact.pk, here.pk)

    other = ImportedContact.objects.filter(owner=anna).exclude(email="").exclude(pk=contact.pk)[0]
    with django_capture_on_commit_callbacks(execute=True):
        invited = client.post(f"{API}/imported-contacts/{other.pk}/invite")
    assert invited.status_code == 200
    assert invited.json()["detail"] == f"Invitation sent to {other.name}."
    assert mail.outbox[-1].to == [other.email]
    twice = client.post(f"{API}/imported-contacts/{other.pk}/invite")
    assert twice.status_code == 409
    assert len(mail.outbox) == 1


def test_a_bad_upload_is_refused_in_the_members_language(anna, api_for, upload, settings):
    get_user_model().objects.filter(pk=anna.pk).update(language="de")
    client = api_for(anna)
    missing = client.post(f"{API}/imports", {})
    assert missing.status_code == 422
    assert missing.json()["errors"] == [
        {"field": "archive", "message": "Dieses Feld ist zwingend erforderlich."}
    ]
    settings.HANDSCHLAG_IMPORT_MAX_BYTES = 1024 * 1024
    too_large = upload(client, b"x" * (1024 * 1024 + 1))
    assert too_large.status_code == 422
    assert too_large.json()["errors"] == [
        {"field": "archive", "message": "Die Datei ist größer als 1 MB."}
    ]
    not_an_export = upload(client, b"%PDF-1.7 not an export", "cv.pdf")
    assert not_an_export.status_code == 201
    job = client.get(f"{API}/imports/{not_an_export.json()['id']}").json()
    assert job["status"] == "failed"
    assert job["error"].startswith("Diese Datei ist kein")
    assert client.get(f"{API}/imports/{job['id']}/report").json()["figures"] is None


def test_another_members_job_and_contacts_answer_404_like_unknown_ids(
    anna, malte, api_for, done_job
):
    contact = ImportedContact.objects.filter(owner=anna).exclude(email="").first()
    client = api_for(malte)
    for method, template, pk in (
        ("get", "/imports/{}", done_job.pk),
        ("get", "/imports/{}/report", done_job.pk),
        ("get", "/imports/{}/contacts.csv", done_job.pk),
        ("get", "/imports/{}/profile", done_job.pk),
        ("post", "/imports/{}/profile", done_job.pk),
        ("post", "/imported-contacts/{}/invite", contact.pk),
    ):
        theirs = getattr(client, method)(f"{API}{template.format(pk)}")
        unknown = getattr(client, method)(f"{API}{template.format(999999)}")
        assert theirs.status_code == 404, template
        assert (theirs.status_code, theirs.json()) == (unknown.status_code, unknown.json())
    assert client.get(f"{API}/imports").json() == []
    assert client.get(f"{API}/imported-contacts").json() == {"contacts": [], "total": 0}
    assert ImportedContact.objects.get(pk=contact.pk).invited_at is None
    assert not Position.objects.filter(profile_id=malte.pk).exists()
    assert mail.outbox == []
