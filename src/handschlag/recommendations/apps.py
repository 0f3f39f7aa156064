from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    """Recommendations from people who worked or studied with the member, approved by them."""

    name = "handschlag.recommendations"
    label = "recommendations"
    verbose_name = _("Recommendations")
