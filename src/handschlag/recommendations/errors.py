"""Refusals around recommendations, each with its message for the member.

A refused request says which relation is missing in plain words and nothing about the
other member beyond what their profile already shows the asker.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from handschlag.core.errors import HandschlagError, NotFound


class MemberNotFound(NotFound):
    """The member does not exist, is deactivated, or a block stands between the two."""

    def __init__(self) -> None:
        super().__init__(_("This member does not exist."))


class RequestNotFound(NotFound):
    """The request does not exist or is not the member's to answer."""

    def __init__(self) -> None:
        super().__init__(_("This recommendation request does not exist."))


class RecommendationNotFound(NotFound):
    """The recommendation does not exist or is neither by nor about the member."""

    def __init__(self) -> None:
        super().__init__(_("This recommendation does not exist."))


class CollaborationNotFound(NotFound):
    """The collaboration does not exist or is not the member's to confirm."""

    def __init__(self) -> None:
        super().__init__(_("This collaboration does not exist."))


class CannotAskSelf(HandschlagError):
    """A member tried to ask themselves."""

    def __init__(self) -> None:
        super().__init__(_("You cannot ask yourself for a recommendation."))


class RequestRefused(HandschlagError):
    """The two lack the relation a recommendation needs; the message names what is missing."""


class NotAContact(RequestRefused):
    """Only contacts may be asked."""

    def __init__(self, *, name: str) -> None:
        super().__init__(
            _(
                "You can ask only your contacts for a recommendation, and %(name)s is not one "
                "of your contacts. Someone who recommends you should know your work: connect "
                "first, if you have worked or studied together."
            )
            % {"name": name}
        )


class NoSharedWork(RequestRefused):
    """A contact, but no shared employer in overlapping years, school or collaboration."""

    def __init__(self, *, name: str) -> None:
        super().__init__(
            _(
                "%(name)s is one of your contacts, but a recommendation needs shared work: "
                "your profiles show no employer where you both worked at the same time and "
                "no school you both attended, and %(name)s has not confirmed a collaboration "
                "with you. If you worked together on a project, declare the collaboration; "
                "once %(name)s confirms it, you can ask."
            )
            % {"name": name}
        )


class RequestOpen(HandschlagError):
    """A request between the two is already waiting for an answer."""

    def __init__(self) -> None:
        super().__init__(_("Your earlier request to this member is still waiting for an answer."))


class RequestTooSoon(HandschlagError):
    """A declined request is not repeated at once."""

    def __init__(self, *, until: datetime) -> None:
        when = formats.date_format(timezone.localtime(until), "DATE_FORMAT")
        super().__init__(
            _("This member declined your last request. You can ask again from %(when)s.")
            % {"when": when}
        )
        self.until = until


class AlreadyAnswered(HandschlagError):
    """The request or recommendation was answered before."""

    def __init__(self) -> None:
        super().__init__(_("This has already been answered."))


class CollaborationExists(HandschlagError):
    """The same collaboration is already declared between the two."""

    def __init__(self) -> None:
        super().__init__(_("You have already declared this collaboration."))


class InvalidRecommendation(HandschlagError):
    """A field does not fit (the form checks first; the service again)."""
