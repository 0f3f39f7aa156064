"""Blocking: each effect, both ways, and that the blocked side cannot tell a block apart
from a member who does not exist.

Anna blocks Clara (a stranger) or Olaf (her contact); Bernd stays a bystander.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.urls import reverse

from handschlag.accounts.models import Member
from handschlag.core.errors import NotFound
from handschlag.moderation import blocks
from handschlag.moderation.models import Block
from handschlag.network import services as network
from handschlag.network.engine import reset_engine
from handschlag.network.models import ContactRequest, RequestStatus
from handschlag.network.queries import are_connected, get_member_to_contact
from tests.profiles.factories import ProfileFactory

NOTE = "Hallo Anna, wir haben uns auf dem Steuerberatertag in Köln über DATEV unterhalten."
UNKNOWN_ID = 999_999


@pytest.fixture(autouse=True)
def _fresh_engine() -> Iterator[None]:
    reset_engine()
    yield
    reset_engine()


def _send(sender: Member, recipient: Member) -> ContactRequest:
    return network.send_contact_request(sender, recipient=recipient, note=NOTE, intent="met")


def _neutral(body: bytes, member_id: int) -> str:
    """A response body with the asked-for id replaced, to compare two answers."""
    text = body.decode().replace(f"/members/{member_id}/", "/members/ID/")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)


### Services ###


def test_block_is_stored_once_and_read_both_ways(anna, clara, bernd) -> None:
    blocks.block_member(anna, blocked_id=clara.pk)
    blocks.block_member(anna, blocked_id=clara.pk)

    assert Block.objects.filter(blocker=anna, blocked=clara).count() == 1
    assert blocks.is_blocked_either_way(anna.pk, clara.pk)
    assert blocks.is_blocked_either_way(clara.pk, anna.pk)
    assert not blocks.is_blocked_either_way(anna.pk, bernd.pk)
    assert blocks.blocked_either_way_ids(anna.pk) == {clara.pk}
    assert blocks.blocked_either_way_ids(clara.pk) == {anna.pk}
    assert blocks.blocked_either_way_ids(bernd.pk) == set()


def test_a_member_cannot_block_themself_or_an_unknown_member(anna) -> None:
    with pytest.raises(blocks.CannotBlockSelf):
        blocks.block_member(anna, blocked_id=anna.pk)
    with pytest.raises(NotFound):
        blocks.block_member(anna, blocked_id=UNKNOWN_ID)


def test_blocking_removes_the_connection_both_ways(anna, olaf) -> None:
    assert are_connected(anna.pk, olaf.pk)

    blocks.block_member(anna, blocked_id=olaf.pk)

    assert not are_connected(anna.pk, olaf.pk)
    assert not are_connected(olaf.pk, anna.pk)


def test_blocking_settles_pending_requests_like_an_ordinary_answer(anna, clara) -> None:
    stranger = ProfileFactory().member
    incoming = _send(clara, anna)
    outgoing = _send(anna, stranger)

    blocks.block_member(anna, blocked_id=clara.pk)
    blocks.block_member(anna, blocked_id=stranger.pk)

    incoming.refresh_from_db()
    outgoing.refresh_from_db()
    assert incoming.status == RequestStatus.DECLINED
    assert incoming.decision == "declined"
    assert outgoing.status == RequestStatus.WITHDRAWN


@pytest.mark.parametrize("blocker", ["recipient", "sender"])
def test_no_contact_request_gets_through_a_block(anna, clara, blocker: str) -> None:
    if blocker == "recipient":
        blocks.block_member(anna, blocked_id=clara.pk)
    else:
        blocks.block_member(clara, blocked_id=anna.pk)

    with pytest.raises(NotFound) as refused:
        _send(clara, anna)

    assert str(refused.value.message) == "This member does not exist."
    assert not ContactRequest.objects.filter(sender=clara, recipient=anna).exists()


def test_the_refusal_is_the_one_for_a_member_who_does_not_exist(anna, clara) -> None:
    blocks.block_member(anna, blocked_id=clara.pk)
    with pytest.raises(NotFound) as blocked:
        get_member_to_contact(clara, member_id=anna.pk)
    with pytest.raises(NotFound) as unknown:
        get_member_to_contact(clara, member_id=UNKNOWN_ID)

    assert str(blocked.value.message) == str(unknown.value.message)


def test_unblocking_lifts_every_effect(anna, clara) -> None:
    blocks.block_member(anna, blocked_id=clara.pk)

    blocks.unblock_member(anna, blocked_id=clara.pk)

    assert not blocks.is_blocked_either_way(anna.pk, clara.pk)
    assert _send(clara, anna).status == RequestStatus.PENDING


def test_only_the_blocker_can_lift_a_block(anna, clara) -> None:
    blocks.block_member(anna, blocked_id=clara.pk)

    with pytest.raises(NotFound):
        blocks.unblock_member(clara, blocked_id=anna.pk)

    assert blocks.is_blocked_either_way(anna.pk, clara.pk)


### Pages: what the blocked member sees ###


@pytest.mark.parametrize("page", ["profile_detail", "profile_vcard", "send_request"])
def test_the_blocked_member_gets_the_same_404_as_for_an_unknown_member(
    client_for, anna, clara, page: str
) -> None:
    blocks.block_member(anna, blocked_id=clara.pk)
    client = client_for(clara)

    blocked = client.get(reverse(page, args=[anna.pk]))
    unknown = client.get(reverse(page, args=[UNKNOWN_ID]))

    assert blocked.status_code == unknown.status_code == 404
    assert _neutral(blocked.content, anna.pk) == _neutral(unknown.content, UNKNOWN_ID)
    assert "block" not in blocked.content.decode().lower()


def test_the_blocker_does_not_see_the_blocked_profile_either(client_for, anna, clara) -> None:
    blocks.block_member(anna, blocked_id=clara.pk)

    assert client_for(anna).get(reverse("profile_detail", args=[clara.pk])).status_code == 404


def test_the_blocked_member_does_not_find_the_blocker_in_search(
    client_for, anna, clara, bernd
) -> None:
    blocks.block_member(anna, blocked_id=clara.pk)

    clara_finds = client_for(clara).get("/search/", {"q": "Becker"}).content.decode()
    anna_finds = client_for(anna).get("/search/", {"q": "Vogt"}).content.decode()
    bernd_finds = client_for(bernd).get("/search/", {"q": "Becker"}).content.decode()

    assert "Anna Becker" not in clara_finds
    assert "0 members found" in clara_finds
    assert "Clara Vogt" not in anna_finds
    assert "Anna Becker" in bernd_finds


def test_a_sent_request_page_to_a_blocker_reads_like_one_to_a_deactivated_member(
    client_for, anna, clara
) -> None:
    blocks.block_member(anna, blocked_id=clara.pk)
    response = client_for(clara).post(
        reverse("send_request", args=[anna.pk]), {"note": NOTE, "intent": "met"}
    )

    assert response.status_code == 404
    assert not ContactRequest.objects.filter(sender=clara).exists()


### Pages: the blocker's side ###


def test_block_from_the_profile_asks_first_and_blocks_on_post(client_for, anna, clara) -> None:
    client = client_for(anna)
    profile = client.get(reverse("profile_detail", args=[clara.pk])).content.decode()
    assert reverse("block_member", args=[clara.pk]) in profile

    confirm = client.get(reverse("block_member", args=[clara.pk]))
    assert confirm.status_code == 200
    assert "Block Clara Vogt?" in confirm.content.decode()
    assert not Block.objects.exists()

    done = client.post(reverse("block_member", args=[clara.pk]), follow=True)

    assert Block.objects.filter(blocker=anna, blocked=clara).exists()
    body = done.content.decode()
    assert "You have blocked Clara Vogt. They are not told." in body
    assert "Clara Vogt" in body  # listed on the blocks page


def test_the_blocks_page_lists_own_blocks_and_unblocks(client_for, anna, clara, bernd) -> None:
    blocks.block_member(anna, blocked_id=clara.pk)
    blocks.block_member(bernd, blocked_id=anna.pk)
    client = client_for(anna)

    listed = client.get(reverse("blocked_members")).content.decode()
    assert "Clara Vogt" in listed
    assert "Bernd Wagner" not in listed  # who blocked Anna is never shown

    client.post(reverse("unblock_member", args=[clara.pk]))

    assert not blocks.is_blocked_either_way(anna.pk, clara.pk)
    assert client.get(reverse("profile_detail", args=[clara.pk])).status_code == 200
    assert client.post(reverse("unblock_member", args=[bernd.pk])).status_code == 404


def test_a_member_who_blocked_you_cannot_be_blocked_back_visibly(client_for, anna, clara) -> None:
    blocks.block_member(anna, blocked_id=clara.pk)

    response = client_for(clara).get(reverse("block_member", args=[anna.pk]))

    assert response.status_code == 404
