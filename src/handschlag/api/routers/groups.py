"""Topic groups through the API: the list, one group as the caller may see it, joining,
asking to join a closed group, leaving, and the caller's group invitations.

A closed group's member list is for its members only (``groups.queries.group_page``
leaves it out for others: ``members`` is null); an invitation id names one of the
caller's own invitations, anything else is 404.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from handschlag.api.limits import limit
from handschlag.api.routers.common import Done, Id, InputSchema, PageNumber, caller, responses
from handschlag.groups import queries, services

router = Router(tags=["groups"])


class GroupOut(Schema):
    id: int
    slug: str
    name: str
    description: str
    topics: list[str]
    is_closed: bool
    members: int
    is_member: bool


class GroupMemberOut(Schema):
    """A member in a group's list: name and headline, nothing more."""

    member_id: int
    full_name: str
    headline: str
    is_moderator: bool


class GroupDetailOut(GroupOut):
    is_moderator: bool
    has_open_join_request: bool
    moderators: list[GroupMemberOut]
    #: Null when the caller may not see who belongs (a closed group they are not in).
    member_list: list[GroupMemberOut] | None


class GroupFilter(Schema):
    topic: str = ""
    page: PageNumber = 1


class JoinRequestIn(InputSchema):
    message: str = ""


class InvitationReasonOut(Schema):
    text: str
    is_reassuring: bool


class InvitationOut(Schema):
    id: int
    group_slug: str
    group_name: str
    inviter_name: str
    status: str
    sent_at: datetime
    reasons: list[InvitationReasonOut]


class InvitationsOut(Schema):
    waiting: list[InvitationOut]
    filed: list[InvitationOut]
    answered: list[InvitationOut]


class AnswerIn(InputSchema):
    accept: bool


def _entries(entries: tuple[queries.MemberEntry, ...]) -> list[GroupMemberOut]:
    return [
        GroupMemberOut(
            member_id=e.member_id,
            full_name=e.full_name,
            headline=e.headline,
            is_moderator=e.is_moderator,
        )
        for e in entries
    ]


def _group(group: object, *, members: int, is_member: bool) -> GroupOut:
    return GroupOut(
        id=group.pk,  # type: ignore[attr-defined]
        slug=group.slug,  # type: ignore[attr-defined]
        name=group.name,  # type: ignore[attr-defined]
        description=group.description,  # type: ignore[attr-defined]
        topics=list(group.topics or []),  # type: ignore[attr-defined]
        is_closed=group.is_closed,  # type: ignore[attr-defined]
        members=members,
        is_member=is_member,
    )


def _detail(request: HttpRequest, slug: str) -> GroupDetailOut:
    page = queries.group_page(caller(request), slug=slug)
    base = _group(page.group, members=page.member_count, is_member=page.is_member)
    return GroupDetailOut(
        **base.dict(),
        is_moderator=page.is_moderator,
        has_open_join_request=page.has_open_join_request,
        moderators=_entries(page.moderators),
        member_list=_entries(page.members) if page.members is not None else None,
    )


@router.get("/groups", response=responses(200, list[GroupOut]), summary="Topic groups")
def list_groups(request: HttpRequest, filters: Query[GroupFilter]) -> list[GroupOut]:
    found = queries.list_groups(caller(request), page=filters.page, topic=filters.topic[:80])
    return [_group(s.group, members=s.members, is_member=s.is_member) for s in found]


@router.get(
    "/groups/{slug}", response=responses(200, GroupDetailOut), summary="One group by its address"
)
def get_group(request: HttpRequest, slug: str) -> GroupDetailOut:
    return _detail(request, slug[:80])


@router.post(
    "/groups/{slug}/join",
    response=responses(200, GroupDetailOut, 409),
    throttle=limit("answer", per_member=120),
    summary="Join a public group",
)
def join(request: HttpRequest, slug: str) -> GroupDetailOut:
    group = queries.get_group(slug[:80])
    services.join_group(caller(request), group_id=group.pk)
    return _detail(request, group.slug)


@router.post(
    "/groups/{slug}/join-request",
    response=responses(200, GroupDetailOut, 409),
    throttle=limit("answer", per_member=120),
    summary="Ask the moderators of a closed group to let you in",
)
def request_to_join(request: HttpRequest, slug: str, payload: JoinRequestIn) -> GroupDetailOut:
    group = queries.get_group(slug[:80])
    services.request_to_join(caller(request), group_id=group.pk, message=payload.message[:1000])
    return _detail(request, group.slug)


@router.post(
    "/groups/{slug}/leave",
    response=responses(200, Done, 409),
    throttle=limit("answer", per_member=120),
    summary="Leave a group",
)
def leave(request: HttpRequest, slug: str) -> Done:
    group = queries.get_group(slug[:80])
    services.leave_group(caller(request), group_id=group.pk)
    return Done(detail=_("You left the group."))


def _invitation(item: queries.InvitationItem) -> InvitationOut:
    invitation = item.invitation
    return InvitationOut(
        id=invitation.pk,
        group_slug=invitation.group.slug,
        group_name=invitation.group.name,
        inviter_name=item.inviter_name,
        status=invitation.status,
        sent_at=invitation.sent_at,
        reasons=[
            InvitationReasonOut(text=r.sentence, is_reassuring=r.is_reassuring)
            for r in item.reasons
        ],
    )


@router.get(
    "/group-invitations",
    response=responses(200, InvitationsOut),
    summary="Your group invitations, with the reasons for where each is",
)
def list_invitations(request: HttpRequest) -> InvitationsOut:
    inbox = queries.list_invitations(caller(request), lang=get_language() or "en")
    return InvitationsOut(
        waiting=[_invitation(i) for i in inbox.waiting],
        filed=[_invitation(i) for i in inbox.filed],
        answered=[_invitation(i) for i in inbox.answered],
    )


@router.post(
    "/group-invitations/{invitation_id}/answer",
    response=responses(200, Done, 409),
    throttle=limit("answer", per_member=120),
    summary="Accept or decline a group invitation",
)
def answer_invitation(request: HttpRequest, invitation_id: Id, payload: AnswerIn) -> Done:
    services.answer_invitation(caller(request), invitation_id=invitation_id, accept=payload.accept)
    return Done(
        detail=_("You joined the group.") if payload.accept else _("You declined the invitation.")
    )
