"""Members and histories for the messaging tests, made through the services where they can
be, and dated where only a row with a past date can tell the story (three-year-old
conversations, a connection made two days ago)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.messaging.models import Conversation, Message, Participant, pair_key
from handschlag.network.models import Connection
from handschlag.network.services import connect_members
from handschlag.profiles.services import create_profile, update_profile

PASSWORD = "Handschlag-Testpasswort-2024!"


def member(email: str, full_name: str, *, days_old: int = 400, language: str = "") -> Member:
    """A member with a profile whose account is ``days_old`` days old."""
    created = Member.objects.create_user(email, password=PASSWORD, language=language)
    create_profile(created, full_name=full_name)
    Member.objects.filter(pk=created.pk).update(
        date_joined=timezone.now() - timedelta(days=days_old)
    )
    created.refresh_from_db()
    return created


def acquirer(email: str = "marco.stein@example.org") -> Member:
    """Marco Stein, a cold acquirer selling appointment software to tax offices."""
    marco = member(email, "Marco Stein")
    update_profile(
        marco,
        changes={
            "headline": "Vertrieb Termintreffer GmbH",
            "offering": "Terminbuchungssoftware für Kanzleien",
        },
    )
    return marco


def connect(a: Member, b: Member, *, days_ago: float) -> None:
    """Connect two members, dated ``days_ago`` days back."""
    connect_members(a, contact=b)
    Connection.objects.filter(owner__in=(a, b), contact__in=(a, b)).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )


def history(a: Member, b: Member, *, messages: int, since: datetime) -> Conversation:
    """A one-to-one conversation with ``messages`` messages alternating between the two,
    spread from ``since`` until an hour ago."""
    conversation, _ = Conversation.objects.get_or_create(
        pair_key=pair_key(a.pk, b.pk), defaults={"started_by": a, "created_at": since}
    )
    for who in (a, b):
        Participant.objects.get_or_create(conversation=conversation, member=who)
    span = (timezone.now() - timedelta(hours=1)) - since
    step = span / max(1, messages)
    rows = [
        Message(
            conversation=conversation,
            sender=a if n % 2 == 0 else b,
            text=f"Nachricht {n}: zum Projekt Jahresabschluss und den Unterlagen.",
            created_at=since + step * n,
        )
        for n in range(messages)
    ]
    Message.objects.bulk_create(rows)
    last = rows[-1].created_at if rows else since
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=last)
    Participant.objects.filter(conversation=conversation).update(last_message_at=last)
    return conversation
