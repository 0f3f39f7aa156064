"""Session lifetimes (SECURITY.md A10): idle and absolute limits on a login.

Without "remember me" a session ends after 30 minutes without a request; with it, after
14 days without one. Either way it ends 30 days after the login, however active.
"""

import time
from collections.abc import Callable
from typing import Any

from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

IDLE_LIMIT_SECONDS = 30 * 60
REMEMBERED_IDLE_LIMIT_SECONDS = 14 * 24 * 60 * 60
ABSOLUTE_LIMIT_SECONDS = 30 * 24 * 60 * 60
#: Refresh "last seen" at most once a minute, so not every request writes the session.
_TOUCH_EVERY_SECONDS = 60

_LOGGED_IN_AT = "handschlag_logged_in_at"
_LAST_SEEN_AT = "handschlag_last_seen_at"


@receiver(user_logged_in)
def _stamp_login(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:  # Any: signal
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[_LOGGED_IN_AT] = now
        request.session[_LAST_SEEN_AT] = now


class SessionLifetimeMiddleware:
    """Log a member out once the idle or the absolute limit of their session has passed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._enforce(request)
        return self.get_response(request)

    def _enforce(self, request: HttpRequest) -> None:
        session = request.session
        now = time.time()
        logged_in_at = float(session.get(_LOGGED_IN_AT, now))
        last_seen_at = float(session.get(_LAST_SEEN_AT, now))
        remembered = not session.get_expire_at_browser_close()
        idle_limit = REMEMBERED_IDLE_LIMIT_SECONDS if remembered else IDLE_LIMIT_SECONDS
        if now - last_seen_at > idle_limit or now - logged_in_at > ABSOLUTE_LIMIT_SECONDS:
            logout(request)
            return
        if _LOGGED_IN_AT not in session:
            session[_LOGGED_IN_AT] = now
        if now - last_seen_at >= _TOUCH_EVERY_SECONDS or _LAST_SEEN_AT not in session:
            session[_LAST_SEEN_AT] = now
