"""A recommendation, clicked through in headless Chromium: asked, written, approved, shown.

Bernd Wagner worked with Anna Becker at Becker & Partner (2016-2019) and is her contact.
He asks her from her profile (the page names their shared employer), Anna reads the
request with the automatic check's reasons and writes the text, Bernd approves it, and
only then does it appear on his profile. Clara, a stranger, is refused with the reason.
"""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from handschlag.network.services import connect_members
from handschlag.profiles.services import save_position
from tests.browser.test_flows import log_in, log_out

pytestmark = pytest.mark.browser

TEXT = (
    "Bernd hat bei uns drei Jahre lang die Lohnabrechnung für 40 Mandanten verantwortet "
    "und die Umstellung auf DATEV ruhig und gründlich geplant."
)


@pytest.fixture
def colleagues(make_member):
    anna = make_member("anna.becker@example.org", "Anna Becker")
    bernd = make_member("bernd.wagner@example.org", "Bernd Wagner")
    clara = make_member("clara.vogt@example.org", "Clara Vogt")
    for member, start, end in (
        (anna, date(2015, 4, 1), None),
        (bernd, date(2016, 1, 1), date(2019, 12, 31)),
    ):
        save_position(
            member,
            position_id=None,
            employer_name="Becker & Partner Steuerberatung",
            title="Steuerberatung",
            start_date=start,
            end_date=end,
        )
    connect_members(anna, contact=bernd, how_met="employer")
    return anna, bernd, clara


def test_an_approved_recommendation_appears_on_the_profile(
    live_server, page_: Page, shoot, colleagues
):
    anna, bernd, _clara = colleagues
    base = live_server.url

    # A stranger is refused with the relation that is missing.
    log_in(page_, base, "clara.vogt@example.org")
    page_.goto(f"{base}/recommendations/ask/{anna.pk}/")
    expect(page_.get_by_test_id("refusal")).to_contain_text(
        "Anna Becker is not one of your contacts"
    )
    shoot(page_, "stranger-refused")
    log_out(page_)

    # Bernd asks from Anna's profile.
    log_in(page_, base, "bernd.wagner@example.org")
    page_.goto(f"{base}/members/{anna.pk}/")
    page_.get_by_test_id("ask-recommendation").click()
    expect(page_.get_by_test_id("basis")).to_have_text(
        "You both worked at Becker & Partner Steuerberatung at the same time."
    )
    page_.get_by_label("Your role").fill("Lohnbuchhalter")
    page_.get_by_label("Project or work").fill("Umstellung der Lohnabrechnung auf DATEV")
    page_.get_by_label("From (year)").fill("2016")
    page_.get_by_label("To (year)").fill("2019")
    page_.get_by_label("Message to the recommender").fill(
        "Ich bewerbe mich als Teamleiter Lohn; ein paar Sätze von Ihnen würden helfen."
    )
    shoot(page_, "bernd-asks")
    page_.get_by_role("button", name="Send the request").click()
    expect(page_.get_by_test_id("asked")).to_contain_text("Waiting for the recommender")
    log_out(page_)

    # Anna reads the request with its reasons and writes.
    log_in(page_, base, "anna.becker@example.org")
    page_.goto(f"{base}/recommendations/")
    card = page_.get_by_test_id("request-card")
    expect(card.get_by_test_id("request-label")).to_have_text("Welcome")
    expect(card.locator(".reasons")).to_contain_text(
        "you both worked at Becker & Partner Steuerberatung"
    )
    shoot(page_, "anna-sees-the-request")
    card.get_by_role("link", name="Write a recommendation").click()
    page_.get_by_label("Your recommendation").fill(TEXT)
    page_.get_by_role("button", name="Send the recommendation").click()
    expect(page_.get_by_test_id("written")).to_contain_text("Waiting for your approval")
    log_out(page_)

    # Not on Bernd's profile until he approves it.
    log_in(page_, base, "bernd.wagner@example.org")
    page_.goto(f"{base}/members/{bernd.pk}/")
    expect(page_.get_by_test_id("shown-recommendation")).to_have_count(0)
    page_.goto(f"{base}/recommendations/")
    approval = page_.get_by_test_id("to-approve")
    expect(approval).to_contain_text(TEXT)
    shoot(page_, "bernd-approves")
    approval.get_by_role("button", name="Show on my profile").click()
    expect(page_.locator(".messages")).to_contain_text(
        "The recommendation is now shown on your profile."
    )
    log_out(page_)

    # Clara now reads it on Bernd's profile.
    log_in(page_, base, "clara.vogt@example.org")
    page_.goto(f"{base}/members/{bernd.pk}/")
    shown = page_.get_by_test_id("shown-recommendation")
    expect(shown).to_contain_text(TEXT)
    expect(shown).to_contain_text("Anna Becker")
    expect(shown).to_contain_text("As Lohnbuchhalter on Umstellung der Lohnabrechnung auf DATEV")
    expect(shown.get_by_role("button", name="Withdraw")).to_have_count(0)
    shoot(page_, "shown-on-the-profile")
