"""Deleting a member's account (GDPR Art. 17), in one transaction.

What happens (docs/gdpr.md gives the reasons):

- The ``Member`` row stays as a *tombstone*: inactive, no usable password, no staff
  rights, and its email replaced by an address nobody can own
  (``deleted-<id>-<keyed hash>@deleted.invalid``). It is kept only so that reports about
  the member, the moderators' log, restrictions and the invitation tree keep pointing at
  *someone*: a pseudonymous reference with no name, address or text of the member's.
- Everything the member wrote or chose is deleted: profile (positions, education,
  languages, skills), job preferences, contacts, requests sent and received, profile
  views, introductions, offers, recommendations, group memberships and invitations,
  posts (with the comments and reactions under them), comments, reactions, follows,
  mutes, meetups organised (with their answers), answers to meetups, imports, API tokens,
  settings, email addresses, invitations, blocks and the login history.
- Messages in other members' conversations stay for the others, but the deleted
  member's own messages lose their text and carry the same "deleted" marker as a message
  its sender deleted; their participation reads as ended, so no one writes into the void.
- Reports *about* the member and the moderation log are kept (Art. 17(3)(e): establishing,
  exercising or defending legal claims, and the operator's duty to deal with abuse).
  Reports the member *filed* are kept for the moderators without the reporter.

Sessions end because the password hash changes (Django checks it on every request) and
the member is inactive; the view also logs the current session out.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from allauth.account.models import EmailAddress
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from handschlag.accounts.models import Invitation, Member
from handschlag.api.models import PersonalToken
from handschlag.events.models import CalendarFeed, Meetup, Rsvp, WrongCheckInCode
from handschlag.feed.models import (
    Comment,
    FeedSettings,
    FollowedMember,
    FollowedTopic,
    Mute,
    Post,
    Reaction,
)
from handschlag.groups.models import (
    Group,
    GroupInvitation,
    InvitationPolicy,
    JoinRequest,
    Membership,
)
from handschlag.imports.models import ImportedContact, ImportJob
from handschlag.messaging.models import Conversation, Message, Participant, ParticipantState
from handschlag.moderation.models import Block, Report
from handschlag.network.models import (
    Appeal,
    Connection,
    ContactRequest,
    Introduction,
    ProfileView,
    RequestPolicy,
    SenderStanding,
)
from handschlag.notifications.models import DigestPreference
from handschlag.offers.models import OfferPolicy, Recruiter, RecruiterOffer
from handschlag.profiles.models import JobPreferences, Profile
from handschlag.recommendations.models import (
    Collaboration,
    Recommendation,
    RecommendationRequest,
)

#: The domain of tombstone addresses: ``.invalid`` is reserved (RFC 2606), so no mail
#: can ever reach one and nobody can own one.
TOMBSTONE_DOMAIN = "deleted.invalid"

#: What becomes of each column that ties a row to a member: "delete" (the row goes),
#: "anonymise" (the row stays without the member's words or name), or "keep" (with the
#: reason). ``tests/gdpr`` walks the models and fails on a column missing here.
PLAN: dict[str, str] = {
    "accounts.Member.invited_by": "keep: the invitation tree stays accountable",
    "accounts.Invitation.inviter": "delete",
    "accounts.Invitation.accepted_by": "anonymise: the inviter's note is blanked",
    "account.EmailAddress.user": "delete",
    "admin.LogEntry.user": "delete",
    "profiles.Profile.member": "delete",
    "profiles.JobPreferences.member": "delete",
    "network.Connection.owner": "delete",
    "network.Connection.contact": "delete",
    "network.ContactRequest.sender": "delete",
    "network.ContactRequest.recipient": "delete",
    "network.RequestPolicy.member": "delete",
    "network.ProfileView.viewer": "delete",
    "network.ProfileView.viewed": "delete",
    "network.Introduction.requester": "delete",
    "network.Introduction.introducer": "delete",
    "network.Introduction.target": "delete",
    "network.SenderStanding.member": "delete",
    "network.Restriction.member": "keep: a moderation measure (Art. 17(3)(e)); appeals blanked",
    "network.Appeal.moderator": "anonymise: the appeal stays, its moderator is unset",
    "moderation.Report.reporter": "anonymise: the report stays for moderators, reporter unset",
    "moderation.Report.reported": "keep: reports about the member (Art. 17(3)(e))",
    "moderation.ModerationAction.moderator": "keep: the moderators' log (Art. 17(3)(e))",
    "moderation.ModerationAction.subject": "keep: the moderators' log (Art. 17(3)(e))",
    "moderation.Block.blocker": "delete",
    "moderation.Block.blocked": "delete",
    "notifications.DigestPreference.member": "delete",
    "messaging.Conversation.started_by": "anonymise: unset",
    "messaging.Participant.member": "anonymise: participation ended",
    "messaging.Message.sender": "anonymise: text removed, marked deleted",
    "offers.Recruiter.member": "delete",
    "offers.OfferPolicy.member": "delete",
    "offers.RecruiterOffer.recruiter": "delete",
    "offers.RecruiterOffer.recipient": "delete",
    "recommendations.Collaboration.declared_by": "delete",
    "recommendations.Collaboration.partner": "delete",
    "recommendations.RecommendationRequest.asker": "delete",
    "recommendations.RecommendationRequest.recommender": "delete",
    "recommendations.Recommendation.author": "delete",
    "recommendations.Recommendation.subject": "delete",
    "recommendations.Recommendation.withdrawn_by": "anonymise: unset",
    "groups.Group.created_by": (
        "anonymise: a group with other members stays with them, creator unset; "
        "a group of the member alone is deleted"
    ),
    "groups.Membership.member": "delete",
    "groups.JoinRequest.member": "delete",
    "groups.JoinRequest.decided_by": "anonymise: unset",
    "groups.GroupInvitation.inviter": "delete",
    "groups.GroupInvitation.invitee": "delete",
    "groups.InvitationPolicy.member": "delete",
    "feed.Post.author": "delete",
    "feed.Comment.author": "delete",
    "feed.Reaction.member": "delete",
    "feed.FollowedMember.follower": "delete",
    "feed.FollowedMember.followed": "delete",
    "feed.FollowedTopic.follower": "delete",
    "feed.Mute.member": "delete",
    "feed.Mute.muted_member": "delete",
    "feed.FeedSettings.member": "delete",
    "api.PersonalToken.member": "delete",
    "events.Meetup.organiser": "delete",
    "events.Rsvp.member": "delete",
    "events.WrongCheckInCode.member": "delete",
    "events.CalendarFeed.member": "delete",
    "imports.ImportJob.owner": "delete",
    "imports.ImportedContact.owner": "delete",
}


@dataclass(frozen=True, slots=True)
class DeletionSummary:
    """What the deletion did, for the log and the tests."""

    member_id: int
    rows_deleted: int
    messages_blanked: int
    reports_kept: int


def tombstone_email(member_id: int) -> str:
    """The address a deleted member's row keeps: unique, unguessable without the site's
    secret (so nobody can sign up with it first and make the deletion fail), unreachable."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"gdpr-tombstone:{member_id}".encode(), hashlib.sha256
    ).hexdigest()[:16]
    return f"deleted-{member_id}-{digest}@{TOMBSTONE_DOMAIN}"


def is_tombstone(member: Member) -> bool:
    """Whether the row is what remains of a deleted account."""
    return not member.is_active and member.email.endswith("@" + TOMBSTONE_DOMAIN)


def _count(result: tuple[int, dict[str, int]]) -> int:
    return result[0]


@transaction.atomic(durable=True)
def delete_account(member: Member, *, now: datetime | None = None) -> DeletionSummary:
    """Erase the member's account: every personal row deleted or stripped of the member's
    words, the member row turned into a nameless, inactive tombstone; all or nothing."""
    now = now or timezone.now()
    me = member.pk
    old_email = member.email
    deleted = 0

    ### Uploaded files, removed once the transaction has committed ###
    uploads = [
        path
        for path in ImportJob.objects.filter(owner_id=me).values_list("upload_path", flat=True)
        if path
    ]

    ### Content other members keep, without the member ###
    messages_blanked = Message.objects.filter(sender_id=me).update(text="", deleted_at=now, hits=[])
    Participant.objects.filter(member_id=me).update(
        state=ParticipantState.DECLINED, unread_count=0, last_read_message=None
    )
    Conversation.objects.filter(started_by_id=me).update(started_by=None)
    Report.objects.filter(reporter_id=me).update(reporter=None)
    Appeal.objects.filter(restriction__member_id=me).update(text="")
    Appeal.objects.filter(moderator_id=me).update(moderator=None)
    # A group only the member belonged to goes with them; others stay with their members.
    deleted += _count(
        Group.objects.filter(created_by_id=me)
        .exclude(pk__in=Membership.objects.exclude(member_id=me).values("group_id"))
        .delete()
    )
    Group.objects.filter(created_by_id=me).update(created_by=None)
    JoinRequest.objects.filter(decided_by_id=me).update(decided_by=None)
    Recommendation.objects.filter(withdrawn_by_id=me).update(withdrawn_by=None)
    Invitation.objects.filter(accepted_by_id=me).update(note="")

    ### Rows that are only the member's ###
    for queryset in (
        Post.objects.filter(author_id=me),
        Comment.objects.filter(author_id=me),
        Reaction.objects.filter(member_id=me),
        FollowedMember.objects.filter(Q(follower_id=me) | Q(followed_id=me)),
        FollowedTopic.objects.filter(follower_id=me),
        Mute.objects.filter(Q(member_id=me) | Q(muted_member_id=me)),
        FeedSettings.objects.filter(member_id=me),
        Connection.objects.filter(Q(owner_id=me) | Q(contact_id=me)),
        ContactRequest.objects.filter(Q(sender_id=me) | Q(recipient_id=me)),
        RequestPolicy.objects.filter(member_id=me),
        ProfileView.objects.filter(Q(viewer_id=me) | Q(viewed_id=me)),
        Introduction.objects.filter(Q(requester_id=me) | Q(introducer_id=me) | Q(target_id=me)),
        SenderStanding.objects.filter(member_id=me),
        Block.objects.filter(Q(blocker_id=me) | Q(blocked_id=me)),
        DigestPreference.objects.filter(member_id=me),
        Recruiter.objects.filter(member_id=me),
        OfferPolicy.objects.filter(member_id=me),
        RecruiterOffer.objects.filter(Q(recruiter_id=me) | Q(recipient_id=me)),
        Recommendation.objects.filter(Q(author_id=me) | Q(subject_id=me)),
        RecommendationRequest.objects.filter(Q(asker_id=me) | Q(recommender_id=me)),
        Collaboration.objects.filter(Q(declared_by_id=me) | Q(partner_id=me)),
        Membership.objects.filter(member_id=me),
        JoinRequest.objects.filter(member_id=me),
        GroupInvitation.objects.filter(Q(inviter_id=me) | Q(invitee_id=me)),
        InvitationPolicy.objects.filter(member_id=me),
        Meetup.objects.filter(organiser_id=me),
        Rsvp.objects.filter(member_id=me),
        WrongCheckInCode.objects.filter(member_id=me),
        CalendarFeed.objects.filter(member_id=me),
        ImportedContact.objects.filter(owner_id=me),
        ImportJob.objects.filter(owner_id=me),
        PersonalToken.objects.filter(member_id=me),
        Invitation.objects.filter(inviter_id=me),
        JobPreferences.objects.filter(member_id=me),
        Profile.objects.filter(member_id=me),
        EmailAddress.objects.filter(user_id=me),
        LogEntry.objects.filter(user_id=me),
        AccessAttempt.objects.filter(username=old_email),
        AccessLog.objects.filter(username=old_email),
        AccessFailureLog.objects.filter(username=old_email),
    ):
        deleted += _count(queryset.delete())

    # The admin's history names objects by their str(), which for a member is the email.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Member), object_id=str(me)
    ).update(object_repr=f"#{me}", change_message="")

    ### The tombstone, last: a failure here undoes everything above ###
    member.email = tombstone_email(me)
    member.language = ""
    member.is_active = False
    member.is_staff = False
    member.is_superuser = False
    member.last_login = None
    member.set_unusable_password()
    member.save()
    member.groups.clear()
    member.user_permissions.clear()

    reports_kept = Report.objects.filter(reported_id=me).count()
    transaction.on_commit(lambda: _remove_uploads(uploads))
    return DeletionSummary(
        member_id=me,
        rows_deleted=deleted,
        messages_blanked=messages_blanked,
        reports_kept=reports_kept,
    )


def _remove_uploads(paths: list[str]) -> None:
    for path in paths:
        Path(path).unlink(missing_ok=True)
