"""Reads for the messaging pages: permission-checked, in a fixed number of queries.

A member reads only conversations they take part in; everyone else gets ``Http404`` (a
stranger cannot tell that a conversation exists). Verdicts are the recipient's: the
sender of a message never reads its label or reasons. Reasons are rendered from the
stored hits in the reader's language, as the contact-request inbox does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.core.models import Label
from handschlag.messaging.markup import render_text
from handschlag.messaging.models import (
    REQUEST_FOLDER_STATES,
    Conversation,
    Message,
    Participant,
    ParticipantState,
    pair_key,
)
from handschlag.moderation.blocks import blocked_either_way_ids, is_blocked_either_way
from handschlag.network.inbox import LABEL_NAMES, Reason, language_of, render_reasons
from handschlag.network.models import Connection
from handschlag.profiles.models import Profile

#: Messages shown at once; "Older messages" pages further back.
CONVERSATION_PAGE_SIZE = 50
#: Conversations per page of the list.
LIST_PAGE_SIZE = 30
#: How much of the last message the list shows.
PREVIEW_CHARS = 140


@dataclass(frozen=True, slots=True)
class Person:
    """A participant as the pages name them."""

    member_id: int
    name: str
    headline: str = ""

    @property
    def initial(self) -> str:
        return self.name[:1].upper()

    @property
    def url(self) -> str:
        return reverse("profile_detail", args=[self.member_id])


def _people(member_ids: set[int] | list[int]) -> dict[int, Person]:
    rows = Profile.objects.filter(member_id__in=member_ids).values_list(
        "member_id", "full_name", "headline"
    )
    return {member_id: Person(member_id, name, headline) for member_id, name, headline in rows}


def _title(conversation: Conversation, others: list[Person]) -> str:
    if conversation.title:
        return conversation.title
    return ", ".join(p.name for p in others) or "—"


### Counts for the navigation ###


@dataclass(frozen=True, slots=True)
class UnreadCounts:
    """Conversations with unread messages and message requests waiting for an answer."""

    conversations: int
    requests: int

    @property
    def total(self) -> int:
        return self.conversations + self.requests


def count_unread(member: Member) -> UnreadCounts:
    """Both counts in one aggregate over the member's own participant rows."""
    counts = Participant.objects.filter(member_id=member.pk).aggregate(
        conversations=Count("pk", filter=Q(state=ParticipantState.ACTIVE, unread_count__gt=0)),
        requests=Count("pk", filter=Q(state=ParticipantState.REQUEST)),
    )
    return UnreadCounts(conversations=counts["conversations"], requests=counts["requests"])


### The conversation list and the requests folder ###


@dataclass(frozen=True, slots=True)
class ConversationRow:
    """One conversation in a list: who, the last message, unread count, state."""

    conversation_id: int
    title: str
    others: tuple[Person, ...]
    is_group: bool
    last_text: str
    last_at: datetime | None
    last_is_mine: bool
    unread: int
    state: str
    #: The first message of a message request with its verdict (folder only).
    label: str = ""
    reasons: tuple[Reason, ...] = ()

    @property
    def url(self) -> str:
        return reverse("conversation", args=[self.conversation_id])

    @property
    def label_name(self) -> str | Promise:
        return LABEL_NAMES.get(self.label, "")

    @property
    def concerns(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if not r.is_reassuring)


def _rows(
    member: Member, participants: list[Participant], *, with_verdict: bool = False
) -> list[ConversationRow]:
    """Rows for a page of the member's participant entries (three queries for any page)."""
    ids = [p.conversation_id for p in participants]
    others: dict[int, list[int]] = {}
    for conversation_id, member_id in (
        Participant.objects.filter(conversation_id__in=ids)
        .exclude(member_id=member.pk)
        .values_list("conversation_id", "member_id")
    ):
        others.setdefault(conversation_id, []).append(member_id)
    people = _people({m for ms in others.values() for m in ms})
    verdicts: dict[int, tuple[str, object]] = {}
    if with_verdict:
        # The first message of each request: the one the engine judged on arrival.
        first = (
            Message.objects.filter(conversation_id=OuterRef("conversation_id"))
            .order_by("created_at", "pk")
            .values("pk")[:1]
        )
        first_ids = [
            pk
            for pk in Participant.objects.filter(pk__in=[p.pk for p in participants])
            .annotate(first_id=Subquery(first))
            .values_list("first_id", flat=True)
            if pk is not None
        ]
        verdicts = {
            conversation_id: (label, hits)
            for conversation_id, label, hits in Message.objects.filter(pk__in=first_ids)
            .exclude(sender_id=member.pk)
            .values_list("conversation_id", "label", "hits")
        }
    lang = language_of(member)
    rows = []
    for p in participants:
        conversation = p.conversation
        persons = tuple(people[m] for m in others.get(p.conversation_id, []) if m in people)
        label, hits = verdicts.get(p.conversation_id, ("", []))
        text = getattr(p, "last_text", None) or ""
        rows.append(
            ConversationRow(
                conversation_id=p.conversation_id,
                title=_title(conversation, list(persons)),
                others=persons,
                is_group=conversation.is_group,
                last_text=text[:PREVIEW_CHARS] + ("…" if len(text) > PREVIEW_CHARS else ""),
                last_at=p.last_message_at,
                last_is_mine=getattr(p, "last_sender_id", None) == member.pk,
                unread=p.unread_count,
                state=p.state,
                label=label,
                reasons=render_reasons(hits, lang) if label else (),
            )
        )
    return rows


def _with_last_message(participants: QuerySet[Participant]) -> QuerySet[Participant]:
    last = Message.objects.filter(conversation_id=OuterRef("conversation_id")).order_by(
        "-created_at", "-pk"
    )
    return participants.select_related("conversation").annotate(
        last_text=Subquery(last.values("text")[:1]),
        last_sender_id=Subquery(last.values("sender_id")[:1]),
    )


def list_conversations(
    member: Member, *, page_number: int | str | None = 1
) -> Page[ConversationRow]:
    """The member's open conversations, most recent first, with unread counts."""
    entries = _with_last_message(
        Participant.objects.of(member.pk).open().order_by("-last_message_at", "-pk")
    )
    paginator = Paginator(entries, LIST_PAGE_SIZE)
    page = paginator.get_page(page_number)
    page.object_list = _rows(member, list(page.object_list))  # type: ignore[assignment]
    return page  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class RequestsFolder:
    """The "Message requests" folder: waiting ones first, then what was answered."""

    waiting: list[ConversationRow] = field(default_factory=list)
    filed: list[ConversationRow] = field(default_factory=list)


#: How many answered requests the folder lists (the newest).
FILED_SHOWN = 50


def list_message_requests(member: Member) -> RequestsFolder:
    """Message requests to the member, with the verdict on each first message."""
    base = _with_last_message(Participant.objects.of(member.pk)).order_by("-last_message_at")
    waiting = list(base.filter(state=ParticipantState.REQUEST)[:200])
    filed = list(
        base.filter(state__in=[s for s in REQUEST_FOLDER_STATES if s != "request"])[:FILED_SHOWN]
    )
    blocked = blocked_either_way_ids(member.pk)
    return RequestsFolder(
        waiting=_without_blocked(_rows(member, waiting, with_verdict=True), blocked),
        filed=_without_blocked(_rows(member, filed, with_verdict=True), blocked),
    )


def _without_blocked(rows: list[ConversationRow], blocked: set[int]) -> list[ConversationRow]:
    """A request from a member blocked either way no longer waits for an answer."""
    if not blocked:
        return rows
    return [
        row for row in rows if row.is_group or not any(p.member_id in blocked for p in row.others)
    ]


### One conversation ###


def get_participant(member: Member, conversation_id: int) -> Participant:
    """The member's place in the conversation; 404 for anyone who does not take part."""
    participant = (
        Participant.objects.select_related("conversation")
        .filter(conversation_id=conversation_id, member_id=member.pk)
        .first()
    )
    if participant is None:
        raise Http404
    return participant


@dataclass(frozen=True, slots=True)
class MessageView:
    """One message as the reader sees it."""

    pk: int
    sender: Person
    is_mine: bool
    html: str
    created_at: datetime
    is_deleted: bool
    #: The verdict, for messages to the reader only (the sender never sees it).
    label: str
    reasons: tuple[Reason, ...]
    can_reply: bool
    is_reported: bool
    #: Worked out once per page, so that thread.py only reads values.
    time_iso: str = ""
    time_text: str = ""
    #: The conversation's address; the message's actions live under it (urls.py).
    base_url: str = ""

    @property
    def report_url(self) -> str:
        return f"{self.base_url}{self.pk}/report/"

    @property
    def reply_url(self) -> str:
        return f"{self.base_url}{self.pk}/reply/"

    @property
    def delete_url(self) -> str:
        return f"{self.base_url}{self.pk}/delete/"

    @property
    def is_flagged(self) -> bool:
        """Declined or spam by the engine: shown collapsed with its reasons."""
        return self.label in (Label.DECLINE, Label.SPAM)

    @property
    def is_questionable(self) -> bool:
        """Worth a look: shown open, with its reasons one click away."""
        return self.label == Label.REVIEW

    @property
    def label_name(self) -> str | Promise:
        return LABEL_NAMES.get(self.label, "")

    @property
    def dom_id(self) -> str:
        return f"message-{self.pk}"


@dataclass(frozen=True, slots=True)
class ConversationPage:
    """What the conversation page shows: the newest messages and what the reader may do."""

    conversation: Conversation
    participant: Participant
    title: str
    others: tuple[Person, ...]
    messages: list[MessageView]
    older_cursor: int | None
    #: Why the reader cannot write (a request waiting for the other, a closed one).
    write_blocker: str = ""
    #: The first message when the conversation is a request in the reader's folder.
    request_message: MessageView | None = None

    @property
    def is_request(self) -> bool:
        return self.participant.state in REQUEST_FOLDER_STATES

    @property
    def is_waiting(self) -> bool:
        return self.participant.state in (ParticipantState.REQUEST, ParticipantState.IGNORED)

    @property
    def can_write(self) -> bool:
        return not self.write_blocker and self.participant.state in (
            ParticipantState.ACTIVE,
            ParticipantState.REQUEST,
            ParticipantState.IGNORED,
        )

    @property
    def newest_id(self) -> int | None:
        return self.messages[-1].pk if self.messages else None


def _view(
    message: Message, *, reader: Member, people: dict[int, Person], lang: str, base_url: str = ""
) -> MessageView:
    mine = message.sender_id == reader.pk
    moment = timezone.localtime(message.created_at)
    label = "" if mine else message.label
    deleted = message.deleted_at is not None
    return MessageView(
        pk=message.pk,
        sender=people.get(message.sender_id, Person(message.sender_id, "—")),
        is_mine=mine,
        html="" if deleted else render_text(message.text),
        created_at=message.created_at,
        is_deleted=deleted,
        label=label,
        reasons=render_reasons(message.hits, lang) if label and label != Label.WELCOME else (),
        can_reply=not mine and not deleted and label in (Label.REVIEW, Label.DECLINE, Label.SPAM),
        is_reported=message.reported_at is not None and not mine,
        time_iso=moment.isoformat(),
        time_text=formats.date_format(moment, "SHORT_DATETIME_FORMAT"),
        base_url=base_url or reverse("conversation", args=[message.conversation_id]),
    )


def _write_blocker(
    participant: Participant, rows: list[tuple[int, str]], people: dict[int, Person]
) -> str:
    if participant.state == ParticipantState.DECLINED:
        return _("You ended this conversation with your reply.")
    if participant.state == ParticipantState.REPORTED:
        return _("You reported this conversation.")
    if participant.conversation.is_group:
        return ""
    for member_id, state in rows:
        if member_id == participant.member_id:
            continue
        if state == ParticipantState.DECLINED:
            return _("This conversation has ended. You cannot write in it any more.")
        if state != ParticipantState.ACTIVE:
            name = people.get(member_id, Person(member_id, "—")).name
            return _(
                "%(name)s has not accepted your message yet. You can write again once they "
                "have accepted it."
            ) % {"name": name}
    return ""


def get_conversation_page(
    member: Member, *, participant: Participant, before: int | None = None
) -> ConversationPage:
    """The newest ``CONVERSATION_PAGE_SIZE`` messages (before the cursor, when given)."""
    conversation = participant.conversation
    rows = list(
        Participant.objects.filter(conversation_id=conversation.pk).values_list(
            "member_id", "state"
        )
    )
    people = _people([member_id for member_id, _state in rows])
    messages = Message.objects.filter(conversation_id=conversation.pk).only(
        "pk",
        "sender_id",
        "text",
        "created_at",
        "deleted_at",
        "reported_at",
        "label",
        "hits",
        "conversation_id",
    )
    if before is not None:
        anchor = (
            Message.objects.filter(conversation_id=conversation.pk, pk=before)
            .values_list("created_at", flat=True)
            .first()
        )
        if anchor is not None:
            messages = messages.filter(
                Q(created_at__lt=anchor) | Q(created_at=anchor, pk__lt=before)
            )
    newest_first = list(messages.order_by("-created_at", "-pk")[: CONVERSATION_PAGE_SIZE + 1])
    older = len(newest_first) > CONVERSATION_PAGE_SIZE
    shown = list(reversed(newest_first[:CONVERSATION_PAGE_SIZE]))
    lang = language_of(member)
    base_url = reverse("conversation", args=[conversation.pk])
    views = [_view(m, reader=member, people=people, lang=lang, base_url=base_url) for m in shown]
    request_message = None
    if participant.state in REQUEST_FOLDER_STATES:
        first = (
            Message.objects.filter(conversation_id=conversation.pk)
            .exclude(sender_id=member.pk)
            .order_by("created_at", "pk")
            .first()
        )
        if first is not None:
            request_message = _view(
                first, reader=member, people=people, lang=lang, base_url=base_url
            )
    others = tuple(people[m] for m, _s in rows if m != member.pk and m in people)
    return ConversationPage(
        conversation=conversation,
        participant=participant,
        title=_title(conversation, list(others)),
        others=others,
        messages=views,
        older_cursor=shown[0].pk if older and shown else None,
        write_blocker=_write_blocker(participant, rows, people),
        request_message=request_message,
    )


def get_message_for_recipient(
    member: Member, *, message_id: int, conversation_id: int
) -> MessageView:
    """A message someone else wrote to the member, as they see it; 404 otherwise."""
    message = (
        Message.objects.filter(
            pk=message_id,
            conversation_id=conversation_id,
            conversation__participants__member_id=member.pk,
        )
        .exclude(sender_id=member.pk)
        .first()
    )
    if message is None:
        raise Http404
    people = _people([message.sender_id, member.pk])
    return _view(message, reader=member, people=people, lang=language_of(member))


def get_member_to_message(viewer: Member, *, member_id: int) -> Profile:
    """The profile of an active member the viewer may write to; 404 for unknown,
    deactivated members and the viewer themselves."""
    if member_id == viewer.pk:
        raise Http404
    profile = (
        Profile.objects.select_related("member")
        .filter(member_id=member_id, member__is_active=True)
        .first()
    )
    if profile is None or is_blocked_either_way(viewer.pk, member_id):
        raise Http404
    return profile


def pair_conversation_id(viewer: Member, *, member_id: int) -> int | None:
    """The one-to-one conversation of the two, if they have one."""
    return (
        Conversation.objects.filter(
            pair_key=pair_key(viewer.pk, member_id), participants__member_id=viewer.pk
        )
        .values_list("pk", flat=True)
        .first()
    )


def is_contact(viewer: Member, *, member_id: int) -> bool:
    """Whether the two are connected (one indexed lookup)."""
    return Connection.objects.filter(owner_id=viewer.pk, contact_id=member_id).exists()


#: Contacts offered when starting a group (by name; a member with more names a search).
GROUP_CHOICES_SHOWN = 500


def list_contacts_for_group(member: Member) -> list[tuple[int, str]]:
    """The member's active contacts by name, as choices for a group conversation."""
    contact_ids = Connection.objects.filter(owner_id=member.pk).values("contact_id")
    return list(
        Profile.objects.filter(member_id__in=contact_ids, member__is_active=True)
        .order_by("full_name")
        .values_list("member_id", "full_name")[:GROUP_CHOICES_SHOWN]
    )
