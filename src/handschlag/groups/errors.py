"""Refusals around groups, each with its message for the member."""

from __future__ import annotations

from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from handschlag.core.errors import HandschlagError, NotFound


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class GroupNotFound(NotFound):
    """The group does not exist."""

    def __init__(self) -> None:
        super().__init__(_("This group does not exist."))


class MemberNotFound(NotFound):
    """The member does not exist, is deactivated, or a block stands between the two."""

    def __init__(self) -> None:
        super().__init__(_("This member does not exist."))


class InvitationNotFound(NotFound):
    """The invitation does not exist or is not the member's."""

    def __init__(self) -> None:
        super().__init__(_("This invitation does not exist."))


class JoinRequestNotFound(NotFound):
    """The join request does not exist or the member does not moderate its group."""

    def __init__(self) -> None:
        super().__init__(_("This join request does not exist."))


class InvalidGroup(HandschlagError):
    """A field of a group does not fit (the form checks first; the service again)."""


class NotAModerator(HandschlagError):
    """Only moderators may do this."""

    def __init__(self) -> None:
        super().__init__(_("Only the group's moderators can do this."))


class AlreadyMember(HandschlagError):
    """The member already belongs to the group."""

    def __init__(self) -> None:
        super().__init__(_("You are already a member of this group."))


class InviteeAlreadyMember(HandschlagError):
    """The invitee already belongs to the group."""

    def __init__(self) -> None:
        super().__init__(_("This member already belongs to the group."))


class ClosedGroup(HandschlagError):
    """A closed group is joined through a join request."""

    def __init__(self) -> None:
        super().__init__(_("This group is closed: ask to join, and its moderators will answer."))


class JoinRequestOpen(HandschlagError):
    """A join request is already waiting."""

    def __init__(self) -> None:
        super().__init__(_("Your request to join is already waiting for the moderators."))


class LastModerator(HandschlagError):
    """A group must keep a moderator while it has members."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "You are the group's only moderator. Make another member a moderator "
                "before you leave."
            )
        )


class NotAMember(HandschlagError):
    """Only members may do this."""

    def __init__(self) -> None:
        super().__init__(_("Only members of this group can do this."))


class CannotInvite(HandschlagError):
    """Who may invite: members of a public group, moderators of a closed one."""

    def __init__(self, *, closed: bool) -> None:
        super().__init__(
            _("Only the moderators of a closed group can invite to it.")
            if closed
            else _("Only members of a group can invite others to it.")
        )


class InvitationOpen(HandschlagError):
    """An invitation to this group is already waiting for the invitee."""

    def __init__(self) -> None:
        super().__init__(_("This member already has an invitation to this group."))


class InvitationTooSoon(HandschlagError):
    """The invitee declined an invitation to this group lately."""

    def __init__(self, *, until: datetime) -> None:
        super().__init__(
            _(
                "This member declined an invitation to this group recently. You can invite "
                "them again from %(when)s."
            )
            % {"when": _when(until)}
        )
        self.until = until


class InvitationQuotaExhausted(HandschlagError):
    """The inviter's weekly quota is spent."""

    def __init__(self, *, limit: int, lowered_by: int, resets_at: datetime) -> None:
        if lowered_by:
            message = _(
                "You have sent %(limit)d group invitations in the last 7 days, the most you "
                "can send now. Your weekly quota is %(lowered)d lower because invitations "
                "you sent recently did not match the invitees' interests and were "
                "declined. You can invite again from %(when)s."
            ) % {"limit": limit, "lowered": lowered_by, "when": _when(resets_at)}
        else:
            message = _(
                "You have sent %(limit)d group invitations in the last 7 days, the most "
                "allowed. You can invite again from %(when)s."
            ) % {"limit": limit, "when": _when(resets_at)}
        super().__init__(message)
        self.limit = limit
        self.resets_at = resets_at


class AlreadyAnswered(HandschlagError):
    """The invitation or request was answered before."""

    def __init__(self) -> None:
        super().__init__(_("This has already been answered."))
