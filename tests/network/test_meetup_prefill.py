"""The contact-request page fills in "we met" from an attendee list's link, and the note
only from what the database knows."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from handschlag.events.models import Rsvp, RsvpStatus
from tests.events.factories import MeetupFactory

pytestmark = pytest.mark.django_db


def _checked_in(member, meetup) -> None:
    Rsvp.objects.create(
        meetup=meetup,
        member=member,
        status=RsvpStatus.GOING,
        answered_at=meetup.starts_at - timedelta(days=2),
        checked_in_at=meetup.starts_at + timedelta(minutes=10),
    )


def _form(client, member_id: int, query: str) -> str:
    return client.get(reverse("send_request", args=[member_id]) + query).content.decode()


def test_both_at_the_meetup_prefills_the_intent_and_the_note(anna, clara, client_for):
    meetup = MeetupFactory(title="Stammtisch Köln", starts_at=timezone.now() - timedelta(days=3))
    _checked_in(anna, meetup)
    _checked_in(clara, meetup)

    page = _form(client_for(anna), clara.pk, f"?intent=met&event={meetup.pk}")

    assert re.search(r'<input[^>]*value="met"[^>]*checked', page)
    assert "We met at the meetup “Stammtisch Köln”" in page


def test_a_meetup_the_other_did_not_attend_prefills_no_note(anna, clara, client_for):
    meetup = MeetupFactory(title="Stammtisch Bonn", starts_at=timezone.now() - timedelta(days=3))
    _checked_in(anna, meetup)

    page = _form(client_for(anna), clara.pk, f"?intent=met&event={meetup.pk}")

    assert "Stammtisch Bonn" not in page


def test_words_in_the_link_never_reach_the_note(anna, clara, client_for):
    page = _form(client_for(anna), clara.pk, "?intent=met&event=1&note=Kaufen+Sie+jetzt")

    assert "Kaufen Sie jetzt" not in page
