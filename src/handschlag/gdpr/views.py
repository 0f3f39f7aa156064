"""The "Your data" page (download) and the "Delete account" page."""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from handschlag.core.errors import HandschlagError
from handschlag.core.requests import member_of
from handschlag.gdpr import queries, services
from handschlag.gdpr.forms import ConfirmPasswordForm, DeleteAccountForm, confirmation_word


@login_required
@require_http_methods(["GET", "POST"])
def your_data(request: HttpRequest) -> HttpResponse:
    """Explain what the export holds; after the password, send it as a zip or as JSON."""
    member = member_of(request)
    form = ConfirmPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        as_zip = request.POST.get("format") != "json"
        try:
            body = services.export_for_download(
                member, password=form.cleaned_data["password"], as_zip=as_zip
            )
        except HandschlagError as error:
            form.add_error(error.field, str(error.message))
        else:
            stamp = timezone.localdate().isoformat()
            name = f"handschlag-data-{stamp}.{'zip' if as_zip else 'json'}"
            response = HttpResponse(
                body, content_type="application/zip" if as_zip else "application/json"
            )
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
    return render(request, "gdpr/your_data.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """Explain what goes and what stays; delete after password and the typed word, then
    end the session."""
    member = member_of(request)
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_own_account(
                member,
                password=form.cleaned_data["password"],
                confirmation=form.cleaned_data["confirmation"],
            )
        except HandschlagError as error:
            form.add_error(error.field, str(error.message))
        else:
            logout(request)
            return redirect("account_deleted")
    context = {
        "form": form,
        "word": confirmation_word(),
        "your_data_url": reverse("your_data"),
        "meetups_organised": queries.count_upcoming_meetups_organised(member),
    }
    return render(request, "gdpr/delete_account.html", context)


@require_GET
def account_deleted(request: HttpRequest) -> HttpResponse:
    """The goodbye page, shown after the session has ended."""
    return render(request, "gdpr/account_deleted.html")
