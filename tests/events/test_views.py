"""Meetup pages: lists, RSVP and check-in through the forms, attendee-list privacy, the
.ics export and the personal calendar feed."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from handschlag.events import check_in as codes
from handschlag.events import ical, services
from handschlag.events.models import CalendarFeed, Rsvp
from tests.conftest import OLAF_EMAIL, OLAF_PHONE
from tests.events.factories import MeetupFactory

pytestmark = pytest.mark.django_db


def _going(meetup, *members):
    for member in members:
        services.rsvp_to_meetup(
            member, meetup_id=meetup.pk, now=meetup.starts_at - timedelta(days=1)
        )


### Lists and the detail page ###


def test_upcoming_meetups_filter_by_city(client_for, anna):
    MeetupFactory(title="Frühstück Köln", city="Köln")
    MeetupFactory(title="Abend in Bonn", city="Bonn")
    MeetupFactory(title="Schon vorbei", starts_at=timezone.now() - timedelta(days=3))

    page = client_for(anna).get(reverse("meetups"), {"city": "Bonn"}).content.decode()
    everything = client_for(anna).get(reverse("meetups")).content.decode()

    assert "Abend in Bonn" in page
    assert "Frühstück Köln" not in page
    assert "Frühstück Köln" in everything
    assert "Schon vorbei" not in everything


def test_past_and_my_meetups(client_for, anna):
    past = MeetupFactory(title="Gestern in Köln", starts_at=timezone.now() - timedelta(days=1))
    _going(past, anna)
    upcoming = MeetupFactory(title="Nächste Woche in Bonn")
    _going(upcoming, anna)
    MeetupFactory(title="Nicht meins")

    past_page = client_for(anna).get(reverse("past_meetups")).content.decode()
    mine = client_for(anna).get(reverse("my_meetups")).content.decode()

    assert "Gestern in Köln" in past_page
    assert "Gestern in Köln" in mine
    assert "Nächste Woche in Bonn" in mine
    assert "Nicht meins" not in mine


def test_the_description_is_escaped_and_its_links_are_safe(client_for, anna):
    meetup = MeetupFactory(
        description="<script>alert(1)</script> Anmeldung: https://example.org/a javascript:alert(2)"
    )

    body = client_for(anna).get(reverse("meetup_detail", args=[meetup.pk])).content.decode()

    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert '<a href="https://example.org/a" rel="nofollow noopener ugc">' in body
    assert 'href="javascript:' not in body


def test_an_rsvp_through_the_page_takes_a_place_then_the_waiting_list(client_for, anna, clara):
    meetup = MeetupFactory(capacity=1)

    client_for(anna).post(reverse("meetup_rsvp", args=[meetup.pk]))
    response = client_for(clara).post(reverse("meetup_rsvp", args=[meetup.pk]), follow=True)

    assert dict(meetup.rsvps.values_list("member_id", "status")) == {
        anna.pk: "going",
        clara.pk: "waiting",
    }
    assert "you are on the waiting list" in response.content.decode()
    assert "You are number 1 on the waiting list" in response.content.decode()


def test_a_get_never_signs_anyone_up(client_for, anna):
    meetup = MeetupFactory()

    response = client_for(anna).get(reverse("meetup_rsvp", args=[meetup.pk]))

    assert response.status_code == 405
    assert not Rsvp.objects.exists()


def test_the_promoted_member_sees_a_notice_until_dismissed(client_for, anna, clara):
    meetup = MeetupFactory(capacity=1, title="Volles Haus")
    _going(meetup, anna, clara)
    services.cancel_rsvp(anna, meetup_id=meetup.pk)
    client = client_for(clara)

    notice = client.get(reverse("meetups")).content.decode()
    client.post(reverse("dismiss_promotions"), {"next": "/meetups/"})
    after = client.get(reverse("meetups")).content.decode()

    assert "You moved up from the waiting list" in notice
    assert "Volles Haus" in notice
    assert "You moved up from the waiting list" not in after


def test_only_the_organiser_edits_a_meetup(client_for, olaf, clara):
    meetup = MeetupFactory(organiser=olaf)

    assert client_for(clara).get(reverse("edit_meetup", args=[meetup.pk])).status_code == 404
    assert client_for(clara).post(reverse("cancel_meetup", args=[meetup.pk])).status_code == 404
    assert client_for(olaf).get(reverse("edit_meetup", args=[meetup.pk])).status_code == 200


def test_a_member_organises_a_meetup_through_the_form(client_for, anna):
    start = timezone.localtime(timezone.now() + timedelta(days=10)).replace(
        hour=18, minute=30, second=0, microsecond=0
    )
    data = {
        "title": "After-Work Düsseldorf",
        "venue": "Rheinterrasse",
        "address": "Joseph-Beuys-Ufer 33",
        "city": "Düsseldorf",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "capacity": "30",
        "description": "",
    }

    response = client_for(anna).post(reverse("new_meetup"), data)

    meetup = anna.organised_meetups.get()
    assert response.status_code == 302
    assert timezone.localtime(meetup.starts_at).strftime("%H:%M") == "18:30"
    assert str(timezone.localtime(meetup.starts_at).tzinfo) == "Europe/Berlin"


def test_the_organiser_sees_the_code_only_during_the_check_in_window(client_for, olaf):
    now_meetup = MeetupFactory(organiser=olaf, starts_at=timezone.now() + timedelta(minutes=30))
    later = MeetupFactory(organiser=olaf)
    code = codes.display_code(now_meetup.pk)

    during = client_for(olaf).get(reverse("meetup_detail", args=[now_meetup.pk])).content.decode()
    before = client_for(olaf).get(reverse("meetup_detail", args=[later.pk])).content.decode()

    assert code in during
    assert codes.display_code(later.pk) not in before
    assert "The check-in code appears here from" in before


def test_an_attendee_does_not_see_the_code(client_for, meetup_now, anna):
    _going(meetup_now, anna)

    body = client_for(anna).get(reverse("meetup_detail", args=[meetup_now.pk])).content.decode()

    assert codes.display_code(meetup_now.pk) not in body
    assert codes.check_in_code(meetup_now.pk) not in body
    assert 'name="code"' in body


### Check-in through the form ###


def test_a_right_code_checks_in_and_opens_the_attendee_list(client_for, meetup_now, anna):
    _going(meetup_now, anna)

    response = client_for(anna).post(
        reverse("meetup_check_in", args=[meetup_now.pk]),
        {"code": codes.display_code(meetup_now.pk)},
    )

    assert response.status_code == 302
    assert response.url == reverse("meetup_attendees", args=[meetup_now.pk])
    assert Rsvp.objects.get(member=anna).checked_in_at is not None


def test_a_wrong_code_is_shown_on_the_field_in_the_members_language(client_for, meetup_now, anna):
    _going(meetup_now, anna)
    url = reverse("meetup_check_in", args=[meetup_now.pk])

    english = client_for(anna).post(url, {"code": "ZZZ-ZZZ"})
    german = client_for(anna, HTTP_ACCEPT_LANGUAGE="de").post(url, {"code": "ZZZ-ZZZ"})

    assert english.status_code == 400
    assert english.context["form"].errors["code"] == [
        "This is not the check-in code of this meetup. Please check it with the organiser. "
        "You have 4 more tries this hour."
    ]
    assert german.context["form"].errors["code"] == [
        "Das ist nicht der Check-in-Code dieses Treffens. Bitte fragen Sie bei der "
        "Organisation des Treffens nach. Sie haben in dieser Stunde noch 3 Versuche."
    ]


def test_an_empty_code_asks_for_it(client_for, meetup_now, anna):
    _going(meetup_now, anna)

    response = client_for(anna).post(reverse("meetup_check_in", args=[meetup_now.pk]), {})

    assert response.context["form"].errors["code"] == ["Please enter the code the organiser shows."]


### Attendee lists ###


def test_attendees_are_hidden_from_members_who_are_not_going(client_for, meetup_now, anna, clara):
    _going(meetup_now, anna)
    url = reverse("meetup_attendees", args=[meetup_now.pk])

    outsider = client_for(clara).get(url)

    assert outsider.status_code == 403
    assert "Anna Becker" not in outsider.content.decode()
    assert "Only the members going to this meetup and its organiser" in outsider.content.decode()
    assert client_for(clara).get(reverse("meetup_attendees", args=[999999])).status_code == 404


def test_waiting_members_do_not_see_the_attendees(client_for, anna, clara, bernd):
    meetup = MeetupFactory(capacity=1)
    _going(meetup, anna, clara)

    response = client_for(clara).get(reverse("meetup_attendees", args=[meetup.pk]))

    assert response.status_code == 403


def test_attendees_and_organiser_see_names_and_headlines_never_contact_details(
    client_for, meetup_now, anna, clara
):
    # Olaf organises; his e-mail is visible to his contacts (Anna) on his profile, but the
    # attendee list shows no one's contact details, to anyone.
    _going(meetup_now, anna, clara)

    for viewer in (anna, clara, meetup_now.organiser):
        body = client_for(viewer).get(reverse("meetup_attendees", args=[meetup_now.pk]))
        text = body.content.decode()
        assert body.status_code == 200
        assert "Anna Becker" in text
        assert "Steuerberaterin für Handwerksbetriebe" in text
        assert "Clara Vogt" in text
        assert OLAF_EMAIL not in text
        assert OLAF_PHONE not in text
        assert "anna.becker@example.org" not in text
        assert "clara.vogt@example.org" not in text


def test_after_check_in_other_checked_in_strangers_get_a_connect_link(
    client_for, meetup_now, anna, bernd, clara
):
    _going(meetup_now, anna, bernd, clara)
    code = codes.check_in_code(meetup_now.pk)
    for member in (anna, bernd, clara):
        services.check_in(member, meetup_id=meetup_now.pk, code=code)

    response = client_for(anna).get(reverse("meetup_attendees", args=[meetup_now.pk]))

    links = {a.member_id: a.connect_url for a in response.context["listing"].attendees}
    # Clara is a stranger: a link that says "we met" at this meetup. Bernd and Olaf are
    # already Anna's contacts, and Anna does not connect with herself.
    assert links[clara.pk] == f"/members/{clara.pk}/connect/?intent=met&event={meetup_now.pk}"
    assert links[bernd.pk] is None
    assert links[meetup_now.organiser_id] is None
    assert links[anna.pk] is None


def test_no_connect_links_before_checking_in(client_for, meetup_now, anna, clara):
    _going(meetup_now, anna, clara)
    services.check_in(clara, meetup_id=meetup_now.pk, code=codes.check_in_code(meetup_now.pk))

    response = client_for(anna).get(reverse("meetup_attendees", args=[meetup_now.pk]))

    assert all(a.connect_url is None for a in response.context["listing"].attendees)


### iCalendar ###


def test_a_meetup_exports_as_icalendar_in_berlin_time(client_for, anna):
    start = timezone.now().replace(microsecond=0) + timedelta(days=5)
    meetup = MeetupFactory(
        title="Frühstück, Köln", starts_at=start, venue="Café Central", address="Friesenplatz 1"
    )

    response = client_for(anna).get(reverse("meetup_ics", args=[meetup.pk]))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.events
    assert str(event["SUMMARY"]) == "Frühstück, Köln"
    assert event.start == start
    assert str(event.start.tzinfo) == "Europe/Berlin"
    assert event.end == start + timedelta(hours=2)
    assert str(event["LOCATION"]) == "Café Central, Friesenplatz 1, Köln"
    assert str(event["UID"]) == f"meetup-{meetup.pk}@testserver"
    assert f"/meetups/{meetup.pk}/" in str(event["URL"])
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Berlin"]
    assert "ORGANIZER" not in event
    assert "ATTENDEE" not in event


def test_a_cancelled_meetup_exports_as_cancelled(client_for, anna):
    meetup = MeetupFactory()
    services.cancel_meetup(meetup.organiser, meetup_id=meetup.pk)

    response = client_for(anna).get(reverse("meetup_ics", args=[meetup.pk]))

    (event,) = Calendar.from_ical(response.content).events
    assert str(event["STATUS"]) == "CANCELLED"


### The calendar feed ###


def _feed_url(client, member) -> str:
    client.post(reverse("calendar_settings"), {"action": "create"})
    feed = CalendarFeed.objects.get(member=member)
    return reverse("calendar_feed", args=[ical.feed_token(feed)])


def test_the_feed_lists_the_members_meetups_without_logging_in(client_for, anna, clara):
    mine = MeetupFactory(title="Ich gehe hin")
    _going(mine, anna)
    MeetupFactory(organiser=anna, title="Ich lade ein")
    MeetupFactory(title="Fremdes Treffen")
    url = _feed_url(client_for(anna), anna)

    response = Client().get(url)

    assert response.status_code == 200
    summaries = {str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).events}
    assert summaries == {"Ich gehe hin", "Ich lade ein"}
    assert "no-store" in response["Cache-Control"]


def test_the_settings_page_shows_the_feed_address(client_for, anna):
    # The signed token carries the second it was made in: hold the clock between the two.
    with time_machine.travel(timezone.now(), tick=False):
        url = _feed_url(client_for(anna), anna)

        body = client_for(anna).get(reverse("calendar_settings")).content.decode()

    assert f"http://testserver{url}" in body


def test_a_wrong_or_tampered_token_is_not_found(client_for, anna):
    url = _feed_url(client_for(anna), anna)
    token = url.split("/")[-2]

    assert Client().get(reverse("calendar_feed", args=["nonsense"])).status_code == 404
    assert Client().get(reverse("calendar_feed", args=[token[:-2] + "xx"])).status_code == 404


def test_a_revoked_or_renewed_feed_stops_working(client_for, anna):
    client = client_for(anna)
    first = _feed_url(client, anna)
    second = _feed_url(client, anna)  # a new address replaces the old one

    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    client.post(reverse("calendar_settings"), {"action": "revoke"})
    assert Client().get(second).status_code == 404


def test_another_members_feed_key_does_not_open_a_feed(client_for, anna, clara):
    _feed_url(client_for(anna), anna)
    clara_feed = services.create_calendar_feed(clara)
    forged = CalendarFeed(member_id=anna.pk, key=clara_feed.key)

    assert Client().get(reverse("calendar_feed", args=[ical.feed_token(forged)])).status_code == 404
