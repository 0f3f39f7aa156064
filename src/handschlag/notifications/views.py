"""Email notification settings and the one-click unsubscribe.

The unsubscribe page works without logging in: the signed token in the link is the
authority. A GET only shows what a click would do (mail scanners open links); a POST
unsubscribes, from the page's button or from a mail program's RFC 8058 one-click POST,
which carries no CSRF token, hence ``csrf_exempt``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from handschlag.core.requests import member_of
from handschlag.notifications import services
from handschlag.notifications.forms import DigestSettingsForm


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    """Switch the daily digest on or off."""
    member = member_of(request)
    # An unticked box posts nothing: bind the form to any POST, even an empty one.
    form = DigestSettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"daily_digest": services.wants_digest(member)},
    )
    if request.method == "POST" and form.is_valid():
        services.set_daily_digest(member, enabled=form.cleaned_data["daily_digest"])
        messages.success(request, _("Your email settings have been saved."))
        return redirect("notification_settings")
    languages = dict(settings.LANGUAGES)
    language = languages.get(member.language or settings.LANGUAGE_CODE, "")
    return render(
        request, "notifications/settings.html", {"form": form, "email_language": language}
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET: confirm page, writes nothing. POST: the digest is switched off."""
    member = services.member_for_token(token)
    if member is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=404)
    if request.method == "POST":
        services.unsubscribe(member)
        return render(request, "notifications/unsubscribe_done.html")
    return render(request, "notifications/unsubscribe_confirm.html")


urlpatterns: list[URLPattern] = [
    path("settings/notifications/", notification_settings, name="notification_settings"),
    path("notifications/unsubscribe/<str:token>/", unsubscribe, name="notification_unsubscribe"),
]
