"""The demo's messages: what the demo login finds under "Messages" and "Message requests"."""

from datetime import UTC, date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from handschlag.accounts.models import Member
from handschlag.messaging.models import Message, Participant, ParticipantState
from handschlag.messaging.queries import list_conversations, list_message_requests

DEMO_EMAIL = "demo@handschlag.example"


@pytest.fixture
def lena(db) -> Member:
    with time_machine.travel(datetime(2025, 3, 15, 18, 30, tzinfo=UTC), tick=False):
        call_command("demo", members=300, as_of=date(2025, 3, 15), stdout=StringIO())
    return Member.objects.get(email=DEMO_EMAIL)


def test_the_demo_login_finds_flagged_requests_conversations_and_a_pitch(lena):
    folder = list_message_requests(lena)
    labels = {row.title: row.label for row in folder.waiting}
    assert labels["Marco Stein"] == "spam"
    assert {"spam", "decline", "welcome"} <= set(labels.values())
    assert all(row.reasons for row in folder.waiting if row.label != "welcome")

    rows = list_conversations(lena).object_list
    titles = [row.title for row in rows]
    assert "Henrik Sommer" in titles
    assert "Handschlag-Treffen Freiburg" in titles
    henrik = next(row for row in rows if row.title == "Henrik Sommer")
    assert Message.objects.filter(conversation_id=henrik.conversation_id).count() >= 40
    assert henrik.unread == 1

    # The cold acquirer connected two days ago and pitched her (and six others) at once.
    pitch = Message.objects.filter(
        conversation__participants__member=lena, text__contains="calendly.com/leadwerk"
    ).get()
    codes = {hit["code"] for hit in pitch.hits}
    assert {"PITCH_AFTER_CONNECT", "TPL_MASS_SEND"} <= codes
    assert Participant.objects.get(conversation=pitch.conversation, member=lena).state == (
        ParticipantState.ACTIVE
    )
