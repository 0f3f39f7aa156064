"""Warm introductions: Anna asks Bernd, a contact she shares with Clara, to introduce her.

Bernd forwards (Clara gets a contact request that carries the introduction) or declines
(Clara never hears of it; Anna learns only that it was not forwarded).
"""

from datetime import UTC, datetime

import pytest
import time_machine

from handschlag.accounts.models import Member
from handschlag.network import introductions
from handschlag.network.models import (
    Connection,
    ContactRequest,
    Introduction,
    IntroductionStatus,
)
from handschlag.network.services import connect_members
from tests.accounts.factories import MemberFactory

NOW = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
REASON = "Ich suche eine Personalreferentin für einen Vortrag beim Steuerberaterstammtisch."


@pytest.fixture
def bernd_knows_clara(anna, bernd, clara) -> Member:
    connect_members(bernd, contact=clara, how_met="school")
    return bernd


def _ask(anna, clara, bernd, reason: str = REASON) -> Introduction:
    return introductions.request_introduction(
        anna, target_id=clara.pk, introducer_id=bernd.pk, reason=reason, intent="met"
    )


### Asking ###


def test_anna_asks_a_mutual_contact_for_an_introduction(anna, clara, bernd_knows_clara) -> None:
    intro = _ask(anna, clara, bernd_knows_clara)

    assert (intro.requester, intro.introducer, intro.target) == (anna, bernd_knows_clara, clara)
    assert intro.status == IntroductionStatus.PENDING
    assert intro.reason == REASON


def test_only_one_pending_introduction_per_target(anna, clara, olaf, bernd_knows_clara) -> None:
    _ask(anna, clara, bernd_knows_clara)
    connect_members(olaf, contact=clara)

    with pytest.raises(introductions.IntroductionRefused) as refusal:
        _ask(anna, clara, olaf)

    assert refusal.value.message == (
        "You have already asked for an introduction to Clara Vogt; please wait for it."
    )
    assert Introduction.objects.count() == 1


def test_nobody_introduces_through_someone_who_is_not_a_mutual_contact(
    anna, clara, olaf, bernd_knows_clara
) -> None:
    # Olaf is Anna's contact but not Clara's; a stranger is neither's.
    with pytest.raises(introductions.IntroductionNotFound):
        _ask(anna, clara, olaf)
    with pytest.raises(introductions.IntroductionNotFound):
        _ask(anna, clara, MemberFactory())

    assert not Introduction.objects.exists()


def test_no_introduction_to_an_existing_contact(anna, bernd, olaf) -> None:
    connect_members(olaf, contact=bernd)

    with pytest.raises(introductions.IntroductionRefused) as refusal:
        introductions.request_introduction(
            anna, target_id=bernd.pk, introducer_id=olaf.pk, reason=REASON, intent="met"
        )

    assert refusal.value.message == "You are already connected with Bernd Wagner."


def test_a_reason_is_required(anna, clara, bernd_knows_clara) -> None:
    with pytest.raises(introductions.IntroductionRefused) as refusal:
        _ask(anna, clara, bernd_knows_clara, reason="   ")

    assert refusal.value.message == "Please say why you would like to meet Clara Vogt."
    assert refusal.value.field == "reason"


def test_no_introduction_while_a_request_is_pending(anna, clara, bernd_knows_clara) -> None:
    ContactRequest.objects.create(sender=clara, recipient=anna, intent="other", label="welcome")

    with pytest.raises(introductions.IntroductionRefused) as refusal:
        _ask(anna, clara, bernd_knows_clara)

    assert refusal.value.message == (
        "A contact request between you and Clara Vogt is already waiting for an answer."
    )


### Forwarding and declining ###


def test_forwarding_sends_a_request_that_carries_the_introduction(
    anna, clara, bernd_knows_clara
) -> None:
    intro = _ask(anna, clara, bernd_knows_clara)

    with time_machine.travel(NOW, tick=False):
        introductions.forward_introduction(
            bernd_knows_clara, introduction_id=intro.pk, word="Anna ist großartig."
        )

    intro.refresh_from_db()
    assert intro.status == IntroductionStatus.FORWARDED
    assert intro.introducer_note == "Anna ist großartig."
    request = ContactRequest.objects.get()
    assert (request.sender, request.recipient, request.introduction) == (anna, clara, intro)
    assert request.note == f"{REASON}\n\nBernd Wagner: Anna ist großartig."
    assert request.status == "pending"


def test_forwarding_counts_as_an_interaction_on_both_connections(
    anna, clara, bernd_knows_clara
) -> None:
    intro = _ask(anna, clara, bernd_knows_clara)

    with time_machine.travel(NOW, tick=False):
        introductions.forward_introduction(bernd_knows_clara, introduction_id=intro.pk)

    touched = Connection.objects.filter(last_interaction_at=NOW)
    assert {(c.owner_id, c.contact_id) for c in touched} == {
        (bernd_knows_clara.pk, anna.pk),
        (anna.pk, bernd_knows_clara.pk),
        (bernd_knows_clara.pk, clara.pk),
        (clara.pk, bernd_knows_clara.pk),
    }


def test_a_refused_send_leaves_the_introduction_waiting(anna, clara, bernd_knows_clara) -> None:
    intro = _ask(anna, clara, bernd_knows_clara)
    # Meanwhile Clara asked Anna herself: the engine would refuse a second request.
    ContactRequest.objects.create(sender=clara, recipient=anna, intent="other", label="welcome")

    with pytest.raises(introductions.IntroductionRefused) as refusal:
        introductions.forward_introduction(bernd_knows_clara, introduction_id=intro.pk)

    # The introducer learns nothing of the requester's standing.
    assert refusal.value.message == (
        "This introduction cannot be forwarded at the moment. "
        "You can try again later or decline it."
    )
    intro.refresh_from_db()
    assert (intro.status, intro.decided_at) == (IntroductionStatus.PENDING, None)
    assert ContactRequest.objects.filter(introduction=intro).count() == 0


def test_declining_tells_nobody_who_declined(anna, clara, bernd_knows_clara, client_for) -> None:
    intro = _ask(anna, clara, bernd_knows_clara)

    introductions.decline_introduction(bernd_knows_clara, introduction_id=intro.pk)

    assert Introduction.objects.get().status == IntroductionStatus.DECLINED
    assert not ContactRequest.objects.exists()
    page = client_for(anna).get("/network/introductions/").content.decode()
    assert "To Clara Vogt: your introduction request was not forwarded." in page
    assert "Bernd Wagner" not in page.split('id="requested-heading"')[1]
    # Clara never hears of it.
    for url in ("/network/introductions/", "/inbox/", "/network/health/"):
        body = client_for(clara).get(url).content.decode()
        assert "Anna Becker" not in body, url
        assert REASON not in body, url


def test_an_answered_introduction_cannot_be_answered_again(anna, clara, bernd_knows_clara) -> None:
    intro = _ask(anna, clara, bernd_knows_clara)
    introductions.decline_introduction(bernd_knows_clara, introduction_id=intro.pk)

    with pytest.raises(introductions.IntroductionNotFound):
        introductions.forward_introduction(bernd_knows_clara, introduction_id=intro.pk)
    with pytest.raises(introductions.IntroductionNotFound):
        introductions.decline_introduction(bernd_knows_clara, introduction_id=intro.pk)


### Pages ###


def test_the_request_page_lists_the_mutual_contacts(
    anna, clara, bernd_knows_clara, client_for
) -> None:
    page = client_for(anna).get(f"/members/{clara.pk}/introduction/").content.decode()

    assert "Ask to be introduced to Clara Vogt" in page
    assert "Bernd Wagner" in page
    assert "Olaf Brenner" not in page


def test_the_request_page_explains_when_nobody_can_introduce(anna, clara, client_for) -> None:
    page = client_for(anna).get(f"/members/{clara.pk}/introduction/").content.decode()

    assert "You and Clara Vogt have no contacts in common, so nobody can introduce you yet." in page
    assert '<form method="post" novalidate>' not in page


def test_asking_through_the_page(anna, clara, bernd_knows_clara, client_for) -> None:
    response = client_for(anna).post(
        f"/members/{clara.pk}/introduction/",
        {"introducer": bernd_knows_clara.pk, "reason": REASON, "intent": "met"},
        follow=True,
    )

    assert "Bernd Wagner has been asked to introduce you." in response.content.decode()
    assert Introduction.objects.filter(requester=anna, introducer=bernd_knows_clara).exists()


def test_the_page_refuses_an_introducer_who_is_not_a_mutual_contact(
    anna, clara, olaf, bernd_knows_clara, client_for
) -> None:
    response = client_for(anna).post(
        f"/members/{clara.pk}/introduction/",
        {"introducer": olaf.pk, "reason": REASON, "intent": "met"},
    )

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not Introduction.objects.exists()


def test_the_page_shows_a_duplicate_as_waiting(anna, clara, bernd_knows_clara, client_for) -> None:
    _ask(anna, clara, bernd_knows_clara)

    page = client_for(anna).get(f"/members/{clara.pk}/introduction/").content.decode()

    assert "You have asked Bernd Wagner to introduce you to Clara Vogt." in page


def test_the_request_page_is_a_404_for_oneself_and_unknown_members(anna, client_for) -> None:
    client = client_for(anna)

    assert client.get(f"/members/{anna.pk}/introduction/").status_code == 404
    assert client.get("/members/999999/introduction/").status_code == 404


def test_the_introducer_sees_the_pending_request_and_forwards_it(
    anna, clara, bernd_knows_clara, client_for
) -> None:
    intro = _ask(anna, clara, bernd_knows_clara)
    client = client_for(bernd_knows_clara)

    page = client.get("/network/introductions/").content.decode()
    assert "would like you to introduce them to" in page
    assert REASON in page

    response = client.post(
        f"/network/introductions/{intro.pk}/forward/",
        {f"intro-{intro.pk}-word": "Sehr empfehlenswert."},
        follow=True,
    )

    assert (
        "Thank you. The request from Anna Becker has been forwarded to Clara Vogt."
        in response.content.decode()
    )
    assert ContactRequest.objects.get().introduction == intro


@pytest.mark.parametrize("action", ["forward", "decline"])
def test_someone_elses_introduction_is_a_404(
    anna, clara, bernd_knows_clara, client_for, action
) -> None:
    intro = _ask(anna, clara, bernd_knows_clara)

    for other in (anna, clara, MemberFactory()):
        response = client_for(other).post(f"/network/introductions/{intro.pk}/{action}/")
        assert response.status_code == 404

    assert Introduction.objects.get().status == IntroductionStatus.PENDING


def test_answers_need_a_post(anna, clara, bernd_knows_clara, client_for) -> None:
    intro = _ask(anna, clara, bernd_knows_clara)

    response = client_for(bernd_knows_clara).get(f"/network/introductions/{intro.pk}/decline/")

    assert response.status_code == 405
    assert Introduction.objects.get().status == IntroductionStatus.PENDING


def test_the_introductions_page_has_bounded_queries(
    anna, bernd, client_for, django_assert_max_num_queries
) -> None:
    for _ in range(8):
        requester, target = MemberFactory(), MemberFactory()
        connect_members(bernd, contact=requester)
        connect_members(bernd, contact=target)
        introductions.request_introduction(
            requester, target_id=target.pk, introducer_id=bernd.pk, reason=REASON, intent="met"
        )
    client = client_for(bernd)

    with django_assert_max_num_queries(6):
        response = client.get("/network/introductions/")

    assert response.content.decode().count('data-testid="introduction-to-forward"') == 8
