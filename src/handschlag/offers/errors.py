"""Refusals around recruiter offers, each with its message for the member.

The pair limit's messages use only what the recruiter already sees on their own page
(when they sent, whether an answer is visible yet), never the recipient's decision before
it is revealed: a refusal must not become the oracle the reveal delay closes.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from handschlag.core.errors import HandschlagError, NotFound


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class NotARecruiter(HandschlagError):
    """Only members the host marked as recruiters send offers."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Only recruiters can send job offers. If you recruit for your company or "
                "agency, ask the host of this network to mark your account as a recruiter."
            )
        )


class CannotOfferSelf(HandschlagError):
    """A recruiter tried to send an offer to themselves."""

    def __init__(self) -> None:
        super().__init__(_("You cannot send an offer to yourself."))


class OfferNotFound(NotFound):
    """The offer does not exist or is not the member's."""

    def __init__(self) -> None:
        super().__init__(_("This offer does not exist."))


class MemberNotFound(NotFound):
    """The recipient does not exist, is deactivated, or a block stands between the two."""

    def __init__(self) -> None:
        super().__init__(_("This member does not exist."))


class OfferLimit(HandschlagError):
    """A limit per recruiter and member: the defence against probing a salary floor."""

    def __init__(self, message: str, *, until: datetime | None) -> None:
        super().__init__(message)
        self.until = until


class OfferOpen(OfferLimit):
    """The recruiter's previous offer to this member has no visible answer yet."""

    def __init__(self, *, until: datetime) -> None:
        super().__init__(
            _(
                "Your previous offer to this member is still waiting for an answer. You can "
                "send this member one offer at a time; the next one from %(when)s."
            )
            % {"when": _when(until)},
            until=until,
        )


class OfferTooSoon(OfferLimit):
    """Offers to the same member are limited per 90 days (and 30 days apart)."""

    def __init__(self, *, until: datetime) -> None:
        super().__init__(
            _(
                "You have sent this member as many offers as allowed for now. You can send "
                "another offer to them from %(when)s."
            )
            % {"when": _when(until)},
            until=until,
        )


class OfferQuotaExhausted(HandschlagError):
    """The recruiter's weekly number of offers is spent."""

    def __init__(self, *, limit: int, resets_at: datetime) -> None:
        super().__init__(
            _(
                "You have sent %(limit)d offers in the last 7 days, the most allowed. You "
                "can send the next one from %(when)s."
            )
            % {"limit": limit, "when": _when(resets_at)}
        )
        self.limit = limit
        self.resets_at = resets_at


class OfferAlreadyAnswered(HandschlagError):
    """The offer was answered before."""

    def __init__(self) -> None:
        super().__init__(_("You have already answered this offer."))


class InvalidOffer(HandschlagError):
    """A field of the offer does not fit (the form checks first; the service again)."""
