"""Group pages: the index, a group with its member list (where the viewer may see it),
joining, join requests, leaving, invitations and the invitation settings.

Views parse, call one service and render; refusals appear as messages or above the form.
"""

from __future__ import annotations

import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from handschlag.core.errors import HandschlagError, NotFound
from handschlag.core.requests import member_of
from handschlag.groups import queries, services
from handschlag.groups.errors import InvalidGroup, InvitationQuotaExhausted
from handschlag.groups.forms import (
    AnswerForm,
    GroupForm,
    InvitationForm,
    InvitationPolicyForm,
    JoinRequestForm,
)
from handschlag.groups.models import Group


def _lang() -> str:
    lang = (get_language() or "en").split("-")[0]
    return lang if lang in ("de", "en") else "en"


def _group(slug: str) -> Group:
    try:
        return queries.get_group(slug)
    except NotFound:
        raise Http404 from None


@login_required
@require_http_methods(["GET"])
def group_index(request: HttpRequest) -> HttpResponse:
    """The member's groups first, then the others; a topic word filters."""
    member = member_of(request)
    topic = request.GET.get("topic", "")[:40]
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    return render(
        request,
        "groups/index.html",
        {
            "groups": queries.list_groups(member, page=page, topic=topic),
            "topic": topic,
            "pending_invitations": queries.count_pending_invitations(member),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def new_group(request: HttpRequest) -> HttpResponse:
    """Create a group; the creator becomes its first moderator."""
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.create_group(
                member_of(request),
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                topics=form.topic_list(),
                visibility=form.cleaned_data["visibility"],
            )
        except InvalidGroup as error:
            form.add_error(error.field, str(error.message))
        else:
            messages.success(request, _("Your group is created; you are its moderator."))
            return redirect("group_detail", slug=group.slug)
    return render(request, "groups/new.html", {"form": form})


@login_required
@require_http_methods(["GET"])
def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A group: description, topics, moderators, and the member list where allowed."""
    try:
        page = queries.group_page(member_of(request), slug=slug)
    except NotFound:
        raise Http404 from None
    return render(request, "groups/detail.html", {"page": page, "join_form": JoinRequestForm()})


@login_required
@require_POST
def join(request: HttpRequest, slug: str) -> HttpResponse:
    """Join a public group, or ask to join a closed one."""
    group = _group(slug)
    member = member_of(request)
    try:
        if group.is_closed:
            form = JoinRequestForm(request.POST)
            message = form.cleaned_data["message"] if form.is_valid() else ""
            services.request_to_join(member, group_id=group.pk, message=message)
            messages.success(request, _("Your request to join was sent to the moderators."))
        else:
            services.join_group(member, group_id=group.pk)
            messages.success(request, _("You joined the group."))
    except HandschlagError as error:
        messages.error(request, str(error.message))
    return redirect("group_detail", slug=group.slug)


@login_required
@require_POST
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    """Leave the group."""
    group = _group(slug)
    try:
        services.leave_group(member_of(request), group_id=group.pk)
    except HandschlagError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("You left the group."))
    return redirect("group_detail", slug=group.slug)


@login_required
@require_POST
def answer_join_request(request: HttpRequest, slug: str, request_id: int) -> HttpResponse:
    """A moderator accepts or declines a join request."""
    group = _group(slug)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose whether to accept the request."))
        return redirect("group_detail", slug=group.slug)
    try:
        services.answer_join_request(
            member_of(request), request_id=request_id, accept=form.accepted()
        )
    except NotFound:
        raise Http404 from None
    except HandschlagError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("The member was let in.") if form.accepted() else _("The request was declined."),
        )
    return redirect("group_detail", slug=group.slug)


@login_required
@require_POST
def make_moderator(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    """A moderator makes another member a moderator."""
    group = _group(slug)
    try:
        services.make_moderator(member_of(request), group_id=group.pk, member_id=member_id)
    except NotFound:
        raise Http404 from None
    except HandschlagError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The member is now a moderator of the group."))
    return redirect("group_detail", slug=group.slug)


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    """Invite a contact; the refusal (quota, rights, cool-down) shows above the form."""
    group = _group(slug)
    inviter = member_of(request)
    contacts = queries.invitable_contacts(inviter, group)
    initial = {"invitee": request.GET.get("member", "")}
    form = InvitationForm(request.POST or None, contacts=contacts, initial=initial)
    refusal, status = "", 200
    headers: dict[str, str] = {}
    quota = services.weekly_invitation_quota(inviter.pk, now=timezone.now())
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_to_group(
                inviter,
                group_id=group.pk,
                invitee_id=form.cleaned_data["invitee"],
                note=form.cleaned_data["note"],
            )
        except NotFound:
            raise Http404 from None
        except InvalidGroup as error:
            form.add_error(error.field, str(error.message))
        except InvitationQuotaExhausted as error:
            refusal, status = str(error.message), 429
            seconds = (error.resets_at - timezone.now()).total_seconds()
            headers["Retry-After"] = str(max(1, math.ceil(seconds)))
        except HandschlagError as error:
            refusal, status = str(error.message), 409
        else:
            messages.success(request, _("Your invitation was sent."))
            return redirect("group_detail", slug=group.slug)
    response = render(
        request,
        "groups/invite.html",
        {"group": group, "form": form, "refusal": refusal, "quota": quota},
        status=status,
    )
    for name, value in headers.items():
        response[name] = value
    return response


@login_required
@require_http_methods(["GET"])
def invitations(request: HttpRequest) -> HttpResponse:
    """The member's group invitations with the automatic check's reasons."""
    member = member_of(request)
    return render(
        request,
        "groups/invitations.html",
        {
            "inbox": queries.list_invitations(member, lang=_lang()),
            "policy": queries.invitation_policy(member.pk),
        },
    )


@login_required
@require_POST
def answer_invitation(request: HttpRequest, invitation_id: int) -> HttpResponse:
    """Accept (and join) or decline an invitation."""
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose whether to accept the invitation."))
        return redirect("group_invitations")
    try:
        invitation = services.answer_invitation(
            member_of(request), invitation_id=invitation_id, accept=form.accepted()
        )
    except NotFound:
        raise Http404 from None
    except HandschlagError as error:
        messages.error(request, str(error.message))
        return redirect("group_invitations")
    if form.accepted():
        messages.success(request, _("You joined the group."))
        return redirect("group_detail", slug=invitation.group.slug)
    messages.success(request, _("You declined the invitation."))
    return redirect("group_invitations")


@login_required
@require_http_methods(["GET", "POST"])
def invitation_settings(request: HttpRequest) -> HttpResponse:
    """What happens to irrelevant bulk invitations: declined or filed apart."""
    member = member_of(request)
    policy = queries.invitation_policy(member.pk)
    form = InvitationPolicyForm(
        request.POST or None, initial={"irrelevant_action": policy.irrelevant_action}
    )
    if request.method == "POST" and form.is_valid():
        services.save_invitation_policy(
            member, irrelevant_action=form.cleaned_data["irrelevant_action"]
        )
        messages.success(request, _("Your group invitation settings are saved."))
        return redirect("group_invitations")
    return render(request, "groups/settings.html", {"form": form})
