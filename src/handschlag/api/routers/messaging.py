"""Conversations, messages and message requests through the API.

A conversation id names one the caller takes part in; a message id one in it. Anything
else is 404, before anything is read or written (``messaging.queries.get_participant``).
A group conversation is started with two to nineteen of the caller's contacts (twenty
participants at most, as on the page) and then read and written like any other. A message
the engine flagged can be answered with the standard reply, drafted in the reader's
language for them to edit (``messaging.replies.draft_reply``).
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from handschlag.api.forms import cleaned, form_data
from handschlag.api.limits import limit
from handschlag.api.routers.common import (
    Done,
    Id,
    InputSchema,
    PageInfo,
    PageNumber,
    ReportIn,
    caller,
    page_info,
    responses,
)
from handschlag.core.errors import NotFound
from handschlag.messaging import queries, services
from handschlag.messaging.errors import NothingToReply
from handschlag.messaging.forms import (
    GroupForm,
    MessageForm,
    MessageReportForm,
    StandardReplyForm,
)
from handschlag.messaging.models import Message
from handschlag.messaging.replies import draft_reply
from handschlag.network.inbox import Reason, language_of
from handschlag.network.replies import ReplyDraft

router = Router(tags=["messaging"])


### Shapes ###


class ParticipantOut(Schema):
    member_id: int
    full_name: str
    headline: str


class MessageReasonOut(Schema):
    text: str
    is_reassuring: bool


class ConversationOut(Schema):
    id: int
    title: str
    others: list[ParticipantOut]
    is_group: bool
    last_text: str
    last_at: datetime | None
    last_is_mine: bool
    unread: int
    state: str
    #: For message requests: the engine's label of the first message and why.
    label: str
    reasons: list[MessageReasonOut]


class ConversationsOut(Schema):
    conversations: list[ConversationOut]
    info: PageInfo


class MessageRequestsOut(Schema):
    waiting: list[ConversationOut]
    filed: list[ConversationOut]


class MessageOut(Schema):
    """One message as the caller reads it: the sanitised HTML of its text; the label and
    reasons only on messages to the caller (a sender never sees the verdict)."""

    id: int
    sender: ParticipantOut
    is_mine: bool
    html: str
    created_at: datetime
    is_deleted: bool
    label: str
    reasons: list[MessageReasonOut]


class ThreadOut(Schema):
    conversation_id: int
    title: str
    others: list[ParticipantOut]
    messages: list[MessageOut]
    #: Pass as ``before`` for the previous page; null at the beginning.
    older_cursor: int | None
    can_write: bool
    write_blocker: str
    is_request: bool


class ThreadFilter(Schema):
    before: Id | None = None


class PageFilter(Schema):
    page: PageNumber = 1


class MessageIn(InputSchema):
    text: str


class SentOut(Schema):
    conversation_id: int
    message_id: int
    is_request: bool


### Building the shapes ###


def _people(people: tuple[queries.Person, ...]) -> list[ParticipantOut]:
    return [
        ParticipantOut(member_id=p.member_id, full_name=p.name, headline=p.headline) for p in people
    ]


def _reasons(reasons: tuple[Reason, ...]) -> list[MessageReasonOut]:
    return [MessageReasonOut(text=r.sentence, is_reassuring=r.is_reassuring) for r in reasons]


def _row(row: queries.ConversationRow) -> ConversationOut:
    return ConversationOut(
        id=row.conversation_id,
        title=row.title,
        others=_people(row.others),
        is_group=row.is_group,
        last_text=row.last_text,
        last_at=row.last_at,
        last_is_mine=row.last_is_mine,
        unread=row.unread,
        state=row.state,
        label=row.label,
        reasons=[
            MessageReasonOut(text=r.sentence, is_reassuring=r.is_reassuring) for r in row.reasons
        ],
    )


def _message(view: queries.MessageView) -> MessageOut:
    return MessageOut(
        id=view.pk,
        sender=ParticipantOut(
            member_id=view.sender.member_id,
            full_name=view.sender.name,
            headline=view.sender.headline,
        ),
        is_mine=view.is_mine,
        html=view.html,
        created_at=view.created_at,
        is_deleted=view.is_deleted,
        label=view.label,
        reasons=[
            MessageReasonOut(text=r.sentence, is_reassuring=r.is_reassuring) for r in view.reasons
        ],
    )


### Lists ###


@router.get(
    "/conversations",
    response=responses(200, ConversationsOut),
    summary="Your conversations, most recent first",
)
def list_conversations(request: HttpRequest, filters: Query[PageFilter]) -> ConversationsOut:
    page = queries.list_conversations(caller(request), page_number=filters.page)
    return ConversationsOut(
        conversations=[_row(row) for row in page.object_list],
        info=page_info(page.number, page.paginator.count, queries.LIST_PAGE_SIZE),
    )


@router.get(
    "/message-requests",
    response=responses(200, MessageRequestsOut),
    summary="First messages from people who are not your contacts",
)
def list_message_requests(request: HttpRequest) -> MessageRequestsOut:
    folder = queries.list_message_requests(caller(request))
    return MessageRequestsOut(
        waiting=[_row(row) for row in folder.waiting], filed=[_row(row) for row in folder.filed]
    )


### One conversation ###


@router.get(
    "/conversations/{conversation_id}/messages",
    response=responses(200, ThreadOut),
    summary="The newest messages of a conversation; `before` pages back",
)
def get_thread(
    request: HttpRequest, conversation_id: Id, filters: Query[ThreadFilter]
) -> ThreadOut:
    """Reading does not mark the conversation read; ``POST …/read`` does."""
    member = caller(request)
    participant = queries.get_participant(member, conversation_id)
    page = queries.get_conversation_page(member, participant=participant, before=filters.before)
    return ThreadOut(
        conversation_id=conversation_id,
        title=page.title,
        others=_people(page.others),
        messages=[_message(m) for m in page.messages],
        older_cursor=page.older_cursor,
        can_write=page.can_write,
        write_blocker=page.write_blocker,
        is_request=page.is_request,
    )


@router.post(
    "/conversations/{conversation_id}/read",
    response=responses(200, Done),
    summary="Mark the conversation read up to its newest message",
)
def mark_read(request: HttpRequest, conversation_id: Id) -> Done:
    member = caller(request)
    participant = queries.get_participant(member, conversation_id)
    page = queries.get_conversation_page(member, participant=participant)
    services.mark_read(participant, last_message_id=page.newest_id)
    return Done(detail=_("Marked as read."))


@router.post(
    "/conversations/{conversation_id}/messages",
    response=responses(201, MessageOut, 409),
    throttle=limit("send_message", per_member=60),
    summary="Write in a conversation",
)
def post_message(
    request: HttpRequest, conversation_id: Id, payload: MessageIn
) -> Status[MessageOut]:
    member = caller(request)
    queries.get_participant(member, conversation_id)  # not a participant: 404 first
    form = cleaned(MessageForm(form_data(payload.dict())))
    message = services.post_message(
        member, conversation_id=conversation_id, text=form.cleaned_data["text"]
    )
    participant = queries.get_participant(member, conversation_id)
    page = queries.get_conversation_page(member, participant=participant)
    view = next(m for m in reversed(page.messages) if m.pk == message.pk)
    return Status(201, _message(view))


@router.post(
    "/members/{member_id}/messages",
    response=responses(201, SentOut),
    throttle=limit("send_message", per_member=60),
    summary="Write to a member (a message request when you are not contacts)",
)
def send_message(request: HttpRequest, member_id: Id, payload: MessageIn) -> Status[SentOut]:
    member = caller(request)
    profile = queries.get_member_to_message(member, member_id=member_id)
    form = cleaned(MessageForm(form_data(payload.dict())))
    sent = services.send_message(
        member, recipient_id=profile.member_id, text=form.cleaned_data["text"]
    )
    return Status(
        201,
        SentOut(
            conversation_id=sent.conversation.pk,
            message_id=sent.message.pk,
            is_request=sent.is_request,
        ),
    )


@router.post(
    "/conversations/{conversation_id}/accept",
    response=responses(200, Done, 409),
    throttle=limit("answer", per_member=120),
    summary="Accept a message request",
)
def accept_request(request: HttpRequest, conversation_id: Id) -> Done:
    services.accept_message_request(caller(request), conversation_id=conversation_id)
    return Done(detail=_("You accepted the message request. You can now reply."))


@router.post(
    "/conversations/{conversation_id}/ignore",
    response=responses(200, Done, 409),
    throttle=limit("answer", per_member=120),
    summary="Ignore a message request (the sender is not told)",
)
def ignore_request(request: HttpRequest, conversation_id: Id) -> Done:
    services.ignore_message_request(caller(request), conversation_id=conversation_id)
    return Done(
        detail=_("The message request stays filed under “Ignored”. The sender is not told.")
    )


@router.post(
    "/conversations/{conversation_id}/messages/{message_id}/report",
    response=responses(200, Done, 409),
    throttle=limit("report", per_member=20, per_minutes=60 * 24),
    summary="Report a message to the moderators",
)
def report_message(
    request: HttpRequest, conversation_id: Id, message_id: Id, payload: ReportIn
) -> Done:
    member = caller(request)
    message = queries.get_message_for_recipient(
        member, message_id=message_id, conversation_id=conversation_id
    )
    form = cleaned(MessageReportForm(form_data(payload.dict())))
    services.report_message(
        member,
        message_id=message.pk,
        reason=form.cleaned_data["reason"],
        comment=form.cleaned_data["comment"],
    )
    return Done(
        detail=_(
            "Thank you. The moderators have received your report and a copy of the "
            "message. %(name)s is not told who reported them."
        )
        % {"name": message.sender.name}
    )


@router.delete(
    "/conversations/{conversation_id}/messages/{message_id}",
    response=responses(200, Done),
    throttle=limit("answer", per_member=120),
    summary="Delete one of your own messages",
)
def delete_message(request: HttpRequest, conversation_id: Id, message_id: Id) -> Done:
    member = caller(request)
    queries.get_participant(member, conversation_id)
    services.delete_message(member, message_id=message_id)
    return Done(detail=_("Your message has been deleted."))


### Group conversations ###


class GroupConversationIn(InputSchema):
    """A group conversation: two to nineteen of your contacts, and the first message."""

    title: str = ""
    member_ids: list[int]
    text: str


@router.post(
    "/group-conversations",
    response=responses(201, ThreadOut),
    throttle=limit("send_message", per_member=60),
    summary="Start a group conversation with some of your contacts",
)
def start_group(request: HttpRequest, payload: GroupConversationIn) -> Status[ThreadOut]:
    member = caller(request)
    contacts = queries.list_contacts_for_group(member)
    values = {"title": payload.title, "members": payload.member_ids, "text": payload.text}
    form = cleaned(GroupForm(form_data(values), contacts=contacts))
    started = services.start_group(
        member,
        member_ids=form.cleaned_data["members"],
        title=form.cleaned_data["title"],
        text=form.cleaned_data["text"],
    )
    return Status(201, get_thread(request, started.pk, ThreadFilter()))


### The standard reply to a flagged message ###


class MessageReplyDraftOut(Schema):
    """The standard reply to a message, in the reader's language, to edit before sending."""

    #: Which situation it answers (a false claim of contact, a pitch, a question for context).
    situation: str
    lang: str
    text: str


class StandardReplyIn(InputSchema):
    """The standard reply as you edited it (the situation is the draft's own)."""

    text: str


def _draft(request: HttpRequest, conversation_id: int, message_id: int) -> tuple[int, ReplyDraft]:
    member = caller(request)
    shown = queries.get_message_for_recipient(
        member, message_id=message_id, conversation_id=conversation_id
    )
    row = Message.objects.get(pk=shown.pk)  # fetched with the permission check just above
    try:
        draft = draft_reply(row, reader_id=member.pk, lang=language_of(member))
    except NothingToReply as nothing:
        # As on the page: a message without a standard reply has no reply page (404).
        raise NotFound(nothing.message) from None
    return shown.pk, draft


@router.get(
    "/conversations/{conversation_id}/messages/{message_id}/reply-draft",
    response=responses(200, MessageReplyDraftOut),
    summary="The standard reply to a flagged message, drafted in your language",
)
def message_reply_draft(
    request: HttpRequest, conversation_id: Id, message_id: Id
) -> MessageReplyDraftOut:
    _pk, draft = _draft(request, conversation_id, message_id)
    return MessageReplyDraftOut(
        situation=draft.situation,
        lang=draft.lang,
        text=draft.text,
    )


@router.post(
    "/conversations/{conversation_id}/messages/{message_id}/reply",
    response=responses(201, MessageOut, 409),
    throttle=limit("send_message", per_member=60),
    summary="Send the (edited) standard reply as a message",
)
def send_standard_reply(
    request: HttpRequest, conversation_id: Id, message_id: Id, payload: StandardReplyIn
) -> Status[MessageOut]:
    """A message request answered with a decline is closed by it; one answered with a
    question for context is accepted, so the sender can answer."""
    member = caller(request)
    pk, draft = _draft(request, conversation_id, message_id)
    form = cleaned(StandardReplyForm(form_data(payload.dict())))
    sent = services.reply_with_standard_reply(
        member,
        message_id=pk,
        text=form.cleaned_data["text"],
        situation=draft.situation,
    )
    participant = queries.get_participant(member, conversation_id)
    page = queries.get_conversation_page(member, participant=participant)
    view = next(m for m in reversed(page.messages) if m.pk == sent.pk)
    return Status(201, _message(view))
