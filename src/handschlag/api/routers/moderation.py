"""Blocks through the API: block a member, list one's blocks, lift one; the restriction on
sending contact requests in force for the caller, with its evidence in plain words (counts,
never scores: ``network.quotas.explain_restriction``), and the one appeal against it."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from handschlag.api.forms import cleaned, form_data
from handschlag.api.limits import limit
from handschlag.api.routers.common import Done, Id, InputSchema, caller, responses
from handschlag.moderation import blocks
from handschlag.network import quotas, services
from handschlag.network.forms import AppealForm

router = Router(tags=["moderation"])


class BlockOut(Schema):
    member_id: int
    full_name: str
    blocked_at: datetime


@router.get("/blocks", response=responses(200, list[BlockOut]), summary="Members you blocked")
def list_blocks(request: HttpRequest) -> list[BlockOut]:
    return [
        BlockOut(
            member_id=b.blocked_id,
            full_name=getattr(getattr(b.blocked, "profile", None), "full_name", ""),
            blocked_at=b.created_at,
        )
        for b in blocks.list_blocked(caller(request))
    ]


@router.post(
    "/members/{member_id}/block",
    response=responses(200, Done),
    throttle=limit("block", per_member=30),
    summary="Block a member (they are not told)",
)
def block_member(request: HttpRequest, member_id: Id) -> Done:
    member = caller(request)
    profile = blocks.get_member_to_block(member, member_id=member_id)
    blocks.block_member(member, blocked_id=member_id)
    return Done(
        detail=_("You have blocked %(name)s. They are not told.") % {"name": profile.full_name}
    )


@router.delete(
    "/blocks/{member_id}",
    response=responses(200, Done),
    throttle=limit("block", per_member=30),
    summary="Lift one of your blocks",
)
def unblock_member(request: HttpRequest, member_id: Id) -> Done:
    blocks.unblock_member(caller(request), blocked_id=member_id)
    return Done(detail=_("The block has been lifted."))


### The caller's restriction and their appeal ###


class AppealOut(Schema):
    created_at: datetime
    #: ``pending``, ``lifted`` or ``upheld``.
    outcome: str
    outcome_label: str
    decided_at: datetime | None


class RestrictionOut(Schema):
    """Whether the caller may send contact requests, and if not why (the page
    "Your contact requests")."""

    restricted: bool
    #: Null while it stays until a moderator lifts it (or when there is none).
    ends_at: datetime | None
    #: The evidence in plain words: what was counted, never a score.
    reasons: list[str]
    #: The caller's appeal against it, once made.
    appeal: AppealOut | None
    can_appeal: bool


class AppealIn(InputSchema):
    text: str


def _restriction(request: HttpRequest) -> RestrictionOut:
    restriction = quotas.current_restriction(caller(request))
    if restriction is None:
        return RestrictionOut(
            restricted=False, ends_at=None, reasons=[], appeal=None, can_appeal=False
        )
    appeal = quotas.appeal_of(restriction)
    return RestrictionOut(
        restricted=True,
        ends_at=restriction.ends_at,
        reasons=[str(reason) for reason in quotas.explain_restriction(restriction)],
        appeal=(
            AppealOut(
                created_at=appeal.created_at,
                outcome=appeal.outcome,
                outcome_label=str(appeal.get_outcome_display()),
                decided_at=appeal.decided_at,
            )
            if appeal is not None
            else None
        ),
        can_appeal=appeal is None,
    )


@router.get(
    "/restriction",
    response=responses(200, RestrictionOut),
    summary="Whether you may send contact requests, and the evidence if not",
)
def get_restriction(request: HttpRequest) -> RestrictionOut:
    return _restriction(request)


@router.post(
    "/restriction/appeal",
    response=responses(201, RestrictionOut, 409),
    throttle=limit("appeal", per_member=5, per_minutes=60),
    summary="Appeal once against the restriction in force (a person reads it)",
)
def appeal(request: HttpRequest, payload: AppealIn) -> Status[RestrictionOut]:
    form = cleaned(AppealForm(form_data(payload.dict())))
    services.appeal_restriction(caller(request), text=form.cleaned_data["text"])
    return Status(201, _restriction(request))
