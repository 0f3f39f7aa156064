"""Organising, RSVP with the waiting list, promotion on cancel, and check-in codes."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from handschlag.core.errors import HandschlagError
from handschlag.events import check_in as codes
from handschlag.events import services
from handschlag.events.errors import (
    CapacityBelowGuests,
    CheckInClosed,
    CheckInNotOpenYet,
    MeetupOver,
    NotOnGuestList,
    OrganiserCannotRsvp,
    TooManyWrongCodes,
    WrongCode,
)
from handschlag.events.models import Rsvp, RsvpStatus
from handschlag.events.queries import list_unseen_promotions
from tests.accounts.factories import MemberFactory
from tests.events.factories import MeetupFactory

pytestmark = pytest.mark.django_db


def _values(**changes):
    start = timezone.now() + timedelta(days=3)
    values = {
        "title": "Netzwerkabend Bonn",
        "venue": "Brauhaus Bönnsch",
        "address": "Sterntorbrücke 4",
        "city": "Bonn",
        "starts_at": start,
        "ends_at": start + timedelta(hours=3),
        "capacity": 2,
        "description": "",
    }
    values.update(changes)
    return values


### Organising ###


def test_an_organiser_publishes_a_meetup_in_the_future(anna):
    meetup = services.create_meetup(anna, values=_values())

    assert meetup.organiser == anna
    assert meetup.city == "Bonn"


def test_a_meetup_in_the_past_or_ending_before_it_starts_is_refused(anna):
    past = timezone.now() - timedelta(hours=1)
    with pytest.raises(HandschlagError) as started:
        services.create_meetup(anna, values=_values(starts_at=past, ends_at=past + timedelta(1)))
    start = timezone.now() + timedelta(days=1)
    with pytest.raises(HandschlagError) as backwards:
        services.create_meetup(anna, values=_values(starts_at=start, ends_at=start))

    assert (started.value.field, str(started.value.message)) == (
        "starts_at",
        "The meetup must start in the future.",
    )
    assert (backwards.value.field, str(backwards.value.message)) == (
        "ends_at",
        "The meetup must end after it starts.",
    )


def test_only_the_organiser_may_change_or_cancel_a_meetup(anna, clara):
    meetup = MeetupFactory(organiser=anna)

    with pytest.raises(HandschlagError, match="does not exist"):
        services.update_meetup(clara, meetup_id=meetup.pk, values=_values())
    with pytest.raises(HandschlagError, match="does not exist"):
        services.cancel_meetup(clara, meetup_id=meetup.pk)
    meetup.refresh_from_db()
    assert meetup.cancelled_at is None


def test_the_organiser_does_not_sign_up_for_their_own_meetup(anna):
    meetup = MeetupFactory(organiser=anna)

    with pytest.raises(OrganiserCannotRsvp):
        services.rsvp_to_meetup(anna, meetup_id=meetup.pk)


### Capacity and the waiting list ###


def test_members_beyond_the_capacity_join_the_waiting_list_in_order():
    meetup = MeetupFactory(capacity=2)
    members = MemberFactory.create_batch(5)

    answers = [services.rsvp_to_meetup(m, meetup_id=meetup.pk) for m in members]

    assert [a.status for a in answers] == ["going", "going", "waiting", "waiting", "waiting"]
    waiting = list(meetup.rsvps.waiting().values_list("member_id", flat=True))
    assert waiting == [m.pk for m in members[2:]]


def test_answering_twice_keeps_the_place_in_the_queue():
    meetup = MeetupFactory(capacity=1)
    first, second, third = MemberFactory.create_batch(3)
    services.rsvp_to_meetup(first, meetup_id=meetup.pk)
    services.rsvp_to_meetup(second, meetup_id=meetup.pk)
    services.rsvp_to_meetup(third, meetup_id=meetup.pk)

    again = services.rsvp_to_meetup(second, meetup_id=meetup.pk)

    assert again.status == RsvpStatus.WAITING
    assert list(meetup.rsvps.waiting().values_list("member_id", flat=True)) == [
        second.pk,
        third.pk,
    ]


def test_a_cancellation_promotes_the_first_member_waiting():
    meetup = MeetupFactory(capacity=2)
    going_1, going_2, waiting_1, waiting_2 = MemberFactory.create_batch(4)
    for member in (going_1, going_2, waiting_1, waiting_2):
        services.rsvp_to_meetup(member, meetup_id=meetup.pk)

    _answer, promoted = services.cancel_rsvp(going_1, meetup_id=meetup.pk)

    assert [r.member_id for r in promoted] == [waiting_1.pk]
    statuses = dict(meetup.rsvps.values_list("member_id", "status"))
    assert statuses == {
        going_1.pk: "cancelled",
        going_2.pk: "going",
        waiting_1.pk: "going",
        waiting_2.pk: "waiting",
    }
    assert meetup.rsvps.going().count() == meetup.capacity
    # The promoted member is told on their next visit, until they dismiss the notice.
    assert list_unseen_promotions(waiting_1) == [meetup]
    services.mark_promotions_seen(waiting_1)
    assert list_unseen_promotions(waiting_1) == []


def test_leaving_the_waiting_list_promotes_nobody():
    meetup = MeetupFactory(capacity=1)
    going, waiting, last = MemberFactory.create_batch(3)
    for member in (going, waiting, last):
        services.rsvp_to_meetup(member, meetup_id=meetup.pk)

    _answer, promoted = services.cancel_rsvp(waiting, meetup_id=meetup.pk)

    assert promoted == []
    assert list(meetup.rsvps.waiting().values_list("member_id", flat=True)) == [last.pk]


def test_a_member_who_cancelled_and_comes_back_queues_at_the_end():
    meetup = MeetupFactory(capacity=1)
    first, second, third = MemberFactory.create_batch(3)
    for member in (first, second, third):
        services.rsvp_to_meetup(member, meetup_id=meetup.pk)
    services.cancel_rsvp(first, meetup_id=meetup.pk)  # second moves up

    back = services.rsvp_to_meetup(first, meetup_id=meetup.pk)

    assert back.status == RsvpStatus.WAITING
    assert list(meetup.rsvps.waiting().values_list("member_id", flat=True)) == [
        third.pk,
        first.pk,
    ]


def test_more_room_moves_waiting_members_up_and_less_than_the_guests_is_refused():
    meetup = MeetupFactory(capacity=1)
    members = MemberFactory.create_batch(3)
    for member in members:
        services.rsvp_to_meetup(member, meetup_id=meetup.pk)
    values = {name: getattr(meetup, name) for name in services.MEETUP_FIELDS}

    services.update_meetup(meetup.organiser, meetup_id=meetup.pk, values=values | {"capacity": 2})

    assert meetup.rsvps.going().count() == 2
    with pytest.raises(CapacityBelowGuests) as refusal:
        services.update_meetup(
            meetup.organiser, meetup_id=meetup.pk, values=values | {"capacity": 1}
        )
    assert refusal.value.field == "capacity"
    assert str(refusal.value.message) == (
        "2 members are already going, so the capacity cannot be lower."
    )


def test_answers_close_when_the_meetup_starts_or_is_cancelled(clara):
    started = MeetupFactory(starts_at=timezone.now() - timedelta(minutes=5))
    cancelled = MeetupFactory()
    services.cancel_meetup(cancelled.organiser, meetup_id=cancelled.pk)

    with pytest.raises(MeetupOver):
        services.rsvp_to_meetup(clara, meetup_id=started.pk)
    with pytest.raises(HandschlagError, match="cancelled"):
        services.rsvp_to_meetup(clara, meetup_id=cancelled.pk)


### Check-in codes ###


def _going(meetup, member):
    """Sign ``member`` up a day before the meetup starts."""
    return services.rsvp_to_meetup(
        member, meetup_id=meetup.pk, now=meetup.starts_at - timedelta(days=1)
    )


def test_the_right_code_checks_the_member_in(meetup_now, anna):
    _going(meetup_now, anna)

    rsvp = services.check_in(anna, meetup_id=meetup_now.pk, code=codes.check_in_code(meetup_now.pk))

    assert rsvp.checked_in_at is not None


def test_the_code_is_forgiving_about_case_dashes_and_o_for_zero(meetup_now, anna):
    _going(meetup_now, anna)
    code = codes.display_code(meetup_now.pk)  # e.g. "K7M-4QX"
    typed = f" {code.lower().replace('0', 'o')} "

    rsvp = services.check_in(anna, meetup_id=meetup_now.pk, code=typed)

    assert rsvp.checked_in_at is not None


def test_codes_differ_between_meetups():
    assert codes.check_in_code(1) != codes.check_in_code(2)
    assert len(codes.check_in_code(1)) == codes.CODE_LENGTH


def test_a_wrong_code_is_refused_on_the_field_with_the_tries_left(meetup_now, anna):
    _going(meetup_now, anna)

    with pytest.raises(WrongCode) as refusal:
        services.check_in(anna, meetup_id=meetup_now.pk, code="AAAAAA")

    assert refusal.value.field == "code"
    assert str(refusal.value.message) == (
        "This is not the check-in code of this meetup. Please check it with the organiser. "
        "You have 4 more tries this hour."
    )
    assert not Rsvp.objects.checked_in().exists()


def test_a_wrong_code_is_explained_in_german(meetup_now, anna):
    _going(meetup_now, anna)

    with translation.override("de"), pytest.raises(WrongCode) as refusal:
        services.check_in(anna, meetup_id=meetup_now.pk, code="AAAAAA")

    assert str(refusal.value.message).startswith("Das ist nicht der Check-in-Code dieses Treffens.")


def test_an_expired_code_is_refused_with_the_closing_time(anna):
    start = timezone.now() - timedelta(hours=5)
    meetup = MeetupFactory(starts_at=start, ends_at=start + timedelta(hours=2))
    _going(meetup, anna)

    with pytest.raises(CheckInClosed) as refusal:
        services.check_in(anna, meetup_id=meetup.pk, code=codes.check_in_code(meetup.pk))

    assert refusal.value.field == "code"
    assert str(refusal.value.message).startswith("This check-in code has expired")


def test_check_in_opens_an_hour_before_the_start(anna):
    meetup = MeetupFactory(starts_at=timezone.now() + timedelta(hours=2))
    _going(meetup, anna)
    code = codes.check_in_code(meetup.pk)

    with pytest.raises(CheckInNotOpenYet):
        services.check_in(anna, meetup_id=meetup.pk, code=code)
    rsvp = services.check_in(
        anna, meetup_id=meetup.pk, code=code, now=meetup.starts_at - timedelta(minutes=59)
    )

    assert rsvp.checked_in_at is not None


def test_only_members_with_a_place_check_in(meetup_now, clara):
    with pytest.raises(NotOnGuestList):
        services.check_in(clara, meetup_id=meetup_now.pk, code=codes.check_in_code(meetup_now.pk))


def test_five_wrong_codes_an_hour_then_even_the_right_one_waits(meetup_now, anna):
    _going(meetup_now, anna)
    now = timezone.now()
    for minute in range(4):
        with pytest.raises(WrongCode):
            services.check_in(
                anna, meetup_id=meetup_now.pk, code="WRONG1", now=now + timedelta(minutes=minute)
            )
    with pytest.raises(TooManyWrongCodes):  # the fifth wrong code spends the last try
        services.check_in(
            anna, meetup_id=meetup_now.pk, code="WRONG1", now=now + timedelta(minutes=4)
        )

    right = codes.check_in_code(meetup_now.pk)
    with pytest.raises(TooManyWrongCodes) as limited:
        services.check_in(anna, meetup_id=meetup_now.pk, code=right, now=now + timedelta(minutes=5))
    assert limited.value.field == "code"
    assert str(limited.value.message).startswith(
        "You entered too many wrong codes. Please try again after"
    )
    # An hour after the first wrong code, one try is back, and the right code works.
    rsvp = services.check_in(
        anna, meetup_id=meetup_now.pk, code=right, now=now + timedelta(minutes=60, seconds=1)
    )
    assert rsvp.checked_in_at is not None
