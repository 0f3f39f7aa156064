from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared pieces: base models, errors, middleware, the home page and error pages."""

    name = "handschlag.core"
    label = "core"
    verbose_name = _("Core")
