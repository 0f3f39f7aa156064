from django.apps import AppConfig


class GdprConfig(AppConfig):
    """A member's copy of their data (Art. 15 and 20 GDPR) and the deletion of their
    account (Art. 17)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "handschlag.gdpr"
    verbose_name = "GDPR"
