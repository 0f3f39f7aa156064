from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    """Conversations between members, message requests from non-contacts and their verdicts."""

    name = "handschlag.messaging"
    label = "messaging"
    verbose_name = _("Messages")
