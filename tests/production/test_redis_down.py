"""Redis stopped: the site answers, rate limits become stricter (never absent), the template
index falls back to the process's own (SECURITY.md R3; docs/jobs.md)."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from handschlag.core import cache as failsafe
from handschlag.network.engine import reset_engine
from handschlag.network.models import ContactRequest

CONTACT_REQUESTS = "/api/v1/contact-requests/sent"


def redis_caches(url: str) -> dict[str, dict[str, object]]:
    options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    return {
        "default": {
            "BACKEND": "handschlag.core.cache.FailSafeRedisCache",
            "LOCATION": url,
            "OPTIONS": options,
        },
        "fragments": {
            "BACKEND": "handschlag.core.cache.FailSafeRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "fragments",
            "OPTIONS": options,
        },
    }


@pytest.fixture
def on_redis(settings, redis_url):
    """The site's caches and template index on the test's redis-server."""
    settings.CACHES = redis_caches(redis_url)
    settings.REDIS_URL = redis_url
    reset_engine()
    yield redis_url
    reset_engine()


def bad_token_calls(n: int) -> list[int]:
    client = Client(HTTP_AUTHORIZATION="Bearer not-a-token")
    return [client.get(CONTACT_REQUESTS).status_code for _ in range(n)]


def failed_logins(n: int) -> list[bool]:
    """Whether each of ``n`` failed logins (each for another address, so the per-account
    lockout stays out of it) was refused for too many attempts."""
    client = Client()
    refused = []
    for i in range(n):
        page = client.post(
            reverse("account_login"),
            {"login": f"nobody{i}@example.org", "password": "wrong password"},
        )
        assert page.status_code == 200
        refused.append("Too many failed login attempts" in page.content.decode())
    return refused


@pytest.mark.django_db
def test_pages_answer_while_redis_is_down(
    on_redis, redis_server, anna, bernd, clara, client_for, django_capture_on_commit_callbacks
):
    client = client_for(anna)
    pages = [
        reverse("home"),
        reverse("feed"),
        reverse("inbox"),
        reverse("connections"),
        reverse("suggestions"),
        reverse("profile_detail", args=[bernd.pk]),
        reverse("search") + "?q=Bernd",
        reverse("imports"),
    ]
    assert [client.get(page).status_code for page in pages] == [200] * len(pages)

    redis_server.stop()

    assert [client.get(page).status_code for page in pages] == [200] * len(pages)
    assert Client().get(reverse("account_login")).status_code == 200
    assert caches["default"].degraded
    # A write is accepted and kept (the template index remembers it in this process).
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            reverse("send_request", args=[clara.pk]),
            {"intent": "met", "note": "We met at the Kammer evening in Köln."},
        )
    assert sent.status_code == 302
    assert ContactRequest.objects.filter(sender=anna, recipient=clara).count() == 1


@pytest.mark.django_db
def test_api_limits_become_stricter_not_absent(on_redis, redis_server):
    # 30 failed token checks per minute and address; counted in Redis, 8 are all answered.
    assert bad_token_calls(8) == [401] * 8
    redis_server.stop()
    caches["default"].clear()  # a new minute's counters, as after a restart

    # Counted in this process alone, each allows a quarter: the eighth is refused.
    assert bad_token_calls(8) == [401] * 7 + [429]


@pytest.mark.django_db
def test_login_limits_become_stricter_not_absent(on_redis, redis_server):
    # allauth: 25 failed logins per 5 minutes and address, counted in Redis.
    assert failed_logins(8) == [False] * 8
    redis_server.stop()

    # Counted in this process alone each failure counts four: after seven (28 > 25) the
    # eighth is refused.
    assert failed_logins(8) == [False] * 7 + [True]


@pytest.mark.django_db
def test_the_cache_uses_redis_again_once_it_is_back(on_redis, redis_server, monkeypatch):
    monkeypatch.setattr(failsafe, "RETRY_AFTER_SECONDS", 0.0)
    cache = caches["default"]
    redis_server.stop()
    cache.set("greeting", "kept here")  # Redis is down: in this process
    assert cache.get("greeting") == "kept here"

    redis_server.start()
    cache.set("greeting", "shared")

    assert redis_server.client().exists(cache.make_key("greeting")) == 1
    assert not cache.degraded
