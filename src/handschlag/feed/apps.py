from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedConfig(AppConfig):
    """Posts and the chronological feed the member controls."""

    name = "handschlag.feed"
    label = "feed"
    verbose_name = _("Feed")
