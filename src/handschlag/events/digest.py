"""The meetups section of the daily digest: moved up from a waiting list, meetups called off.

Registered with ``notifications.sources.register_source`` when the app is ready. It names
meetups only (title, time, place), so it shows no one's contact details.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.events.models import Rsvp, RsvpStatus
from handschlag.notifications.sources import ITEMS_SHOWN, DigestItem, DigestSection


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class MeetupSource:
    """Places that opened up for the member, and meetups they had answered that were cancelled."""

    key = "meetups"

    @staticmethod
    def _news(since: datetime, until: datetime) -> Q:
        promoted = Q(status=RsvpStatus.GOING, promoted_at__gt=since, promoted_at__lte=until)
        cancelled = Q(
            status__in=[RsvpStatus.GOING, RsvpStatus.WAITING],
            meetup__cancelled_at__gt=since,
            meetup__cancelled_at__lte=until,
        )
        return promoted | cancelled

    def members_with_news(self, since: datetime, until: datetime) -> Iterable[int]:
        return (
            Rsvp.objects.filter(self._news(since, until))
            .values_list("member_id", flat=True)
            .distinct()
        )

    def section(self, member: Member, since: datetime, until: datetime) -> DigestSection | None:
        rsvps = list(
            Rsvp.objects.filter(self._news(since, until), member=member)
            .select_related("meetup")
            .order_by("meetup__starts_at", "pk")[:ITEMS_SHOWN]
        )
        if not rsvps:
            return None
        items = []
        for rsvp in rsvps:
            meetup = rsvp.meetup
            summary = (
                _("Cancelled by the organiser")
                if meetup.is_cancelled
                else _("A place opened up: you moved up from the waiting list and are going.")
            )
            items.append(
                DigestItem(
                    name=meetup.title,
                    headline=f"{_when(meetup.starts_at)} · {meetup.venue}, {meetup.city}",
                    summary=summary,
                    excerpt="",
                    path=reverse("meetup_detail", args=[meetup.pk]),
                )
            )
        return DigestSection(
            key=self.key,
            title=_("Your meetups"),
            items=tuple(items),
            link_path=reverse("my_meetups"),
            link_label=_("Open your meetups"),
        )
