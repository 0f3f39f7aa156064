"""Messages in headless Chromium, as the demo login meets them.

Lena Vogt, the demo member, finds a message request from Marco Stein, a cold acquirer who
claims an earlier phone call and sends his booking link. She reads why the automatic
check flagged it, answers with the standard reply (previewed and edited), which ends the
request, then opens her long conversation with her former colleague Henrik and writes.
A pitch from someone who connected two days ago waits collapsed with its reasons.
Lena reads German, so the pages are German.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from handschlag.accounts.models import Member
from handschlag.demo.personas import DEMO_PASSWORD
from handschlag.messaging.models import Message, Participant, ParticipantState
from tests.browser.test_flows import log_in

pytestmark = pytest.mark.browser

DEMO_EMAIL = "demo@handschlag.example"


@pytest.fixture
def lena(transactional_db) -> Member:
    call_command("demo", members=300, as_of=timezone.localdate(), stdout=StringIO())
    return Member.objects.get(email=DEMO_EMAIL)


def test_a_flagged_request_answered_with_the_standard_reply_then_a_real_conversation(
    live_server, page_: Page, shoot, lena
):
    page = page_
    log_in(page, live_server.url, DEMO_EMAIL, DEMO_PASSWORD)
    page.get_by_test_id("nav-messages").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nachrichten")
    shoot(page, "conversations")

    # The folder of message requests: Marco's is there, rated spam, with its reasons.
    page.get_by_role("link", name="Nachrichtenanfragen").first.click()
    marco = page.get_by_test_id("message-request").filter(has_text="Marco Stein")
    expect(marco).to_contain_text("Spam")
    marco.get_by_text("Warum hier einsortiert?").click()
    expect(marco.locator(".reasons")).to_contain_text("wie telefonisch besprochen")
    shoot(page, "requests")

    # The request itself: why it was flagged, in plain words.
    marco.get_by_role("link", name="Marco Stein", exact=True).click()
    banner = page.get_by_test_id("request-banner")
    expect(banner).to_contain_text("Marco Stein gehört nicht zu Ihren Kontakten")
    expect(banner.get_by_test_id("request-label")).to_have_text("Spam")
    reasons = banner.get_by_test_id("request-reasons")
    expect(reasons).to_contain_text("Behauptet einen früheren Kontakt")
    expect(reasons).to_contain_text("calendly.com")
    shoot(page, "request")

    # The standard reply: drafted in German, edited, previewed, sent.
    banner.get_by_role("link", name="Mit Standardantwort antworten").click()
    preview = page.get_by_test_id("reply-preview")
    expect(preview).to_contain_text("Guten Tag Marco Stein,")
    expect(preview).to_contain_text("„wie telefonisch besprochen“")
    reply = page.get_by_label("Ihre Antwort")
    reply.fill(
        "Guten Tag Herr Stein,\n\nwir haben nie telefoniert. Bitte schreiben Sie mir nicht "
        "mehr.\n\nLena Vogt"
    )
    page.get_by_role("button", name="Vorschau meiner Änderungen").click()
    expect(preview).to_contain_text("wir haben nie telefoniert")
    shoot(page, "reply-preview")
    page.get_by_role("button", name="Antwort senden").click()
    expect(page.get_by_test_id("write-blocker")).to_contain_text(
        "Sie haben dieses Gespräch mit Ihrer Antwort beendet."
    )
    expect(page.get_by_test_id("message").last).to_contain_text("wir haben nie telefoniert")
    # Blocking Marco is built by another engineer; its button will sit beside "Melden".
    marco_member = Member.objects.get(email="marco.stein@handschlag.example")
    assert (
        Participant.objects.get(member=lena, conversation__participants__member=marco_member).state
        == ParticipantState.DECLINED
    )

    # A real conversation: Henrik's forty messages, the newest unread; Lena writes.
    page.get_by_test_id("nav-messages").click()
    page.locator(".conversation-row").filter(has_text="Henrik Sommer").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Henrik Sommer")
    expect(page.get_by_test_id("message")).to_have_count(40)
    page.get_by_label("Ihre Nachricht").fill(
        "Danke, Henrik! Bis Donnerstag: https://meetup.example"
    )
    page.get_by_role("button", name="Senden", exact=True).click()
    last = page.get_by_test_id("message").last
    expect(last).to_contain_text("Danke, Henrik! Bis Donnerstag")
    expect(last.get_by_role("link", name="https://meetup.example")).to_have_attribute(
        "rel", "nofollow noopener ugc"
    )
    expect(page.get_by_label("Ihre Nachricht")).to_have_value("")
    shoot(page, "conversation")
    assert Message.objects.filter(sender=lena, text__startswith="Danke, Henrik!").exists()

    # The pitch two days after connecting: collapsed, its reasons one click away.
    page.get_by_test_id("nav-messages").click()
    page.locator(".conversation-row").filter(has_text="qualifizierte Leads").get_by_role(
        "link"
    ).click()
    flagged = page.get_by_test_id("flagged-message").first
    expect(flagged).not_to_have_attribute("open", "")
    expect(flagged.locator(".message-text")).not_to_be_visible()
    flagged.locator("summary").click()
    expect(flagged).to_contain_text("Verkauft 2 Tage nach der Vernetzung")
    expect(flagged.locator(".message-text")).to_be_visible()
    shoot(page, "flagged")
