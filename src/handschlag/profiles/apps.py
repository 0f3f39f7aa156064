from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    """Profiles, positions, skills, contact-detail visibility and private job preferences."""

    name = "handschlag.profiles"
    label = "profiles"
    verbose_name = _("Profiles")
