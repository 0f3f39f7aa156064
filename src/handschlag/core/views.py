"""The home page and the error pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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
