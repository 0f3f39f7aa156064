"""Typed access to the member behind a request."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from handschlag.accounts.models import Member


def member_of(request: HttpRequest) -> Member:
    """The logged-in member; only call behind ``login_required``."""
    user = request.user
    if not isinstance(user, Member):
        raise TypeError("member_of() needs a logged-in member; use login_required")
    return user


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it, for views that answer htmx."""

    htmx: HtmxDetails
