"""Template tags for what a profile shows of recommendations: approved ones only."""

from dataclasses import dataclass

from django import template

from handschlag.recommendations.queries import (
    ShownRecommendation,
    can_ask,
    list_shown_recommendations,
)

register = template.Library()


@dataclass(frozen=True, slots=True)
class ProfileRecommendations:
    """The approved recommendations about a member, and whether the viewer may ask."""

    shown: list[ShownRecommendation]
    can_ask: bool


@register.simple_tag
def profile_recommendations(viewer: object, member_id: int) -> ProfileRecommendations:
    """``{% profile_recommendations request.user profile.member_id as recs %}``."""
    viewer_id = getattr(viewer, "pk", None)
    viewer_id = viewer_id if isinstance(viewer_id, int) else None
    return ProfileRecommendations(
        shown=list_shown_recommendations(member_id, viewer_id=viewer_id),
        can_ask=viewer_id is not None and viewer_id != member_id and can_ask(viewer_id, member_id),
    )
