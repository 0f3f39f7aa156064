from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The versioned JSON API and the personal access tokens that open it."""

    name = "handschlag.api"
    label = "api"
    verbose_name = _("API")
