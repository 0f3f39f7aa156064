"""Refusals of the data export and the account deletion, with a message for the member."""

from django.utils.translation import gettext_lazy as _

from handschlag.core.errors import HandschlagError


class WrongPassword(HandschlagError):
    """The password given to confirm does not match."""

    def __init__(self) -> None:
        super().__init__(_("That is not your password."), field="password")


class TooManyPasswordAttempts(HandschlagError):
    """Too many wrong passwords in a row: a stolen session must not guess the password."""

    def __init__(self) -> None:
        super().__init__(
            _("Too many wrong passwords. Please wait 30 minutes and try again."),
            field="password",
        )


class WrongConfirmation(HandschlagError):
    """The confirmation word was not typed as asked."""

    def __init__(self) -> None:
        super().__init__(
            _("Please type the word exactly as shown to confirm."), field="confirmation"
        )
