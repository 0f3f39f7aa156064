from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """Connections between members (requests, quotas and inbox follow)."""

    name = "handschlag.network"
    label = "network"
    verbose_name = _("Network")
