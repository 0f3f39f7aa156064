"""Template helpers of the feed: the reaction choices."""

from __future__ import annotations

from django import template

from handschlag.feed.models import ReactionKind

register = template.Library()


@register.simple_tag
def reaction_kinds() -> list[tuple[str, str]]:
    """The reactions a member can leave, as (value, name) pairs."""
    return [(str(value), str(name)) for value, name in ReactionKind.choices]
