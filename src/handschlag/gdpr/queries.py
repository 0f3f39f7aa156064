"""Reads for the deletion page: what the member should know before leaving."""

from __future__ import annotations

from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.events.models import Meetup


def count_upcoming_meetups_organised(member: Member) -> int:
    """Meetups the member organises that have not started: deletion cancels them."""
    return (
        Meetup.objects.filter(organiser_id=member.pk, starts_at__gt=timezone.now())
        .filter(cancelled_at__isnull=True)
        .count()
    )
