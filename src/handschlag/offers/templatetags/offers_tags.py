"""Whether the logged-in member may send job offers (for the profile page's offer link)."""

from __future__ import annotations

from django import template
from django.http import HttpRequest

from handschlag.accounts.models import Member
from handschlag.offers.queries import is_recruiter

register = template.Library()


@register.simple_tag(takes_context=True)
def viewer_is_recruiter(context: template.Context) -> bool:
    """True for an active recruiter; asked once per request."""
    request: HttpRequest | None = context.get("request")
    user = getattr(request, "user", None)
    if request is None or not isinstance(user, Member):
        return False
    cached: bool | None = getattr(request, "_handschlag_is_recruiter", None)
    if cached is None:
        cached = is_recruiter(user)
        request._handschlag_is_recruiter = cached  # type: ignore[attr-defined]
    return cached
