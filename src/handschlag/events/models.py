"""Meetups, the members' answers to them (RSVPs), wrong check-in codes and calendar feeds.

A meetup's place on the guest list is an :class:`Rsvp` row per member and meetup. Its
status says whether the member is going, waiting (in the order of ``waiting_since``) or
has cancelled; ``checked_in_at`` records that they entered the check-in code at the
meetup, which makes their attendance confirmed (and common ground for the trust engine).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from handschlag.core.models import TimeStampedModel

#: Check-in opens this long before a meetup starts ...
CHECK_IN_OPENS_BEFORE = timedelta(hours=1)
#: ... and closes this long after it ends.
CHECK_IN_CLOSES_AFTER = timedelta(hours=2)
#: Largest capacity the form accepts; a regional meetup, not a trade fair.
MAX_CAPACITY = 2000

### Meetups ###


class MeetupQuerySet(models.QuerySet["Meetup"]):
    """Meetups in the words of the domain."""

    def not_cancelled(self) -> MeetupQuerySet:
        return self.filter(cancelled_at__isnull=True)

    def upcoming(self, now: datetime) -> MeetupQuerySet:
        """Meetups that have not ended yet, soonest first."""
        return self.filter(ends_at__gt=now).order_by("starts_at", "pk")

    def past(self, now: datetime) -> MeetupQuerySet:
        """Meetups that have ended, latest first."""
        return self.filter(ends_at__lte=now).order_by("-starts_at", "-pk")

    def in_city(self, city: str) -> MeetupQuerySet:
        return self.filter(city=city.strip())


class Meetup(TimeStampedModel):
    """A regional business meetup a member organises: place, time, capacity, description."""

    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organised_meetups",
        verbose_name=_("organiser"),
    )
    title = models.CharField(_("title"), max_length=160)
    venue = models.CharField(_("venue"), max_length=160)
    address = models.CharField(_("address"), max_length=200)
    city = models.CharField(_("city"), max_length=80)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("capacity"))
    description = models.TextField(_("description"), max_length=5000, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    objects = MeetupQuerySet.as_manager()

    class Meta:
        verbose_name = _("meetup")
        verbose_name_plural = _("meetups")
        indexes = [
            models.Index(fields=["ends_at", "starts_at"], name="meetup_by_time"),
            models.Index(fields=["city", "ends_at"], name="meetup_by_city"),
            models.Index(fields=["organiser", "starts_at"], name="meetup_by_organiser"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meetup_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="meetup_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def check_in_opens_at(self) -> datetime:
        return self.starts_at - CHECK_IN_OPENS_BEFORE

    @property
    def check_in_closes_at(self) -> datetime:
        return self.ends_at + CHECK_IN_CLOSES_AFTER

    def is_check_in_open(self, now: datetime) -> bool:
        """Whether attendees may enter the code now (never for a cancelled meetup)."""
        return not self.is_cancelled and self.check_in_opens_at <= now <= self.check_in_closes_at


### RSVPs ###


class RsvpStatus(models.TextChoices):
    """Where a member stands with a meetup."""

    GOING = "going", _("Going")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class RsvpQuerySet(models.QuerySet["Rsvp"]):
    def going(self) -> RsvpQuerySet:
        return self.filter(status=RsvpStatus.GOING)

    def waiting(self) -> RsvpQuerySet:
        """The waiting list in its order: first come, first promoted."""
        return self.filter(status=RsvpStatus.WAITING).order_by("waiting_since", "pk")

    def checked_in(self) -> RsvpQuerySet:
        return self.filter(checked_in_at__isnull=False)


class Rsvp(models.Model):
    """A member's answer to a meetup; one row per member and meetup, kept on cancelling."""

    meetup = models.ForeignKey(
        Meetup, on_delete=models.CASCADE, related_name="rsvps", verbose_name=_("meetup")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="meetup_rsvps",
        verbose_name=_("member"),
    )
    status = models.CharField(_("status"), max_length=16, choices=RsvpStatus.choices)
    answered_at = models.DateTimeField(_("answered at"))
    #: The member's place on the waiting list (set when they joined it).
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    #: When a cancellation (or more room) moved the member from the waiting list to going.
    promoted_at = models.DateTimeField(_("moved up at"), null=True, blank=True)
    #: When the member saw the notice about it on the meetup pages.
    promotion_seen_at = models.DateTimeField(_("notice seen at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)

    objects = RsvpQuerySet.as_manager()

    class Meta:
        verbose_name = _("RSVP")
        verbose_name_plural = _("RSVPs")
        constraints = [
            models.UniqueConstraint(fields=["meetup", "member"], name="rsvp_unique"),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=True) | Q(status=RsvpStatus.GOING),
                name="rsvp_checked_in_is_going",
            ),
        ]
        indexes = [
            models.Index(fields=["meetup", "status", "waiting_since"], name="rsvp_by_meetup"),
            models.Index(fields=["member", "status"], name="rsvp_by_member"),
            models.Index(
                fields=["member", "meetup"],
                condition=Q(checked_in_at__isnull=False),
                name="rsvp_checked_in",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} → {self.meetup_id}: {self.status}"


### Check-in attempts ###


class WrongCheckInCode(models.Model):
    """One wrong check-in code a member entered; the last hour's rows limit their tries."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    meetup = models.ForeignKey(Meetup, on_delete=models.CASCADE, related_name="+")
    attempted_at = models.DateTimeField(_("attempted at"))

    class Meta:
        verbose_name = _("wrong check-in code")
        verbose_name_plural = _("wrong check-in codes")
        indexes = [models.Index(fields=["member", "attempted_at"], name="wrong_code_by_member")]

    def __str__(self) -> str:
        return f"{self.member_id} @ {self.meetup_id}"


### Calendar feeds ###


class CalendarFeed(models.Model):
    """A member's personal calendar feed; the secret URL is signed over ``key``.

    Only the random key is stored: the URL's token is its signature with the secret key
    (``ical.feed_token``), so a copy of the database alone does not open any feed.
    Revoking deletes the row; a new feed gets a new key, so old URLs answer 404.
    """

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="meetup_calendar",
        verbose_name=_("member"),
    )
    key = models.CharField(_("key"), max_length=64)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"calendar of {self.member_id}"
