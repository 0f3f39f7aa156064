"""Domain errors that carry a message for the member."""

from django.utils.functional import Promise


class HandschlagError(Exception):
    """A refusal the member should read: a translatable message and, optionally, a field."""

    def __init__(self, message: str | Promise, *, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


class NotFound(HandschlagError):
    """The object does not exist or the member may not know that it exists."""
