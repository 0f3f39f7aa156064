"""Meetups through the API: open to every member like the pages; the attendee list only
for those going and the organiser (403 for others, as on the page: that a meetup exists
is no secret); the check-in code only for the organiser while check-in is open."""

from datetime import timedelta

from django.utils import timezone

from handschlag.events import check_in as codes
from handschlag.events.models import Rsvp
from tests.events.factories import MeetupFactory

from .conftest import API


def test_answer_see_who_is_coming_and_leave(olaf, anna, malte, api_for):
    meetup = MeetupFactory(organiser=olaf, title="Stammtisch Köln", capacity=1)
    listed = api_for(anna).get(f"{API}/meetups", {"city": "Köln"}).json()
    assert [m["title"] for m in listed] == ["Stammtisch Köln"]
    going = api_for(anna).post(f"{API}/meetups/{meetup.pk}/rsvp")
    assert going.status_code == 200
    assert going.json()["my_status"] == "going"
    assert going.json()["check_in_code"] is None
    waiting = api_for(malte).post(f"{API}/meetups/{meetup.pk}/rsvp").json()
    assert (waiting["my_status"], waiting["waiting_position"]) == ("waiting", 1)
    names = [
        a["full_name"] for a in api_for(anna).get(f"{API}/meetups/{meetup.pk}/attendees").json()
    ]
    assert sorted(names) == ["Anna Becker", "Olaf Brenner"]
    refused = api_for(malte).get(f"{API}/meetups/{meetup.pk}/attendees")
    assert refused.status_code == 403
    assert "Anna" not in refused.content.decode()
    left = api_for(anna).delete(f"{API}/meetups/{meetup.pk}/rsvp")
    assert left.json()["my_status"] == "cancelled"
    assert api_for(malte).get(f"{API}/meetups/{meetup.pk}").json()["my_status"] == "going"


def test_only_the_organiser_reads_the_code_and_a_wrong_code_is_a_field_error(olaf, anna, api_for):
    meetup = MeetupFactory(
        organiser=olaf, starts_at=timezone.now() - timedelta(minutes=30), capacity=5
    )
    Rsvp.objects.create(meetup=meetup, member=anna, status="going", answered_at=timezone.now())
    code = api_for(olaf).get(f"{API}/meetups/{meetup.pk}").json()["check_in_code"]
    assert code == codes.display_code(meetup.pk)
    assert api_for(anna).get(f"{API}/meetups/{meetup.pk}").json()["check_in_code"] is None
    wrong = api_for(anna).post(
        f"{API}/meetups/{meetup.pk}/check-in", {"code": "000000"}, content_type="application/json"
    )
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "code"
    right = api_for(anna).post(
        f"{API}/meetups/{meetup.pk}/check-in", {"code": code}, content_type="application/json"
    )
    assert right.status_code == 200, right.content


def test_an_unknown_meetup_is_a_404(anna, api_for):
    assert api_for(anna).get(f"{API}/meetups/999999").status_code == 404
    assert api_for(anna).post(f"{API}/meetups/999999/rsvp").status_code == 404
