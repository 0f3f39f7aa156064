"""Groups, meetups and messages recorded by other apps reach the engine as common ground."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.events.models import Rsvp, RsvpStatus
from handschlag.groups.services import create_group, join_group
from handschlag.messaging import services as messaging
from handschlag.network import services
from handschlag.network.models import ContactRequest
from tests.events.factories import MeetupFactory
from tests.profiles.factories import ProfileFactory

pytestmark = pytest.mark.django_db

NOTE = "Guten Tag, ich würde mich gern mit Ihnen vernetzen."


def _codes(request: ContactRequest) -> set[str]:
    return {hit["code"] for hit in request.hits}


def _stranger(name: str) -> Member:
    member = ProfileFactory(full_name=name).member
    Member.objects.filter(pk=member.pk).update(date_joined=timezone.now() - timedelta(days=400))
    member.refresh_from_db()
    return member


def _checked_in(member: Member, meetup) -> None:
    Rsvp.objects.create(
        meetup=meetup,
        member=member,
        status=RsvpStatus.GOING,
        answered_at=meetup.starts_at - timedelta(days=3),
        checked_in_at=meetup.starts_at + timedelta(minutes=20),
    )


def test_a_shared_group_is_common_ground_and_a_foreign_one_is_not(anna):
    sender, other = _stranger("Gerd Gruppe"), _stranger("Olga Anders")
    group = create_group(
        anna,
        name="Rheinland Mittelstand",
        description="",
        topics=["mittelstand"],
        visibility="public",
    )
    join_group(sender, group_id=group.pk)
    elsewhere = create_group(
        other, name="Andere Runde", description="", topics=["handel"], visibility="public"
    )
    join_group(sender, group_id=elsewhere.pk)

    request = services.send_contact_request(
        sender, recipient=anna, note=NOTE, intent="shared_interest"
    )

    assert "CG_SHARED_GROUP" in _codes(request)
    hit = next(h for h in request.hits if h["code"] == "CG_SHARED_GROUP")
    assert "Rheinland Mittelstand" in str(hit["evidence"])
    assert "Andere Runde" not in str(hit["evidence"])


def test_a_meetup_both_checked_in_at_is_common_ground(anna):
    sender = _stranger("Mia Treffen")
    past = MeetupFactory(starts_at=timezone.now() - timedelta(days=10), title="Frühstück Köln")
    _checked_in(anna, past)
    _checked_in(sender, past)

    request = services.send_contact_request(sender, recipient=anna, note=NOTE, intent="met")

    assert "CG_MET_AT_EVENT" in _codes(request)
    assert "CG_NONE" not in _codes(request)


def test_an_rsvp_without_check_in_is_no_proof_of_meeting(anna):
    sender = _stranger("Rolf Zusage")
    past = MeetupFactory(starts_at=timezone.now() - timedelta(days=10))
    _checked_in(anna, past)
    Rsvp.objects.create(
        meetup=past, member=sender, status=RsvpStatus.GOING, answered_at=past.starts_at
    )

    request = services.send_contact_request(sender, recipient=anna, note=NOTE, intent="met")

    assert "CG_MET_AT_EVENT" not in _codes(request)


def test_an_answered_conversation_is_prior_contact_and_unanswered_messages_are_not(anna, bernd):
    writer, pest = _stranger("Wanda Schreiber"), _stranger("Paul Penetrant")
    messaging.send_message(writer, recipient_id=anna.pk, text="Guten Tag, kurze Frage zum Vortrag.")
    conversation = messaging.send_message(
        anna, recipient_id=writer.pk, text="Gern, was möchten Sie wissen?"
    ).conversation
    assert conversation is not None
    messaging.send_message(pest, recipient_id=anna.pk, text="Guten Tag, kurze Frage zum Vortrag.")

    answered = services.send_contact_request(writer, recipient=anna, note=NOTE, intent="met")
    unanswered = services.send_contact_request(pest, recipient=anna, note=NOTE, intent="met")

    assert "CG_PRIOR_CONTACT" in _codes(answered)
    assert "CG_PRIOR_CONTACT" not in _codes(unanswered)
