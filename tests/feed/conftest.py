"""Feed fixtures: a public and a closed group, and a helper to publish at a given time."""

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.feed.models import Post
from handschlag.feed.services import create_post
from handschlag.groups.models import Group, Membership, Visibility
from handschlag.groups.services import create_group


@pytest.fixture
def handwerk(clara: Member, anna: Member) -> Group:
    """„Handwerk digital“, a public group Clara runs; Anna is a member."""
    group = create_group(
        clara,
        name="Handwerk digital",
        description="Digitalisierung im Handwerk",
        topics=["Handwerk"],
        visibility=Visibility.PUBLIC,
    )
    Membership.objects.create(group=group, member=anna)
    return group


@pytest.fixture
def stammtisch(clara: Member) -> Group:
    """„Steuer-Stammtisch“, a closed group of Clara's; Anna is not in it."""
    return create_group(
        clara,
        name="Steuer-Stammtisch",
        description="Nur für Mitglieder",
        topics=["Steuern"],
        visibility=Visibility.CLOSED,
    )


@pytest.fixture
def publish() -> Callable[..., Post]:
    """Publish a post ``minutes_ago`` minutes ago (each test gets a distinct clock)."""
    start = timezone.now() - timedelta(days=1)

    def make(author: Member, text: str, *, minutes: int = 0, group: Group | None = None) -> Post:
        when: datetime = start + timedelta(minutes=minutes)
        return create_post(author, text=text, group_id=group.pk if group else None, now=when)

    return make
