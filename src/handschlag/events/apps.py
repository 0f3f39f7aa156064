from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Regional meetups: RSVP with a waiting list, check-in codes, calendars."""

    name = "handschlag.events"
    label = "events"
    verbose_name = _("Meetups")

    def ready(self) -> None:
        # The digest tells members who moved up from a waiting list or whose meetup was
        # cancelled; the source registers itself once the apps are loaded.
        from handschlag.events.digest import MeetupSource
        from handschlag.notifications.sources import register_source

        register_source(MeetupSource())
