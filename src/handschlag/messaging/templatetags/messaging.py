"""The navigation's messages link with its unread count (one cheap query per page)."""

from __future__ import annotations

from django import template
from django.http import HttpRequest

from handschlag.accounts.models import Member
from handschlag.messaging.queries import UnreadCounts, count_unread

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_messages(context: template.Context) -> UnreadCounts | None:
    """Unread conversations and waiting requests of the logged-in member, once per request."""
    request: HttpRequest | None = context.get("request")
    user = getattr(request, "user", None)
    if request is None or not isinstance(user, Member):
        return None
    cached: UnreadCounts | None = getattr(request, "_handschlag_unread", None)
    if cached is None:
        cached = count_unread(user)
        request._handschlag_unread = cached  # type: ignore[attr-defined]
    return cached
