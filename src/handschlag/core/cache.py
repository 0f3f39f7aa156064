"""Django's Redis cache, made to keep the site answering while Redis is down.

Django's ``RedisCache`` raises on every call when Redis cannot be reached, and every page
that reads the cache (fragments, suggestions, throttles, allauth's login limits) would
answer 500. ``FailSafeRedisCache`` catches the failure, logs it once, and serves from a
cache of this process alone until Redis answers again (it is asked again after
``RETRY_AFTER_SECONDS``).

Counters become stricter, not looser, while they are counted in one process (SECURITY.md
R3; the same rule as ``api.limits``): ``incr`` adds ``FALLBACK_FACTOR`` for each hit,
and allauth's rate-limit histories (lists of hit times under ``allauth:rl:`` keys) count
each hit ``FALLBACK_FACTOR`` times, so each process allows at most a quarter of a limit.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

#: While counting alone, each process allows this share of a limit (one in four).
FALLBACK_FACTOR = 4
#: After a failure, Redis is asked again after this many seconds.
RETRY_AFTER_SECONDS = 5.0
#: allauth keeps each rate limit as a list of hit times under keys with this prefix.
ALLAUTH_RATE_PREFIX = "allauth:rl:"

T = TypeVar("T")


class FailSafeRedisCache(RedisCache):
    """``RedisCache`` that falls back to a per-process cache when Redis fails."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        local = {k: v for k, v in params.items() if k not in ("OPTIONS", "LOCATION")}
        name = f"handschlag-failsafe-{params.get('KEY_PREFIX', '')}"
        self._local = LocMemCache(name, {**local, "OPTIONS": {"MAX_ENTRIES": 10_000}})
        self._down_until = 0.0
        self._lock = threading.Lock()

    @property
    def degraded(self) -> bool:
        """Whether calls go to this process's cache now (Redis failed recently)."""
        return time.monotonic() < self._down_until

    def _call(self, shared: Callable[[], T], local: Callable[[], T]) -> T:
        if not self.degraded:
            try:
                return shared()
            except RedisError as exc:
                with self._lock:
                    first = not self.degraded
                    self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
                if first:
                    logger.warning(
                        "cache: Redis unreachable (%s); counting in this process, limits at 1/%d",
                        exc,
                        FALLBACK_FACTOR,
                    )
        return local()

    ### Rate-limit histories (allauth) ###

    @staticmethod
    def _is_history(key: Any, value: Any) -> bool:
        return (
            isinstance(key, str) and key.startswith(ALLAUTH_RATE_PREFIX) and isinstance(value, list)
        )

    def _local_get(self, key: Any, default: Any, version: int | None) -> Any:
        value = self._local.get(key, default, version)
        if self._is_history(key, value):
            return [hit for hit in value for _ in range(FALLBACK_FACTOR)]
        return value

    def _local_set(self, key: Any, value: Any, timeout: Any, version: int | None) -> None:
        if self._is_history(key, value):
            value = list(dict.fromkeys(value))
        self._local.set(key, value, timeout, version)

    ### The cache API ###

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self._call(
            lambda: super(FailSafeRedisCache, self).add(key, value, timeout, version),
            lambda: self._local.add(key, value, timeout, version),
        )

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._call(
            lambda: super(FailSafeRedisCache, self).get(key, default, version),
            lambda: self._local_get(key, default, version),
        )

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        self._call(
            lambda: super(FailSafeRedisCache, self).set(key, value, timeout, version),
            lambda: self._local_set(key, value, timeout, version),
        )

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._call(
            lambda: super(FailSafeRedisCache, self).touch(key, timeout, version),
            lambda: self._local.touch(key, timeout, version),
        )

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._call(
            lambda: super(FailSafeRedisCache, self).delete(key, version),
            lambda: self._local.delete(key, version),
        )

    def get_many(self, keys: Iterable[Any], version: int | None = None) -> dict[Any, Any]:
        keys = list(keys)
        return self._call(
            lambda: super(FailSafeRedisCache, self).get_many(keys, version),
            lambda: self._local.get_many(keys, version),
        )

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._call(
            lambda: super(FailSafeRedisCache, self).has_key(key, version),
            lambda: self._local.has_key(key, version),
        )

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        return self._call(
            lambda: super(FailSafeRedisCache, self).incr(key, delta, version),
            lambda: self._local.incr(key, delta * FALLBACK_FACTOR, version),
        )

    def set_many(
        self, data: dict[Any, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[Any]:
        return self._call(
            lambda: super(FailSafeRedisCache, self).set_many(data, timeout, version),
            lambda: self._local.set_many(data, timeout, version),
        )

    def delete_many(self, keys: Iterable[Any], version: int | None = None) -> None:
        keys = list(keys)
        self._call(
            lambda: super(FailSafeRedisCache, self).delete_many(keys, version),
            lambda: self._local.delete_many(keys, version),
        )

    def clear(self) -> None:
        self._local.clear()
        self._call(lambda: super(FailSafeRedisCache, self).clear(), lambda: None)
