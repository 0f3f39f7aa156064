"""Every write about groups: create, join, ask to join, answer, leave, moderators,
invitations and the member's invitation policy.

Invitations are judged by the engine (kind ``group_invitation``): the relevance of the
group's topics to the invitee, the inviter's volume, and whether the two know each other.
An irrelevant one sent in bulk (or declined by the engine anyway) is declined
automatically by default (the invitee's policy may file it apart instead); irrelevant
invitations that end declined lower the inviter's weekly quota
(``weekly_invitation_quota``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.core.errors import NotFound
from handschlag.core.models import Label
from handschlag.groups.cases import build_invitation_case
from handschlag.groups.errors import (
    AlreadyAnswered,
    AlreadyMember,
    CannotInvite,
    ClosedGroup,
    GroupNotFound,
    InvalidGroup,
    InvitationNotFound,
    InvitationOpen,
    InvitationQuotaExhausted,
    InvitationTooSoon,
    InviteeAlreadyMember,
    JoinRequestNotFound,
    JoinRequestOpen,
    LastModerator,
    MemberNotFound,
    NotAMember,
    NotAModerator,
)
from handschlag.groups.models import (
    Group,
    GroupInvitation,
    InvitationFolder,
    InvitationPolicy,
    InvitationStatus,
    IrrelevantAction,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    Role,
    Visibility,
)
from handschlag.groups.queries import invitation_policy
from handschlag.moderation.blocks import ensure_not_blocked
from handschlag.network.cases import verdict_to_json
from handschlag.network.engine import get_engine

#: Invitations one member may send in any 7 days (SECURITY.md A19: a documented limit).
WEEKLY_INVITATIONS = 60
#: Each irrelevant invitation of the last 30 days that ended declined lowers it by this …
PENALTY_PER_IRRELEVANT = 2
PENALTY_WINDOW = timedelta(days=30)
#: … down to this floor, so a member who misjudged once can still invite a few.
MIN_WEEKLY_INVITATIONS = 5
#: After the invitee declined, the same group waits this long before inviting them again.
DECLINE_COOL_DOWN = timedelta(days=90)
MAX_TOPICS = 10
TOPIC_MAX_LENGTH = 40
NOTE_MAX_LENGTH = 1000


### Groups ###


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "group"
    slug, number = base, 1
    while Group.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def clean_topics(topics: list[str] | tuple[str, ...]) -> list[str]:
    """Topics trimmed, without duplicates (case-insensitive); InvalidGroup when too many."""
    seen: dict[str, str] = {}
    for topic in topics:
        clean = " ".join(str(topic).split())
        if not clean:
            continue
        if len(clean) > TOPIC_MAX_LENGTH:
            raise InvalidGroup(
                _("A topic may have at most %(limit)d characters.") % {"limit": TOPIC_MAX_LENGTH},
                field="topics",
            )
        seen.setdefault(clean.casefold(), clean)
    if not seen:
        raise InvalidGroup(_("Name at least one topic of the group."), field="topics")
    if len(seen) > MAX_TOPICS:
        raise InvalidGroup(
            _("Name at most %(limit)d topics.") % {"limit": MAX_TOPICS}, field="topics"
        )
    return list(seen.values())


@transaction.atomic(durable=True)
def create_group(
    member: Member,
    *,
    name: str,
    description: str,
    topics: list[str] | tuple[str, ...],
    visibility: str,
) -> Group:
    """Create a topic group; its creator is its first moderator."""
    name = " ".join(name.split())
    if not name:
        raise InvalidGroup(_("Please name the group."), field="name")
    if visibility not in Visibility.values:
        raise InvalidGroup(_("Please choose who may join."), field="visibility")
    now = timezone.now()
    group = Group.objects.create(
        name=name,
        slug=_unique_slug(name),
        description=description.strip(),
        topics=clean_topics(topics),
        visibility=visibility,
        created_by=member,
        created_at=now,
    )
    Membership.objects.create(group=group, member=member, role=Role.MODERATOR, joined_at=now)
    return group


def _group(group_id: int, *, lock: bool = False) -> Group:
    rows = Group.objects.filter(pk=group_id)
    group = (rows.select_for_update() if lock else rows).first()
    if group is None:
        raise GroupNotFound
    return group


def _moderator(member: Member, group: Group) -> Membership:
    membership = Membership.objects.filter(group=group, member_id=member.pk).first()
    if membership is None or not membership.is_moderator:
        raise NotAModerator
    return membership


def _add_member(group: Group, member_id: int, *, now: datetime) -> Membership:
    try:
        with transaction.atomic():
            return Membership.objects.create(group=group, member_id=member_id, joined_at=now)
    except IntegrityError:
        raise AlreadyMember from None


@transaction.atomic(durable=True)
def join_group(member: Member, *, group_id: int) -> Membership:
    """Join a public group at once; a closed one needs a join request."""
    group = _group(group_id)
    if group.is_closed:
        raise ClosedGroup
    if Membership.objects.filter(group=group, member_id=member.pk).exists():
        raise AlreadyMember
    return _add_member(group, member.pk, now=timezone.now())


@transaction.atomic(durable=True)
def request_to_join(member: Member, *, group_id: int, message: str = "") -> JoinRequest:
    """Ask the moderators of a closed group to let the member in."""
    group = _group(group_id)
    if Membership.objects.filter(group=group, member_id=member.pk).exists():
        raise AlreadyMember
    if not group.is_closed:
        raise InvalidGroup(_("This group is public: you can join it directly."))
    if JoinRequest.objects.filter(
        group=group, member_id=member.pk, status=JoinRequestStatus.PENDING
    ).exists():
        raise JoinRequestOpen
    return JoinRequest.objects.create(
        group=group, member=member, message=message.strip()[:NOTE_MAX_LENGTH]
    )


@transaction.atomic(durable=True)
def answer_join_request(moderator: Member, *, request_id: int, accept: bool) -> JoinRequest:
    """A moderator lets the member in, or declines."""
    join_request = (
        JoinRequest.objects.select_for_update()
        .select_related("group")
        .filter(pk=request_id)
        .first()
    )
    if join_request is None:
        raise JoinRequestNotFound
    try:
        _moderator(moderator, join_request.group)
    except NotAModerator:
        # Others' join requests do not exist for a member who does not moderate the group.
        raise JoinRequestNotFound from None
    if join_request.status != JoinRequestStatus.PENDING:
        raise AlreadyAnswered
    now = timezone.now()
    join_request.status = JoinRequestStatus.ACCEPTED if accept else JoinRequestStatus.DECLINED
    join_request.decided_at = now
    join_request.decided_by = moderator
    join_request.save(update_fields=["status", "decided_at", "decided_by"])
    if (
        accept
        and not Membership.objects.filter(
            group=join_request.group, member_id=join_request.member_id
        ).exists()
    ):
        _add_member(join_request.group, join_request.member_id, now=now)
    return join_request


@transaction.atomic(durable=True)
def leave_group(member: Member, *, group_id: int) -> None:
    """Leave a group; its last moderator must name another one first (unless alone)."""
    group = _group(group_id, lock=True)
    membership = Membership.objects.filter(group=group, member_id=member.pk).first()
    if membership is None:
        raise NotAMember
    if membership.is_moderator:
        others = Membership.objects.filter(group=group).exclude(member_id=member.pk)
        if others.exists() and not others.filter(role=Role.MODERATOR).exists():
            raise LastModerator
    membership.delete()


@transaction.atomic(durable=True)
def make_moderator(moderator: Member, *, group_id: int, member_id: int) -> Membership:
    """A moderator makes another member of the group a moderator too."""
    group = _group(group_id)
    _moderator(moderator, group)
    membership = Membership.objects.filter(group=group, member_id=member_id).first()
    if membership is None:
        raise MemberNotFound
    membership.role = Role.MODERATOR
    membership.save(update_fields=["role"])
    return membership


### Invitations ###


@dataclass(frozen=True, slots=True)
class InvitationQuota:
    """The inviter's weekly quota now: the limit, how much it was lowered, what is used."""

    limit: int
    lowered_by: int
    used: int
    #: When the oldest invitation of the window falls out (None when nothing was sent).
    resets_at: datetime | None

    @property
    def left(self) -> int:
        return max(0, self.limit - self.used)


def weekly_invitation_quota(inviter_id: int, *, now: datetime) -> InvitationQuota:
    """``WEEKLY_INVITATIONS`` lowered by ``PENALTY_PER_IRRELEVANT`` for each irrelevant
    invitation of the last 30 days that was declined (by the invitee or their settings)."""
    counted = GroupInvitation.objects.filter(
        inviter_id=inviter_id,
        sent_at__gte=now - PENALTY_WINDOW,
        is_irrelevant=True,
        status__in=(InvitationStatus.DECLINED, InvitationStatus.AUTO_DECLINED),
    ).count()
    lowered = min(WEEKLY_INVITATIONS - MIN_WEEKLY_INVITATIONS, counted * PENALTY_PER_IRRELEVANT)
    limit = WEEKLY_INVITATIONS - lowered
    week = list(
        GroupInvitation.objects.filter(inviter_id=inviter_id, sent_at__gt=now - timedelta(days=7))
        .order_by("sent_at")
        .values_list("sent_at", flat=True)
    )
    resets_at = None
    if len(week) >= limit:
        # Possible again once enough of the window's first invitations fall out.
        resets_at = week[len(week) - limit] + timedelta(days=7)
    elif week:
        resets_at = week[0] + timedelta(days=7)
    return InvitationQuota(limit=limit, lowered_by=lowered, used=len(week), resets_at=resets_at)


def _check_invitation(inviter: Member, invitee: Member, group: Group, *, now: datetime) -> None:
    membership = Membership.objects.filter(group=group, member_id=inviter.pk).first()
    if membership is None or (group.is_closed and not membership.is_moderator):
        raise CannotInvite(closed=group.is_closed)
    if Membership.objects.filter(group=group, member_id=invitee.pk).exists():
        raise InviteeAlreadyMember
    earlier = (
        GroupInvitation.objects.filter(group=group, invitee_id=invitee.pk)
        .order_by("-sent_at", "-pk")
        .first()
    )
    if earlier is not None:
        if earlier.status == InvitationStatus.PENDING:
            raise InvitationOpen
        declined = (InvitationStatus.DECLINED, InvitationStatus.AUTO_DECLINED)
        if earlier.status in declined and earlier.decided_at is not None:
            until = earlier.decided_at + DECLINE_COOL_DOWN
            if now < until:
                raise InvitationTooSoon(until=until)


def _arrival(
    policy: InvitationPolicy, *, label: str, irrelevant: bool, bulk: bool
) -> tuple[str, str]:
    """Folder and status a new invitation gets from the engine's verdict and the policy.

    "Irrelevant bulk" is an invitation none of whose topics match the invitee that comes
    from a mass inviter (GRP_MASS_INVITES) or that the engine declines for other reasons
    as well; a single irrelevant invitation from someone who knows the invitee waits in
    the inbox with its reasons.
    """
    unwanted = label in (Label.DECLINE, Label.SPAM)
    if irrelevant and (bulk or unwanted):
        if policy.irrelevant_action == IrrelevantAction.DECLINE:
            return InvitationFolder.FILED, InvitationStatus.AUTO_DECLINED
        return InvitationFolder.FILED, InvitationStatus.PENDING
    if unwanted:
        return InvitationFolder.FILED, InvitationStatus.PENDING
    return InvitationFolder.INBOX, InvitationStatus.PENDING


@transaction.atomic(durable=True)
def invite_to_group(
    inviter: Member, *, group_id: int, invitee_id: int, note: str = ""
) -> GroupInvitation:
    """Judge the invitation, apply the invitee's policy and store it with its verdict;
    refuse it when the inviter may not invite, the invitee cannot be invited, or the
    weekly quota is spent."""
    now = timezone.now()
    # The inviter's row lock queues one member's invitations, so the quota holds under
    # parallel posts (SECURITY.md A19).
    Member.objects.select_for_update().filter(pk=inviter.pk).exists()
    group = _group(group_id)
    invitee = Member.objects.filter(pk=invitee_id, is_active=True).first()
    if invitee is None or invitee.pk == inviter.pk:
        raise MemberNotFound
    try:
        ensure_not_blocked(inviter.pk, invitee.pk)
    except NotFound:
        raise MemberNotFound from None
    note = note.strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise InvalidGroup(
            _("Your note has %(length)d characters; at most %(limit)d are allowed.")
            % {"length": len(note), "limit": NOTE_MAX_LENGTH},
            field="note",
        )
    _check_invitation(inviter, invitee, group, now=now)
    quota = weekly_invitation_quota(inviter.pk, now=now)
    if quota.used >= quota.limit:
        assert quota.resets_at is not None  # noqa: S101 (used > 0)
        raise InvitationQuotaExhausted(
            limit=quota.limit, lowered_by=quota.lowered_by, resets_at=quota.resets_at
        )
    case = build_invitation_case(inviter, invitee=invitee, group=group, note=note, now=now)
    verdict = get_engine().evaluate(case)
    codes = {h.code for h in verdict.hits if not h.shadow}
    irrelevant = "GRP_IRRELEVANT" in codes
    folder, status = _arrival(
        invitation_policy(invitee.pk),
        label=verdict.label.value,
        irrelevant=irrelevant,
        bulk="GRP_MASS_INVITES" in codes,
    )
    return GroupInvitation.objects.create(
        group=group,
        inviter=inviter,
        invitee=invitee,
        note=note,
        sent_at=now,
        status=status,
        folder=folder,
        is_irrelevant=irrelevant,
        decided_at=now if status == InvitationStatus.AUTO_DECLINED else None,
        label=verdict.label.value,
        score=verdict.score,
        hits=verdict_to_json(verdict),
    )


@transaction.atomic(durable=True)
def answer_invitation(member: Member, *, invitation_id: int, accept: bool) -> GroupInvitation:
    """Accept (join the group, closed or not: a moderator invited) or decline."""
    invitation = (
        GroupInvitation.objects.select_for_update()
        .select_related("group")
        .filter(pk=invitation_id, invitee_id=member.pk)
        .first()
    )
    if invitation is None:
        raise InvitationNotFound
    if invitation.status != InvitationStatus.PENDING:
        raise AlreadyAnswered
    now = timezone.now()
    invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    invitation.decided_at = now
    invitation.save(update_fields=["status", "decided_at"])
    if (
        accept
        and not Membership.objects.filter(group=invitation.group, member_id=member.pk).exists()
    ):
        _add_member(invitation.group, member.pk, now=now)
    return invitation


@transaction.atomic
def save_invitation_policy(member: Member, *, irrelevant_action: str) -> InvitationPolicy:
    """Store how the member wants irrelevant bulk invitations handled."""
    if irrelevant_action not in IrrelevantAction.values:
        raise InvalidGroup(_("Please choose what happens to such invitations."))
    policy, _created = InvitationPolicy.objects.update_or_create(
        member=member, defaults={"irrelevant_action": irrelevant_action}
    )
    return policy
