"""Who is calling: a personal access token (``Authorization: Bearer hs_…``) or the
browser's session (with Django's CSRF check for unsafe methods).

Either way the member ends up in ``request.auth`` and ``request.user``, and their saved
language is activated, so answers and error messages come in it and the middleware that
marks personal responses ``no-store`` sees a logged-in member.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone, translation
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from handschlag.accounts.models import Member
from handschlag.api import limits, queries, services

#: Failed token attempts from one address (guessing is hopeless at 256 bits; this keeps
#: the lookups cheap and the logs quiet).
FAILED_TOKEN_RATE = limits.Rate(30, 60)


def _as_member(request: HttpRequest, member: Member) -> Member:
    request.user = member
    if member.language:
        translation.activate(member.language)
        request.LANGUAGE_CODE = member.language
    return member


class TokenAuth(HttpBearer):
    """A personal access token in the Authorization header.

    A header that is present but wrong (unknown, revoked, expired, or the member is no
    longer active) is refused with 401 at once: it never falls through to the session.
    """

    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> Member | None:
        now = timezone.now()
        found = queries.find_usable_token(token, now=now)
        if found is None:
            if limits.check_address(request, scope="token-fail", rate=FAILED_TOKEN_RATE):
                raise HttpError(429, "rate limited")
            raise AuthenticationError
        services.record_use(found, now=now)
        request.api_token_id = found.pk  # type: ignore[attr-defined]
        return _as_member(request, found.member)


class SessionAuth(APIKeyCookie):
    """The logged-in browser session; unsafe methods need Django's CSRF token.

    Without a session cookie there is nothing to protect, so the CSRF check is skipped
    and the caller gets a plain 401 rather than a 403.
    """

    param_name: str = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        key = request.COOKIES.get(self.param_name)
        if key is None:
            return None
        if check_csrf(request):
            raise HttpError(403, "csrf")
        return key

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if key is None or not isinstance(user, Member) or not user.is_active:
            return None
        return _as_member(request, user)


#: Tried in this order on every operation.
AUTH = [TokenAuth(), SessionAuth()]
