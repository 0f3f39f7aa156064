"""The home page and the error pages."""

import sqlite3
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from handschlag.core.requests import member_of
from handschlag.profiles.queries import get_own_profile


def home(request: HttpRequest) -> HttpResponse:
    """What Handschlag is, for visitors; a start page for members."""
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    profile = get_own_profile(member_of(request))
    missing = [
        label
        for label, present in (
            ("headline", bool(profile.headline)),
            ("location", bool(profile.location)),
            ("positions", profile.positions.exists()),
            ("skills", profile.skills.exists()),
        )
        if not present
    ]
    return render(request, "core/home.html", {"profile": profile, "missing": missing})


#: How long a client should wait before trying again while the database is out of reach.
RETRY_AFTER_SECONDS = 30


def _database_unavailable(error: BaseException | None) -> bool:
    """Whether ``error`` says the database is out of reach for the moment (a restart, a
    failover, a lost connection, SQLite's busy timeout) rather than that the code is wrong.

    SQLite reports a missing table as an OperationalError too: that is a bug, not an outage.
    """
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if isinstance(cause, sqlite3.OperationalError):
        return any(word in str(cause) for word in ("locked", "busy"))
    return True


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: a database out of reach is a 503 with ``Retry-After``, so members and
    API clients know to try again shortly; any other error is the plain 500 page.

    Renders without a request context: the navigation's queries would need the database.
    """
    unavailable = _database_unavailable(sys.exc_info()[1])
    status = 503 if unavailable else 500
    response: HttpResponse
    if request.path.startswith("/api/"):
        detail = (
            _("The database cannot be reached at the moment. Please try again shortly.")
            if unavailable
            else _("Something went wrong on our side. Please try again in a few minutes.")
        )
        response = JsonResponse({"detail": detail, "errors": []}, status=status)
    else:
        template = loader.get_template("503.html" if unavailable else "500.html")
        response = HttpResponse(template.render(), status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
