"""Refusals around contact requests, quotas and restrictions.

Each error builds its own message, so the wording lives in one place: services raise
``QuotaExhausted(period="week", limit=20)`` and every caller (form, API, test) reads the
same translated sentence. Messages are translated when the error is raised, in the
language active for the acting member.
"""

from __future__ import annotations

import math
from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handschlag.core.errors import HandschlagError, NotFound


def _when(moment: datetime) -> str:
    """A moment as the member reads it: local date and time in their language's format."""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class CannotRequestSelf(HandschlagError):
    """A member asked to connect with themselves."""

    def __init__(self) -> None:
        super().__init__(_("You cannot send a contact request to yourself."))


class InvalidIntent(HandschlagError):
    """The declared intent is not one of the choices."""

    def __init__(self) -> None:
        super().__init__(_("Please choose what your request is about."), field="intent")


class NoteTooLong(HandschlagError):
    """The note exceeds the length every recipient can be asked to read."""

    def __init__(self, *, limit: int, length: int) -> None:
        super().__init__(
            _("Your note has %(length)d characters; at most %(limit)d are allowed.")
            % {"length": length, "limit": limit},
            field="note",
        )
        self.limit = limit
        self.length = length


class AlreadyConnected(HandschlagError):
    """The two members are contacts already."""

    def __init__(self) -> None:
        super().__init__(_("You are already connected with this member."))


class RequestPending(HandschlagError):
    """A request between the two is waiting for an answer, in either direction."""

    def __init__(self, *, incoming: bool) -> None:
        if incoming:
            message = _(
                "This member has already asked to connect with you. "
                "You can accept their request in your inbox."
            )
        else:
            message = _("Your earlier request to this member is still waiting for an answer.")
        super().__init__(message)
        self.incoming = incoming


class CoolDown(HandschlagError):
    """The recipient declined, or the sender withdrew, less than three weeks ago (S2)."""

    def __init__(self, *, until: datetime) -> None:
        super().__init__(
            _(
                "Your last request to this member was declined or withdrawn recently. "
                "From %(when)s you can ask again."
            )
            % {"when": _when(until)}
        )
        self.until = until


class NoteRequired(HandschlagError):
    """The recipient asks for a note from senders like this one."""

    def __init__(self) -> None:
        super().__init__(
            _("This member asks for a short note saying why you would like to connect."),
            field="note",
        )


class SenderRestricted(HandschlagError):
    """The sender may not send requests while a restriction is in force (S7)."""

    def __init__(self, *, until: datetime | None) -> None:
        if until is None:
            message = _(
                "You cannot send contact requests at the moment. "
                "Your notice explains why and how to appeal."
            )
        else:
            message = _(
                "Until %(when)s you cannot send contact requests. "
                "Your notice explains why and how to appeal."
            ) % {"when": _when(until)}
        super().__init__(message)
        self.until = until


class QuotaExhausted(HandschlagError):
    """The sender reached a limit; never a silent drop (S1, S4)."""

    def __init__(self, *, period: str, limit: int, resets_at: datetime | None = None) -> None:
        if period == "day":
            message = ngettext(
                "You have sent %(limit)d contact request today, your daily limit. "
                "From %(when)s you can send more.",
                "You have sent %(limit)d contact requests today, your daily limit. "
                "From %(when)s you can send more.",
                limit,
            )
        elif period == "week":
            message = ngettext(
                "You have sent %(limit)d contact request this week, your weekly limit. "
                "From %(when)s you can send more.",
                "You have sent %(limit)d contact requests this week, your weekly limit. "
                "From %(when)s you can send more.",
                limit,
            )
        else:
            message = ngettext(
                "%(limit)d of your contact requests is still waiting for an answer. "
                "Withdraw some before you send more.",
                "%(limit)d of your contact requests are still waiting for an answer. "
                "Withdraw some before you send more.",
                limit,
            )
        when = _when(resets_at) if resets_at is not None else ""
        super().__init__(message % {"limit": limit, "when": when})
        self.period = period
        self.limit = limit
        self.resets_at = resets_at

    def retry_after(self, now: datetime) -> int | None:
        """Whole seconds until the sender can send again (HTTP ``Retry-After``, S6): until
        the first request of the day's or week's window, which started the window, falls
        out of it. None for the pending cap, which only an answer or a withdrawal lifts."""
        if self.resets_at is None:
            return None
        return max(1, math.ceil((self.resets_at - now).total_seconds()))


class RequestNotFound(NotFound):
    """The request does not exist or is not the member's to act on (404, not 403)."""

    def __init__(self) -> None:
        super().__init__(_("This request does not exist or is no longer pending."))


class NotRestricted(NotFound):
    """There is no restriction in force to appeal against."""

    def __init__(self) -> None:
        super().__init__(_("You have no restriction to appeal against."))


class AlreadyAppealed(HandschlagError):
    """One appeal per restriction: the moderators have it already."""

    def __init__(self) -> None:
        super().__init__(
            _("You have already appealed against this restriction. A moderator will answer."),
            field="text",
        )
