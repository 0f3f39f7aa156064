"""Template filters for meetup pages."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from handschlag.messaging.markup import render_text

register = template.Library()


@register.filter
def meetup_text(text: str) -> SafeString:
    """A description as safe HTML: escaped as typed, addresses linked (messaging's rules)."""
    return render_text(text or "")
