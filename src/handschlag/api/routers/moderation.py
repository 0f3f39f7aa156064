"""Blocks through the API: block a member, list one's blocks, lift one."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from handschlag.api.limits import limit
from handschlag.api.routers.common import Done, Id, caller, responses
from handschlag.moderation import blocks

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
