from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    """Reports, the moderators' queue and the append-only action log."""

    name = "handschlag.moderation"
    label = "moderation"
    verbose_name = _("Moderation")
