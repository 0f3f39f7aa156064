"""Errors of the import with a message for the member."""

from handschlag.core.errors import HandschlagError


class UploadRejected(HandschlagError):
    """The upload is too large or not an export."""


class NothingToInvite(HandschlagError):
    """The imported contact has no email address or was already invited."""
