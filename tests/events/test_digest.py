"""The daily digest tells members who moved up from a waiting list, and whose meetup was
cancelled, in their language."""

from datetime import timedelta

import pytest
from django.utils import timezone

from handschlag.events import services
from handschlag.notifications.services import compose_digest
from tests.accounts.factories import MemberFactory
from tests.events.factories import MeetupFactory

pytestmark = pytest.mark.django_db


def test_a_promoted_member_reads_it_in_the_digest(anna, clara):
    since = timezone.now() - timedelta(minutes=1)
    meetup = MeetupFactory(capacity=1, title="Volles Frühstück")
    services.rsvp_to_meetup(anna, meetup_id=meetup.pk)
    services.rsvp_to_meetup(clara, meetup_id=meetup.pk)
    services.cancel_rsvp(anna, meetup_id=meetup.pk)

    digest = compose_digest(clara, since=since, until=timezone.now())

    assert digest is not None
    assert "Volles Frühstück" in digest.text
    assert "you moved up from the waiting list and are going" in digest.text
    assert compose_digest(anna, since=since, until=timezone.now()) is None


def test_guests_of_a_cancelled_meetup_read_it_in_german(anna):
    since = timezone.now() - timedelta(minutes=1)
    german = MemberFactory(language="de")
    meetup = MeetupFactory(title="Abgesagter Abend")
    services.rsvp_to_meetup(german, meetup_id=meetup.pk)
    services.cancel_meetup(meetup.organiser, meetup_id=meetup.pk)

    digest = compose_digest(german, since=since, until=timezone.now())

    assert digest is not None
    assert "Abgesagter Abend" in digest.text
    assert "Ihre Treffen" in digest.text
