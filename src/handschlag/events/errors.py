"""Refusals around meetups, each with its message for the member (and the field it
belongs to, where the member can correct it)."""

from __future__ import annotations

from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handschlag.core.errors import HandschlagError


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _time(moment: datetime) -> str:
    return formats.time_format(timezone.localtime(moment), "TIME_FORMAT")


class MeetupCancelled(HandschlagError):
    """Nothing can be done with a cancelled meetup but read it."""

    def __init__(self) -> None:
        super().__init__(_("This meetup has been cancelled."))


class MeetupOver(HandschlagError):
    """Answers to a meetup that has started or ended change nothing any more."""

    def __init__(self) -> None:
        super().__init__(_("This meetup has already started or taken place."))


class OrganiserCannotRsvp(HandschlagError):
    """The organiser hosts the meetup and needs no place on the guest list."""

    def __init__(self) -> None:
        super().__init__(_("You organise this meetup, so you do not need to sign up."))


class CapacityBelowGuests(HandschlagError):
    """An organiser may not shrink the meetup below the members already going."""

    def __init__(self, going: int) -> None:
        super().__init__(
            ngettext(
                "%(count)d member is already going, so the capacity cannot be lower.",
                "%(count)d members are already going, so the capacity cannot be lower.",
                going,
            )
            % {"count": going},
            field="capacity",
        )


class NotOnGuestList(HandschlagError):
    """Only members with a place (going) check in."""

    def __init__(self) -> None:
        super().__init__(_("Only members with a place at this meetup can check in."), field="code")


class CheckInNotOpenYet(HandschlagError):
    """The code is accepted from an hour before the start."""

    def __init__(self, opens_at: datetime) -> None:
        super().__init__(_("Check-in opens at %(time)s.") % {"time": _when(opens_at)}, field="code")


class CheckInClosed(HandschlagError):
    """The code is accepted until two hours after the end; after that it has expired."""

    def __init__(self, closed_at: datetime) -> None:
        super().__init__(
            _("This check-in code has expired: check-in closed at %(time)s.")
            % {"time": _when(closed_at)},
            field="code",
        )


class WrongCode(HandschlagError):
    """The code does not belong to this meetup."""

    def __init__(self, tries_left: int) -> None:
        super().__init__(
            ngettext(
                "This is not the check-in code of this meetup. Please check it with the "
                "organiser. You have %(count)d more try this hour.",
                "This is not the check-in code of this meetup. Please check it with the "
                "organiser. You have %(count)d more tries this hour.",
                tries_left,
            )
            % {"count": tries_left},
            field="code",
        )


class TooManyWrongCodes(HandschlagError):
    """Five wrong codes in an hour: no more tries until the oldest falls out of the hour."""

    def __init__(self, retry_at: datetime) -> None:
        super().__init__(
            _("You entered too many wrong codes. Please try again after %(time)s.")
            % {"time": _time(retry_at)},
            field="code",
        )
        self.retry_at = retry_at
