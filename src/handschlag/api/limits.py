"""Per-endpoint rate limits of the API, counted in the cache, failing closed.

Every operation names a scope and its limits; a request is counted once per scope
against the member (all their clients together), against the token it came with, and
when nobody is authenticated, against the client address (``core.addresses``, which
trusts forwarded headers only from configured proxies). Starting values come from
SECURITY.md ("API": 200/min per member, 300/5 min per token, 100/min per address).

Counting is a fixed window in the default cache (local memory embedded, Redis in
production): ``cache.add`` creates the window's counter and ``cache.incr`` counts, both
atomic, so parallel requests cannot pass the limit together. If the cache fails, the
count moves to a cache of this process alone with a quarter of the limit: each worker
then allows at most a quarter, which is stricter for up to four workers and never
unlimited (SECURITY.md R3).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from handschlag.accounts.models import Member
from handschlag.core.addresses import client_address

logger = logging.getLogger(__name__)

#: Used only while the shared cache is down: one counter store per process.
_fallback = LocMemCache("handschlag-api-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
#: The share of a limit each process allows while counting alone.
FALLBACK_DIVISOR = 4


@dataclass(frozen=True, slots=True)
class Rate:
    """``limit`` requests per ``seconds``."""

    limit: int
    seconds: int

    def __str__(self) -> str:
        return f"{self.limit}/{self.seconds}s"


#: SECURITY.md "Starting values", API row.
PER_MEMBER = Rate(200, 60)
PER_TOKEN = Rate(300, 5 * 60)
PER_ADDRESS = Rate(100, 60)


@dataclass(frozen=True, slots=True)
class Refusal:
    """Which limit is full and how many seconds until its window ends."""

    rate: Rate
    retry_after: int


def _count(key: str, rate: Rate, now: float) -> Refusal | None:
    """Count one request in ``key``'s current window; a Refusal when it is over the limit."""
    start = int(now) - int(now) % rate.seconds
    window_key = f"hs:api:{key}:{start}"
    retry_after = max(1, start + rate.seconds - int(now))
    try:
        cache.add(window_key, 0, timeout=rate.seconds + 1)
        used = cache.incr(window_key)
        limit = rate.limit
    except Exception:  # any cache failure (Redis down): count alone, and more strictly
        logger.warning("cache unavailable for API rate limits; counting in this process")
        _fallback.add(window_key, 0, timeout=rate.seconds + 1)
        used = _fallback.incr(window_key)
        limit = max(1, rate.limit // FALLBACK_DIVISOR)
    if used > limit:
        return Refusal(rate, retry_after)
    return None


def check_address(request: HttpRequest, *, scope: str, rate: Rate = PER_ADDRESS) -> Refusal | None:
    """Count a request without a member (a failed token, say) against the client address."""
    return _count(f"{scope}:ip:{client_address(request)}", rate, time.time())


class ApiRateLimit(BaseThrottle):
    """ninja's throttle hook for one scope: ``throttle=[ApiRateLimit("send_request", …)]``.

    ``member`` bounds one member across all their clients, ``token`` one token, and
    ``address`` requests without a member. ninja calls ``allow_request`` and then
    ``wait`` on the same (shared) instance, so the refusal is kept per thread.
    """

    def __init__(
        self,
        scope: str,
        *,
        member: Rate = PER_MEMBER,
        token: Rate = PER_TOKEN,
        address: Rate = PER_ADDRESS,
    ) -> None:
        self.scope = scope
        self.member = member
        self.token = token
        self.address = address
        self._local = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        now = time.time()
        auth = getattr(request, "auth", None)
        refusals: list[Refusal] = []
        if isinstance(auth, Member):
            refused = _count(f"{self.scope}:m:{auth.pk}", self.member, now)
            if refused is not None:
                refusals.append(refused)
            token_id = getattr(request, "api_token_id", None)
            if token_id is not None:
                refused = _count(f"{self.scope}:t:{token_id}", self.token, now)
                if refused is not None:
                    refusals.append(refused)
        else:
            refused = _count(f"{self.scope}:ip:{client_address(request)}", self.address, now)
            if refused is not None:
                refusals.append(refused)
        self._local.refusal = max(refusals, key=lambda r: r.retry_after, default=None)
        return not refusals

    def wait(self) -> float | None:
        refusal: Refusal | None = getattr(self._local, "refusal", None)
        return None if refusal is None else float(refusal.retry_after)


def limit(scope: str, *, per_member: int | None = None, per_minutes: int = 1) -> list[BaseThrottle]:
    """The throttles for an operation: the API-wide scope, plus a tighter one of its own
    (``per_member`` requests per ``per_minutes``) for endpoints that cost more."""
    throttles: list[BaseThrottle] = [ApiRateLimit("all")]
    if per_member is not None:
        rate = Rate(per_member, per_minutes * 60)
        throttles.append(ApiRateLimit(scope, member=rate, token=rate, address=rate))
    return throttles
