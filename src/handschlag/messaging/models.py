"""Conversations, their participants (with unread state and folder) and messages."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handschlag.core.models import Triaged


def pair_key(a: int, b: int) -> str:
    """The key of the one-to-one conversation between two members (``Conversation.pair_key``)."""
    low, high = sorted((a, b))
    return f"{low}:{high}"


#: A group conversation holds at most this many members, its starter included.
MAX_PARTICIPANTS = 20


class Conversation(models.Model):
    """A one-to-one or small group conversation.

    A one-to-one conversation carries ``pair_key`` ("<lower id>:<higher id>"), unique, so
    two members always share exactly one; a group has none and may have a title.
    """

    pair_key = models.CharField(max_length=41, unique=True, null=True, blank=True)
    title = models.CharField(_("title"), max_length=120, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    #: Whether the first message went to a non-contact (a message request).
    is_request = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        indexes = [
            models.Index(
                fields=["started_by", "is_request", "created_at"], name="conversation_started_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"conversation {self.pk}"

    @property
    def is_group(self) -> bool:
        return self.pair_key is None


class ParticipantState(models.TextChoices):
    """Where a conversation stands for one participant."""

    ACTIVE = "active", _("Open")
    #: A first message from a non-contact, waiting in the "Message requests" folder.
    REQUEST = "request", _("Message request")
    #: Left in the folder; the sender is not told.
    IGNORED = "ignored", _("Ignored")
    #: Answered with a reply that ends it; the sender reads the reply.
    DECLINED = "declined", _("Declined with a reply")
    REPORTED = "reported", _("Reported")


class ParticipantQuerySet(models.QuerySet["Participant"]):
    """Participants in the words of the domain."""

    def of(self, member_id: int) -> ParticipantQuerySet:
        return self.filter(member_id=member_id)

    def open(self) -> ParticipantQuerySet:
        return self.filter(state=ParticipantState.ACTIVE)

    def requests(self) -> ParticipantQuerySet:
        return self.filter(state__in=REQUEST_FOLDER_STATES)


#: The states that keep a conversation in the recipient's "Message requests" folder.
REQUEST_FOLDER_STATES = (
    ParticipantState.REQUEST,
    ParticipantState.IGNORED,
    ParticipantState.REPORTED,
    ParticipantState.DECLINED,
)


class Participant(models.Model):
    """One member in one conversation: their folder, what they have read, when it moved.

    ``last_message_at`` repeats the conversation's so that a member's conversation list is
    one index range (member, state, last_message_at); ``unread_count`` is raised for the
    others on every send and reset when the member reads, so badges need no counting.
    """

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(
        max_length=10, choices=ParticipantState.choices, default=ParticipantState.ACTIVE
    )
    joined_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(null=True, blank=True)
    last_read_message = models.ForeignKey(
        "Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_read_at = models.DateTimeField(null=True, blank=True)
    unread_count = models.PositiveIntegerField(default=0)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["conversation", "member"], name="participant_unique"),
        ]
        indexes = [
            models.Index(
                fields=["member", "state", "last_message_at"], name="participant_folder_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} in {self.conversation_id} ({self.state})"


class MessageQuerySet(models.QuerySet["Message"]):
    """Messages in the words of the domain."""

    def in_conversation(self, conversation_id: int) -> MessageQuerySet:
        return self.filter(conversation_id=conversation_id)

    def from_sender(self, member_id: int) -> MessageQuerySet:
        return self.filter(sender_id=member_id)


class Message(Triaged):
    """A plain-text message as typed; the verdict is stored when the engine judged it.

    ``label`` is empty for messages the engine was not asked about (between members with
    an established conversation). The text is rendered escaped and linkified, never as
    HTML. A sender who deletes a message leaves ``deleted_at`` and an empty text; a
    report made before keeps its own copy.
    """

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    report = models.ForeignKey(
        "moderation.Report", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["conversation", "created_at"], name="message_conversation_idx"),
            models.Index(fields=["sender", "created_at"], name="message_sender_idx"),
        ]

    def __str__(self) -> str:
        return f"message {self.pk} in {self.conversation_id}"

    @property
    def is_judged(self) -> bool:
        return bool(self.label)

    @property
    def is_flagged(self) -> bool:
        """Whether the engine would decline it or found spam: shown collapsed."""
        return self.label in ("decline", "spam")
