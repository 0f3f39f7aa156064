"""Refusals about posts, comments, follows and mutes, with a message for the member."""

from __future__ import annotations

from django.utils.translation import gettext as _

from handschlag.core.errors import HandschlagError, NotFound


class PostNotFound(NotFound):
    """The post does not exist, or the member may not see it (a closed group's post)."""

    def __init__(self) -> None:
        super().__init__(_("This post does not exist."))


class CommentNotFound(NotFound):
    """The comment does not exist, or the member may not remove it."""

    def __init__(self) -> None:
        super().__init__(_("This comment does not exist."))


class MemberNotFound(NotFound):
    """The member does not exist, or a block stands between the two."""

    def __init__(self) -> None:
        super().__init__(_("This member does not exist."))


class EmptyText(HandschlagError):
    """A post or comment without text."""

    def __init__(self) -> None:
        super().__init__(_("Please write something first."), field="text")


class TextTooLong(HandschlagError):
    """A post or comment longer than its limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            _("Please keep it to %(limit)d characters.") % {"limit": limit}, field="text"
        )


class NotAGroupMember(HandschlagError):
    """Only a group's members may post in it."""

    def __init__(self) -> None:
        super().__init__(_("Only members of this group can post in it."))


class NotTheAuthor(PostNotFound):
    """Only the author edits or deletes a post; others learn nothing more than for a post
    that does not exist."""


class CannotFollowSelf(HandschlagError):
    """A member tried to follow or mute themselves."""

    def __init__(self) -> None:
        super().__init__(_("You cannot follow or mute yourself."))


class InvalidChoice(HandschlagError):
    """A mute, reaction or label choice that is not one of the offered ones."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="value")
