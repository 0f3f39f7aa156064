"""Refusals around personal access tokens."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handschlag.core.errors import HandschlagError, NotFound


class TooManyTokens(HandschlagError):
    """A member keeps a bounded number of live tokens: each is a key to their account."""

    def __init__(self, *, limit: int) -> None:
        super().__init__(
            _("You have %(limit)d active tokens, the most allowed. Revoke one you no longer use.")
            % {"limit": limit},
            field="name",
        )


class TokenNotFound(NotFound):
    """Not one of the member's tokens (or already revoked)."""

    def __init__(self) -> None:
        super().__init__(_("This token does not exist."))


class InvalidInput(Exception):
    """Input the app's own form rejected, field by field (the API answers 422).

    The API validates through the same Django forms as the pages, so a field is refused
    with the same words on both.
    """

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors))
        self.errors = errors


class ProfileViewsThrottled(HandschlagError):
    """The caller opened many different profiles in a short time (``profiles.throttle``)."""

    def __init__(self, *, retry_after: int) -> None:
        minutes = max(1, (retry_after + 59) // 60)
        super().__init__(
            ngettext(
                "You have opened many profiles in a short time. Please try again in %(minutes)d "
                "minute.",
                "You have opened many profiles in a short time. Please try again in %(minutes)d "
                "minutes.",
                minutes,
            )
            % {"minutes": minutes}
        )
        self.seconds = retry_after
