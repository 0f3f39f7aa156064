"""A send refused by a quota answers 429 with Retry-After (SECURITY.md S6): the seconds
until the first request of the full window falls out of it, and the page says from when
the sender can send again, in the member's language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from handschlag.accounts.models import Member
from handschlag.network import services
from handschlag.network.engine import reset_engine
from handschlag.network.models import ContactRequest, NoteRequirement, RequestPolicy
from tests.profiles.factories import ProfileFactory

MONDAY = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fresh_engine() -> Iterator[None]:
    reset_engine()
    yield
    reset_engine()


def _member(name: str) -> Member:
    return ProfileFactory(full_name=name).member


def _recipient(name: str) -> Member:
    """Someone who accepts requests without a note, so a stranger can send one."""
    member = _member(name)
    RequestPolicy.objects.create(member=member, note_required=NoteRequirement.NEVER)
    return member


def _send(sender: Member, recipient: Member) -> None:
    services.send_contact_request(sender, recipient=recipient, note="", intent="met")


def _post(client, recipient: Member):
    return client.post(reverse("send_request", args=[recipient.pk]), {"intent": "met"})


def test_the_weekly_quota_answers_429_until_the_weeks_first_request_falls_out(
    client_for,
) -> None:
    with time_machine.travel(MONDAY, tick=False):
        sender = _member("Nina Neu")
    # A new account may send 5 a day and 20 a week: four days of five.
    for day in range(4):
        with time_machine.travel(MONDAY + timedelta(days=day, hours=1), tick=False):
            for i in range(5):
                _send(sender, _recipient(f"Empfänger {day}-{i}"))
    friday = MONDAY + timedelta(days=4, hours=3)
    with time_machine.travel(friday, tick=False):
        response = _post(client_for(sender), _recipient("Zoe Zuviel"))

    assert response.status_code == 429
    # The week began with the first request, on Monday at 10:00 (UTC).
    first = MONDAY + timedelta(hours=1)
    assert int(response["Retry-After"]) == int((first + timedelta(days=7) - friday).total_seconds())
    assert response["X-RateLimit-Limit"] == "20"
    assert response["X-RateLimit-Remaining"] == "0"
    body = response.content.decode()
    assert 'data-testid="send-blocked"' in body
    # Berlin time: 12:00 on the following Monday.
    assert "You have sent 20 contact requests this week, your weekly limit." in body
    assert "From June 9, 2025, noon you can send more." in body
    assert ContactRequest.objects.filter(sender=sender).count() == 20


def test_the_daily_quota_answers_429_in_the_requested_language(client_for) -> None:
    with time_machine.travel(MONDAY, tick=False):
        sender = _member("Nina Neu")
        for i in range(5):
            _send(sender, _recipient(f"Empfänger {i}"))
    later = MONDAY + timedelta(hours=2, minutes=30)
    with time_machine.travel(later, tick=False):
        client = client_for(sender, HTTP_ACCEPT_LANGUAGE="de")
        response = _post(client, _recipient("Zoe Zuviel"))

    assert response.status_code == 429
    # The day began with the first request, at 9:00 (UTC).
    assert int(response["Retry-After"]) == int(timedelta(hours=21, minutes=30).total_seconds())
    assert response["X-RateLimit-Limit"] == "5"
    body = response.content.decode()
    assert "Sie haben heute 5 Kontaktanfragen gesendet" in body
    assert "3. Juni 2025 11:00" in body


def test_a_send_within_the_quota_is_no_429(client_for) -> None:
    sender = _member("Nina Neu")

    response = _post(client_for(sender), _recipient("Zoe Zuviel"))

    assert response.status_code == 302
    assert "Retry-After" not in response


def test_other_refusals_are_no_429(client_for) -> None:
    sender = _member("Nina Neu")
    recipient = _recipient("Zoe Zuviel")
    _send(sender, recipient)

    response = _post(client_for(sender), recipient)

    assert response.status_code == 200
    assert "Retry-After" not in response
    assert 'data-testid="send-blocked"' in response.content.decode()
