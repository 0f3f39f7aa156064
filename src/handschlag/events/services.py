"""Every write around meetups: organising, answering, the waiting list, check-in, feeds.

The guest list is decided under a row lock on the meetup: each RSVP, cancellation and
capacity change first locks the meetup's row (``SELECT … FOR UPDATE`` on PostgreSQL;
SQLite runs every transaction ``IMMEDIATE``, which takes the database's write lock at
``BEGIN``), then counts who is going. So two members can never both take the last place,
however many answer at once (tests/events/test_concurrency.py).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.core.errors import HandschlagError, NotFound
from handschlag.events import check_in as codes
from handschlag.events.errors import (
    CapacityBelowGuests,
    CheckInClosed,
    CheckInNotOpenYet,
    MeetupCancelled,
    MeetupOver,
    NotOnGuestList,
    OrganiserCannotRsvp,
    TooManyWrongCodes,
    WrongCode,
)
from handschlag.events.models import (
    MAX_CAPACITY,
    CalendarFeed,
    Meetup,
    Rsvp,
    RsvpStatus,
    WrongCheckInCode,
)

#: Wrong check-in codes a member may enter per hour (over all meetups) before the form
#: stops evaluating codes: six characters of base 32 leave a guesser no chance.
WRONG_CODES_PER_HOUR = 5
WRONG_CODE_WINDOW = timedelta(hours=1)

#: The fields an organiser sets; nothing else is copied from a form.
MEETUP_FIELDS = (
    "title",
    "venue",
    "address",
    "city",
    "starts_at",
    "ends_at",
    "capacity",
    "description",
)


def _now(now: datetime | None) -> datetime:
    return now if now is not None else timezone.now()


def _locked_meetup(meetup_id: int) -> Meetup:
    try:
        return Meetup.objects.select_for_update().get(pk=meetup_id)
    except Meetup.DoesNotExist:
        raise NotFound(_("This meetup does not exist.")) from None


def _organised_meetup(organiser: Member, meetup_id: int) -> Meetup:
    """The meetup, locked, if ``organiser`` organises it; NotFound for anyone else."""
    meetup = _locked_meetup(meetup_id)
    if meetup.organiser_id != organiser.pk:
        raise NotFound(_("This meetup does not exist."))
    return meetup


def _validate(values: Mapping[str, object], *, now: datetime, creating: bool) -> None:
    starts_at, ends_at = values["starts_at"], values["ends_at"]
    if not isinstance(starts_at, datetime) or not isinstance(ends_at, datetime):
        raise HandschlagError(_("Please enter the start and the end."), field="starts_at")
    if creating and starts_at <= now:
        raise HandschlagError(_("The meetup must start in the future."), field="starts_at")
    if ends_at <= starts_at:
        raise HandschlagError(_("The meetup must end after it starts."), field="ends_at")
    capacity = values["capacity"]
    if not isinstance(capacity, int) or not 1 <= capacity <= MAX_CAPACITY:
        raise HandschlagError(
            _("The capacity must be between 1 and %(max)d.") % {"max": MAX_CAPACITY},
            field="capacity",
        )


### Organising ###


@transaction.atomic
def create_meetup(
    organiser: Member, *, values: Mapping[str, object], now: datetime | None = None
) -> Meetup:
    """Publish a meetup that ``organiser`` hosts; it must start in the future."""
    fields = {name: values[name] for name in MEETUP_FIELDS}
    _validate(fields, now=_now(now), creating=True)
    return Meetup.objects.create(organiser=organiser, **fields)


@transaction.atomic
def update_meetup(
    organiser: Member,
    *,
    meetup_id: int,
    values: Mapping[str, object],
    now: datetime | None = None,
) -> Meetup:
    """Change one's own meetup; more room moves the first waiting members up, and the
    capacity may not drop below the members already going."""
    now = _now(now)
    meetup = _organised_meetup(organiser, meetup_id)
    if meetup.is_cancelled:
        raise MeetupCancelled()
    fields = {name: values[name] for name in MEETUP_FIELDS}
    _validate(fields, now=now, creating=False)
    going = meetup.rsvps.going().count()
    capacity = fields["capacity"]
    if isinstance(capacity, int) and capacity < going:
        raise CapacityBelowGuests(going)
    for name, value in fields.items():
        setattr(meetup, name, value)
    meetup.save()
    if meetup.starts_at > now:
        _promote_waiting(meetup, going=going, now=now)
    return meetup


@transaction.atomic
def cancel_meetup(organiser: Member, *, meetup_id: int, now: datetime | None = None) -> Meetup:
    """Call one's own meetup off; the guest list stays, so members learn of it (digest)."""
    meetup = _organised_meetup(organiser, meetup_id)
    if not meetup.is_cancelled:
        meetup.cancelled_at = _now(now)
        meetup.save(update_fields=["cancelled_at", "updated_at"])
    return meetup


### Answering and the waiting list ###


def _promote_waiting(meetup: Meetup, *, going: int, now: datetime) -> list[Rsvp]:
    """Move the first waiting members up into the free places (meetup row locked)."""
    free = meetup.capacity - going
    if free <= 0:
        return []
    promoted = list(meetup.rsvps.waiting()[:free])
    for rsvp in promoted:
        rsvp.status = RsvpStatus.GOING
        rsvp.promoted_at = now
        rsvp.promotion_seen_at = None
    Rsvp.objects.bulk_update(promoted, ["status", "promoted_at", "promotion_seen_at"])
    return promoted


def _open_for_answers(meetup: Meetup, now: datetime) -> None:
    if meetup.is_cancelled:
        raise MeetupCancelled()
    if meetup.starts_at <= now:
        raise MeetupOver()


@transaction.atomic
def rsvp_to_meetup(member: Member, *, meetup_id: int, now: datetime | None = None) -> Rsvp:
    """Say "I am going": a place while there is one, else the end of the waiting list.

    Answering again while going or waiting changes nothing (a double click keeps the
    member's place in the queue).
    """
    now = _now(now)
    meetup = _locked_meetup(meetup_id)
    _open_for_answers(meetup, now)
    if meetup.organiser_id == member.pk:
        raise OrganiserCannotRsvp()
    rsvp = Rsvp.objects.filter(meetup=meetup, member=member).first()
    if rsvp is not None and rsvp.status != RsvpStatus.CANCELLED:
        return rsvp
    going = meetup.rsvps.going().count()
    status = RsvpStatus.GOING if going < meetup.capacity else RsvpStatus.WAITING
    waiting_since = now if status == RsvpStatus.WAITING else None
    if rsvp is None:
        return Rsvp.objects.create(
            meetup=meetup,
            member=member,
            status=status,
            answered_at=now,
            waiting_since=waiting_since,
        )
    rsvp.status = status
    rsvp.answered_at = now
    rsvp.waiting_since = waiting_since
    rsvp.promoted_at = None
    rsvp.promotion_seen_at = None
    rsvp.save()
    return rsvp


@transaction.atomic
def cancel_rsvp(
    member: Member, *, meetup_id: int, now: datetime | None = None
) -> tuple[Rsvp, list[Rsvp]]:
    """Give up one's place (or leave the waiting list); a freed place goes to the first
    member waiting. Returns the member's answer and whoever moved up."""
    now = _now(now)
    meetup = _locked_meetup(meetup_id)
    _open_for_answers(meetup, now)
    rsvp = Rsvp.objects.filter(meetup=meetup, member=member).first()
    if rsvp is None or rsvp.status == RsvpStatus.CANCELLED:
        raise HandschlagError(_("You have not signed up for this meetup."))
    was_going = rsvp.status == RsvpStatus.GOING
    rsvp.status = RsvpStatus.CANCELLED
    rsvp.answered_at = now
    rsvp.waiting_since = None
    rsvp.save()
    promoted: list[Rsvp] = []
    if was_going:
        promoted = _promote_waiting(meetup, going=meetup.rsvps.going().count(), now=now)
    return rsvp, promoted


@transaction.atomic
def mark_promotions_seen(member: Member, *, now: datetime | None = None) -> int:
    """The member has read the notice that they moved up; it is not shown again."""
    return Rsvp.objects.filter(
        member=member, promoted_at__isnull=False, promotion_seen_at__isnull=True
    ).update(promotion_seen_at=_now(now))


### Check-in ###


def _wrong_codes_refusal(member: Member, now: datetime) -> TooManyWrongCodes | None:
    recent = list(
        WrongCheckInCode.objects.filter(member=member, attempted_at__gt=now - WRONG_CODE_WINDOW)
        .order_by("-attempted_at")
        .values_list("attempted_at", flat=True)[:WRONG_CODES_PER_HOUR]
    )
    if len(recent) < WRONG_CODES_PER_HOUR:
        return None
    # Tries come back when the oldest of the last five leaves the hour.
    return TooManyWrongCodes(recent[-1] + WRONG_CODE_WINDOW)


def check_in(member: Member, *, meetup_id: int, code: str, now: datetime | None = None) -> Rsvp:
    """Confirm that ``member`` is at the meetup with the code the organiser shows there.

    A wrong code is recorded and the transaction committed before the refusal is raised,
    so the limit of five wrong codes an hour holds; beyond it no code, right or wrong, is
    evaluated until an hour has passed. (Not ``durable``: the demo generator calls the
    services inside its own transaction.)
    """
    now = _now(now)
    refusal: HandschlagError | None = None
    with transaction.atomic():
        # The member's own row is the lock: their parallel tries queue up behind it.
        rsvp = (
            Rsvp.objects.select_for_update(of=("self",))
            .select_related("meetup")
            .filter(meetup_id=meetup_id, member=member)
            .first()
        )
        if rsvp is None:
            if not Meetup.objects.filter(pk=meetup_id).exists():
                raise NotFound(_("This meetup does not exist."))
            raise NotOnGuestList()
        meetup = rsvp.meetup
        if meetup.is_cancelled:
            raise MeetupCancelled()
        if rsvp.status != RsvpStatus.GOING:
            raise NotOnGuestList()
        if rsvp.checked_in_at is not None:
            return rsvp
        if now < meetup.check_in_opens_at:
            raise CheckInNotOpenYet(meetup.check_in_opens_at)
        if now > meetup.check_in_closes_at:
            raise CheckInClosed(meetup.check_in_closes_at)
        limited = _wrong_codes_refusal(member, now)
        if limited is not None:
            raise limited
        if codes.is_right_code(meetup.pk, code):
            rsvp.checked_in_at = now
            rsvp.save(update_fields=["checked_in_at"])
            return rsvp
        WrongCheckInCode.objects.create(member=member, meetup=meetup, attempted_at=now)
        used = WrongCheckInCode.objects.filter(
            member=member, attempted_at__gt=now - WRONG_CODE_WINDOW
        ).count()
        refusal = _wrong_codes_refusal(member, now) or WrongCode(WRONG_CODES_PER_HOUR - used)
    raise refusal


### Calendar feed ###


@transaction.atomic
def create_calendar_feed(member: Member, *, now: datetime | None = None) -> CalendarFeed:
    """Give the member a (new) secret feed URL; any earlier URL stops working."""
    feed, _created = CalendarFeed.objects.update_or_create(
        member=member, defaults={"key": secrets.token_urlsafe(24), "created_at": _now(now)}
    )
    return feed


@transaction.atomic
def revoke_calendar_feed(member: Member) -> bool:
    """Switch the member's feed off; its URL answers 404 from now on."""
    deleted, _rows = CalendarFeed.objects.filter(member=member).delete()
    return deleted > 0
