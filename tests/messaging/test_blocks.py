"""Blocking in messaging: no messages either way, and the blocked side cannot tell."""

from __future__ import annotations

import pytest
from django.urls import reverse

from handschlag.messaging import services
from handschlag.messaging.errors import MemberNotFound
from handschlag.moderation.blocks import block_member
from tests.messaging.factories import connect, member

pytestmark = pytest.mark.django_db

HELLO = "Guten Tag, wir sollten uns über die Veranstaltung im März austauschen."


def test_a_blocked_member_cannot_write_and_gets_the_unknown_member_answer(anna, bernd):
    connect(bernd, anna, days_ago=200)
    block_member(anna, blocked_id=bernd.pk)

    with pytest.raises(MemberNotFound) as refused:
        services.send_message(bernd, recipient_id=anna.pk, text=HELLO)
    ghost = member("geist@example.org", "Gerda Geist")
    ghost.is_active = False
    ghost.save(update_fields=["is_active"])
    with pytest.raises(MemberNotFound) as unknown:
        services.send_message(bernd, recipient_id=ghost.pk, text=HELLO)
    assert str(refused.value) == str(unknown.value)


def test_the_blocker_cannot_write_to_the_member_they_blocked_either(anna, bernd):
    connect(bernd, anna, days_ago=200)
    block_member(anna, blocked_id=bernd.pk)

    with pytest.raises(MemberNotFound):
        services.send_message(anna, recipient_id=bernd.pk, text=HELLO)


def test_the_write_page_is_a_404_like_for_an_unknown_member(anna, bernd, client_for):
    block_member(anna, blocked_id=bernd.pk)

    blocked = client_for(bernd).get(reverse("write_message", args=[anna.pk]))
    missing = client_for(bernd).get(reverse("write_message", args=[999_999]))
    assert blocked.status_code == missing.status_code == 404


def test_a_waiting_message_request_leaves_the_folder_when_its_sender_is_blocked(anna, client_for):
    stranger = member("frieda.fremd@example.org", "Frieda Fremd")
    services.send_message(stranger, recipient_id=anna.pk, text=HELLO)
    folder = client_for(anna).get(reverse("message_requests")).content.decode()
    assert "Frieda Fremd" in folder

    block_member(anna, blocked_id=stranger.pk)

    folder = client_for(anna).get(reverse("message_requests")).content.decode()
    assert "Frieda Fremd" not in folder
