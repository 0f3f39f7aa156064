from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Members, sign-up, invitations and the invitation tree."""

    name = "handschlag.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Connects the login timestamp used for the session lifetime limits.
        from handschlag.accounts import sessions  # noqa: F401
