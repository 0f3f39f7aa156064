"""Common ground that other apps record: groups both belong to, meetups both were
confirmed at, and the messages they have exchanged.

Every case that judges one member reaching another (a contact request, a message) reads
these facts here, so the engine sees the same history whichever door is used.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from handschlag.events.queries import shared_checked_in_events
from handschlag.groups.queries import shared_group_names
from handschlag.messaging.models import Message


@dataclass(frozen=True, slots=True)
class OtherGround:
    """The trust engine's ``Relation`` facts that live outside the network app."""

    shared_groups: tuple[str, ...] = ()
    #: "Title, YYYY-MM-DD" of each meetup both checked in at, latest first.
    shared_events: tuple[str, ...] = ()
    #: Messages in the pair's conversation; 0 unless both have written, because a
    #: string of unanswered messages is no exchange.
    prior_messages: int = 0


def _pair_key(a_id: int, b_id: int) -> str:
    low, high = sorted((a_id, b_id))
    return f"{low}:{high}"


def exchanged_messages(a_id: int, b_id: int) -> int:
    """Messages the two wrote each other in their one-to-one conversation, once both have
    written (one aggregate over the conversation's index range)."""
    counts = Message.objects.filter(conversation__pair_key=_pair_key(a_id, b_id)).aggregate(
        messages=Count("pk"), authors=Count("sender_id", distinct=True)
    )
    return int(counts["messages"]) if counts["authors"] >= 2 else 0


def other_ground(a_id: int, b_id: int, *, with_messages: bool = True) -> OtherGround:
    """Groups, meetups and (unless the caller counted them already) messages the two share."""
    return OtherGround(
        shared_groups=shared_group_names(a_id, b_id),
        shared_events=tuple(
            f"{title}, {day.isoformat()}" for title, day in shared_checked_in_events(a_id, b_id)
        ),
        prior_messages=exchanged_messages(a_id, b_id) if with_messages else 0,
    )
