from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    """Structured recruiter offers, judged against the recipient's private job preferences."""

    name = "handschlag.offers"
    label = "offers"
    verbose_name = _("Recruiter offers")
