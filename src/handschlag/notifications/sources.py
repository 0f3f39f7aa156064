"""What the daily digest reports: one source per kind of news, each giving a section.

The extension point: a source has a ``key``, names the members who may have news
(``members_with_news``) and builds the section for one member (``section``). Register
a new source with :func:`register_source`; contact requests, message requests and
unread messages are registered below. Sections are built inside the member's
language, so their gettext strings come out translated.

Contact details of the people named in a section go through ``profiles.privacy``
only: a digest shows exactly what the member's profile page would show them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handschlag.accounts.models import Member
from handschlag.messaging.models import Message, Participant, ParticipantState
from handschlag.moderation.blocks import blocked_either_way_ids
from handschlag.network.models import ContactRequest, Folder, Intent
from handschlag.profiles.privacy import contact_details_for

#: A section names at most this many items; the rest are counted.
ITEMS_SHOWN = 10
#: The excerpt of a note or message a digest quotes.
EXCERPT_LENGTH = 200


@dataclass(frozen=True, slots=True)
class DigestItem:
    """One piece of news: who, what, a short excerpt and the details the member may see."""

    name: str
    headline: str
    summary: str
    excerpt: str
    #: A path on this site (the digest makes it absolute).
    path: str
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class DigestSection:
    """A heading, the items shown, and a sentence about what is not shown."""

    key: str
    title: str
    items: tuple[DigestItem, ...]
    #: Paths are relative; ``link_label`` names the page that lists everything.
    link_path: str
    link_label: str
    notes: tuple[str, ...] = field(default=())


class DigestSource(Protocol):
    """A kind of news for the digest."""

    key: str

    def members_with_news(self, since: datetime, until: datetime) -> Iterable[int]:
        """Ids of members who may have news between the two moments (a superset is fine)."""

    def section(self, member: Member, since: datetime, until: datetime) -> DigestSection | None:
        """The member's news after ``since`` up to ``until``; None when there is none."""


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1].rstrip() + "…"


class ContactRequestSource:
    """New contact requests in the inbox; requests filed apart are only counted."""

    key = "contact_requests"

    def members_with_news(self, since: datetime, until: datetime) -> Iterable[int]:
        return (
            ContactRequest.objects.pending()
            .filter(sent_at__gt=since, sent_at__lte=until)
            .values_list("recipient_id", flat=True)
            .distinct()
        )

    def section(self, member: Member, since: datetime, until: datetime) -> DigestSection | None:
        hidden = blocked_either_way_ids(member.pk)
        new = (
            ContactRequest.objects.pending()
            .to_recipient(member.pk)
            .filter(sent_at__gt=since, sent_at__lte=until, sender__is_active=True)
            .exclude(sender_id__in=hidden)
        )
        inbox = list(
            new.filter(folder=Folder.INBOX)
            .select_related("sender__profile")
            .order_by("-sent_at", "-pk")[: ITEMS_SHOWN + 1]
        )
        filed = new.filter(folder=Folder.FILED).count()
        if not inbox and not filed:
            return None
        items = []
        for request in inbox[:ITEMS_SHOWN]:
            profile = request.sender.profile
            contact = contact_details_for(member.pk, profile)
            items.append(
                DigestItem(
                    name=profile.full_name,
                    headline=profile.headline,
                    summary=str(Intent(request.intent).label),
                    excerpt=_excerpt(request.note),
                    path=reverse("profile_detail", args=[profile.member_id]),
                    email=contact.email,
                    phone=contact.phone,
                )
            )
        notes = []
        more = (
            new.filter(folder=Folder.INBOX).count() - len(items) if len(inbox) > ITEMS_SHOWN else 0
        )
        if more:
            notes.append(
                ngettext(
                    "and %(count)d more request in your inbox",
                    "and %(count)d more requests in your inbox",
                    more,
                )
                % {"count": more}
            )
        if filed:
            notes.append(
                ngettext(
                    "%(count)d request was filed apart by your settings.",
                    "%(count)d requests were filed apart by your settings.",
                    filed,
                )
                % {"count": filed}
            )
        return DigestSection(
            key=self.key,
            title=_("New contact requests"),
            items=tuple(items),
            link_path=reverse("inbox"),
            link_label=_("Open your inbox"),
            notes=tuple(notes),
        )


def _latest_from_others(
    member: Member, conversation_ids: list[int], since: datetime, until: datetime
) -> dict[int, Message]:
    """Per conversation, the newest message someone else wrote in the window (one query)."""
    latest: dict[int, Message] = {}
    rows = (
        Message.objects.filter(
            conversation_id__in=conversation_ids,
            created_at__gt=since,
            created_at__lte=until,
            deleted_at__isnull=True,
        )
        .exclude(sender_id=member.pk)
        .select_related("sender__profile")
        .order_by("conversation_id", "-created_at", "-pk")
    )
    for message in rows:
        latest.setdefault(message.conversation_id, message)
    return latest


def _message_item(member: Member, message: Message, *, summary: str, path: str) -> DigestItem:
    profile = message.sender.profile
    contact = contact_details_for(member.pk, profile)
    return DigestItem(
        name=profile.full_name,
        headline=profile.headline,
        summary=summary,
        # A message the engine flagged is collapsed in the app; the digest does not quote it.
        excerpt="" if message.is_flagged else _excerpt(message.text),
        path=path,
        email=contact.email,
        phone=contact.phone,
    )


class MessageSource:
    """Unread messages in open conversations, one item per conversation."""

    key = "messages"

    def members_with_news(self, since: datetime, until: datetime) -> Iterable[int]:
        return (
            Participant.objects.open()
            .filter(unread_count__gt=0, last_message_at__gt=since, last_message_at__lte=until)
            .values_list("member_id", flat=True)
            .distinct()
        )

    def section(self, member: Member, since: datetime, until: datetime) -> DigestSection | None:
        participants = list(
            Participant.objects.of(member.pk)
            .open()
            .filter(unread_count__gt=0, last_message_at__gt=since, last_message_at__lte=until)
            .order_by("-last_message_at", "-pk")[: ITEMS_SHOWN + 1]
        )
        hidden = blocked_either_way_ids(member.pk)
        latest = _latest_from_others(
            member, [p.conversation_id for p in participants], since, until
        )
        items = []
        for participant in participants[:ITEMS_SHOWN]:
            message = latest.get(participant.conversation_id)
            if message is None or message.sender_id in hidden:
                continue
            summary = ngettext(
                "%(count)d unread message", "%(count)d unread messages", participant.unread_count
            ) % {"count": participant.unread_count}
            path = reverse("conversation", args=[participant.conversation_id])
            items.append(_message_item(member, message, summary=summary, path=path))
        if not items:
            return None
        notes = []
        if len(participants) > ITEMS_SHOWN:
            notes.append(_("and more conversations with unread messages"))
        return DigestSection(
            key=self.key,
            title=_("New messages"),
            items=tuple(items),
            link_path=reverse("conversations"),
            link_label=_("Open your messages"),
            notes=tuple(notes),
        )


class MessageRequestSource:
    """First messages from non-contacts waiting in the "Message requests" folder."""

    key = "message_requests"

    def members_with_news(self, since: datetime, until: datetime) -> Iterable[int]:
        return (
            Participant.objects.filter(
                state=ParticipantState.REQUEST,
                last_message_at__gt=since,
                last_message_at__lte=until,
            )
            .values_list("member_id", flat=True)
            .distinct()
        )

    def section(self, member: Member, since: datetime, until: datetime) -> DigestSection | None:
        participants = list(
            Participant.objects.of(member.pk)
            .filter(
                state=ParticipantState.REQUEST,
                last_message_at__gt=since,
                last_message_at__lte=until,
            )
            .order_by("-last_message_at", "-pk")[: ITEMS_SHOWN + 1]
        )
        hidden = blocked_either_way_ids(member.pk)
        latest = _latest_from_others(
            member, [p.conversation_id for p in participants], since, until
        )
        items = []
        for participant in participants[:ITEMS_SHOWN]:
            message = latest.get(participant.conversation_id)
            if message is None or message.sender_id in hidden:
                continue
            summary = (
                _("Message request, flagged by your filters")
                if message.is_flagged
                else _("Message request")
            )
            path = reverse("message_requests")
            items.append(_message_item(member, message, summary=summary, path=path))
        if not items:
            return None
        return DigestSection(
            key=self.key,
            title=_("New message requests"),
            items=tuple(items),
            link_path=reverse("message_requests"),
            link_label=_("Open your message requests"),
        )


_SOURCES: list[DigestSource] = [ContactRequestSource(), MessageRequestSource(), MessageSource()]


def register_source(source: DigestSource) -> None:
    """Add a kind of news to the digest (once per key)."""
    if all(existing.key != source.key for existing in _SOURCES):
        _SOURCES.append(source)


def sources() -> tuple[DigestSource, ...]:
    """The registered sources, in the order their sections appear."""
    return tuple(_SOURCES)
