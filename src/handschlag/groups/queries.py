"""Reads about groups, permission-checked.

A closed group's member list is for its members only; every member list shows names and
headlines, nothing else, and leaves out members a block stands between. Invitations are
read by their invitee with the engine's reasons; the inviter sees only the status.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.groups.errors import GroupNotFound, InvitationNotFound
from handschlag.groups.models import (
    Group,
    GroupInvitation,
    InvitationFolder,
    InvitationPolicy,
    InvitationStatus,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    Role,
)
from handschlag.moderation.blocks import blocked_either_way_ids
from handschlag.network.models import Connection
from handschlag.profiles.models import Profile
from handschlag.trust.i18n import render

#: How many groups the index lists per page, and members a member list shows.
GROUPS_PER_PAGE = 50
MEMBERS_SHOWN = 200
ANSWERED_SHOWN = 50


### Network facts ###


def shared_group_names(a_id: int, b_id: int) -> tuple[str, ...]:
    """Names of the groups both members belong to, by name: the trust engine's
    ``Relation.shared_groups`` (rule CG_SHARED_GROUP). One join of the two members'
    membership ranges (index ``group_member_idx``), bounded by their own groups."""
    theirs = Membership.objects.filter(member_id=b_id).values("group_id")
    return tuple(
        Membership.objects.filter(member_id=a_id, group_id__in=theirs)
        .order_by("group__name")
        .values_list("group__name", flat=True)
    )


def member_interests(member_id: int) -> tuple[str, ...]:
    """The topics of the member's groups: what they chose to follow, read as interests."""
    topics: dict[str, str] = {}
    for group_topics in Group.objects.of_member(member_id).values_list("topics", flat=True):
        for topic in group_topics or []:
            topics.setdefault(str(topic).casefold(), str(topic))
    return tuple(topics.values())


def invitation_policy(member_id: int) -> InvitationPolicy:
    """The member's policy; one who never saved one has the defaults."""
    return InvitationPolicy.objects.filter(member_id=member_id).first() or InvitationPolicy(
        member_id=member_id
    )


### Groups ###


def get_group(slug: str) -> Group:
    """A group by its address (every member may see a group's name, description, topics)."""
    group = Group.objects.filter(slug=slug).first()
    if group is None:
        raise GroupNotFound
    return group


def membership_of(member_id: int, group_id: int) -> Membership | None:
    return Membership.objects.filter(member_id=member_id, group_id=group_id).first()


@dataclass(frozen=True, slots=True)
class GroupSummary:
    """A group in a list: its name, topics, how one joins it, and its size."""

    group: Group
    members: int
    is_member: bool


def list_groups(member: Member, *, page: int = 1, topic: str = "") -> list[GroupSummary]:
    """Groups, the member's own first, then by size; ``topic`` filters by a topic word."""
    mine = set(Membership.objects.filter(member_id=member.pk).values_list("group_id", flat=True))
    rows = Group.objects.annotate(size=Count("memberships"))
    needle = topic.strip()
    if needle:
        rows = rows.filter(Q(topics__icontains=needle) | Q(name__icontains=needle))
    rows = rows.order_by("-size", "name")
    start = (max(page, 1) - 1) * GROUPS_PER_PAGE
    groups = list(rows[start : start + GROUPS_PER_PAGE])
    summaries = [GroupSummary(g, g.size, g.pk in mine) for g in groups]  # type: ignore[attr-defined]
    return sorted(summaries, key=lambda s: not s.is_member)


@dataclass(frozen=True, slots=True)
class MemberEntry:
    """A member as a member list shows them: name and headline, nothing more."""

    member_id: int
    full_name: str
    headline: str
    is_moderator: bool


@dataclass(frozen=True, slots=True)
class GroupPage:
    """A group as the viewer may see it."""

    group: Group
    membership: Membership | None
    moderators: tuple[MemberEntry, ...]
    #: None when the viewer may not see who belongs (a closed group they are not in).
    members: tuple[MemberEntry, ...] | None
    member_count: int
    join_requests: tuple[JoinRequest, ...]
    has_open_join_request: bool

    @property
    def is_member(self) -> bool:
        return self.membership is not None

    @property
    def is_moderator(self) -> bool:
        return self.membership is not None and self.membership.is_moderator

    @property
    def can_invite(self) -> bool:
        if self.membership is None:
            return False
        return self.is_moderator or not self.group.is_closed


def _entries(rows: list[Membership]) -> tuple[MemberEntry, ...]:
    return tuple(
        MemberEntry(
            member_id=m.member_id,
            full_name=m.member.profile.full_name if hasattr(m.member, "profile") else "",
            headline=m.member.profile.headline if hasattr(m.member, "profile") else "",
            is_moderator=m.is_moderator,
        )
        for m in rows
    )


def can_see_members(group: Group, membership: Membership | None) -> bool:
    """A public group's list is for every member of the network; a closed one's only
    for its own members."""
    return not group.is_closed or membership is not None


def group_page(viewer: Member, *, slug: str) -> GroupPage:
    """The group page for ``viewer``: the member list only where they may see it."""
    group = get_group(slug)
    membership = membership_of(viewer.pk, group.pk)
    hidden = blocked_either_way_ids(viewer.pk)
    base = (
        Membership.objects.filter(group=group)
        .exclude(member_id__in=hidden)
        .select_related("member__profile")
    )
    moderators = list(base.filter(role=Role.MODERATOR).order_by("joined_at"))
    members: tuple[MemberEntry, ...] | None = None
    if can_see_members(group, membership):
        members = _entries(
            list(base.order_by("-role", "member__profile__full_name")[:MEMBERS_SHOWN])
        )
    join_requests: tuple[JoinRequest, ...] = ()
    if membership is not None and membership.is_moderator:
        join_requests = tuple(
            JoinRequest.objects.filter(group=group, status=JoinRequestStatus.PENDING)
            .select_related("member__profile")
            .order_by("sent_at")
        )
    return GroupPage(
        group=group,
        membership=membership,
        # The moderators are named to everyone: they answer join requests and questions.
        moderators=_entries(moderators),
        members=members,
        member_count=Membership.objects.filter(group=group).count(),
        join_requests=join_requests,
        has_open_join_request=JoinRequest.objects.filter(
            group=group, member_id=viewer.pk, status=JoinRequestStatus.PENDING
        ).exists(),
    )


def list_my_groups(member: Member) -> list[Group]:
    return list(Group.objects.of_member(member.pk).order_by("name"))


def invitable_contacts(inviter: Member, group: Group) -> list[tuple[int, str]]:
    """The inviter's contacts who are not in the group yet, by name."""
    in_group = Membership.objects.filter(group=group).values("member_id")
    contacts = Connection.objects.filter(owner_id=inviter.pk).exclude(contact_id__in=in_group)
    return list(
        Profile.objects.filter(member_id__in=contacts.values("contact_id"))
        .order_by("full_name")
        .values_list("member_id", "full_name")
    )


### Invitations ###


@dataclass(frozen=True, slots=True)
class Reason:
    """One of the engine's reasons, in the invitee's words."""

    sentence: str
    is_reassuring: bool


@dataclass(frozen=True, slots=True)
class InvitationItem:
    """An invitation as its invitee sees it."""

    invitation: GroupInvitation
    inviter_name: str
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class InvitationInbox:
    """The invitee's invitations: waiting, filed apart, answered."""

    waiting: tuple[InvitationItem, ...]
    filed: tuple[InvitationItem, ...]
    answered: tuple[InvitationItem, ...]


def _reasons(invitation: GroupInvitation, lang: str) -> tuple[Reason, ...]:
    reasons = []
    for hit in invitation.hits or []:
        if not isinstance(hit, dict) or hit.get("shadow"):
            continue
        evidence = hit.get("evidence")
        sentence = render(
            str(hit.get("message", "")), evidence if isinstance(evidence, dict) else {}, lang
        )
        reasons.append(Reason(sentence=sentence, is_reassuring=float(hit.get("score", 0)) < 0))
    return tuple(reasons)


def _item(invitation: GroupInvitation, lang: str) -> InvitationItem:
    profile = getattr(invitation.inviter, "profile", None)
    return InvitationItem(
        invitation=invitation,
        inviter_name=profile.full_name if profile else _("a member"),
        reasons=_reasons(invitation, lang),
    )


def list_invitations(member: Member, *, lang: str) -> InvitationInbox:
    """The member's group invitations by section, newest first, with their reasons."""
    base = GroupInvitation.objects.filter(invitee_id=member.pk).select_related(
        "group", "inviter__profile"
    )
    pending = list(base.filter(status=InvitationStatus.PENDING).order_by("-sent_at", "-pk"))
    answered = list(
        base.exclude(status=InvitationStatus.PENDING).order_by("-sent_at", "-pk")[:ANSWERED_SHOWN]
    )
    return InvitationInbox(
        waiting=tuple(_item(i, lang) for i in pending if i.folder == InvitationFolder.INBOX),
        filed=tuple(_item(i, lang) for i in pending if i.folder == InvitationFolder.FILED),
        answered=tuple(_item(i, lang) for i in answered),
    )


def get_invitation_for_invitee(member: Member, *, invitation_id: int) -> GroupInvitation:
    invitation = GroupInvitation.objects.filter(pk=invitation_id, invitee_id=member.pk).first()
    if invitation is None:
        raise InvitationNotFound
    return invitation


def count_pending_invitations(member: Member) -> int:
    return GroupInvitation.objects.filter(
        invitee_id=member.pk, status=InvitationStatus.PENDING, folder=InvitationFolder.INBOX
    ).count()
