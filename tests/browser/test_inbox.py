"""The recipient's inbox, clicked through in headless Chromium.

Greta Steuer, a tax advisor, finds two requests: one from Kai Sammler, a contact collector
who sends the same stock note to hundreds of strangers, and one from Jonas Lohn, who
worked with her at Becker & Partner. She reads why Kai's request is where it is, declines
it with the standard reply (previewed and edited), and accepts Jonas.
"""

from collections.abc import Callable

import pytest
from django.core import mail
from playwright.sync_api import Browser, Locator, Page, expect

from handschlag.accounts.models import Member
from handschlag.network.models import Connection, ContactRequest, Decision
from tests.browser.test_flows import log_in
from tests.network.test_decisions import colleague_request, collector_request

pytestmark = pytest.mark.browser


@pytest.fixture
def greta_inbox(make_member: Callable[..., Member]) -> tuple[Member, Member, Member]:
    """Greta with Kai's and Jonas's requests waiting."""
    greta = make_member("greta.steuer@example.org", "Greta Steuer")
    kai = make_member("kai.sammler@example.org", "Kai Sammler")
    jonas = make_member("jonas.lohn@example.org", "Jonas Lohn")
    collector_request(kai, greta)
    colleague_request(jonas, greta)
    return greta, kai, jonas


def card(page: Page, name: str) -> Locator:
    """The request card of the sender called ``name``."""
    return page.locator("article.request-card").filter(has_text=name)


def test_read_the_collectors_reasons_decline_with_a_reply_accept_the_colleague(
    live_server, page_: Page, shoot, greta_inbox
):
    greta, kai, jonas = greta_inbox
    log_in(page_, live_server.url, greta.email)
    page_.get_by_role("navigation", name="Main").get_by_role("link", name="Requests").click()
    expect(page_.get_by_role("heading", level=1)).to_have_text("Contact requests")
    expect(page_.get_by_role("heading", name="Welcome")).to_be_visible()
    kai_card = card(page_, "Kai Sammler")

    # Why is Kai's request here?
    kai_card.get_by_text("Why is this here?").click()
    expect(kai_card.locator(".reasons")).to_contain_text(
        "The same text went to at least 30 other people recently"
    )
    expect(kai_card.locator(".reasons")).to_contain_text("You share no employer, school")
    shoot(page_, "inbox")

    # Decline with the standard reply: preview, edit, send.
    kai_card.get_by_role("link", name="Decline with a reply").click()
    reply_card = page_.locator("article.request-card").filter(has_text="with a reply")
    preview = reply_card.get_by_test_id("reply-preview")
    expect(preview).to_contain_text("Hello Kai Sammler,")
    expect(preview).to_contain_text("I keep my network to people I know")
    reply = reply_card.get_by_label("Your reply")
    reply.fill(
        "Hello Kai,\n\nthank you, but I only connect with people I have met.\n\nGreta Steuer"
    )
    reply_card.get_by_role("button", name="Preview my changes").click()
    expect(preview).to_contain_text("I only connect with people I have met.")
    shoot(page_, "reply-preview")
    reply_card.get_by_role("button", name="Send reply and decline").click()
    expect(card(page_, "Kai Sammler")).to_contain_text(
        "You declined the request from Kai Sammler and sent your reply."
    )
    assert len(mail.outbox) == 1
    assert "I only connect with people I have met." in mail.outbox[0].body
    assert mail.outbox[0].to == [kai.email]

    # Accept the former colleague: the card turns into a confirmation without actions.
    jonas_card = card(page_, "Jonas Lohn")
    expect(jonas_card).to_contain_text("Worked at Becker & Partner Steuerberatung")
    jonas_card.get_by_role("button", name="Accept").click()
    expect(jonas_card).to_contain_text("You and Jonas Lohn are now connected.")
    expect(jonas_card.get_by_role("button")).to_have_count(0)
    shoot(page_, "after-actions")

    assert Connection.objects.filter(owner=greta, contact=jonas).exists()
    assert ContactRequest.objects.get(sender=kai).decision == Decision.REPLIED

    page_.reload()
    expect(page_.locator("article.request-card")).to_have_count(0)
    expect(page_.get_by_text("No requests are waiting for you.")).to_be_visible()
    page_.get_by_role("navigation", name="Main").get_by_role("link", name="My network").click()
    expect(page_.get_by_role("main")).to_contain_text("Jonas Lohn")


def test_the_inbox_works_without_javascript(
    live_server, chromium_browser: Browser, shoot, greta_inbox
):
    greta, kai, jonas = greta_inbox
    context = chromium_browser.new_context(
        locale="en-GB", viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    try:
        page = context.new_page()
        log_in(page, live_server.url, greta.email)
        page.goto(live_server.url + "/inbox/")

        card(page, "Jonas Lohn").get_by_role("button", name="Accept").click()
        expect(page.locator(".messages")).to_contain_text("You and Jonas Lohn are now connected.")
        expect(card(page, "Jonas Lohn")).to_have_count(0)

        card(page, "Kai Sammler").get_by_role("button", name="I don't know this person").click()
        expect(page.locator(".messages")).to_contain_text("You told us you do not know")

        page.goto(live_server.url + "/inbox/policy/")
        expect(page.get_by_text("Nothing is deleted unseen.")).to_be_visible()
        shoot(page, "policy")
    finally:
        context.close()
    assert Connection.objects.filter(owner=greta, contact=jonas).exists()
    assert ContactRequest.objects.get(sender=kai).decision == Decision.UNKNOWN
