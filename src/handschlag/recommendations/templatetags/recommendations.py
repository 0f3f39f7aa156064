"""Template tags for what a profile shows of recommendations: approved ones only."""

from django import template

from handschlag.recommendations.queries import ProfileRecommendations, profile_recommendations

register = template.Library()


@register.simple_tag(name="profile_recommendations")
def profile_recommendations_tag(viewer: object, member_id: int) -> ProfileRecommendations:
    """``{% profile_recommendations request.user profile.member_id as recs %}``: one query."""
    viewer_id = getattr(viewer, "pk", None)
    return profile_recommendations(
        member_id, viewer_id=viewer_id if isinstance(viewer_id, int) else None
    )
