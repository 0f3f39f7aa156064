"""Meetups through the API: the list, one meetup, the member's answer, check-in with the
organiser's code, and who is coming (only for those going and the organiser); organising:
the member's own meetups, publishing one, changing and cancelling it.

Meetups themselves are open to every member, as on the pages; the attendee list and the
check-in code are not. Only the organiser changes or cancels a meetup: for anyone else
its id answers 404, as on the pages (``events.queries.get_meetup_to_edit``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from handschlag.api.forms import cleaned, form_data
from handschlag.api.limits import limit
from handschlag.api.routers.common import Done, Id, InputSchema, caller, responses
from handschlag.events import queries, services
from handschlag.events.forms import MeetupForm

router = Router(tags=["meetups"])


class MeetupOut(Schema):
    id: int
    title: str
    venue: str
    address: str
    city: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    description: str
    is_cancelled: bool
    organiser_name: str
    going: int
    waiting: int
    places_left: int
    #: The caller's answer: going, waiting, cancelled, or null.
    my_status: str | None
    checked_in: bool


class MeetupDetailOut(MeetupOut):
    waiting_position: int | None
    is_organiser: bool
    can_see_attendees: bool
    can_check_in: bool
    #: Only for the organiser while check-in is open: the code to show at the door.
    check_in_code: str | None
    is_open_for_answers: bool


class MeetupFilter(Schema):
    city: str = ""


class CheckInIn(InputSchema):
    code: str


def _storable(value: datetime) -> datetime:
    """A moment the database can hold in UTC (year 9999 at -14:00 would overflow)."""
    if not 1900 <= value.year <= 9000:
        raise PydanticCustomError("datetime_range", "a year between 1900 and 9000 is required")
    return value


#: A moment as ISO 8601 text (``2026-03-24T18:30``; without an offset it is read in the
#: site's time zone, as the page's form reads it).
Moment = Annotated[datetime, Field(strict=False), AfterValidator(_storable)]


class MeetupIn(InputSchema):
    """A new meetup: the fields of the page's form, checked by that form and the service."""

    title: str
    venue: str
    address: str
    city: str
    starts_at: Moment
    ends_at: Moment
    capacity: int
    description: str = ""


class MeetupChangeIn(InputSchema):
    """Changes to one's own meetup: only the fields sent change."""

    title: str | None = None
    venue: str | None = None
    address: str | None = None
    city: str | None = None
    starts_at: Moment | None = None
    ends_at: Moment | None = None
    capacity: int | None = None
    description: str | None = None


class MyMeetupsOut(Schema):
    """The caller's own meetups: those they organise, are going to or waiting for, and
    went to (the page "My meetups")."""

    organising: list[MeetupOut]
    upcoming: list[MeetupOut]
    past: list[MeetupOut]


class AttendeeOut(Schema):
    """Someone coming: name and headline, never contact details."""

    member_id: int
    full_name: str
    headline: str
    is_organiser: bool
    checked_in: bool
    is_you: bool
    is_contact: bool


def _row(row: queries.MeetupRow) -> MeetupOut:
    m = row.meetup
    return MeetupOut(
        id=m.pk,
        title=m.title,
        venue=m.venue,
        address=m.address,
        city=m.city,
        starts_at=m.starts_at,
        ends_at=m.ends_at,
        capacity=m.capacity,
        description=m.description,
        is_cancelled=m.cancelled_at is not None,
        organiser_name=row.organiser_name,
        going=row.going,
        waiting=row.waiting,
        places_left=row.places_left,
        my_status=row.my_status,
        checked_in=row.checked_in,
    )


def _detail(request: HttpRequest, meetup_id: int) -> MeetupDetailOut:
    page = queries.get_meetup_page(caller(request), meetup_id=meetup_id)
    m = page.meetup
    rsvp = page.rsvp
    return MeetupDetailOut(
        id=m.pk,
        title=m.title,
        venue=m.venue,
        address=m.address,
        city=m.city,
        starts_at=m.starts_at,
        ends_at=m.ends_at,
        capacity=m.capacity,
        description=m.description,
        is_cancelled=m.cancelled_at is not None,
        organiser_name=page.organiser.full_name if page.organiser is not None else "",
        going=page.going,
        waiting=page.waiting,
        places_left=page.places_left,
        my_status=rsvp.status if rsvp is not None else None,
        checked_in=bool(rsvp is not None and rsvp.checked_in_at),
        waiting_position=page.waiting_position,
        is_organiser=page.is_organiser,
        can_see_attendees=page.can_see_attendees,
        can_check_in=page.can_check_in,
        check_in_code=page.check_in_code,
        is_open_for_answers=page.is_open_for_answers,
    )


@router.get("/meetups", response=responses(200, list[MeetupOut]), summary="Upcoming meetups")
def list_meetups(request: HttpRequest, filters: Query[MeetupFilter]) -> list[MeetupOut]:
    rows = queries.list_upcoming_meetups(caller(request), city=filters.city.strip()[:80])
    return [_row(row) for row in rows]


@router.get("/meetups/{meetup_id}", response=responses(200, MeetupDetailOut), summary="One meetup")
def get_meetup(request: HttpRequest, meetup_id: Id) -> MeetupDetailOut:
    return _detail(request, meetup_id)


@router.post(
    "/meetups/{meetup_id}/rsvp",
    response=responses(200, MeetupDetailOut, 409),
    throttle=limit("answer", per_member=120),
    summary="“I am going”: a place, or the waiting list",
)
def rsvp(request: HttpRequest, meetup_id: Id) -> MeetupDetailOut:
    services.rsvp_to_meetup(caller(request), meetup_id=meetup_id)
    return _detail(request, meetup_id)


@router.delete(
    "/meetups/{meetup_id}/rsvp",
    response=responses(200, MeetupDetailOut, 409),
    throttle=limit("answer", per_member=120),
    summary="Give up your place (or leave the waiting list)",
)
def cancel_rsvp(request: HttpRequest, meetup_id: Id) -> MeetupDetailOut:
    services.cancel_rsvp(caller(request), meetup_id=meetup_id)
    return _detail(request, meetup_id)


@router.post(
    "/meetups/{meetup_id}/check-in",
    response=responses(200, Done),
    throttle=limit("check_in", per_member=10),
    summary="Check in with the code the organiser shows at the meetup",
)
def check_in(request: HttpRequest, meetup_id: Id, payload: CheckInIn) -> Done:
    services.check_in(caller(request), meetup_id=meetup_id, code=payload.code[:32])
    return Done(detail=_("You are checked in. Now see who else is here and connect with them."))


@router.get(
    "/meetups/{meetup_id}/attendees",
    response=responses(200, list[AttendeeOut]),
    summary="Who is coming (for those going and the organiser)",
)
def attendees(request: HttpRequest, meetup_id: Id) -> list[AttendeeOut]:
    found = queries.list_attendees(caller(request), meetup_id=meetup_id)
    return [
        AttendeeOut(
            member_id=a.member_id,
            full_name=a.name,
            headline=a.headline,
            is_organiser=a.is_organiser,
            checked_in=a.checked_in,
            is_you=a.is_you,
            is_contact=a.is_contact,
        )
        for a in found.attendees
    ]


### Organising ###


@router.get(
    "/my-meetups",
    response=responses(200, MyMeetupsOut),
    summary="Meetups you organise, are going to, and went to",
)
def my_meetups(request: HttpRequest) -> MyMeetupsOut:
    mine = queries.list_my_meetups(caller(request))
    return MyMeetupsOut(
        organising=[_row(row) for row in mine.organising],
        upcoming=[_row(row) for row in mine.upcoming],
        past=[_row(row) for row in mine.past],
    )


@router.post(
    "/meetups",
    response=responses(201, MeetupDetailOut),
    throttle=limit("organise", per_member=30),
    summary="Organise a meetup (it must start in the future)",
)
def create_meetup(request: HttpRequest, payload: MeetupIn) -> Status[MeetupDetailOut]:
    form = cleaned(MeetupForm(form_data(payload.dict())))
    meetup = services.create_meetup(caller(request), values=form.cleaned_data)
    return Status(201, _detail(request, meetup.pk))


@router.patch(
    "/meetups/{meetup_id}",
    response=responses(200, MeetupDetailOut),
    throttle=limit("organise", per_member=30),
    summary="Change your own meetup",
)
def update_meetup(request: HttpRequest, meetup_id: Id, payload: MeetupChangeIn) -> MeetupDetailOut:
    member = caller(request)
    meetup = queries.get_meetup_to_edit(member, meetup_id=meetup_id)  # not yours: 404 first
    current = {name: getattr(meetup, name) for name in services.MEETUP_FIELDS}
    changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    form = cleaned(MeetupForm(form_data({**current, **changes})))
    services.update_meetup(member, meetup_id=meetup.pk, values=form.cleaned_data)
    return _detail(request, meetup.pk)


@router.post(
    "/meetups/{meetup_id}/cancel",
    response=responses(200, MeetupDetailOut),
    throttle=limit("organise", per_member=30),
    summary="Call your own meetup off (its guests are told)",
)
def cancel_meetup(request: HttpRequest, meetup_id: Id) -> MeetupDetailOut:
    member = caller(request)
    meetup = queries.get_meetup_to_edit(member, meetup_id=meetup_id)
    services.cancel_meetup(member, meetup_id=meetup.pk)
    return _detail(request, meetup.pk)
