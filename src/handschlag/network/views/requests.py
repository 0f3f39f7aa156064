"""Network pages: sending contact requests, the sent list, restriction notice and appeal.

Each view parses its input, calls one service, and renders; with htmx the preview answers
with the partial that the full page includes, so the page also works without JavaScript.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from handschlag.core.errors import HandschlagError, NotFound
from handschlag.core.requests import HtmxHttpRequest, member_of
from handschlag.events.queries import met_at_meetup_note
from handschlag.network import queries, quotas, services
from handschlag.network.errors import QuotaExhausted
from handschlag.network.forms import AppealForm, ContactRequestForm
from handschlag.network.models import Intent
from handschlag.profiles.models import Profile


def _recipient(request: HttpRequest, member_id: int) -> Profile:
    try:
        return queries.get_member_to_contact(member_of(request), member_id=member_id)
    except NotFound:
        raise Http404 from None


def _preview(
    request: HttpRequest, profile: Profile, form: ContactRequestForm
) -> queries.RequestPreview:
    """The preview for what the form holds so far (valid or not: a draft is a draft)."""
    data = form.data
    intent = str(data.get("intent") or Intent.OTHER)
    note = str(data.get("note") or "")
    return queries.preview_contact_request(
        member_of(request), recipient=profile.member, note=note, intent=intent
    )


def _send_page(
    request: HttpRequest,
    profile: Profile,
    form: ContactRequestForm,
    *,
    previewed: bool,
    refused: HandschlagError | None = None,
) -> HttpResponse:
    preview = _preview(request, profile, form)
    # A refusal of the whole request (not of one field) is shown above the form, with
    # the link to the restriction notice when it is one; before a send, what the preview
    # says a send would meet now.
    blocked: HandschlagError | None = None
    if refused is not None and refused.field not in form.fields:
        blocked = refused
    elif preview.problem is not None and preview.problem.field is None and not previewed:
        blocked = preview.problem
    context = {"profile": profile, "form": form, "preview": preview, "blocked": blocked}
    if isinstance(refused, QuotaExhausted):
        return _quota_refusal(request, context, refused)
    return render(request, "network/send_request.html", context)


def _quota_refusal(
    request: HttpRequest, context: dict[str, object], refusal: QuotaExhausted
) -> HttpResponse:
    """A send refused by a quota: 429 with ``Retry-After`` (seconds until the window's
    first request falls out of it) and ``X-RateLimit-*``; the page says from when (S6)."""
    response = render(request, "network/send_request.html", context, status=429)
    retry_after = refusal.retry_after(timezone.now())
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
        response["X-RateLimit-Reset"] = str(retry_after)
    response["X-RateLimit-Limit"] = str(refusal.limit)
    response["X-RateLimit-Remaining"] = "0"
    return response


@login_required
def send_request(request: HttpRequest, member_id: int) -> HttpResponse:
    """The "Connect" page: intent, note, a preview of what the recipient will see, quota."""
    profile = _recipient(request, member_id)
    form = ContactRequestForm(request.POST or None, initial=_prefill(request, member_id))
    refused: HandschlagError | None = None
    if request.method == "POST" and form.is_valid():
        try:
            services.send_contact_request(
                member_of(request),
                recipient=profile.member,
                note=form.cleaned_data["note"],
                intent=form.cleaned_data["intent"],
            )
        except HandschlagError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
            refused = error
        else:
            messages.success(
                request,
                _("Your request has been sent to %(name)s.") % {"name": profile.full_name},
            )
            return redirect("sent_requests")
    return _send_page(request, profile, form, previewed=False, refused=refused)


def _prefill(request: HttpRequest, member_id: int) -> dict[str, str]:
    """ "Met at this meetup" from an attendee list: the intent from the link, the note only
    from the database, and only when both were confirmed at that meetup."""
    if request.method != "GET" or request.GET.get("intent") != Intent.MET:
        return {}
    initial = {"intent": str(Intent.MET)}
    event = request.GET.get("event", "")
    if event.isdigit():
        note = met_at_meetup_note(member_of(request), other_id=member_id, meetup_id=int(event))
        if note:
            initial["note"] = note
    return initial


@login_required
@require_POST
def preview_request(request: HtmxHttpRequest, member_id: int) -> HttpResponse:
    """What the recipient would see of the draft; writes nothing. With htmx, the partial."""
    profile = _recipient(request, member_id)
    form = ContactRequestForm(request.POST)
    if request.htmx:
        preview = _preview(request, profile, form)
        return render(
            request, "network/send_preview.html", {"profile": profile, "preview": preview}
        )
    return _send_page(request, profile, form, previewed=True)


@login_required
@require_GET
def profile_request_state(request: HttpRequest, member_id: int) -> HttpResponse:
    """The Connect button or the request's state, for another member's profile page."""
    profile = _recipient(request, member_id)
    state = queries.get_request_state(member_of(request), member_id=profile.member_id)
    return render(
        request, "network/profile_actions.html", {"profile": profile, "request_state": state}
    )


@login_required
def sent_requests(request: HttpRequest) -> HttpResponse:
    """The member's own requests with their state, and a withdraw button for pending ones."""
    member = member_of(request)
    context = {
        "requests": queries.list_sent_requests(member)[:200],
        "quota": quotas.quota_for(member),
        "restriction": quotas.current_restriction(member),
    }
    return render(request, "network/send_list.html", context)


@login_required
@require_POST
def withdraw_request(request: HttpRequest, request_id: int) -> HttpResponse:
    """Withdraw one of the member's pending requests (404 for anyone else's)."""
    try:
        services.withdraw_contact_request(member_of(request), request_id=request_id)
    except NotFound:
        raise Http404 from None
    messages.success(
        request,
        _("Your request has been withdrawn. You can ask this member again in three weeks."),
    )
    return redirect("sent_requests")


@login_required
def restriction_notice(request: HttpRequest) -> HttpResponse:
    """Why the member may not send requests, in plain words, and their one appeal."""
    member = member_of(request)
    restriction = quotas.current_restriction(member)
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.appeal_restriction(member, text=form.cleaned_data["text"])
        except HandschlagError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(
                request, _("Your appeal has been sent to the moderators. They will answer you.")
            )
            return redirect("restriction_notice")
    context = {
        "restriction": restriction,
        "reasons": quotas.explain_restriction(restriction) if restriction else [],
        "appeal": quotas.appeal_of(restriction) if restriction else None,
        "form": form,
    }
    return render(request, "network/restriction.html", context)


urlpatterns: list[URLPattern] = [
    path("members/<int:member_id>/connect/", send_request, name="send_request"),
    path("members/<int:member_id>/connect/preview/", preview_request, name="preview_request"),
    path(
        "members/<int:member_id>/connect/state/",
        profile_request_state,
        name="profile_request_state",
    ),
    path("network/requests/sent/", sent_requests, name="sent_requests"),
    path("network/requests/<int:request_id>/withdraw/", withdraw_request, name="withdraw_request"),
    path("network/restriction/", restriction_notice, name="restriction_notice"),
]
