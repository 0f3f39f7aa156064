from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo network generator and the ``demo`` command."""

    name = "handschlag.demo"
    label = "demo"
    verbose_name = _("Demo")
