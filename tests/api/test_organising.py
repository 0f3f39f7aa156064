"""Organising meetups through the API, as on the pages: publish one, change it, call it
off; only the organiser may, for anyone else the meetup's id is a 404 to change; the
page's form checks the fields, with its words in the member's language."""

from datetime import timedelta

from django.utils import timezone

from handschlag.events.models import Meetup, Rsvp
from tests.events.factories import MeetupFactory

from .conftest import API, make_member


def _meetup(**changes: object) -> dict[str, object]:
    starts = timezone.localtime() + timedelta(days=10)
    values: dict[str, object] = {
        "title": "Lohn-Stammtisch Bonn",
        "venue": "Café Central",
        "address": "Markt 1, 53111 Bonn",
        "city": "Bonn",
        "starts_at": starts.strftime("%Y-%m-%dT18:30"),
        "ends_at": starts.strftime("%Y-%m-%dT21:00"),
        "capacity": 2,
        "description": "Austausch über Lohnabrechnung.",
    }
    values.update(changes)
    return values


def test_publish_change_and_cancel_a_meetup(bernd, anna, clara, api_for):
    client = api_for(bernd)
    created = client.post(f"{API}/meetups", _meetup(), content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["title"], body["is_organiser"], body["capacity"]) == (
        "Lohn-Stammtisch Bonn",
        True,
        2,
    )
    meetup = Meetup.objects.get(pk=body["id"])
    assert meetup.organiser == bernd
    # Read in the site's zone, as the page's form reads it.
    assert timezone.localtime(meetup.starts_at).strftime("%H:%M") == "18:30"

    # Two places: Anna goes, Clara waits; one more place moves Clara up.
    api_for(anna).post(f"{API}/meetups/{meetup.pk}/rsvp")
    api_for(clara).post(f"{API}/meetups/{meetup.pk}/rsvp")
    api_for(make_member("dora.kranz@example.org", "Dora Kranz")).post(
        f"{API}/meetups/{meetup.pk}/rsvp"
    )
    changed = client.patch(
        f"{API}/meetups/{meetup.pk}",
        {"capacity": 3, "venue": "Brauhaus Bönnsch"},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.content
    assert (changed.json()["venue"], changed.json()["title"]) == (
        "Brauhaus Bönnsch",
        "Lohn-Stammtisch Bonn",
    )
    assert changed.json()["going"] == 3

    mine = client.get(f"{API}/my-meetups").json()
    assert [m["id"] for m in mine["organising"]] == [meetup.pk]
    attendees = client.get(f"{API}/meetups/{meetup.pk}/attendees").json()
    assert len(attendees) == 4  # the organiser and the three going

    cancelled = client.post(f"{API}/meetups/{meetup.pk}/cancel")
    assert cancelled.status_code == 200
    assert cancelled.json()["is_cancelled"] is True
    # The guest list stays, so the guests learn of it.
    assert Rsvp.objects.filter(meetup=meetup, status="going").count() == 3


def test_only_the_organiser_changes_or_cancels(olaf, anna, malte, api_for):
    meetup = MeetupFactory(organiser=olaf, title="Bauleiter-Frühstück", capacity=5)
    api_for(anna).post(f"{API}/meetups/{meetup.pk}/rsvp")
    for client in (api_for(anna), api_for(malte)):
        changed = client.patch(
            f"{API}/meetups/{meetup.pk}", {"title": "Meins"}, content_type="application/json"
        )
        unknown = client.patch(
            f"{API}/meetups/999999", {"title": "Meins"}, content_type="application/json"
        )
        assert changed.status_code == 404
        assert (changed.status_code, changed.json()) == (unknown.status_code, unknown.json())
        assert client.post(f"{API}/meetups/{meetup.pk}/cancel").status_code == 404
        assert client.get(f"{API}/meetups/{meetup.pk}").json()["check_in_code"] is None
    meetup.refresh_from_db()
    assert (meetup.title, meetup.cancelled_at) == ("Bauleiter-Frühstück", None)


def test_the_fields_are_checked_in_the_members_language(rita, olaf, anna, api_for):
    client = api_for(rita)  # Rita reads German
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT18:00")
    refused = client.post(
        f"{API}/meetups",
        _meetup(title="", capacity=0, starts_at=past),
        content_type="application/json",
    )
    assert refused.status_code == 422
    fields = {e["field"]: e["message"] for e in refused.json()["errors"]}
    assert set(fields) == {"title", "capacity"}
    assert fields["title"] == "Bitte geben Sie dem Treffen einen Titel."
    assert refused.json()["detail"] == "Einige Felder brauchen Ihre Aufmerksamkeit."

    in_the_past = client.post(
        f"{API}/meetups", _meetup(starts_at=past), content_type="application/json"
    )
    assert in_the_past.status_code == 422
    assert in_the_past.json()["errors"][0]["field"] == "starts_at"
    assert "Zukunft" in in_the_past.json()["errors"][0]["message"]

    not_a_moment = client.post(
        f"{API}/meetups", _meetup(ends_at="morgen"), content_type="application/json"
    )
    assert not_a_moment.status_code == 422
    assert not_a_moment.json()["errors"][0]["field"] == "ends_at"
    too_far = client.post(
        f"{API}/meetups",
        _meetup(ends_at="9999-12-31T23:59:59-14:00"),
        content_type="application/json",
    )
    assert too_far.status_code == 422

    # Fewer places than guests going: the service's refusal names the field.
    meetup = MeetupFactory(organiser=olaf, capacity=5)
    api_for(anna).post(f"{API}/meetups/{meetup.pk}/rsvp")
    api_for(rita).post(f"{API}/meetups/{meetup.pk}/rsvp")
    shrunk = api_for(olaf).patch(
        f"{API}/meetups/{meetup.pk}", {"capacity": 1}, content_type="application/json"
    )
    assert shrunk.status_code == 422
    assert shrunk.json()["errors"][0]["field"] == "capacity"
    assert Meetup.objects.get(pk=meetup.pk).capacity == 5
