"""The URL map: each app mounts its own ``urls.py``."""

from django.contrib import admin
from django.urls import include, path

from handschlag.accounts import views as accounts_views

urlpatterns = [
    path("admin/", admin.site.urls),
    # Sign-up goes through our per-address limit before allauth's own view.
    path("accounts/signup/", accounts_views.signup, name="account_signup"),
    path("accounts/", include("allauth.urls")),
    path("", include("handschlag.accounts.urls")),
    path("", include("handschlag.profiles.urls")),
    path("", include("handschlag.network.urls")),
    path("", include("handschlag.messaging.urls")),
    path("", include("handschlag.moderation.urls")),
    path("", include("handschlag.offers.urls")),
    path("", include("handschlag.notifications.urls")),
    path("", include("handschlag.recommendations.urls")),
    path("", include("handschlag.groups.urls")),
    path("", include("handschlag.feed.urls")),
    path("", include("handschlag.events.urls")),
    path("", include("handschlag.api.urls")),
    path("", include("handschlag.imports.urls")),
    path("", include("handschlag.gdpr.urls")),
    path("", include("handschlag.core.urls")),
]

#: A database out of reach answers 503 with Retry-After, anything else the 500 page.
handler500 = "handschlag.core.views.server_error"
