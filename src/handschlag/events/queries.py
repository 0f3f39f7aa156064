"""Every read around meetups, permission-checked.

Meetups themselves are open to every member (a regional network advertises them). Who
is coming is not: the attendee list is for the members going (or checked in) and the
organiser, and it names people by name and headline only, never by contact details.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.core.errors import NotFound
from handschlag.events import check_in as codes
from handschlag.events.models import CalendarFeed, Meetup, Rsvp, RsvpStatus
from handschlag.moderation.blocks import blocked_either_way_ids
from handschlag.network.models import Connection
from handschlag.profiles.models import Profile

#: Pages list at most this many meetups (newest or soonest first).
PAGE_SIZE = 100
#: The personal calendar feed reaches this far back.
FEED_HISTORY = timedelta(days=180)


def _with_counts(meetups: QuerySet[Meetup]) -> QuerySet[Meetup]:
    return meetups.select_related("organiser__profile").annotate(
        going_count=Count("rsvps", filter=Q(rsvps__status=RsvpStatus.GOING)),
        waiting_count=Count("rsvps", filter=Q(rsvps__status=RsvpStatus.WAITING)),
    )


@dataclass(frozen=True, slots=True)
class MeetupRow:
    """A meetup in a list, with its numbers and the viewer's own answer."""

    meetup: Meetup
    organiser_name: str
    going: int
    waiting: int
    my_status: str | None
    checked_in: bool

    @property
    def places_left(self) -> int:
        return max(self.meetup.capacity - self.going, 0)


def _rows(viewer: Member, meetups: list[Meetup]) -> list[MeetupRow]:
    answers = {
        rsvp.meetup_id: rsvp
        for rsvp in Rsvp.objects.filter(member=viewer, meetup_id__in=[m.pk for m in meetups])
    }
    rows = []
    for meetup in meetups:
        rsvp = answers.get(meetup.pk)
        profile = getattr(meetup.organiser, "profile", None)
        rows.append(
            MeetupRow(
                meetup=meetup,
                organiser_name=profile.full_name if profile else "",
                going=getattr(meetup, "going_count", 0),
                waiting=getattr(meetup, "waiting_count", 0),
                my_status=rsvp.status if rsvp else None,
                checked_in=bool(rsvp and rsvp.checked_in_at),
            )
        )
    return rows


def list_upcoming_meetups(
    viewer: Member, *, city: str = "", now: datetime | None = None
) -> list[MeetupRow]:
    """Meetups that have not ended, soonest first, optionally in one city."""
    meetups = Meetup.objects.upcoming(now or timezone.now())
    if city:
        meetups = meetups.in_city(city)
    return _rows(viewer, list(_with_counts(meetups)[:PAGE_SIZE]))


def list_past_meetups(viewer: Member, *, now: datetime | None = None) -> list[MeetupRow]:
    """Meetups that have ended, latest first."""
    meetups = Meetup.objects.past(now or timezone.now())
    return _rows(viewer, list(_with_counts(meetups)[:PAGE_SIZE]))


def list_cities(*, now: datetime | None = None) -> list[str]:
    """The cities with upcoming meetups, for the filter."""
    cities = (
        Meetup.objects.not_cancelled()
        .filter(ends_at__gt=now or timezone.now())
        .values_list("city", flat=True)
        .distinct()
    )
    return sorted(set(cities), key=str.casefold)


@dataclass(frozen=True, slots=True)
class MyMeetups:
    """The member's own meetups: organised, answered, attended."""

    organising: list[MeetupRow]
    upcoming: list[MeetupRow]
    past: list[MeetupRow]


def list_my_meetups(member: Member, *, now: datetime | None = None) -> MyMeetups:
    """Meetups the member organises, is going to or waiting for, and went to."""
    now = now or timezone.now()
    answered = Rsvp.objects.filter(member=member).exclude(status=RsvpStatus.CANCELLED)
    mine = Meetup.objects.filter(Q(pk__in=answered.values("meetup_id")) | Q(organiser=member))
    organising = _with_counts(mine.filter(organiser=member).upcoming(now))
    upcoming = _with_counts(mine.exclude(organiser=member).upcoming(now))
    past = _with_counts(mine.past(now))
    return MyMeetups(
        organising=_rows(member, list(organising[:PAGE_SIZE])),
        upcoming=_rows(member, list(upcoming[:PAGE_SIZE])),
        past=_rows(member, list(past[:PAGE_SIZE])),
    )


### One meetup ###


@dataclass(frozen=True, slots=True)
class MeetupPage:
    """A meetup as the viewer may see it."""

    meetup: Meetup
    organiser: Profile | None
    going: int
    waiting: int
    rsvp: Rsvp | None
    #: The viewer's place on the waiting list (1 = next), when waiting.
    waiting_position: int | None
    is_organiser: bool
    can_see_attendees: bool
    #: Open now for the viewer's code (going, not checked in, inside the window).
    can_check_in: bool
    #: For the organiser during the check-in window: the code to show at the door.
    check_in_code: str | None
    is_open_for_answers: bool

    @property
    def places_left(self) -> int:
        return max(self.meetup.capacity - self.going, 0)


def _meetup(meetup_id: int) -> Meetup:
    meetup = (
        _with_counts(Meetup.objects.filter(pk=meetup_id)).select_related("organiser__profile")
    ).first()
    if meetup is None:
        raise NotFound(_("This meetup does not exist."))
    return meetup


def _may_see_attendees(rsvp: Rsvp | None, *, is_organiser: bool) -> bool:
    return is_organiser or (rsvp is not None and rsvp.status == RsvpStatus.GOING)


def get_meetup_page(viewer: Member, *, meetup_id: int, now: datetime | None = None) -> MeetupPage:
    """One meetup with the viewer's answer, their rights and (for the organiser) the code."""
    now = now or timezone.now()
    meetup = _meetup(meetup_id)
    rsvp = Rsvp.objects.filter(meetup=meetup, member=viewer).first()
    is_organiser = meetup.organiser_id == viewer.pk
    position = None
    if rsvp is not None and rsvp.status == RsvpStatus.WAITING and rsvp.waiting_since:
        ahead = (
            meetup.rsvps.waiting()
            .filter(
                Q(waiting_since__lt=rsvp.waiting_since)
                | Q(waiting_since=rsvp.waiting_since, pk__lt=rsvp.pk)
            )
            .count()
        )
        position = ahead + 1
    open_window = meetup.is_check_in_open(now)
    return MeetupPage(
        meetup=meetup,
        organiser=getattr(meetup.organiser, "profile", None),
        going=getattr(meetup, "going_count", 0),
        waiting=getattr(meetup, "waiting_count", 0),
        rsvp=rsvp,
        waiting_position=position,
        is_organiser=is_organiser,
        can_see_attendees=_may_see_attendees(rsvp, is_organiser=is_organiser),
        can_check_in=bool(
            open_window
            and rsvp is not None
            and rsvp.status == RsvpStatus.GOING
            and rsvp.checked_in_at is None
        ),
        check_in_code=codes.display_code(meetup.pk) if is_organiser and open_window else None,
        is_open_for_answers=not meetup.is_cancelled and meetup.starts_at > now,
    )


def get_meetup_to_edit(organiser: Member, *, meetup_id: int) -> Meetup:
    """The organiser's own meetup for the edit form; NotFound for everyone else."""
    meetup = Meetup.objects.filter(pk=meetup_id, organiser=organiser).first()
    if meetup is None:
        raise NotFound(_("This meetup does not exist."))
    return meetup


### Attendees ###


@dataclass(frozen=True, slots=True)
class Attendee:
    """One person at a meetup: name and headline, never contact details."""

    member_id: int
    name: str
    headline: str
    is_organiser: bool
    checked_in: bool
    is_you: bool
    is_contact: bool
    #: The "connect, met at this meetup" link: for two checked-in attendees who are not contacts.
    connect_url: str | None


@dataclass(frozen=True, slots=True)
class AttendeeList:
    meetup: Meetup
    attendees: list[Attendee]
    viewer_checked_in: bool


def connect_url(member_id: int, meetup_id: int) -> str:
    """The contact-request page with "we met" and this meetup as the reason."""
    query = urlencode({"intent": "met", "event": meetup_id})
    return f"{reverse('send_request', args=[member_id])}?{query}"


def list_attendees(viewer: Member, *, meetup_id: int) -> AttendeeList:
    """Who is going, for those going and the organiser; PermissionDenied for others.

    A member who has checked in sees a "connect" link beside each other checked-in
    attendee they are not yet connected with (the organiser counts as present).
    """
    meetup = _meetup(meetup_id)
    rsvp = Rsvp.objects.filter(meetup=meetup, member=viewer).first()
    is_organiser = meetup.organiser_id == viewer.pk
    if not _may_see_attendees(rsvp, is_organiser=is_organiser):
        raise PermissionDenied(
            _("Only the members going to this meetup and its organiser see who is coming.")
        )
    hidden = blocked_either_way_ids(viewer.pk)
    going = list(
        Rsvp.objects.going()
        .filter(meetup=meetup, member__is_active=True)
        .exclude(member_id__in=hidden)
        .select_related("member__profile")
        .order_by("member__profile__full_name", "pk")
    )
    ids = [r.member_id for r in going] + [meetup.organiser_id]
    contacts = set(
        Connection.objects.of(viewer.pk)
        .filter(contact_id__in=ids)
        .values_list("contact_id", flat=True)
    )
    any_checked_in = any(r.checked_in_at for r in going)
    viewer_present = bool(rsvp and rsvp.checked_in_at) or (is_organiser and any_checked_in)

    def entry(member: Member, *, organiser: bool, checked_in: bool) -> Attendee:
        profile = getattr(member, "profile", None)
        is_you = member.pk == viewer.pk
        is_contact = member.pk in contacts
        offer = viewer_present and checked_in and not is_you and not is_contact
        return Attendee(
            member_id=member.pk,
            name=profile.full_name if profile else "",
            headline=profile.headline if profile else "",
            is_organiser=organiser,
            checked_in=checked_in,
            is_you=is_you,
            is_contact=is_contact,
            connect_url=connect_url(member.pk, meetup.pk) if offer else None,
        )

    attendees = []
    if meetup.organiser_id not in hidden:
        attendees.append(entry(meetup.organiser, organiser=True, checked_in=any_checked_in))
    attendees.extend(
        entry(r.member, organiser=False, checked_in=r.checked_in_at is not None) for r in going
    )
    return AttendeeList(meetup=meetup, attendees=attendees, viewer_checked_in=viewer_present)


### Common ground ###


def _present_at(member_id: int) -> Q:
    """Meetups the member is known to have been at: checked in, or organised one that
    someone checked in at (the organiser was there to show the code)."""
    checked_in = Rsvp.objects.checked_in().filter(member_id=member_id).values("meetup_id")
    organised = Q(
        organiser_id=member_id,
        pk__in=Rsvp.objects.checked_in().values("meetup_id"),
    )
    return Q(pk__in=checked_in) | organised


def shared_checked_in_events(a_id: int, b_id: int) -> list[tuple[str, date]]:
    """Meetups both members were confirmed at, latest first, as (title, local date).

    The trust engine's common ground (``Relation.shared_events``, rule CG_MET_AT_EVENT):
    bounded by the two members' own check-ins, never by the number of meetups.
    """
    if a_id == b_id:
        return []
    meetups = (
        Meetup.objects.not_cancelled()
        .filter(_present_at(a_id))
        .filter(_present_at(b_id))
        .order_by("-starts_at", "-pk")
        .values_list("title", "starts_at")
    )
    return [(title, timezone.localtime(starts_at).date()) for title, starts_at in meetups]


def met_at_meetup_note(viewer: Member, *, other_id: int, meetup_id: int) -> str | None:
    """ "We met at … on …" for a contact request, when both were at that meetup; else None.

    For the contact-request form's prefill (``?intent=met&event=<id>``): the text comes
    from the database, not from the URL, so a link cannot put words in a member's mouth.
    """
    if viewer.pk == other_id:
        return None
    meetup = (
        Meetup.objects.not_cancelled()
        .filter(pk=meetup_id)
        .filter(_present_at(viewer.pk))
        .filter(_present_at(other_id))
        .first()
    )
    if meetup is None:
        return None
    day = formats.date_format(timezone.localtime(meetup.starts_at).date(), "DATE_FORMAT")
    return _("We met at the meetup “%(title)s” on %(date)s.") % {"title": meetup.title, "date": day}


### Notices and the calendar feed ###


def list_unseen_promotions(member: Member) -> list[Meetup]:
    """Meetups the member moved up to from the waiting list and has not been told of."""
    rsvps = (
        Rsvp.objects.filter(
            member=member,
            status=RsvpStatus.GOING,
            promoted_at__isnull=False,
            promotion_seen_at__isnull=True,
        )
        .select_related("meetup")
        .order_by("meetup__starts_at")
    )
    return [rsvp.meetup for rsvp in rsvps]


def get_calendar_feed(member: Member) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(member=member).first()


def list_feed_meetups(member: Member, *, now: datetime | None = None) -> list[Meetup]:
    """The feed's meetups: organised or going, from half a year back, cancelled ones
    included (marked so) so that calendar programs remove them."""
    since = (now or timezone.now()) - FEED_HISTORY
    going = Rsvp.objects.filter(member=member, status=RsvpStatus.GOING).values("meetup_id")
    return list(
        Meetup.objects.filter(Q(pk__in=going) | Q(organiser=member), ends_at__gt=since)
        .select_related("organiser__profile")
        .order_by("starts_at", "pk")[: PAGE_SIZE * 5]
    )


def organiser_names(meetups: list[Meetup]) -> dict[int, str]:
    """Organisers' names by member id, from the profiles already joined in."""
    names = {}
    for meetup in meetups:
        profile = getattr(meetup.organiser, "profile", None)
        names[meetup.organiser_id] = profile.full_name if profile else ""
    return names
