from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Regional meetups: RSVP with a waiting list, check-in codes, calendars."""

    name = "handschlag.events"
    label = "events"
    verbose_name = _("Meetups")
