"""The URL map: each app mounts its own ``urls.py``."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("handschlag.accounts.urls")),
    path("", include("handschlag.profiles.urls")),
    path("", include("handschlag.core.urls")),
]
