"""Template context shared by every page."""

from django.conf import settings
from django.http import HttpRequest


def instance(request: HttpRequest) -> dict[str, object]:
    """Tell templates how this instance is configured."""
    return {"invitation_only": settings.HANDSCHLAG_INVITATION_ONLY}
