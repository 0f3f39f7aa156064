"""Confirmed attendance as common ground, and the prefilled "we met" note."""

from datetime import timedelta

import pytest
from django.utils import formats, timezone

from handschlag.events import check_in as codes
from handschlag.events import queries, services
from tests.accounts.factories import MemberFactory
from tests.events.factories import MeetupFactory

pytestmark = pytest.mark.django_db


def _checked_in(meetup, *members):
    for member in members:
        services.rsvp_to_meetup(
            member, meetup_id=meetup.pk, now=meetup.starts_at - timedelta(days=1)
        )
        services.check_in(
            member,
            meetup_id=meetup.pk,
            code=codes.check_in_code(meetup.pk),
            now=meetup.starts_at + timedelta(minutes=10),
        )


def _past(title, days_ago, **kwargs):
    start = timezone.now() - timedelta(days=days_ago)
    return MeetupFactory(title=title, starts_at=start, **kwargs)


def test_meetups_both_checked_in_at_are_shared_latest_first(anna, clara):
    older = _past("Gründerstammtisch Köln", 40)
    newer = _past("Steuer-Frühstück Bonn", 10)
    _checked_in(older, anna, clara)
    _checked_in(newer, anna, clara)

    shared = queries.shared_checked_in_events(anna.pk, clara.pk)

    assert shared == [
        ("Steuer-Frühstück Bonn", timezone.localtime(newer.starts_at).date()),
        ("Gründerstammtisch Köln", timezone.localtime(older.starts_at).date()),
    ]
    assert queries.shared_checked_in_events(clara.pk, anna.pk) == shared


def test_going_without_checking_in_is_not_common_ground(anna, clara):
    meetup = _past("Netzwerkabend Düsseldorf", 3)
    _checked_in(meetup, anna)
    services.rsvp_to_meetup(clara, meetup_id=meetup.pk, now=meetup.starts_at - timedelta(1))

    assert queries.shared_checked_in_events(anna.pk, clara.pk) == []


def test_the_organiser_counts_as_present_once_someone_checked_in(anna, clara):
    meetup = _past("Handwerk trifft Digital", 5, organiser=clara)

    assert queries.shared_checked_in_events(anna.pk, clara.pk) == []
    _checked_in(meetup, anna)
    assert [title for title, _day in queries.shared_checked_in_events(anna.pk, clara.pk)] == [
        "Handwerk trifft Digital"
    ]


def test_a_cancelled_meetup_is_no_common_ground(anna, clara):
    meetup = _past("Abgesagt", 2)
    _checked_in(meetup, anna, clara)
    services.cancel_meetup(meetup.organiser, meetup_id=meetup.pk)

    assert queries.shared_checked_in_events(anna.pk, clara.pk) == []


def test_the_query_is_bounded_by_the_two_members(anna, clara, django_assert_num_queries):
    for index in range(3):
        _checked_in(
            _past(f"Treffen {index}", 10 + index), anna, clara, *MemberFactory.create_batch(2)
        )

    with django_assert_num_queries(1):
        assert len(queries.shared_checked_in_events(anna.pk, clara.pk)) == 3


def test_the_we_met_note_needs_both_at_that_meetup(anna, clara, bernd):
    meetup = _past("Unternehmerfrühstück", 7)
    _checked_in(meetup, anna, clara)
    day = formats.date_format(timezone.localtime(meetup.starts_at).date(), "DATE_FORMAT")

    note = queries.met_at_meetup_note(anna, other_id=clara.pk, meetup_id=meetup.pk)

    assert note == f"We met at the meetup “Unternehmerfrühstück” on {day}."
    assert queries.met_at_meetup_note(anna, other_id=bernd.pk, meetup_id=meetup.pk) is None
    assert queries.met_at_meetup_note(bernd, other_id=clara.pk, meetup_id=meetup.pk) is None
