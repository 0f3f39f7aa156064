"""Warm introductions: a member asks a mutual contact to introduce them to someone.

The introducer forwards the request with a word of their own, which becomes a contact
request from the requester to the target (through ``send_contact_request``, so the trust
engine judges it like any other and the target's inbox shows the introduction), or
declines it. A declined introduction reaches nobody but the requester, who learns only
that it was not forwarded: the target never hears of it, and no reason is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.core.errors import HandschlagError, NotFound
from handschlag.network import services
from handschlag.network.connections import is_mutual_contact, list_mutual_contacts
from handschlag.network.models import (
    Connection,
    ContactRequest,
    Intent,
    Introduction,
    IntroductionStatus,
)
from handschlag.profiles.models import Profile

#: The reason and the introducer's word together must fit in a contact request's note.
REASON_MAX_LENGTH = 300
INTRODUCER_NOTE_MAX_LENGTH = 180
#: How many introductions a member may have waiting at once.
MAX_PENDING_PER_REQUESTER = 10
#: The intent of a request made from an introduction asked for before requesters were
#: asked what it is about (migration 0003 gave those "other").
INTRODUCTION_INTENT = Intent.OTHER


class IntroductionRefused(HandschlagError):
    """The introduction cannot be asked for, forwarded or declined as it stands."""


class IntroductionNotFound(NotFound):
    """Not an introduction the member may act on (404, not 403)."""

    def __init__(self) -> None:
        super().__init__(_("This introduction request does not exist or was already answered."))


### Reads ###


@dataclass(frozen=True, slots=True)
class IntroductionPage:
    """What a member sees when asking to be introduced to someone."""

    target: Profile
    introducers: list[Profile]
    is_connected: bool
    pending: Introduction | None


def _active_profile(member_id: int) -> Profile:
    try:
        return Profile.objects.select_related("member").get(
            member_id=member_id, member__is_active=True
        )
    except Profile.DoesNotExist:
        raise Http404 from None


def get_introduction_page(requester: Member, *, target_id: int) -> IntroductionPage:
    """The target's profile and the mutual contacts who could introduce the requester."""
    if target_id == requester.pk:
        raise Http404
    target = _active_profile(target_id)
    connected = Connection.objects.filter(owner_id=requester.pk, contact_id=target_id).exists()
    pending = (
        Introduction.objects.filter(
            requester=requester, target_id=target_id, status=IntroductionStatus.PENDING
        )
        .select_related("introducer__profile")
        .first()
    )
    return IntroductionPage(
        target=target,
        introducers=[] if connected else list_mutual_contacts(requester.pk, target_id),
        is_connected=connected,
        pending=pending,
    )


def list_introductions_to_forward(introducer: Member) -> QuerySet[Introduction]:
    """Introductions waiting for the member's answer, oldest first."""
    return (
        Introduction.objects.filter(introducer=introducer, status=IntroductionStatus.PENDING)
        .select_related("requester__profile", "target__profile")
        .order_by("created_at", "pk")
    )


def list_requested_introductions(requester: Member) -> QuerySet[Introduction]:
    """The introductions the member asked for, newest first.

    Templates must not name the introducer of a declined one: the requester only learns
    that it was not forwarded.
    """
    return (
        Introduction.objects.filter(requester=requester)
        .select_related("introducer__profile", "target__profile")
        .order_by("-created_at", "-pk")[:50]
    )


### Writes ###


def _touch(now: datetime, *pairs: tuple[int, int]) -> None:
    """Count an introduction as an interaction on both sides of each connection."""
    condition = Q()
    for first, second in pairs:
        condition |= Q(owner_id=first, contact_id=second) | Q(owner_id=second, contact_id=first)
    Connection.objects.filter(condition).update(last_interaction_at=now)


@transaction.atomic(durable=True)
def request_introduction(
    requester: Member, *, target_id: int, introducer_id: int, reason: str, intent: str
) -> Introduction:
    """Ask a mutual contact to introduce the requester to the target, with a reason and
    what it is about (one of the contact request's intents, carried into the request).

    Refused when the two are connected already, when a request or an introduction
    between them is pending, or without a reason; a 404 when the introducer is not a
    contact of both (nobody learns whom someone else is connected with).
    """
    if target_id == requester.pk:
        raise IntroductionNotFound
    target = _active_profile(target_id)
    # Serialise one requester's introductions, so two clicks never make two.
    Member.objects.select_for_update().filter(pk=requester.pk).first()
    if not is_mutual_contact(introducer_id, member_id=requester.pk, other_id=target_id):
        raise IntroductionNotFound
    if Connection.objects.filter(owner_id=requester.pk, contact_id=target_id).exists():
        raise IntroductionRefused(
            _("You are already connected with %(name)s.") % {"name": target.full_name}
        )
    pending = Introduction.objects.filter(requester=requester, status=IntroductionStatus.PENDING)
    if pending.filter(target_id=target_id).exists():
        raise IntroductionRefused(
            _("You have already asked for an introduction to %(name)s; please wait for it.")
            % {"name": target.full_name}
        )
    if pending.count() >= MAX_PENDING_PER_REQUESTER:
        raise IntroductionRefused(
            _(
                "You have %(count)d introduction requests waiting. "
                "Please wait for answers before you ask for more."
            )
            % {"count": MAX_PENDING_PER_REQUESTER}
        )
    if (
        ContactRequest.objects.pending()
        .filter(
            Q(sender=requester, recipient_id=target_id)
            | Q(sender_id=target_id, recipient=requester)
        )
        .exists()
    ):
        raise IntroductionRefused(
            _("A contact request between you and %(name)s is already waiting for an answer.")
            % {"name": target.full_name}
        )
    reason = reason.strip()
    if not reason:
        raise IntroductionRefused(
            _("Please say why you would like to meet %(name)s.") % {"name": target.full_name},
            field="reason",
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise IntroductionRefused(
            _("Your reason has %(length)d characters; at most %(limit)d are allowed.")
            % {"length": len(reason), "limit": REASON_MAX_LENGTH},
            field="reason",
        )
    if intent not in Intent.values:
        raise IntroductionRefused(_("Please choose what your request is about."), field="intent")
    return Introduction.objects.create(
        requester=requester,
        introducer_id=introducer_id,
        target_id=target_id,
        reason=reason,
        intent=intent,
    )


def _pending_for(introducer: Member, introduction_id: int) -> Introduction:
    try:
        return (
            Introduction.objects.select_for_update(of=("self",))
            .select_related("requester", "target")
            .get(pk=introduction_id, introducer=introducer, status=IntroductionStatus.PENDING)
        )
    except Introduction.DoesNotExist:
        raise IntroductionNotFound from None


def compose_note(introduction: Introduction, *, introducer_name: str, word: str) -> str:
    """The request's note: the requester's reason, then the introducer's word, signed.

    No translated words: the note is read in the target's language, whatever the
    introducer's; the target's inbox shows that it came through an introduction.
    """
    word = word.strip()
    if not word:
        return introduction.reason
    return f"{introduction.reason}\n\n{introducer_name}: {word}"


def forward_introduction(
    introducer: Member, *, introduction_id: int, word: str = ""
) -> Introduction:
    """Forward an introduction: a contact request from the requester reaches the target.

    The introduction is marked forwarded first (so it can be forwarded only once), then
    the request is sent in its own transaction; if sending is refused (the requester's
    quota, a cool-down, a pending request), the introduction is waiting again and the
    introducer is told in words that reveal nothing of the requester's standing.
    """
    word = word.strip()
    if len(word) > INTRODUCER_NOTE_MAX_LENGTH:
        raise IntroductionRefused(
            _("Your note has %(length)d characters; at most %(limit)d are allowed.")
            % {"length": len(word), "limit": INTRODUCER_NOTE_MAX_LENGTH},
            field="word",
        )
    now = timezone.now()
    with transaction.atomic(durable=True):
        introduction = _pending_for(introducer, introduction_id)
        if not is_mutual_contact(
            introducer.pk, member_id=introduction.requester_id, other_id=introduction.target_id
        ):
            raise IntroductionNotFound
        introduction.status = IntroductionStatus.FORWARDED
        introduction.introducer_note = word
        introduction.decided_at = now
        introduction.save(update_fields=["status", "introducer_note", "decided_at"])
    introducer_name = (
        Profile.objects.filter(member=introducer).values_list("full_name", flat=True).first() or ""
    )
    try:
        services.send_contact_request(
            introduction.requester,
            recipient=introduction.target,
            note=compose_note(introduction, introducer_name=introducer_name, word=word),
            intent=introduction.intent or INTRODUCTION_INTENT,
            introduction=introduction,
        )
    except HandschlagError:
        Introduction.objects.filter(pk=introduction.pk).update(
            status=IntroductionStatus.PENDING, introducer_note="", decided_at=None
        )
        raise IntroductionRefused(
            _(
                "This introduction cannot be forwarded at the moment. "
                "You can try again later or decline it."
            )
        ) from None
    _touch(
        now,
        (introducer.pk, introduction.requester_id),
        (introducer.pk, introduction.target_id),
    )
    return introduction


@transaction.atomic(durable=True)
def decline_introduction(introducer: Member, *, introduction_id: int) -> Introduction:
    """Decline to forward an introduction; the target never learns of it."""
    introduction = _pending_for(introducer, introduction_id)
    introduction.status = IntroductionStatus.DECLINED
    introduction.decided_at = timezone.now()
    introduction.save(update_fields=["status", "decided_at"])
    return introduction
