"""Blocking a member: the writes and the cheap reads every surface asks.

A block works both ways: neither member sees the other's profile, finds the other in
search, sends the other a contact request or a message. The blocked member is never
told: each surface answers them exactly as it answers for a member who does not exist
(404 on pages, ``NotFound("This member does not exist.")`` from services).

Where the check belongs:

- pages about one member (profile, vCard, request page): ``is_blocked_either_way`` and
  answer 404;
- lists and searches: exclude ``blocked_either_way_ids(viewer)``;
- writes that reach another member (contact requests, messages, message requests):
  ``ensure_not_blocked(sender_id, recipient_id)``, which raises the same ``NotFound`` as
  an unknown member, or ``is_blocked_with_any(sender_id, member_ids)`` for a group.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Exists, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.core.errors import HandschlagError, NotFound
from handschlag.moderation.models import Block
from handschlag.profiles.models import Profile


class CannotBlockSelf(HandschlagError):
    """A member tried to block themselves."""

    def __init__(self) -> None:
        super().__init__(_("You cannot block yourself."))


### Reads ###


def is_blocked_either_way(member_id: int, other_id: int) -> bool:
    """Whether either of the two members blocked the other (one indexed lookup)."""
    if member_id == other_id:
        return False
    return Block.objects.filter(
        Q(blocker_id=member_id, blocked_id=other_id) | Q(blocker_id=other_id, blocked_id=member_id)
    ).exists()


def is_blocked_with_any(member_id: int, other_ids: Iterable[int]) -> bool:
    """Whether a block stands between ``member_id`` and any of ``other_ids`` (one query);
    for a message to a group."""
    others = [other for other in other_ids if other != member_id]
    if not others:
        return False
    return Block.objects.filter(
        Q(blocker_id=member_id, blocked_id__in=others)
        | Q(blocker_id__in=others, blocked_id=member_id)
    ).exists()


def pair_relation(member_id: int, other_id: int) -> tuple[bool, bool]:
    """Whether the two blocked each other (either way) and whether they are connected,
    in one query: the profile page asks both before anything else."""
    from handschlag.network.models import Connection

    if member_id == other_id:
        return False, False
    blocked = Block.objects.filter(
        Q(blocker_id=member_id, blocked_id=other_id) | Q(blocker_id=other_id, blocked_id=member_id)
    )
    connected = Connection.objects.filter(owner_id=member_id, contact_id=other_id)
    flags = (
        Member.objects.filter(pk=member_id)
        .annotate(is_blocked=Exists(blocked), is_connected=Exists(connected))
        .values_list("is_blocked", "is_connected")
        .first()
    )
    return (bool(flags[0]), bool(flags[1])) if flags else (False, False)


def blocked_either_way_ids(member_id: int) -> set[int]:
    """The ids of every member this one blocked or was blocked by (bounded by their blocks)."""
    rows = Block.objects.filter(Q(blocker_id=member_id) | Q(blocked_id=member_id)).values_list(
        "blocker_id", "blocked_id"
    )
    return {blocked if blocker == member_id else blocker for blocker, blocked in rows}


def ensure_not_blocked(sender_id: int, recipient_id: int) -> None:
    """Refuse a contact attempt between blocked members with the unknown-member answer.

    The message is the one every service gives for a member who does not exist, so the
    blocked side cannot tell a block from a deactivated account.
    """
    if is_blocked_either_way(sender_id, recipient_id):
        raise NotFound(_("This member does not exist."))


def list_blocked(member: Member) -> QuerySet[Block]:
    """The members this one blocked, newest first, with their profiles (for unblocking)."""
    return (
        Block.objects.filter(blocker_id=member.pk)
        .select_related("blocked__profile")
        .order_by("-created_at", "-pk")
    )


### Writes ###


@transaction.atomic(durable=True)
def block_member(member: Member, *, blocked_id: int) -> Block:
    """Block a member: end the connection between the two and settle pending requests.

    A request from the blocked member is declined (they see an ordinary decline); one
    to them is withdrawn. Blocking twice keeps the first block.
    """
    # Imported here: network's services import this module for their block check.
    from handschlag.network.models import ContactRequest, Decision, RequestStatus
    from handschlag.network.services import remove_connection

    if member.pk == blocked_id:
        raise CannotBlockSelf
    other = Member.objects.filter(pk=blocked_id, is_active=True).first()
    if other is None:
        raise NotFound(_("This member does not exist."))
    try:
        with transaction.atomic():
            block, _created = Block.objects.get_or_create(blocker=member, blocked=other)
    except IntegrityError:  # a concurrent block of the same pair won
        block = Block.objects.get(blocker=member, blocked=other)
    remove_connection(member, contact=other)
    now = timezone.now()
    ContactRequest.objects.pending().filter(sender_id=other.pk, recipient_id=member.pk).update(
        status=RequestStatus.DECLINED, decision=Decision.DECLINED, decided_at=now
    )
    ContactRequest.objects.pending().filter(sender_id=member.pk, recipient_id=other.pk).update(
        status=RequestStatus.WITHDRAWN, decided_at=now
    )
    return block


@transaction.atomic(durable=True)
def unblock_member(member: Member, *, blocked_id: int) -> None:
    """Lift one of the member's own blocks; 404 for a block that is not theirs."""
    deleted, _rows = Block.objects.filter(blocker_id=member.pk, blocked_id=blocked_id).delete()
    if not deleted:
        raise NotFound(_("You have not blocked this member."))


def get_member_to_block(member: Member, *, member_id: int) -> Profile:
    """The profile of an active member ``member`` may block; NotFound for unknown and
    deactivated members, the member themself, and anyone who blocked them already."""
    profile = (
        Profile.objects.select_related("member")
        .filter(member_id=member_id, member__is_active=True)
        .exclude(member_id=member.pk)
        .first()
    )
    if profile is None or Block.objects.filter(blocker_id=member_id, blocked_id=member.pk).exists():
        raise NotFound(_("This member does not exist."))
    return profile


def has_blocked(member: Member, *, member_id: int) -> bool:
    """Whether ``member`` blocked ``member_id`` (their own block, not the other way)."""
    return Block.objects.filter(blocker_id=member.pk, blocked_id=member_id).exists()
