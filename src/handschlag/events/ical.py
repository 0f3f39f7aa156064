"""iCalendar (RFC 5545) for meetups, written by the ``icalendar`` library, and the
signed token of a member's personal calendar feed.

Times go out in Europe/Berlin (the site's zone) with the VTIMEZONE the library adds, so
calendar programs show the meetup at the local time wherever they are set up. A meetup's
text carries its place, description and the organiser's name; no e-mail address or
phone number of anyone appears (there is no ORGANIZER or ATTENDEE property).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core import signing
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from icalendar import Calendar, Event
from icalendar.enums import STATUS

from handschlag.events.models import CalendarFeed, Meetup

_FEED_SALT = "handschlag.events.calendar_feed"
PRODID = "-//Handschlag//Meetups//EN"


def _event(meetup: Meetup, *, organiser_name: str, url: str, host: str) -> Event:
    place = ", ".join(part for part in (meetup.venue, meetup.address, meetup.city) if part)
    lines = [meetup.description.strip()] if meetup.description.strip() else []
    if organiser_name:
        lines.append(_("Organised by %(name)s") % {"name": organiser_name})
    lines.append(url)
    event = Event.new(
        uid=f"meetup-{meetup.pk}@{host}",
        summary=meetup.title,
        start=timezone.localtime(meetup.starts_at),
        end=timezone.localtime(meetup.ends_at),
        location=place,
        description="\n\n".join(lines),
        url=url,
        stamp=timezone.now(),
        last_modified=meetup.updated_at,
        status=STATUS.CANCELLED if meetup.is_cancelled else STATUS.CONFIRMED,
    )
    return event


def build_calendar(
    meetups: Iterable[Meetup],
    *,
    name: str,
    organiser_names: dict[int, str],
    url_for: Callable[[Meetup], str],
    host: str,
) -> bytes:
    """The meetups as one VCALENDAR (with its VTIMEZONE), ready to send as text/calendar."""
    calendar = Calendar.new(prodid=PRODID, name=name, method="PUBLISH")
    for meetup in meetups:
        calendar.add_component(
            _event(
                meetup,
                organiser_name=organiser_names.get(meetup.organiser_id, ""),
                url=url_for(meetup),
                host=host,
            )
        )
    calendar.add_missing_timezones()
    body: bytes = calendar.to_ical()
    return body


def feed_token(feed: CalendarFeed) -> str:
    """The secret part of the feed's URL: the member and the feed's key, signed."""
    return signing.dumps([feed.member_id, feed.key], salt=_FEED_SALT, compress=True)


def feed_for_token(token: str) -> CalendarFeed | None:
    """The live feed a token was made for; None when wrong, tampered with or revoked."""
    try:
        payload = signing.loads(token, salt=_FEED_SALT)
    except signing.BadSignature:
        return None
    if not (isinstance(payload, list) and len(payload) == 2):
        return None
    member_id, key = payload
    feed = (
        CalendarFeed.objects.select_related("member")
        .filter(member_id=member_id, member__is_active=True)
        .first()
    )
    if feed is None or not isinstance(key, str) or not constant_time_compare(key, feed.key):
        return None
    return feed
