"""Messaging pages: the conversation list, the "Message requests" folder, a conversation,
writing from a profile, the standard reply, reporting and group conversations.

Each view parses its input, calls one service, and renders. Everything works without
JavaScript; with htmx the composer swaps in the updated thread instead of reloading.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handschlag.core.errors import HandschlagError, NotFound
from handschlag.core.requests import HtmxHttpRequest, member_of
from handschlag.messaging import queries, services
from handschlag.messaging.forms import GroupForm, MessageForm, MessageReportForm, StandardReplyForm
from handschlag.messaging.models import Message
from handschlag.messaging.replies import draft_reply
from handschlag.messaging.thread import render_items
from handschlag.network.inbox import language_of


def _page_number(request: HttpRequest) -> str:
    return request.GET.get("page") or "1"


@login_required
def conversations(request: HttpRequest) -> HttpResponse:
    """The member's open conversations, newest first, with unread badges."""
    member = member_of(request)
    context = {
        "page": queries.list_conversations(member, page_number=_page_number(request)),
        "counts": queries.count_unread(member),
    }
    return render(request, "messaging/conversations.html", context)


@login_required
def message_requests(request: HttpRequest) -> HttpResponse:
    """First messages from people who are not the member's contacts, with their verdicts."""
    member = member_of(request)
    context = {"folder": queries.list_message_requests(member)}
    return render(request, "messaging/requests.html", context)


def _cursor(request: HttpRequest) -> int | None:
    before = request.GET.get("before", "")
    return int(before) if before.isdigit() else None


def _thread(request: HttpRequest, conversation_id: int, form: MessageForm) -> dict[str, object]:
    member = member_of(request)
    participant = queries.get_participant(member, conversation_id)
    before = _cursor(request)
    page = queries.get_conversation_page(member, participant=participant, before=before)
    if before is None:
        services.mark_read(participant, last_message_id=page.newest_id)
    items = render_items(page.messages, csrf_token=get_token(request))
    return {"conv": page, "form": form, "before": before, "items": items}


@login_required
def conversation(request: HtmxHttpRequest, conversation_id: int) -> HttpResponse:
    """One conversation: the newest 50 messages, "older" further back, and the composer."""
    member = member_of(request)
    form = MessageForm(request.POST or None)
    if request.method == "POST":
        # Not a participant: 404 before anything is read or written.
        queries.get_participant(member, conversation_id)
        if form.is_valid():
            try:
                services.post_message(
                    member, conversation_id=conversation_id, text=form.cleaned_data["text"]
                )
            except NotFound:
                raise Http404 from None
            except HandschlagError as error:
                form.add_error("text" if error.field == "text" else None, str(error.message))
            else:
                if not request.htmx:
                    return redirect(reverse("conversation", args=[conversation_id]) + "#latest")
                form = MessageForm()
    context = _thread(request, conversation_id, form)
    if request.htmx and request.method == "POST":
        return render(request, "messaging/thread.html", context)
    return render(request, "messaging/conversation.html", context)


@login_required
def write_message(request: HttpRequest, member_id: int) -> HttpResponse:
    """Write to a member from their profile: into the pair's conversation, or a new one (a
    message request when the two are not contacts)."""
    member = member_of(request)
    profile = queries.get_member_to_message(member, member_id=member_id)
    existing = queries.pair_conversation_id(member, member_id=member_id)
    if existing is not None and request.method != "POST":
        return redirect("conversation", existing)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.send_message(
                member, recipient_id=profile.member_id, text=form.cleaned_data["text"]
            )
        except NotFound:
            raise Http404 from None
        except HandschlagError as error:
            form.add_error("text" if error.field == "text" else None, str(error.message))
        else:
            if sent.is_request:
                messages.success(
                    request,
                    _(
                        "Your message has been sent to %(name)s as a message request. You can "
                        "write again once they have accepted it."
                    )
                    % {"name": profile.full_name},
                )
            return redirect("conversation", sent.conversation.pk)
    context = {
        "profile": profile,
        "form": form,
        "is_contact": queries.is_contact(member, member_id=member_id),
    }
    return render(request, "messaging/write.html", context)


@login_required
@require_POST
def accept_request(request: HttpRequest, conversation_id: int) -> HttpResponse:
    """Open a message request: it moves to the conversations and both can write."""
    try:
        services.accept_message_request(member_of(request), conversation_id=conversation_id)
    except NotFound:
        raise Http404 from None
    except HandschlagError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("You accepted the message request. You can now reply."))
    return redirect("conversation", conversation_id)


@login_required
@require_POST
def ignore_request(request: HttpRequest, conversation_id: int) -> HttpResponse:
    """Leave a message request filed; the sender is not told."""
    try:
        services.ignore_message_request(member_of(request), conversation_id=conversation_id)
    except NotFound:
        raise Http404 from None
    except HandschlagError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("The message request stays filed under “Ignored”. The sender is not told."),
        )
    return redirect("message_requests")


def _message(request: HttpRequest, conversation_id: int, message_id: int) -> queries.MessageView:
    return queries.get_message_for_recipient(
        member_of(request), message_id=message_id, conversation_id=conversation_id
    )


@login_required
def report_message(request: HttpRequest, conversation_id: int, message_id: int) -> HttpResponse:
    """Report a message to the moderators, who keep a copy of its text."""
    member = member_of(request)
    message = _message(request, conversation_id, message_id)
    form = MessageReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_message(
                member,
                message_id=message.pk,
                reason=form.cleaned_data["reason"],
                comment=form.cleaned_data["comment"],
            )
        except NotFound:
            raise Http404 from None
        except HandschlagError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request,
                _(
                    "Thank you. The moderators have received your report and a copy of the "
                    "message. %(name)s is not told who reported them."
                )
                % {"name": message.sender.name},
            )
            return redirect("conversation", conversation_id)
    context = {"message": message, "form": form, "conversation_id": conversation_id}
    return render(request, "messaging/report.html", context)


@login_required
def reply_message(request: HttpRequest, conversation_id: int, message_id: int) -> HttpResponse:
    """The standard reply to a flagged message: drafted in the reader's language, previewed,
    edited, then sent as a message."""
    member = member_of(request)
    shown = _message(request, conversation_id, message_id)
    row = Message.objects.get(pk=shown.pk)  # fetched with the permission check just above
    try:
        draft = draft_reply(row, reader_id=member.pk, lang=language_of(member))
    except HandschlagError:
        raise Http404 from None
    form = StandardReplyForm(request.POST or None, initial={"text": draft.text})
    preview = draft.text
    if request.method == "POST" and form.is_valid():
        preview = form.cleaned_data["text"]
        if "send" in request.POST:
            try:
                services.reply_with_standard_reply(
                    member, message_id=shown.pk, text=preview, situation=draft.situation
                )
            except NotFound:
                raise Http404 from None
            except HandschlagError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(
                    request,
                    _("Your reply has been sent to %(name)s.") % {"name": shown.sender.name},
                )
                return redirect(reverse("conversation", args=[conversation_id]) + "#latest")
    context = {
        "message": shown,
        "form": form,
        "preview": preview,
        "situation": draft.situation,
        "conversation_id": conversation_id,
    }
    return render(request, "messaging/reply.html", context)


@login_required
@require_POST
def delete_message(request: HttpRequest, conversation_id: int, message_id: int) -> HttpResponse:
    """The sender deletes their own message."""
    member = member_of(request)
    queries.get_participant(member, conversation_id)
    try:
        services.delete_message(member, message_id=message_id)
    except NotFound:
        raise Http404 from None
    messages.success(request, _("Your message has been deleted."))
    return redirect("conversation", conversation_id)


@login_required
def new_group(request: HttpRequest) -> HttpResponse:
    """Start a group conversation with up to nineteen contacts."""
    member = member_of(request)
    contacts = queries.list_contacts_for_group(member)
    form = GroupForm(request.POST or None, contacts=contacts)
    if request.method == "POST" and form.is_valid():
        try:
            started = services.start_group(
                member,
                member_ids=form.cleaned_data["members"],
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
            )
        except HandschlagError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, str(error.message))
        else:
            return redirect("conversation", started.pk)
    return render(request, "messaging/new_group.html", {"form": form})
