"""REDIS_URL switches the shared cache (and with it the rate limits and page fragments)
to Redis; the client library ships with Handschlag, so a host only sets the variable."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import django
django.setup()
from django.core.cache import caches
for alias in ("default", "fragments"):
    cache = caches[alias]
    cache._cache  # builds the client: imports the redis package, connects lazily
    print(alias, type(cache).__name__)
"""


def test_redis_url_selects_the_redis_cache_for_every_alias(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "handschlag.config.settings",
        "REDIS_URL": "redis://127.0.0.1:9/0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'probe.sqlite3'}",
    }
    result = subprocess.run(  # noqa: S603 (our own interpreter)
        [sys.executable, "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "default",
        "FailSafeRedisCache",
        "fragments",
        "FailSafeRedisCache",
    ]
