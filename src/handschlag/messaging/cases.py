"""Rows → trust.Case: the facts the engine judges a message by.

The graph facts (connected since when, mutual contacts, shared employers and schools, the
last profile view) come from ``network.cases`` so that a message and a contact request
between the same two members are judged on the same ground. What only messaging knows is
added here: the history of messages between the two and the sender's recent messages to
others (for templates and mass sending). Every query is bounded by the two members' own
activity: one index range of the pair's conversation, one of the sender's messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q

from handschlag.accounts.models import Member
from handschlag.messaging.models import Conversation, Message
from handschlag.network.cases import (
    PairFacts,
    last_profile_view,
    pair_facts,
    profile_facts,
)
from handschlag.network.common_ground import other_ground
from handschlag.network.quotas import SenderRecord, sender_record
from handschlag.profiles.models import Profile
from handschlag.trust import Case, Kind, Level, Recipient, Relation, Sender

#: Messages between members who connected less than this long ago are judged, whatever
#: their history: the pitch comes in the first weeks after connecting.
RECENT_CONNECTION = timedelta(days=30)
#: How many of the sender's latest messages to others the template rules compare against.
RECENT_MESSAGES = 30

_LANGS = ("de", "en")


@dataclass(frozen=True, slots=True)
class History:
    """What the two members have written to each other before this message."""

    #: Messages in the pair's conversation, both ways; 0 unless the recipient ever wrote
    #: back, because a string of unanswered messages is no exchange.
    prior_messages: int
    #: Whether both have written: an established conversation.
    has_conversation: bool


def pair_history(conversation_id: int | None, *, sender_id: int, recipient_id: int) -> History:
    """Count the pair's earlier messages by author (one aggregate over one index range)."""
    if conversation_id is None:
        return History(prior_messages=0, has_conversation=False)
    counts = Message.objects.filter(conversation_id=conversation_id).aggregate(
        mine=Count("pk", filter=Q(sender_id=sender_id)),
        theirs=Count("pk", filter=Q(sender_id=recipient_id)),
    )
    mine, theirs = counts["mine"], counts["theirs"]
    answered = theirs > 0
    return History(
        prior_messages=mine + theirs if answered else 0,
        has_conversation=answered and mine > 0,
    )


def recent_messages(
    sender_id: int, *, excluding_conversation: int | None, limit: int = RECENT_MESSAGES
) -> tuple[str, ...]:
    """The sender's latest messages in other conversations, newest first (one index range)."""
    rows = Message.objects.filter(sender_id=sender_id, deleted_at__isnull=True)
    if excluding_conversation is not None:
        rows = rows.exclude(conversation_id=excluding_conversation)
    return tuple(rows.order_by("-created_at").values_list("text", flat=True)[:limit])


def needs_judgement(*, connected_at: datetime | None, history: History, now: datetime) -> bool:
    """Whether the engine judges this message: to a non-contact, to a contact of less than
    30 days, or to anyone the sender has no two-way conversation with yet."""
    if connected_at is None or not history.has_conversation:
        return True
    return now - connected_at <= RECENT_CONNECTION


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _level(seniority: str) -> Level | None:
    try:
        return Level(seniority) if seniority else None
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class MessageFacts:
    """The case and the facts around it the send path needs again."""

    case: Case
    record: SenderRecord
    pair: PairFacts
    history: History


def build_message_facts(
    sender: Member,
    *,
    recipient: Member,
    text: str,
    now: datetime,
    conversation: Conversation | None,
    pair: PairFacts | None = None,
    history: History | None = None,
) -> MessageFacts:
    """Gather everything the engine needs to judge ``sender``'s message to ``recipient``
    (``pair`` and ``history`` when the caller has already read them)."""
    conversation_id = conversation.pk if conversation is not None else None
    pair = pair or pair_facts(sender.pk, recipient.pk)
    history = history or pair_history(
        conversation_id, sender_id=sender.pk, recipient_id=recipient.pk
    )
    record = sender_record(sender, now=now)
    ground = other_ground(sender.pk, recipient.pk, with_messages=False)
    profiles = {
        p.member_id: p for p in Profile.objects.filter(member_id__in=(sender.pk, recipient.pk))
    }
    mine, theirs = profiles.get(sender.pk), profiles.get(recipient.pk)
    # Shared employers and schools, the recipient's skills and the sender's latest notes
    # to others in one statement (the same template travels both ways).
    shared = profile_facts(sender.pk, recipient.pk, today=now.date())
    texts = recent_messages(sender.pk, excluding_conversation=conversation_id) + shared.sender_notes
    viewed_at = last_profile_view(sender.pk, recipient.pk, before=now)
    case = Case(
        id=f"message:{sender.pk}:{recipient.pk}:{int(now.timestamp() * 1000)}",
        kind=Kind.MESSAGE,
        text=text,
        sent_at=now,
        sender=Sender(
            id=str(sender.pk),
            name=mine.full_name if mine else "",
            headline=mine.headline if mine else "",
            contacts=pair.contacts,
            account_age_days=record.account_age_days,
            requests_sent_7d=record.sent_7d,
            requests_sent_90d=record.sent_90d,
            requests_accepted_90d=record.accepted_90d,
            reports_90d=record.reports_90d,
            recent_texts=texts,
            offering=_lines(mine.offering) if mine else (),
            seeking=_lines(mine.seeking) if mine else (),
        ),
        # As for contact requests, the recipient's private job preferences stay out.
        recipient=Recipient(
            id=str(recipient.pk),
            name=theirs.full_name if theirs else "",
            headline=theirs.headline if theirs else "",
            lang=recipient.language if recipient.language in _LANGS else None,
            skills=shared.recipient_skills if theirs else (),
            seeking=_lines(theirs.seeking) if theirs else (),
            offering=_lines(theirs.offering) if theirs else (),
            level=_level(theirs.seniority) if theirs else None,
        ),
        relation=Relation(
            connected=pair.connected_at is not None,
            connected_at=pair.connected_at,
            mutual_contacts=pair.mutual_contacts,
            viewed_profile_before=viewed_at is not None,
            shared_employers=shared.shared_employers,
            shared_schools=shared.shared_schools,
            shared_groups=ground.shared_groups,
            shared_events=ground.shared_events,
            prior_messages=history.prior_messages,
            prior_meetings=0,
        ),
    )
    return MessageFacts(case=case, record=record, pair=pair, history=history)
