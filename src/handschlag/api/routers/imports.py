"""Imports through the API: upload a LinkedIn or XING export, follow its analysis, read
the hygiene report (its figures, and the report itself in the member's language), fetch
the per-contact CSV, apply the profile import, list the imported contacts (with the
member each one already is here, if any) and invite one.

The same queries and services as the pages (``imports.queries``, ``imports.services``):
a job or contact of someone else answers 404, exactly like one that does not exist, and
nobody is contacted without the member's call.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from handschlag.api.forms import cleaned
from handschlag.api.limits import limit
from handschlag.api.responses import ERROR_RESPONSES
from handschlag.api.routers.common import Done, Id, caller, responses
from handschlag.importers.hygiene import Action
from handschlag.importers.i18n import gettext_for
from handschlag.imports import queries, services
from handschlag.imports.forms import UploadForm
from handschlag.imports.models import ImportedContact, ImportJob

router = Router(tags=["imports"])


### Shapes ###


class ImportJobOut(Schema):
    """An uploaded export and where its analysis stands (``progress`` in per cent)."""

    id: int
    file_name: str
    status: str
    progress: int
    #: Why the analysis failed, in the member's language; null unless it failed.
    error: str | None
    #: ``linkedin`` or ``xing`` once analysed.
    source: str
    contacts_count: int
    created_at: datetime
    finished_at: datetime | None


class FiguresOut(Schema):
    """The report's figures per contact: how many, how many you exchanged messages with,
    and how many the report suggests to keep, check or remove."""

    contacts: int
    contacts_without_messages: int
    messages_received: int
    messages_sent: int
    keep: int
    check: int
    remove: int


class ReportOut(Schema):
    job: ImportJobOut
    #: Null until the analysis is done.
    figures: FiguresOut | None
    #: The whole report as an HTML fragment in the member's language (as on the page).
    html: str


class ImportedTextsOut(Schema):
    headline: str
    about: str
    location: str


class ImportedPositionOut(Schema):
    company: str
    title: str
    #: ISO dates (``2019-04-01``); ``end`` null while current.
    start: str | None
    end: str | None
    description: str


class ImportedEducationOut(Schema):
    school: str
    degree: str
    field_of_study: str
    start_year: int | None
    end_year: int | None


class ProfileImportOut(Schema):
    """What the export would add to the profile (the preview before applying)."""

    profile: ImportedTextsOut | None
    positions: list[ImportedPositionOut]
    education: list[ImportedEducationOut]
    skills: list[str]


class ImportedCountsOut(Schema):
    detail: str
    positions: int
    education: int
    skills: int


class ImportedContactOut(Schema):
    """A contact from the export. ``member_id``: the member here with this contact's email
    address (ask them to connect), null when they are not here (invite them)."""

    id: int
    name: str
    email: str
    company: str
    position: str
    connected_on: str | None
    suggested_action: str
    invited_at: datetime | None
    member_id: int | None


class ImportedContactsOut(Schema):
    contacts: list[ImportedContactOut]
    #: All imported contacts; the list holds the first 500, those already here first.
    total: int


### Building the shapes ###


def _lang() -> str:
    lang = (get_language() or "en").split("-")[0]
    return lang if lang in ("de", "en") else "en"


def _job_out(job: ImportJob) -> ImportJobOut:
    error: str | None = None
    if job.error:
        known = services.ARCHIVE_ERRORS.get(job.error)
        error = str(known) if known else _("The analysis failed. Please try again later.")
    return ImportJobOut(
        id=job.pk,
        file_name=job.file_name,
        status=job.status,
        progress=job.progress,
        error=error,
        source=job.source,
        contacts_count=job.contacts_count,
        created_at=job.created_at,
        finished_at=job.finished_at,
    )


def _number(cell: str) -> int:
    return int(cell) if cell.isdigit() else 0


def _figures(job: ImportJob) -> FiguresOut | None:
    """The figures of the stored per-contact table (written by the analysis in each
    language; read here in English, whose action names are the codes' own words)."""
    if job.status != ImportJob.Status.DONE:
        return None
    names = {gettext_for("en").gettext(a): a for a in (Action.KEEP, Action.CHECK, Action.REMOVE)}
    counts = dict.fromkeys((Action.KEEP, Action.CHECK, Action.REMOVE), 0)
    contacts = silent = received = sent = 0
    rows = csv.reader(io.StringIO(job.actions_csv.get("en", "")))
    next(rows, None)  # the header
    for row in rows:
        if len(row) < 10:
            continue
        contacts += 1
        got, wrote = _number(row[7]), _number(row[8])
        received += got
        sent += wrote
        silent += got + wrote == 0
        action = names.get(row[9])
        if action is not None:
            counts[action] += 1
    return FiguresOut(
        contacts=contacts,
        contacts_without_messages=silent,
        messages_received=received,
        messages_sent=sent,
        keep=counts[Action.KEEP],
        check=counts[Action.CHECK],
        remove=counts[Action.REMOVE],
    )


def _contact_out(contact: ImportedContact, member_id: int | None) -> ImportedContactOut:
    return ImportedContactOut(
        id=contact.pk,
        name=contact.name,
        email=contact.email,
        company=contact.company,
        position=contact.position,
        connected_on=contact.connected_on.isoformat() if contact.connected_on else None,
        suggested_action=contact.suggested_action,
        invited_at=contact.invited_at,
        member_id=member_id,
    )


### Jobs ###


@router.get("/imports", response=responses(200, list[ImportJobOut]), summary="Your imports")
def list_jobs(request: HttpRequest) -> list[ImportJobOut]:
    return [_job_out(job) for job in queries.list_jobs(caller(request))]


@router.post(
    "/imports",
    response=responses(201, ImportJobOut),
    throttle=limit("import_upload", per_member=10, per_minutes=60),
    summary="Upload a LinkedIn or XING export (multipart, field archive)",
)
def upload(request: HttpRequest, archive: File[UploadedFile]) -> Status[ImportJobOut]:
    """The analysis runs in the background: follow it at ``/imports/{job_id}``. LinkedIn:
    the zip archive from "Get a copy of your data"; XING: a vCard or CSV file."""
    form = cleaned(UploadForm(data={}, files=MultiValueDict({"archive": [archive]})))
    job = services.start_import(caller(request), upload=form.cleaned_data["archive"])
    return Status(201, _job_out(job))


@router.get(
    "/imports/{job_id}",
    response=responses(200, ImportJobOut),
    summary="One import: its status and progress",
)
def get_job(request: HttpRequest, job_id: Id) -> ImportJobOut:
    return _job_out(queries.get_job_for_owner(caller(request), job_id))


@router.get(
    "/imports/{job_id}/report",
    response=responses(200, ReportOut),
    summary="The network hygiene report: its figures and the report itself",
)
def get_report(request: HttpRequest, job_id: Id) -> ReportOut:
    job = queries.get_job_for_owner(caller(request), job_id)
    return ReportOut(job=_job_out(job), figures=_figures(job), html=job.report.get(_lang(), ""))


@router.get(
    "/imports/{job_id}/contacts.csv",
    response=ERROR_RESPONSES,
    summary="Every contact with its suggested action, as CSV in your language",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The table (UTF-8 with a byte order mark, for spreadsheets)",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
def get_csv(request: HttpRequest, job_id: Id) -> HttpResponse:
    job = queries.get_job_for_owner(caller(request), job_id)
    body = job.actions_csv.get(_lang(), "")
    response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="handschlag-contacts-{job.pk}.csv"'
    response["Cache-Control"] = "no-store"
    return response


def _preview(job: ImportJob) -> ProfileImportOut:
    data = job.profile_data or {}
    texts = data.get("profile")
    return ProfileImportOut(
        profile=None
        if not texts
        else ImportedTextsOut(
            headline=texts.get("headline") or "",
            about=texts.get("about") or "",
            location=texts.get("location") or "",
        ),
        positions=[
            ImportedPositionOut(
                company=p.get("company") or "",
                title=p.get("title") or "",
                start=p.get("start"),
                end=p.get("end"),
                description=p.get("description") or "",
            )
            for p in data.get("positions", [])
        ],
        education=[
            ImportedEducationOut(
                school=e.get("school") or "",
                degree=e.get("degree") or "",
                field_of_study=e.get("field_of_study") or "",
                start_year=e.get("start_year"),
                end_year=e.get("end_year"),
            )
            for e in data.get("education", [])
        ],
        skills=[str(s) for s in data.get("skills", [])],
    )


@router.get(
    "/imports/{job_id}/profile",
    response=responses(200, ProfileImportOut),
    summary="What the export would add to your profile",
)
def preview_profile(request: HttpRequest, job_id: Id) -> ProfileImportOut:
    return _preview(queries.get_job_for_owner(caller(request), job_id))


@router.post(
    "/imports/{job_id}/profile",
    response=responses(200, ImportedCountsOut),
    throttle=limit("profile_write", per_member=30),
    summary="Add the export's headline, texts, positions, education and skills to your profile",
)
def apply_profile(request: HttpRequest, job_id: Id) -> ImportedCountsOut:
    """Entries the profile already has are not added twice."""
    member = caller(request)
    job = queries.get_job_for_owner(member, job_id)
    counts = services.import_profile(member, job=job)
    return ImportedCountsOut(
        detail=_(
            "Imported: %(positions)d positions, %(education)d education entries, %(skills)d skills."
        )
        % counts,
        **counts,
    )


### Imported contacts ###


@router.get(
    "/imported-contacts",
    response=responses(200, ImportedContactsOut),
    summary="Your imported contacts: those already here first",
)
def imported_contacts(request: HttpRequest) -> ImportedContactsOut:
    rows, total = queries.list_contacts(caller(request))
    return ImportedContactsOut(
        contacts=[_contact_out(r.contact, r.member_id) for r in rows], total=total
    )


@router.post(
    "/imported-contacts/{contact_id}/invite",
    response=responses(200, Done, 409),
    throttle=limit("invite", per_member=20),
    summary="Send one imported contact an invitation by email",
)
def invite_imported_contact(request: HttpRequest, contact_id: Id) -> Done:
    """409 when the contact has no email address or was invited already."""
    member = caller(request)
    contact = queries.get_contact_for_owner(member, contact_id)
    services.invite_contact(member, contact=contact)
    return Done(detail=_("Invitation sent to %(name)s.") % {"name": contact.name})
