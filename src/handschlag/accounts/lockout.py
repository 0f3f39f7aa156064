"""The account half of the login lockout key (django-axes).

allauth authenticates with ``email=…``, the admin's login form with ``username=…``, and
the raw form posts ``login``; all three name the same account, so the lockout must key
on one normalised value. Otherwise an attacker could switch forms to reset the count.
"""

from collections.abc import Mapping

from django.http import HttpRequest


def lockout_username(request: HttpRequest, credentials: Mapping[str, object] | None) -> str:
    """The account an attempt is aimed at, case- and space-insensitive."""
    candidates: list[object] = []
    if credentials:
        candidates += [credentials.get("email"), credentials.get("username")]
    candidates += [request.POST.get("login"), request.POST.get("username")]
    for value in candidates:
        if isinstance(value, str) and value.strip():
            return value.strip().casefold()
    return ""
