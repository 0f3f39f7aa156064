"""Connections, contact requests, profile views, introductions, quotas and restrictions."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from handschlag.core.models import Triaged

### Connections ###


class HowMet(models.TextChoices):
    """How two members know each other."""

    EVENT = "event", _("At an event")
    EMPLOYER = "employer", _("Worked together")
    SCHOOL = "school", _("Studied together")
    INTRODUCTION = "introduction", _("Through an introduction")
    OTHER = "other", _("Other")


class ConnectionQuerySet(models.QuerySet["Connection"]):
    """Connections in the words of the domain."""

    def of(self, member_id: int) -> ConnectionQuerySet:
        """The member's side of their connections."""
        return self.filter(owner_id=member_id)


class Connection(models.Model):
    """One direction of a mutual connection; each connection is stored as two rows.

    Two rows make "contacts of A" a single index range and mutual contacts a join of
    two ranges, bounded by the members' own network sizes, never by the network's.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="connections"
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    how_met = models.CharField(
        _("how we met"), max_length=16, choices=HowMet.choices, default=HowMet.OTHER
    )
    created_at = models.DateTimeField(_("connected at"), auto_now_add=True)
    #: Last message, meeting or introduction between the two; network health reads it.
    last_interaction_at = models.DateTimeField(_("last interaction"), null=True, blank=True)

    objects = ConnectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("connection")
        verbose_name_plural = _("connections")
        constraints = [
            models.UniqueConstraint(fields=["owner", "contact"], name="connection_unique"),
            models.CheckConstraint(
                condition=~models.Q(owner=models.F("contact")), name="connection_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner_id} → {self.contact_id}"


### Contact requests ###


class Intent(models.TextChoices):
    """What the sender declares the request is about; the recipient may file some apart."""

    WORKED_TOGETHER = "worked_together", _("We worked together")
    MET = "met", _("We met (at an event or elsewhere)")
    SHARED_INTEREST = "shared_interest", _("Shared professional interest")
    BUSINESS = "business", _("Business proposal")
    RECRUITING = "recruiting", _("Recruiting")
    OTHER = "other", _("Other")


class RequestStatus(models.TextChoices):
    """Where a request stands."""

    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Decision(models.TextChoices):
    """What the recipient (or their policy) did; drives reputation and training data."""

    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    REPLIED = "replied", _("Declined with a reply")
    UNKNOWN = "unknown", _("“I don't know this person”")
    REPORTED = "reported", _("Reported")
    DISMISSED = "dismissed", _("Dismissed with a filtered folder")
    AUTO_DECLINED = "auto_declined", _("Declined by my policy")


class Folder(models.TextChoices):
    """Where the recipient finds a pending request."""

    INBOX = "inbox", _("Inbox")
    FILED = "filed", _("Filed apart")


class ContactRequestQuerySet(models.QuerySet["ContactRequest"]):
    """Contact requests in the words of the domain."""

    def pending(self) -> ContactRequestQuerySet:
        return self.filter(status=RequestStatus.PENDING)

    def from_sender(self, member_id: int) -> ContactRequestQuerySet:
        return self.filter(sender_id=member_id)

    def to_recipient(self, member_id: int) -> ContactRequestQuerySet:
        return self.filter(recipient_id=member_id)

    def in_last(self, *, days: int) -> ContactRequestQuerySet:
        return self.filter(sent_at__gte=timezone.now() - timedelta(days=days))


class ContactRequest(Triaged):
    """A request to connect, with its note, declared intent and the engine's verdict."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sent_requests",
        verbose_name=_("sender"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="received_requests",
        verbose_name=_("recipient"),
    )
    note = models.TextField(_("note"), max_length=500, blank=True)
    intent = models.CharField(_("what it is about"), max_length=16, choices=Intent.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    folder = models.CharField(
        _("folder"), max_length=8, choices=Folder.choices, default=Folder.INBOX
    )
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices, blank=True)
    #: The standard reply as sent (edited by the recipient), in the recipient's language.
    reply_text = models.TextField(_("reply"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    #: Set when an automatic action or a mistaken "I don't know" was undone.
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    introduction = models.ForeignKey(
        "Introduction",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("introduction"),
    )

    objects = ContactRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        indexes = [
            models.Index(fields=["sender", "sent_at"], name="request_sender_sent_idx"),
            models.Index(
                fields=["recipient", "status", "label", "sent_at"],
                name="request_inbox_idx",
            ),
            models.Index(fields=["sender", "recipient", "decided_at"], name="request_pair_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "recipient"],
                condition=models.Q(status="pending"),
                name="request_one_pending_per_pair",
            ),
            models.CheckConstraint(
                condition=~models.Q(sender=models.F("recipient")), name="request_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sender_id} → {self.recipient_id} ({self.status})"


class NoteRequirement(models.TextChoices):
    """When a request needs a note."""

    ALWAYS = "always", _("Always")
    STRANGERS = "strangers", _("From people who are not contacts of my contacts")
    NEVER = "never", _("Never")


class AutoAction(models.TextChoices):
    """What a member's policy does with a label on arrival."""

    KEEP = "keep", _("Keep in my inbox")
    FILE = "file", _("File apart")
    DECLINE = "decline", _("Decline politely")


class RequestPolicy(models.Model):
    """How a member wants requests handled; nothing is ever deleted unseen."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="request_policy",
    )
    note_required = models.CharField(
        _("a note is required"),
        max_length=12,
        choices=NoteRequirement.choices,
        default=NoteRequirement.STRANGERS,
    )
    review_action = models.CharField(
        _("requests to review"), max_length=8, choices=AutoAction.choices, default=AutoAction.KEEP
    )
    decline_action = models.CharField(
        _("requests the engine would decline"),
        max_length=8,
        choices=AutoAction.choices,
        default=AutoAction.FILE,
    )
    spam_action = models.CharField(
        _("spam"), max_length=8, choices=AutoAction.choices, default=AutoAction.FILE
    )
    #: Intents the member files apart, e.g. ["business", "recruiting"].
    filed_intents = models.JSONField(_("file these intents apart"), default=list, blank=True)

    class Meta:
        verbose_name = _("request policy")
        verbose_name_plural = _("request policies")

    def __str__(self) -> str:
        return str(_("Request policy"))


### Profile views ###


class ProfileView(models.Model):
    """That a member opened another's profile; the viewed member sees it per the viewer's
    view mode, nobody else ever does."""

    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    viewed = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    viewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["viewed", "viewed_at"], name="profileview_viewed_idx"),
            models.Index(fields=["viewer", "viewed", "viewed_at"], name="profileview_pair_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.viewer_id} viewed {self.viewed_id}"


### Introductions ###


class IntroductionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the introducer")
    FORWARDED = "forwarded", _("Forwarded")
    DECLINED = "declined", _("Not forwarded")


class Introduction(models.Model):
    """A member asks a mutual contact to introduce them to someone, with a reason."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    introducer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    target = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("why you would like to meet"), max_length=500)
    #: The intent the request gets when the introducer forwards it.
    intent = models.CharField(_("what it is about"), max_length=16, choices=Intent.choices)
    introducer_note = models.TextField(_("a word from the introducer"), max_length=500, blank=True)
    status = models.CharField(
        max_length=12, choices=IntroductionStatus.choices, default=IntroductionStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["introducer", "status"], name="introduction_introducer_idx"),
            models.Index(fields=["requester", "target"], name="introduction_pair_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.requester_id} → {self.introducer_id} → {self.target_id}"


### Quotas, trust levels and restrictions ###


class TrustLevel(models.IntegerChoices):
    """Discourse-style levels: promoted by time, accepted requests and no reports."""

    NEW = 0, _("New")
    BASIC = 1, pgettext_lazy("trust level", "Basic")
    MEMBER = 2, _("Member")
    TRUSTED = 3, _("Trusted")


class SenderStanding(models.Model):
    """A member's standing as a sender: level and this week's request count.

    The weekly count is incremented with a conditional UPDATE (``… WHERE sent < quota``),
    so parallel requests can never exceed the quota (SECURITY.md S1).
    """

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="sender_standing",
    )
    trust_level = models.PositiveSmallIntegerField(
        choices=TrustLevel.choices, default=TrustLevel.NEW
    )
    week_starts_at = models.DateTimeField(default=timezone.now)
    sent_this_week = models.PositiveIntegerField(default=0)
    sent_today = models.PositiveIntegerField(default=0)
    day_starts_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.member_id}: level {self.trust_level}"


class Restriction(models.Model):
    """A member may not send requests for a while; the evidence is kept for them and the
    moderators, and one appeal is allowed per restriction."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="restrictions"
    )
    #: The facts behind the decision: rule codes, counts and ratios (for the moderators;
    #: the member sees them in plain words, without scores or weights).
    evidence = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    inviter_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["member", "created_at"], name="restriction_member_idx")]

    def __str__(self) -> str:
        return f"{self.member_id} restricted {self.created_at:%Y-%m-%d}"


class AppealOutcome(models.TextChoices):
    PENDING = "pending", _("Waiting for a moderator")
    LIFTED = "lifted", _("Restriction lifted")
    UPHELD = "upheld", _("Restriction upheld")


class Appeal(models.Model):
    """The member's one appeal against a restriction; it creates a review item."""

    restriction = models.OneToOneField(Restriction, on_delete=models.CASCADE, related_name="appeal")
    text = models.TextField(_("your appeal"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(
        max_length=8, choices=AppealOutcome.choices, default=AppealOutcome.PENDING
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    def __str__(self) -> str:
        return f"appeal {self.pk} ({self.outcome})"


### Learning from members' decisions ###


class TextModelVersion(models.Model):
    """A statistical text model trained from members' decisions, with its measured effect."""

    created_at = models.DateTimeField(default=timezone.now)
    examples = models.PositiveIntegerField(default=0)
    #: The fitted model as the trust engine's JSON (never pickle).
    model = models.JSONField(default=dict)
    #: Metrics before and after on held-out decisions, for the host's admin page.
    metrics = models.JSONField(default=dict)
    is_active = models.BooleanField(default=False)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"text model {self.created_at:%Y-%m-%d %H:%M} ({self.examples} examples)"
