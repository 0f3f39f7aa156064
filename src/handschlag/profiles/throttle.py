"""Profile-view throttling against the harvesting of contact details.

A member who opens many *different* profiles in a short time is slowed down: more than
``PROFILE_VIEW_LIMITS`` distinct profiles in a window get HTTP 429 with ``Retry-After``,
and the moderators are told once (a ``ModerationAction`` the admin lists). Their own
profile and their contacts' profiles never count; opening the same profile again within
a window counts once.

Counting happens in the Django cache (local memory in the embedded mode, Redis in
production): per viewer and fixed window, ``cache.add`` marks a profile as seen (atomic:
only the first caller adds it) and ``cache.incr`` counts it (atomic on both backends).
If the cache fails, the count falls back to the viewer's ``ProfileView`` rows in the
window, which include contacts' profiles: stricter, never unlimited (SECURITY.md R3).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.moderation.models import ModerationAction
from handschlag.network.models import ProfileView
from handschlag.network.queries import are_connected

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Window:
    """A counting window: its name, length in seconds and how many distinct profiles."""

    name: str
    seconds: int
    limit: int


#: A person reading profiles one by one stays far below these; a harvester does not.
PROFILE_VIEW_LIMITS = (
    Window("10m", 10 * 60, 30),
    Window("day", 24 * 60 * 60, 300),
)
#: The moderation log's action for a flagged viewer (one entry per viewer and day).
FLAG_ACTION = "profile_views.throttled"


@dataclass(frozen=True, slots=True)
class Throttled:
    """The viewer must wait: which window is full and for how many seconds."""

    window: Window
    retry_after: int


def _window_start(window: Window, now: datetime) -> int:
    epoch = int(now.timestamp())
    return epoch - epoch % window.seconds


def _retry_after(window: Window, now: datetime) -> int:
    return max(1, _window_start(window, now) + window.seconds - int(now.timestamp()))


def _count_in_cache(viewer_id: int, viewed_id: int, now: datetime) -> Throttled | None:
    """Count the view in every window; refuse when one is full. Raises if the cache fails."""
    for window in PROFILE_VIEW_LIMITS:
        start = _window_start(window, now)
        prefix = f"hs:pv:{viewer_id}:{window.name}:{start}"
        seen_key, count_key = f"{prefix}:seen:{viewed_id}", f"{prefix}:n"
        if cache.get(seen_key) is not None:
            continue  # already counted in this window
        # The counter exists for the whole window; add() is a no-op when it does.
        cache.add(count_key, 0, timeout=window.seconds)
        if (cache.get(count_key) or 0) >= window.limit:
            return Throttled(window, _retry_after(window, now))
        if not cache.add(seen_key, 1, timeout=window.seconds):
            continue  # a parallel request of the same viewer counted it
        if cache.incr(count_key) > window.limit:
            # Lost a race at the boundary: this profile stays uncounted and refused.
            cache.delete(seen_key)
            return Throttled(window, _retry_after(window, now))
    return None


def _count_in_database(viewer_id: int, viewed_id: int, now: datetime) -> Throttled | None:
    """The fallback: distinct profiles in the viewer's recorded views (contacts included)."""
    for window in PROFILE_VIEW_LIMITS:
        since = now - timedelta(seconds=window.seconds)
        viewed = set(
            ProfileView.objects.filter(viewer_id=viewer_id, viewed_at__gte=since)
            .values_list("viewed_id", flat=True)
            .distinct()[: window.limit + 1]
        )
        if viewed_id not in viewed and len(viewed) >= window.limit:
            return Throttled(window, window.seconds)
    return None


def _flag_once(viewer: Member, throttled: Throttled, now: datetime) -> None:
    """Tell the moderators about a viewer at most once a day (cache first, then the log)."""
    try:
        if not cache.add(f"hs:pv:{viewer.pk}:flagged", 1, timeout=24 * 60 * 60):
            return
    except Exception:  # the cache is down: the database check below still dedups
        logger.warning("cache unavailable while flagging a profile-view burst")
    with transaction.atomic():
        already = ModerationAction.objects.filter(
            subject_id=viewer.pk, action=FLAG_ACTION, created_at__gte=now - timedelta(days=1)
        ).exists()
        if already:
            return
        ModerationAction.objects.create(
            moderator=None,
            subject=viewer,
            action=FLAG_ACTION,
            reason=(
                f"More than {throttled.window.limit} distinct profiles viewed "
                f"within {throttled.window.name}; further views slowed."
            ),
            details={"window": throttled.window.name, "limit": throttled.window.limit},
            created_at=now,
        )


def check_profile_view(
    viewer: Member, *, viewed_id: int, connected: bool | None = None
) -> Throttled | None:
    """Count ``viewer`` opening ``viewed_id``'s profile; ``Throttled`` when they must wait.

    Own profile and contacts' profiles are free (``connected`` when the caller knows it).
    The first refusal of the day flags the viewer to the moderators.
    """
    if viewer.pk == viewed_id:
        return None
    if connected is None:
        connected = are_connected(viewer.pk, viewed_id)
    if connected:
        return None
    now = timezone.now()
    try:
        throttled = _count_in_cache(viewer.pk, viewed_id, now)
    except Exception:  # any cache failure (Redis down, a cache that stores nothing)
        logger.warning("cache unavailable for profile-view throttling; counting in the database")
        throttled = _count_in_database(viewer.pk, viewed_id, now)
    if throttled is not None:
        _flag_once(viewer, throttled, now)
    return throttled
