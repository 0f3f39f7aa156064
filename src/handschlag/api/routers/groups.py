"""Topic groups through the API: the list, one group as the caller may see it, joining,
asking to join a closed group, leaving, and the caller's group invitations; creating a
group, and what its moderators do on the pages: answer join requests, make a member a
moderator; inviting contacts (judged by the trust engine, within the weekly quota, and
filed or declined by the invitee's own settings, as on the pages).

A closed group's member list is for its members only (``groups.queries.group_page``
leaves it out for others: ``members`` is null); an invitation id names one of the
caller's own invitations, a join request id one of a group the caller moderates, anything
else is 404. The pages have no editing of a group, no removing of members or moderators
and no hiding of a group's posts, so neither has the API.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from handschlag.api.forms import cleaned, form_data
from handschlag.api.limits import limit
from handschlag.api.routers.common import Done, Id, InputSchema, PageNumber, caller, responses
from handschlag.groups import queries, services
from handschlag.groups.errors import JoinRequestNotFound, NotAModerator
from handschlag.groups.forms import GroupForm, InvitationForm, InvitationPolicyForm
from handschlag.groups.models import JoinRequest

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


### Creating and moderating ###

#: Who may join (``groups.models.Visibility``).
VisibilityCode = Literal["public", "closed"]
#: What happens to irrelevant bulk invitations (``groups.models.IrrelevantAction``).
IrrelevantActionCode = Literal["decline", "file"]


class GroupIn(InputSchema):
    """A new topic group: the fields of the page's form."""

    name: str
    description: str = ""
    #: At most ten; invitations are checked against the invitees' interests with them.
    topics: list[str]
    visibility: VisibilityCode = "public"


class JoinRequestOut(Schema):
    """A member waiting to be let into a closed group (for its moderators)."""

    id: int
    member_id: int
    full_name: str
    headline: str
    message: str
    sent_at: datetime


class JoinRequestAnswerIn(InputSchema):
    accept: bool


class InviteeOut(Schema):
    """One of the caller's contacts who is not in the group yet."""

    member_id: int
    full_name: str


class InvitationQuotaOut(Schema):
    """The caller's weekly invitation quota: lowered for invitations that matched none of
    the invitees' interests and were declined."""

    limit: int
    lowered_by: int
    used: int
    left: int
    #: When the next invitation becomes possible again (null when none was sent).
    resets_at: datetime | None


class InviteOptionsOut(Schema):
    contacts: list[InviteeOut]
    quota: InvitationQuotaOut


class GroupInvitationIn(InputSchema):
    """Whom to invite (one of your contacts not in the group) and a personal note."""

    invitee_id: int
    note: str = ""


class SentInvitationOut(Schema):
    """An invitation sent: the invitee learns of it as their settings say; the verdict
    stays theirs."""

    id: int
    group_slug: str
    invitee_id: int
    sent_at: datetime
    quota: InvitationQuotaOut


class InvitationSettingsIn(InputSchema):
    irrelevant_action: IrrelevantActionCode


class InvitationSettingsOut(Schema):
    #: ``decline``: declined automatically; ``file``: filed apart for you to look at.
    irrelevant_action: str


def _quota(member_id: int) -> InvitationQuotaOut:
    quota = services.weekly_invitation_quota(member_id, now=timezone.now())
    return InvitationQuotaOut(
        limit=quota.limit,
        lowered_by=quota.lowered_by,
        used=quota.used,
        left=quota.left,
        resets_at=quota.resets_at,
    )


@router.post(
    "/groups",
    response=responses(201, GroupDetailOut),
    throttle=limit("organise", per_member=30),
    summary="Create a group (you become its moderator)",
)
def create_group(request: HttpRequest, payload: GroupIn) -> Status[GroupDetailOut]:
    values = {**payload.dict(), "topics": ", ".join(payload.topics)}
    form = cleaned(GroupForm(form_data(values)))
    group = services.create_group(
        caller(request),
        name=form.cleaned_data["name"],
        description=form.cleaned_data["description"],
        topics=form.topic_list(),
        visibility=form.cleaned_data["visibility"],
    )
    return Status(201, _detail(request, group.slug))


@router.get(
    "/groups/{slug}/join-requests",
    response=responses(200, list[JoinRequestOut]),
    summary="Requests to join waiting for you (moderators only)",
)
def join_requests(request: HttpRequest, slug: str) -> list[JoinRequestOut]:
    page = queries.group_page(caller(request), slug=slug[:80])
    if not page.is_moderator:
        raise NotAModerator
    return [
        JoinRequestOut(
            id=r.pk,
            member_id=r.member_id,
            full_name=getattr(getattr(r.member, "profile", None), "full_name", ""),
            headline=getattr(getattr(r.member, "profile", None), "headline", ""),
            message=r.message,
            sent_at=r.sent_at,
        )
        for r in page.join_requests
    ]


@router.post(
    "/groups/{slug}/join-requests/{join_request_id}/answer",
    response=responses(200, GroupDetailOut, 409),
    throttle=limit("answer", per_member=120),
    summary="Let a member in, or decline (moderators only)",
)
def answer_join_request(
    request: HttpRequest, slug: str, join_request_id: Id, payload: JoinRequestAnswerIn
) -> GroupDetailOut:
    group = queries.get_group(slug[:80])
    if not JoinRequest.objects.filter(pk=join_request_id, group=group).exists():
        raise JoinRequestNotFound  # a request of another group: as if it did not exist
    services.answer_join_request(caller(request), request_id=join_request_id, accept=payload.accept)
    return _detail(request, group.slug)


@router.post(
    "/groups/{slug}/moderators/{member_id}",
    response=responses(200, GroupDetailOut),
    throttle=limit("answer", per_member=120),
    summary="Make a member of the group a moderator (moderators only)",
)
def make_moderator(request: HttpRequest, slug: str, member_id: Id) -> GroupDetailOut:
    group = queries.get_group(slug[:80])
    services.make_moderator(caller(request), group_id=group.pk, member_id=member_id)
    return _detail(request, group.slug)


@router.get(
    "/groups/{slug}/invite",
    response=responses(200, InviteOptionsOut),
    summary="Whom you can invite to the group, and your weekly quota",
)
def invite_options(request: HttpRequest, slug: str) -> InviteOptionsOut:
    member = caller(request)
    group = queries.get_group(slug[:80])
    contacts = queries.invitable_contacts(member, group)
    return InviteOptionsOut(
        contacts=[InviteeOut(member_id=pk, full_name=name) for pk, name in contacts],
        quota=_quota(member.pk),
    )


@router.post(
    "/groups/{slug}/invitations",
    response=responses(201, SentInvitationOut, 409),
    throttle=limit("invite", per_member=30),
    summary="Invite one of your contacts to the group",
)
def invite(
    request: HttpRequest, slug: str, payload: GroupInvitationIn
) -> Status[SentInvitationOut]:
    member = caller(request)
    group = queries.get_group(slug[:80])
    contacts = queries.invitable_contacts(member, group)
    form = cleaned(
        InvitationForm(
            form_data({"invitee": payload.invitee_id, "note": payload.note}), contacts=contacts
        )
    )
    invitation = services.invite_to_group(
        member,
        group_id=group.pk,
        invitee_id=form.cleaned_data["invitee"],
        note=form.cleaned_data["note"],
    )
    return Status(
        201,
        SentInvitationOut(
            id=invitation.pk,
            group_slug=group.slug,
            invitee_id=invitation.invitee_id,
            sent_at=invitation.sent_at,
            quota=_quota(member.pk),
        ),
    )


@router.get(
    "/group-invitations/settings",
    response=responses(200, InvitationSettingsOut),
    summary="What happens to invitations that match none of your interests, sent in bulk",
)
def invitation_settings(request: HttpRequest) -> InvitationSettingsOut:
    policy = queries.invitation_policy(caller(request).pk)
    return InvitationSettingsOut(irrelevant_action=policy.irrelevant_action)


@router.put(
    "/group-invitations/settings",
    response=responses(200, InvitationSettingsOut),
    throttle=limit("profile_write", per_member=30),
    summary="Decline such invitations automatically, or file them apart",
)
def save_invitation_settings(
    request: HttpRequest, payload: InvitationSettingsIn
) -> InvitationSettingsOut:
    member = caller(request)
    form = cleaned(InvitationPolicyForm(form_data(payload.dict())))
    policy = services.save_invitation_policy(
        member, irrelevant_action=form.cleaned_data["irrelevant_action"]
    )
    return InvitationSettingsOut(irrelevant_action=policy.irrelevant_action)
