"""Meetup fixtures: a meetup happening right now, for check-in and attendee tests."""

from datetime import timedelta

import pytest
from django.utils import timezone

from handschlag.events.models import Meetup
from tests.events.factories import MeetupFactory


@pytest.fixture
def meetup_now(olaf) -> Meetup:
    """Olaf's meetup in Köln that started half an hour ago (check-in is open)."""
    start = timezone.now() - timedelta(minutes=30)
    return MeetupFactory(organiser=olaf, title="Stammtisch Köln", starts_at=start, capacity=5)
