"""A meetup, clicked through in headless Chromium: RSVP, check in, connect.

Anna signs up for Olaf's "Stammtisch Köln", which starts in half an hour, so check-in is
already open. Olaf's page shows the check-in code; Anna first mistypes it (the field says
so), then enters it and lands on the attendee list, where Clara, who checked in too and
whom Anna does not know yet, has a "connect, met at this meetup" link. It opens the
contact-request page with "we met" chosen and the meetup named in the note.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from handschlag.events import check_in as codes
from handschlag.events import services
from handschlag.events.models import Meetup, Rsvp
from handschlag.profiles.services import update_profile
from tests.browser.test_flows import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def stammtisch(make_member) -> dict[str, object]:
    olaf = make_member("olaf.brenner@example.org", "Olaf Brenner")
    anna = make_member("anna.becker@example.org", "Anna Becker")
    clara = make_member("clara.vogt@example.org", "Clara Vogt")
    update_profile(clara, changes={"headline": "Personalreferentin", "email": ""})
    start = timezone.now() + timedelta(minutes=30)
    meetup = services.create_meetup(
        olaf,
        values={
            "title": "Stammtisch Köln",
            "venue": "Brauhaus Früh am Dom",
            "address": "Am Hof 12-18",
            "city": "Köln",
            "starts_at": start,
            "ends_at": start + timedelta(hours=2),
            "capacity": 3,
            "description": "Gespräche ohne Vortrag. Anfahrt: https://example.org/frueh",
        },
    )
    services.rsvp_to_meetup(clara, meetup_id=meetup.pk)
    services.check_in(clara, meetup_id=meetup.pk, code=codes.check_in_code(meetup.pk))
    return {"olaf": olaf, "anna": anna, "clara": clara, "meetup": meetup}


def test_rsvp_check_in_and_connect_with_someone_met_there(live_server, new_page, shoot, stammtisch):
    meetup: Meetup = stammtisch["meetup"]  # type: ignore[assignment]
    anna_page = new_page()
    log_in(anna_page, live_server.url, "anna.becker@example.org")

    # Anna finds the meetup from the navigation and says she is going.
    anna_page.get_by_test_id("nav-meetups").click()
    expect(anna_page.get_by_role("heading", level=1)).to_have_text("Meetups")
    anna_page.get_by_role("link", name="Stammtisch Köln").click()
    expect(anna_page.get_by_test_id("meetup-places")).to_contain_text("1 of 3 places taken")
    anna_page.get_by_test_id("rsvp").click()
    expect(anna_page.locator(".messages")).to_contain_text("You are going")
    expect(anna_page.get_by_test_id("meetup-places")).to_contain_text("2 of 3 places taken")
    shoot(anna_page, "anna-going")

    # Olaf, the organiser, sees the code to show at the door.
    olaf_page = new_page()
    log_in(olaf_page, live_server.url, "olaf.brenner@example.org")
    olaf_page.goto(f"{live_server.url}/meetups/{meetup.pk}/")
    code = olaf_page.get_by_test_id("check-in-code").inner_text()
    assert code == codes.display_code(meetup.pk)
    shoot(olaf_page, "olaf-shows-the-code")

    # Anna mistypes the code: the field says so and how many tries are left.
    anna_page.get_by_label("Check-in code").fill("ABC-DEF")
    anna_page.get_by_test_id("check-in").click()
    expect(anna_page.locator(".field.has-error")).to_contain_text(
        "This is not the check-in code of this meetup."
    )
    expect(anna_page.locator(".field.has-error")).to_contain_text("4 more tries this hour")
    shoot(anna_page, "anna-wrong-code")

    # The right code (typed in lower case) checks her in and opens the attendee list.
    anna_page.get_by_label("Check-in code").fill(code.lower())
    anna_page.get_by_test_id("check-in").click()
    expect(anna_page.get_by_role("heading", level=1)).to_have_text("Who is coming")
    assert Rsvp.objects.get(member=stammtisch["anna"]).checked_in_at is not None
    attendees = anna_page.get_by_test_id("attendee")
    expect(attendees).to_have_count(3)
    clara_row = attendees.filter(has_text="Clara Vogt")
    expect(clara_row).to_contain_text("Personalreferentin")
    expect(clara_row).to_contain_text("Checked in")
    expect(anna_page.get_by_test_id("attendees")).not_to_contain_text("clara.vogt@example.org")
    shoot(anna_page, "anna-attendees")

    # The "met at this meetup" link opens the contact-request page with the reason.
    clara_row.get_by_test_id("connect-met").click()
    clara = stammtisch["clara"]
    expect(anna_page).to_have_url(
        f"{live_server.url}/members/{clara.pk}/connect/?intent=met&event={meetup.pk}"  # type: ignore[attr-defined]
    )
    expect(anna_page.get_by_role("heading", level=1)).to_contain_text("Clara Vogt")
    expect(anna_page.locator('input[name="intent"][value="met"]')).to_be_checked()
    expect(anna_page.locator('textarea[name="note"]')).to_have_value(
        re.compile(r"We met at the meetup “.+” on ")
    )
    shoot(anna_page, "anna-connect-page")
