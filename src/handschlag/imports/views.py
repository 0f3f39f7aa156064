"""Upload an export, follow the analysis, read the report, import profile and contacts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from handschlag.core.errors import HandschlagError
from handschlag.core.requests import member_of
from handschlag.importers.report import CSS
from handschlag.imports import queries, services
from handschlag.imports.forms import UploadForm


def _lang() -> str:
    lang = (get_language() or "en").split("-")[0]
    return lang if lang in ("de", "en") else "en"


@login_required
@require_http_methods(["GET", "POST"])
def imports_home(request: HttpRequest) -> HttpResponse:
    """The upload form and the member's earlier imports."""
    member = member_of(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.start_import(member, upload=form.cleaned_data["archive"])
        except HandschlagError as exc:
            form.add_error(exc.field, str(exc.message))
        else:
            return redirect("import_job", job.pk)
    return render(request, "imports/home.html", {"form": form, "jobs": queries.list_jobs(member)})


def _job_context(request: HttpRequest, job_id: int) -> dict[str, object]:
    job = queries.get_job_for_owner(member_of(request), job_id)
    error: object = services.ARCHIVE_ERRORS.get(job.error) if job.error else None
    if job.error and error is None:
        error = _("The analysis failed. Please try again later.")
    return {"job": job, "error": error}


@login_required
@require_http_methods(["GET"])
def import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    """The progress while the job runs, then the report."""
    context = _job_context(request, job_id)
    job = context["job"]
    assert hasattr(job, "report")  # noqa: S101 (an ImportJob)
    context["report_html"] = job.report.get(_lang(), "")
    context["report_css"] = CSS
    return render(request, "imports/job.html", context)


@login_required
@require_http_methods(["GET"])
def import_progress(request: HttpRequest, job_id: int) -> HttpResponse:
    """The progress bar alone (htmx polls it every second); a finished job reloads the page."""
    context = _job_context(request, job_id)
    response = render(request, "imports/progress.html", context)
    job = context["job"]
    if getattr(job, "is_finished", False):
        response["HX-Redirect"] = reverse("import_job", args=[job_id])
    return response


@login_required
@require_http_methods(["GET"])
def import_csv(request: HttpRequest, job_id: int) -> HttpResponse:
    """Every contact with its suggested action, as CSV in the member's language."""
    job = queries.get_job_for_owner(member_of(request), job_id)
    body = job.actions_csv.get(_lang(), "")
    response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="handschlag-contacts-{job.pk}.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_profile(request: HttpRequest, job_id: int) -> HttpResponse:
    """Preview what the archive adds to the profile; write it all on confirmation."""
    member = member_of(request)
    job = queries.get_job_for_owner(member, job_id)
    if request.method == "POST":
        counts = services.import_profile(member, job=job)
        messages.success(
            request,
            _(
                "Imported: %(positions)d positions, %(education)d education entries, "
                "%(skills)d skills."
            )
            % counts,
        )
        return redirect("own_profile")
    return render(request, "imports/profile.html", {"job": job, "data": job.profile_data})


@login_required
@require_http_methods(["GET"])
def imported_contacts(request: HttpRequest) -> HttpResponse:
    """The imported contacts: connect with those already here, invite the others by click."""
    rows, total = queries.list_contacts(member_of(request))
    return render(request, "imports/contacts.html", {"rows": rows, "total": total})


@login_required
@require_http_methods(["POST"])
def invite_imported_contact(request: HttpRequest, contact_id: int) -> HttpResponse:
    """Send this one contact an invitation, because the member clicked."""
    member = member_of(request)
    contact = queries.get_contact_for_owner(member, contact_id)
    try:
        services.invite_contact(member, contact=contact)
    except HandschlagError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Invitation sent to %(name)s.") % {"name": contact.name})
    return redirect("imported_contacts")
