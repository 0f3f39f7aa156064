"""Refusals around messages and message requests, each with the sentence the member reads."""

from __future__ import annotations

from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handschlag.core.errors import HandschlagError, NotFound


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class ConversationNotFound(NotFound):
    """Not a conversation of the member's (or none at all: the member cannot tell)."""

    def __init__(self) -> None:
        super().__init__(_("This conversation does not exist."))


class MessageNotFound(NotFound):
    """Not a message the member may act on."""

    def __init__(self) -> None:
        super().__init__(_("This message does not exist."))


class MemberNotFound(NotFound):
    """An unknown or deactivated member, or the member themselves."""

    def __init__(self) -> None:
        super().__init__(_("This member does not exist."))


class EmptyMessage(HandschlagError):
    def __init__(self) -> None:
        super().__init__(_("Please write a message."), field="text")


class MessageTooLong(HandschlagError):
    def __init__(self, *, limit: int, length: int) -> None:
        super().__init__(
            _("Your message has %(length)d characters; at most %(limit)d are allowed.")
            % {"length": length, "limit": limit},
            field="text",
        )


class AwaitingAcceptance(HandschlagError):
    """The recipient has not accepted the sender's message request (the sender is never
    told whether it was ignored or reported)."""

    def __init__(self, *, name: str) -> None:
        super().__init__(
            _(
                "%(name)s has not accepted your message yet. You can write again once they "
                "have accepted it."
            )
            % {"name": name}
        )


class ConversationClosed(HandschlagError):
    """The other member answered the request with a reply that ends the conversation."""

    def __init__(self) -> None:
        super().__init__(_("This conversation has ended. You cannot write in it any more."))


class TooNewForRequests(HandschlagError):
    """SECURITY.md S4: no messages to strangers in an account's first three days."""

    def __init__(self, *, until: datetime) -> None:
        super().__init__(
            _(
                "New members can write to people who are not their contacts from %(when)s. "
                "Until then you can write to your contacts."
            )
            % {"when": _when(until)}
        )


class MessageRequestLimit(HandschlagError):
    """The sender started as many message requests as a day or a week allows."""

    def __init__(self, *, limit: int, period: str) -> None:
        if period == "day":
            message = ngettext(
                "You can write to %(limit)d person who is not your contact per day. Please "
                "try again tomorrow.",
                "You can write to %(limit)d people who are not your contacts per day. Please "
                "try again tomorrow.",
                limit,
            )
        else:
            message = ngettext(
                "You can write to %(limit)d person who is not your contact per week.",
                "You can write to %(limit)d people who are not your contacts per week.",
                limit,
            )
        super().__init__(message % {"limit": limit})
        self.limit = limit
        self.period = period


class RequestsRestricted(HandschlagError):
    """A sender under a restriction may write to contacts, not to strangers (S7)."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "You cannot write to people who are not your contacts at the moment. "
                "Your notice explains why and how to appeal."
            )
        )


class GroupTooLarge(HandschlagError):
    def __init__(self, *, limit: int) -> None:
        super().__init__(
            _("A group conversation can have at most %(limit)d participants, you included.")
            % {"limit": limit},
            field="members",
        )


class GroupNeedsContacts(HandschlagError):
    """Only contacts can be put into a group; strangers get a message request instead."""

    def __init__(self) -> None:
        super().__init__(
            _("Please choose at least two of your contacts for a group conversation."),
            field="members",
        )


class NotARequest(HandschlagError):
    """The conversation is not waiting in the member's "Message requests" folder."""

    def __init__(self) -> None:
        super().__init__(_("This message request has already been answered."))


class NothingToReply(HandschlagError):
    """No standard reply fits the message (the engine found nothing to answer)."""

    def __init__(self) -> None:
        super().__init__(_("There is no standard reply for this message."))


class InvalidReportReason(HandschlagError):
    def __init__(self) -> None:
        super().__init__(_("Please choose why you report this message."), field="reason")
