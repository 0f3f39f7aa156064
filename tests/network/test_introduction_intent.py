"""An introduction says what it is about: the requester picks one of the contact
request's intents, the introducer sees it, and the forwarded request carries it."""

import pytest

from handschlag.accounts.models import Member
from handschlag.network import introductions
from handschlag.network.models import ContactRequest, Intent, Introduction
from handschlag.network.services import connect_members, send_contact_request

REASON = "Ich suche eine Personalreferentin für einen Vortrag beim Steuerberaterstammtisch."


@pytest.fixture
def bernd_knows_clara(anna, bernd, clara) -> Member:
    connect_members(bernd, contact=clara, how_met="school")
    return bernd


def test_the_forwarded_request_carries_the_requesters_intent(
    anna, clara, bernd_knows_clara
) -> None:
    intro = introductions.request_introduction(
        anna,
        target_id=clara.pk,
        introducer_id=bernd_knows_clara.pk,
        reason=REASON,
        intent=Intent.BUSINESS,
    )

    introductions.forward_introduction(bernd_knows_clara, introduction_id=intro.pk)

    request = ContactRequest.objects.get(introduction=intro)
    assert request.intent == Intent.BUSINESS


def test_an_unknown_intent_is_refused(anna, clara, bernd_knows_clara) -> None:
    with pytest.raises(introductions.IntroductionRefused) as refusal:
        introductions.request_introduction(
            anna,
            target_id=clara.pk,
            introducer_id=bernd_knows_clara.pk,
            reason=REASON,
            intent="friendship",
        )

    assert refusal.value.field == "intent"
    assert not Introduction.objects.exists()


def test_the_form_asks_what_it_is_about_and_requires_an_answer(
    anna, clara, bernd_knows_clara, client_for
) -> None:
    client = client_for(anna)
    page = client.get(f"/members/{clara.pk}/introduction/").content.decode()
    assert "What is your request about?" in page
    assert 'value="recruiting"' in page

    response = client.post(
        f"/members/{clara.pk}/introduction/",
        {"introducer": bernd_knows_clara.pk, "reason": REASON},
    )

    assert "Please choose what your request is about." in response.content.decode()
    assert not Introduction.objects.exists()


def test_the_page_keeps_the_chosen_intent(anna, clara, bernd_knows_clara, client_for) -> None:
    client_for(anna).post(
        f"/members/{clara.pk}/introduction/",
        {"introducer": bernd_knows_clara.pk, "reason": REASON, "intent": "shared_interest"},
    )

    assert Introduction.objects.get().intent == Intent.SHARED_INTEREST


def test_the_introducer_sees_what_it_is_about(anna, clara, bernd_knows_clara, client_for) -> None:
    introductions.request_introduction(
        anna,
        target_id=clara.pk,
        introducer_id=bernd_knows_clara.pk,
        reason=REASON,
        intent=Intent.RECRUITING,
    )

    page = client_for(bernd_knows_clara).get("/network/introductions/").content.decode()

    assert 'data-testid="introduction-intent"' in page
    assert "Recruiting" in page


### The trust engine hears of the introduction ###


def test_the_engine_knows_who_made_the_introduction(anna, clara, bernd_knows_clara) -> None:
    intro = introductions.request_introduction(
        anna,
        target_id=clara.pk,
        introducer_id=bernd_knows_clara.pk,
        reason=REASON,
        intent=Intent.SHARED_INTEREST,
    )

    introductions.forward_introduction(bernd_knows_clara, introduction_id=intro.pk)

    request = ContactRequest.objects.get(introduction=intro)
    hits = {hit["code"]: hit for hit in request.hits}
    assert hits["CG_INTRODUCED"]["evidence"] == {"introducer": "Bernd Wagner"}
    assert "CG_NONE" not in hits


def test_a_request_without_an_introduction_has_no_introducer(anna, clara) -> None:
    request = send_contact_request(anna, recipient=clara, note=REASON, intent=Intent.MET)

    assert "CG_INTRODUCED" not in {hit["code"] for hit in request.hits}
