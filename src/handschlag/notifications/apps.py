from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Email notifications: the daily digest, its preference and one-click unsubscribe."""

    name = "handschlag.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
