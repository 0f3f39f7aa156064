"""Every write about conversations and messages: send, accept, ignore, report, reply, read.

The send path judges a message when DESIGN.md says it should (to a non-contact, to a
contact of less than 30 days, or without a two-way conversation yet): it gathers the
facts (``messaging.cases``), asks the network's engine (``network.engine.get_engine``, the
one with the active text model and the template index) and stores the verdict with the
message, all in the sender's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.core.models import Label
from handschlag.messaging.cases import (
    History,
    build_message_facts,
    needs_judgement,
    pair_history,
)
from handschlag.messaging.errors import (
    AwaitingAcceptance,
    ConversationClosed,
    ConversationNotFound,
    EmptyMessage,
    GroupNeedsContacts,
    GroupTooLarge,
    InvalidReportReason,
    MemberNotFound,
    MessageNotFound,
    MessageRequestLimit,
    MessageTooLong,
    NotARequest,
    NothingToReply,
    RequestsRestricted,
    TooNewForRequests,
)
from handschlag.messaging.models import (
    MAX_PARTICIPANTS,
    Conversation,
    Message,
    Participant,
    ParticipantState,
    pair_key,
)
from handschlag.moderation.blocks import is_blocked_with_any
from handschlag.moderation.models import ModerationAction, Report, ReportReason
from handschlag.network.cases import PairFacts, pair_facts, verdict_to_json
from handschlag.network.engine import get_engine, remember_note
from handschlag.network.models import Connection
from handschlag.network.quotas import current_restriction, review_sender_standing
from handschlag.profiles.models import Profile
from handschlag.trust import Verdict

#: The longest message anyone is asked to read; the model's field says the same.
MESSAGE_MAX_LENGTH = 5000
#: SECURITY.md S4: "No messages to non-connections in the first 3 days."
NEW_ACCOUNT_DAYS = 3
#: Message requests (first messages to non-contacts) a member may start: as many as
#: contact requests of a "basic" member a day (10), fewer a week (30): a message request
#: asks more of its recipient than a contact request does.
REQUESTS_PER_DAY = 10
REQUESTS_PER_WEEK = 30


@dataclass(frozen=True, slots=True)
class Sent:
    """A sent message and where it went (the conversation; whether it is a request)."""

    message: Message
    conversation: Conversation
    is_request: bool


def _clean_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise EmptyMessage
    if len(text) > MESSAGE_MAX_LENGTH:
        raise MessageTooLong(limit=MESSAGE_MAX_LENGTH, length=len(text))
    return text


def _check_not_blocked(sender: Member, recipient_ids: Sequence[int]) -> None:
    """A write that reaches a member who blocked the sender, or whom the sender blocked,
    is refused exactly as for an unknown member: the blocked side cannot tell."""
    if is_blocked_with_any(sender.pk, recipient_ids):
        raise MemberNotFound


def _name(member_id: int) -> str:
    return (
        Profile.objects.filter(member_id=member_id).values_list("full_name", flat=True).first()
        or ""
    )


def _check_may_request(sender: Member, *, now: datetime) -> None:
    """A message to a non-contact: not in the first three days (S4), not while restricted
    (S7), and within the day's and the week's number of message requests.

    The sender's member row is locked first, so parallel first messages are counted one
    after another (S1); SQLite runs write transactions one at a time anyway.
    """
    joined = sender.date_joined
    if now - joined < timedelta(days=NEW_ACCOUNT_DAYS):
        raise TooNewForRequests(until=joined + timedelta(days=NEW_ACCOUNT_DAYS))
    if current_restriction(sender) is not None:
        raise RequestsRestricted
    list(Member.objects.select_for_update().filter(pk=sender.pk).values_list("pk"))
    started = Conversation.objects.filter(
        started_by_id=sender.pk, is_request=True, created_at__gte=now - timedelta(days=7)
    ).values_list("created_at", flat=True)
    week = list(started)
    if len(week) >= REQUESTS_PER_WEEK:
        raise MessageRequestLimit(limit=REQUESTS_PER_WEEK, period="week")
    if sum(1 for at in week if at >= now - timedelta(days=1)) >= REQUESTS_PER_DAY:
        raise MessageRequestLimit(limit=REQUESTS_PER_DAY, period="day")


def _judge(
    sender: Member,
    *,
    recipient: Member,
    text: str,
    now: datetime,
    conversation: Conversation | None,
    pair: PairFacts,
    history: History,
) -> Verdict:
    facts = build_message_facts(
        sender,
        recipient=recipient,
        text=text,
        now=now,
        conversation=conversation,
        pair=pair,
        history=history,
    )
    return get_engine().evaluate(facts.case)


def _store(
    sender: Member,
    *,
    conversation: Conversation,
    text: str,
    now: datetime,
    verdict: Verdict | None,
) -> Message:
    """Write the message and move every participant's list entry and unread count."""
    message = Message.objects.create(
        conversation=conversation,
        sender=sender,
        text=text,
        created_at=now,
        label=verdict.label.value if verdict is not None else "",
        score=verdict.score if verdict is not None else 0.0,
        hits=verdict_to_json(verdict) if verdict is not None else [],
    )
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
    conversation.last_message_at = now
    Participant.objects.filter(conversation_id=conversation.pk).exclude(member_id=sender.pk).update(
        unread_count=F("unread_count") + 1, last_message_at=now
    )
    Participant.objects.filter(conversation_id=conversation.pk, member_id=sender.pk).update(
        last_message_at=now, last_read_message=message, last_read_at=now, unread_count=0
    )
    if verdict is not None:
        # Other senders' texts are compared with this one only once it is stored; only
        # judged messages go in, so everyday talk between contacts never becomes evidence.
        transaction.on_commit(lambda: remember_note(sender.pk, text))
    return message


def _recipient(member_id: int, *, sender: Member) -> Member:
    if member_id == sender.pk:
        raise MemberNotFound
    recipient = Member.objects.filter(pk=member_id, is_active=True).first()
    if recipient is None:
        raise MemberNotFound
    return recipient


@transaction.atomic(durable=True)
def send_message(sender: Member, *, recipient_id: int, text: str) -> Sent:
    """Write to one member: into the pair's conversation, or start it. To a non-contact the
    first message is a message request in the recipient's folder; the engine judges it
    (and every message while the two have no two-way conversation or connected lately)."""
    text = _clean_text(text)
    now = timezone.now()
    recipient = _recipient(recipient_id, sender=sender)
    _check_not_blocked(sender, [recipient.pk])
    conversation = Conversation.objects.filter(pair_key=pair_key(sender.pk, recipient.pk)).first()
    pair = pair_facts(sender.pk, recipient.pk)
    connected = pair.connected_at is not None
    is_request = False
    if conversation is None:
        is_request = not connected
        if is_request:
            _check_may_request(sender, now=now)
        conversation = Conversation.objects.create(
            pair_key=pair_key(sender.pk, recipient.pk),
            started_by=sender,
            is_request=is_request,
            created_at=now,
        )
        Participant.objects.bulk_create(
            [
                Participant(conversation=conversation, member=sender, joined_at=now),
                Participant(
                    conversation=conversation,
                    member=recipient,
                    joined_at=now,
                    state=ParticipantState.REQUEST if is_request else ParticipantState.ACTIVE,
                ),
            ]
        )
    else:
        _check_may_write(sender, conversation=conversation, connected=connected)
    history = pair_history(conversation.pk, sender_id=sender.pk, recipient_id=recipient.pk)
    verdict = None
    if needs_judgement(connected_at=pair.connected_at, history=history, now=now):
        verdict = _judge(
            sender,
            recipient=recipient,
            text=text,
            now=now,
            conversation=conversation,
            pair=pair,
            history=history,
        )
    message = _store(sender, conversation=conversation, text=text, now=now, verdict=verdict)
    return Sent(message=message, conversation=conversation, is_request=is_request)


def _check_may_write(sender: Member, *, conversation: Conversation, connected: bool) -> None:
    """The sender takes part, and (one-to-one) the other has opened the conversation.

    A message request the recipient has not accepted opens by itself once the two are
    contacts (they accepted a contact request since); ignored and reported ones do not,
    and the sender reads the same sentence for all three.
    """
    rows = list(
        Participant.objects.filter(conversation_id=conversation.pk).values_list(
            "member_id", "state"
        )
    )
    if sender.pk not in {member_id for member_id, _state in rows}:
        raise ConversationNotFound
    if not conversation.is_group:
        for member_id, state in rows:
            if member_id == sender.pk:
                if state == ParticipantState.DECLINED:
                    # The member closed it with a reply and cannot reopen it by writing.
                    raise ConversationClosed
                if state != ParticipantState.ACTIVE:
                    # Writing back to a request in one's folder accepts it.
                    Participant.objects.filter(
                        conversation_id=conversation.pk, member_id=member_id
                    ).update(state=ParticipantState.ACTIVE, decided_at=timezone.now())
                continue
            if state == ParticipantState.DECLINED:
                raise ConversationClosed
            if state == ParticipantState.REQUEST and connected:
                Participant.objects.filter(
                    conversation_id=conversation.pk, member_id=member_id
                ).update(state=ParticipantState.ACTIVE, decided_at=timezone.now())
            elif state != ParticipantState.ACTIVE:
                raise AwaitingAcceptance(name=_name(member_id))
    else:
        own = next(state for member_id, state in rows if member_id == sender.pk)
        if own != ParticipantState.ACTIVE:
            raise ConversationNotFound


@transaction.atomic(durable=True)
def post_message(sender: Member, *, conversation_id: int, text: str) -> Message:
    """Write into a conversation the sender takes part in (one-to-one or group)."""
    text = _clean_text(text)
    now = timezone.now()
    conversation = Conversation.objects.filter(pk=conversation_id).first()
    if conversation is None:
        raise ConversationNotFound
    others = list(
        Participant.objects.filter(conversation_id=conversation.pk)
        .exclude(member_id=sender.pk)
        .select_related("member")
    )
    _check_not_blocked(sender, [p.member_id for p in others])
    if not conversation.is_group:
        recipient = others[0].member if others else None
        if recipient is None:
            raise ConversationNotFound
        pair = pair_facts(sender.pk, recipient.pk)
        _check_may_write(sender, conversation=conversation, connected=pair.connected_at is not None)
        history = pair_history(conversation.pk, sender_id=sender.pk, recipient_id=recipient.pk)
        verdict = None
        if needs_judgement(connected_at=pair.connected_at, history=history, now=now):
            verdict = _judge(
                sender,
                recipient=recipient,
                text=text,
                now=now,
                conversation=conversation,
                pair=pair,
                history=history,
            )
        return _store(sender, conversation=conversation, text=text, now=now, verdict=verdict)
    _check_may_write(sender, conversation=conversation, connected=True)
    verdict = _judge_group(sender, conversation=conversation, others=others, text=text, now=now)
    return _store(sender, conversation=conversation, text=text, now=now, verdict=verdict)


def _judge_group(
    sender: Member,
    *,
    conversation: Conversation,
    others: Sequence[Participant],
    text: str,
    now: datetime,
) -> Verdict | None:
    """A group message, judged as if sent to each member the rule of thumb covers; the
    most suspicious verdict is stored (the history is each pair's own conversation)."""
    worst: Verdict | None = None
    for participant in others:
        recipient = participant.member
        pair = pair_facts(sender.pk, recipient.pk)
        own = Conversation.objects.filter(pair_key=pair_key(sender.pk, recipient.pk)).first()
        history = pair_history(
            own.pk if own else None, sender_id=sender.pk, recipient_id=recipient.pk
        )
        if not needs_judgement(connected_at=pair.connected_at, history=history, now=now):
            continue
        verdict = _judge(
            sender,
            recipient=recipient,
            text=text,
            now=now,
            conversation=own,
            pair=pair,
            history=history,
        )
        if worst is None or verdict.score > worst.score:
            worst = verdict
    return worst


@transaction.atomic(durable=True)
def start_group(
    sender: Member, *, member_ids: Sequence[int], title: str, text: str
) -> Conversation:
    """Open a group conversation with some of the sender's contacts and its first message.

    Only contacts can be put into a group: a stranger is reached by a message request,
    which the recipient can answer on their own.
    """
    text = _clean_text(text)
    now = timezone.now()
    wanted = sorted({int(m) for m in member_ids if int(m) != sender.pk})
    if len(wanted) + 1 > MAX_PARTICIPANTS:
        raise GroupTooLarge(limit=MAX_PARTICIPANTS)
    contacts = set(
        Connection.objects.filter(owner_id=sender.pk, contact_id__in=wanted).values_list(
            "contact_id", flat=True
        )
    )
    members = list(Member.objects.filter(pk__in=contacts, is_active=True))
    if len(members) < 2 or len(members) != len(wanted):
        raise GroupNeedsContacts
    _check_not_blocked(sender, [m.pk for m in members])
    conversation = Conversation.objects.create(
        title=title.strip()[:120], started_by=sender, created_at=now
    )
    Participant.objects.bulk_create(
        [Participant(conversation=conversation, member=sender, joined_at=now)]
        + [Participant(conversation=conversation, member=m, joined_at=now) for m in members]
    )
    others = list(
        Participant.objects.filter(conversation=conversation)
        .exclude(member_id=sender.pk)
        .select_related("member")
    )
    verdict = _judge_group(sender, conversation=conversation, others=others, text=text, now=now)
    _store(sender, conversation=conversation, text=text, now=now, verdict=verdict)
    return conversation


### The recipient's answers to a message request ###


def _request_participant(member: Member, conversation_id: int) -> Participant:
    participant = (
        Participant.objects.select_for_update()
        .filter(conversation_id=conversation_id, member_id=member.pk)
        .first()
    )
    if participant is None:
        raise ConversationNotFound
    if participant.state not in (ParticipantState.REQUEST, ParticipantState.IGNORED):
        raise NotARequest
    return participant


@transaction.atomic(durable=True)
def accept_message_request(member: Member, *, conversation_id: int) -> Participant:
    """Open the conversation: it moves to the member's conversations and both can write."""
    participant = _request_participant(member, conversation_id)
    participant.state = ParticipantState.ACTIVE
    participant.decided_at = timezone.now()
    participant.save(update_fields=["state", "decided_at"])
    return participant


@transaction.atomic(durable=True)
def ignore_message_request(member: Member, *, conversation_id: int) -> Participant:
    """Leave the request filed; the sender is not told and cannot write again."""
    participant = _request_participant(member, conversation_id)
    participant.state = ParticipantState.IGNORED
    participant.decided_at = timezone.now()
    participant.unread_count = 0
    participant.save(update_fields=["state", "decided_at", "unread_count"])
    return participant


def _message_for_recipient(member: Member, message_id: int) -> Message:
    """A message someone else sent into a conversation the member takes part in."""
    message = (
        Message.objects.select_related("conversation", "sender")
        .filter(
            pk=message_id,
            conversation__participants__member_id=member.pk,
        )
        .exclude(sender_id=member.pk)
        .first()
    )
    if message is None:
        raise MessageNotFound
    return message


@transaction.atomic(durable=True)
def report_message(member: Member, *, message_id: int, reason: str, comment: str = "") -> Report:
    """Report a message to the moderators with a copy of its text, kept even if the sender
    deletes it; a message request is filed as reported. The report counts against the
    sender's standing exactly as a reported contact request does (``Report`` rows against
    them feed ``network.quotas.sender_record``).

    The reporter is stored for the moderators only (SECURITY.md P4).
    """
    if reason not in ReportReason.values:
        raise InvalidReportReason
    message = _message_for_recipient(member, message_id)
    now = timezone.now()
    report = Report.objects.create(
        reporter=member,
        reported=message.sender,
        reason=reason,
        comment=comment.strip(),
        content=message.text,
        created_at=now,
    )
    Message.objects.filter(pk=message.pk).update(reported_at=now, report=report)
    Participant.objects.filter(
        conversation_id=message.conversation_id,
        member_id=member.pk,
        state__in=(ParticipantState.REQUEST, ParticipantState.IGNORED),
    ).update(state=ParticipantState.REPORTED, decided_at=now, unread_count=0)
    ModerationAction.objects.create(
        moderator=None,
        subject=message.sender,
        action="report.created",
        reason=reason,
        details={"report": report.pk, "message": message.pk},
        created_at=now,
    )
    review_sender_standing(message.sender)
    return report


@transaction.atomic(durable=True)
def reply_with_standard_reply(
    member: Member, *, message_id: int, text: str, situation: str
) -> Message:
    """Send the (edited) standard reply as a message. A message request answered with a
    decline is closed by it (the sender reads the reply and cannot write again); one
    answered with a question ("ask_context") is accepted, so the sender can answer."""
    message = _message_for_recipient(member, message_id)
    if not message.is_judged or message.label == Label.WELCOME:
        raise NothingToReply
    text = _clean_text(text)
    now = timezone.now()
    participant = (
        Participant.objects.select_for_update()
        .filter(conversation_id=message.conversation_id, member_id=member.pk)
        .get()
    )
    if participant.state in (ParticipantState.REQUEST, ParticipantState.IGNORED):
        closes = situation != "ask_context"
        participant.state = ParticipantState.DECLINED if closes else ParticipantState.ACTIVE
        participant.decided_at = now
        participant.save(update_fields=["state", "decided_at"])
    elif participant.state != ParticipantState.ACTIVE:
        raise NotARequest
    # A reply is never judged: it answers the sender's own message.
    return _store(member, conversation=message.conversation, text=text, now=now, verdict=None)


@transaction.atomic(durable=True)
def delete_message(member: Member, *, message_id: int) -> Message:
    """The sender deletes their own message: its text is gone from the conversation (a
    report made before keeps its copy for the moderators)."""
    message = Message.objects.filter(
        pk=message_id, sender_id=member.pk, deleted_at__isnull=True
    ).first()
    if message is None:
        raise MessageNotFound
    message.text = ""
    message.deleted_at = timezone.now()
    message.save(update_fields=["text", "deleted_at"])
    return message


def mark_read(participant: Participant, *, last_message_id: int | None) -> None:
    """The member has seen the conversation up to its newest message.

    Called when the member opens the conversation page: the only write on a GET in this
    app, deliberately, as in every mail client. It touches only the reader's own row,
    is idempotent, and nobody else can see it (there are no read receipts).
    """
    if participant.unread_count == 0 and participant.last_read_message_id == last_message_id:
        return
    Participant.objects.filter(pk=participant.pk).update(
        unread_count=0, last_read_message_id=last_message_id, last_read_at=timezone.now()
    )
    participant.unread_count = 0
    participant.last_read_message_id = last_message_id
