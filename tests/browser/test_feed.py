"""The feed in the browser: Greta writes a post, reads her contacts' posts with their
reasons, opens a collapsed bait post, mutes politics and sees the debate go, with the
count and a link back to the mutes.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from handschlag.feed.services import create_post
from handschlag.network.services import connect_members
from tests.browser.test_flows import log_in

pytestmark = pytest.mark.browser


def test_mute_politics_and_see_the_feed_change(live_server, new_page, make_member, shoot) -> None:
    greta = make_member("greta.steuer@example.org", "Greta Steuer")
    jonas = make_member("jonas.lohn@example.org", "Jonas Lohn")
    ines = make_member("ines.bau@example.org", "Ines Bau")
    connect_members(greta, contact=jonas, how_met="employer")
    connect_members(greta, contact=ines, how_met="event")
    now = timezone.now()
    create_post(
        jonas,
        text="Die Bundestagswahl entscheidet über den Mittelstand, die Koalition hat versagt.",
        now=now - timedelta(hours=3),
    )
    create_post(
        ines,
        text="The election is all anyone talks about; politicians never ran a business.",
        now=now - timedelta(hours=2),
    )
    create_post(
        ines,
        text="Wie mögt ihr eure Eier \u2013 hart oder weich?",
        now=now - timedelta(hours=1),
    )
    create_post(
        jonas,
        text="Neue Lohnsteuertabellen sind online: https://example.org/lohn #Lohnsteuer",
        now=now - timedelta(minutes=30),
    )
    base = live_server.url
    page = new_page()
    log_in(page, base, greta.email)

    page.get_by_test_id("nav-feed").click()
    expect(page.get_by_role("heading", name="Feed")).to_be_visible()
    page.get_by_label("What would you like to share?").fill(
        "Ab Montag berate ich auch zu #Lohnsteuer <script>alert(1)</script>"
    )
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Your post is published.")).to_be_visible()
    posts = page.get_by_test_id("post")
    expect(posts).to_have_count(5)
    expect(posts.first).to_contain_text("<script>alert(1)</script>")

    # The bait post is collapsed with its reason; it opens without JavaScript's help.
    collapsed = page.get_by_test_id("collapsed")
    expect(collapsed).to_have_count(1)
    collapsed.locator("summary").click()
    expect(page.get_by_test_id("label-reasons")).to_contain_text("asks the crowd for reactions")
    # Why is the debate here? Jonas is a contact.
    debate = posts.filter(has_text="Bundestagswahl")
    debate.get_by_text("Why am I seeing this?").click()
    expect(debate.get_by_test_id("why")).to_contain_text("From one of your contacts")
    shoot(page, "before-muting")

    # Mute politics in the settings; the debate in both languages leaves the feed.
    page.get_by_role("link", name="Mutes and labels").click()
    page.get_by_test_id("mute-politics").click()
    expect(page.get_by_test_id("unmute-politics")).to_be_visible()
    shoot(page, "settings")
    page.get_by_test_id("nav-feed").click()
    expect(page.get_by_test_id("post")).to_have_count(3)
    expect(page.locator("main")).not_to_contain_text("Bundestagswahl")
    expect(page.locator("main")).not_to_contain_text("election")
    expect(page.get_by_test_id("hidden-by-mutes")).to_have_text("2 posts hidden by your mutes")
    shoot(page, "after-muting")

    # The note links back to the mutes, where politics can be unmuted again.
    page.get_by_role("link", name="Mute settings").click()
    page.get_by_test_id("unmute-politics").click()
    page.get_by_test_id("nav-feed").click()
    expect(page.get_by_test_id("post")).to_have_count(5)
