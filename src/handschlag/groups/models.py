"""Topic groups, their members and moderators, join requests and judged invitations.

A public group is joined with one click; a closed group by a join request its moderators
accept or decline (or by an invitation, which a moderator sent). Every invitation carries
the engine's verdict on its relevance to the invitee; irrelevant bulk invitations are
declined automatically by default (``InvitationPolicy``) and lower the inviter's weekly
quota (``services.weekly_invitation_quota``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handschlag.core.models import Triaged

__all__ = [
    "Group",
    "GroupInvitation",
    "InvitationFolder",
    "InvitationPolicy",
    "InvitationStatus",
    "IrrelevantAction",
    "JoinRequest",
    "JoinRequestStatus",
    "Membership",
    "Role",
    "Visibility",
]


class Visibility(models.TextChoices):
    """Who may join and who sees the member list."""

    PUBLIC = "public", _("Public: anyone may join; members see who belongs")
    CLOSED = "closed", _("Closed: moderators accept members; only members see who belongs")


class GroupQuerySet(models.QuerySet["Group"]):
    """Groups in the words of the domain."""

    def of_member(self, member_id: int) -> GroupQuerySet:
        return self.filter(memberships__member_id=member_id)


class Group(models.Model):
    """A topic group: a name, a description, topics and its members."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    visibility = models.CharField(
        _("who may join"), max_length=8, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = GroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.visibility == Visibility.CLOSED


class Role(models.TextChoices):
    """A member's role in a group."""

    MEMBER = "member", _("Member")
    MODERATOR = "moderator", _("Moderator")


class Membership(models.Model):
    """That a member belongs to a group, and in which role."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("group")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="group_memberships",
        verbose_name=_("member"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["group", "member"], name="group_membership_unique"),
        ]
        indexes = [
            # A member's groups (shared groups are a join of two members' ranges).
            models.Index(fields=["member", "group"], name="group_member_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} in {self.group_id}"

    @property
    def is_moderator(self) -> bool:
        return self.role == Role.MODERATOR


class JoinRequestStatus(models.TextChoices):
    """Where a request to join a closed group stands."""

    PENDING = "pending", _("Waiting for the moderators")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class JoinRequest(models.Model):
    """A member asks to join a closed group; a moderator accepts or declines."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="join_requests", verbose_name=_("group")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="group_join_requests",
        verbose_name=_("member"),
    )
    message = models.TextField(_("message to the moderators"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=JoinRequestStatus.choices,
        default=JoinRequestStatus.PENDING,
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        indexes = [
            models.Index(fields=["group", "status", "sent_at"], name="group_joinreq_idx"),
            models.Index(fields=["member", "group", "status"], name="group_joinreq_member_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} → {self.group_id}"


class InvitationStatus(models.TextChoices):
    """Where an invitation stands for its invitee."""

    PENDING = "pending", _("Waiting for your answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    AUTO_DECLINED = "auto_declined", _("Declined by your settings")


class InvitationFolder(models.TextChoices):
    """Where the invitee finds an invitation."""

    INBOX = "inbox", _("Invitations")
    FILED = "filed", _("Filed apart")


class GroupInvitation(Triaged):
    """A member invites another to a group, judged for relevance, volume and acquaintance."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("group")
    )
    inviter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="group_invitations_sent",
        verbose_name=_("invited by"),
    )
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="group_invitations_received",
        verbose_name=_("invited"),
    )
    note = models.TextField(_("personal note"), max_length=1000, blank=True)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    status = models.CharField(
        _("status"),
        max_length=14,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
    )
    folder = models.CharField(
        _("folder"), max_length=8, choices=InvitationFolder.choices, default=InvitationFolder.INBOX
    )
    #: The engine found none of the group's topics in the invitee's interests and skills.
    is_irrelevant = models.BooleanField(_("irrelevant to the invitee"), default=False)
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("group invitation")
        verbose_name_plural = _("group invitations")
        indexes = [
            models.Index(fields=["inviter", "sent_at"], name="group_inv_inviter_idx"),
            models.Index(fields=["invitee", "status", "sent_at"], name="group_inv_invitee_idx"),
            models.Index(fields=["group", "invitee", "sent_at"], name="group_inv_pair_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(inviter=models.F("invitee")), name="group_inv_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inviter_id} → {self.invitee_id} ({self.group_id})"

    @property
    def is_pending(self) -> bool:
        return self.status == InvitationStatus.PENDING

    @property
    def counts_against_inviter(self) -> bool:
        """Irrelevant and declined (by the invitee or their settings): lowers the quota."""
        return self.is_irrelevant and self.status in (
            InvitationStatus.DECLINED,
            InvitationStatus.AUTO_DECLINED,
        )


class IrrelevantAction(models.TextChoices):
    """What happens to an invitation the engine finds irrelevant and unwanted."""

    DECLINE = "decline", _("Decline it automatically")
    FILE = "file", _("File it apart for me to look at")


class InvitationPolicy(models.Model):
    """How a member wants irrelevant bulk invitations handled (defaults when never saved)."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="group_invitation_policy",
        verbose_name=_("member"),
    )
    irrelevant_action = models.CharField(
        _("invitations to groups that do not match my interests, sent in bulk"),
        max_length=8,
        choices=IrrelevantAction.choices,
        default=IrrelevantAction.DECLINE,
    )

    class Meta:
        verbose_name = _("group invitation policy")
        verbose_name_plural = _("group invitation policies")

    def __str__(self) -> str:
        return str(_("Group invitation policy"))
