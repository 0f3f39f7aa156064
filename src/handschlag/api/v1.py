"""The API's first version: ``/api/v1/``, its schema at ``/api/v1/openapi.json`` and the
interactive docs at ``/api/v1/docs``, both for signed-in members only.

The versioning promise (docs/api.md): within v1, fields and endpoints are only added;
nothing is renamed, removed or changes meaning. A breaking change makes ``/api/v2/``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import HttpError

from handschlag.api import auth, responses
from handschlag.api.limits import ApiRateLimit
from handschlag.api.routers import (
    events,
    feed,
    gdpr,
    groups,
    imports,
    messaging,
    moderation,
    network,
    offers,
    profiles,
    recommendations,
)


class HandschlagAPI(NinjaAPI):
    """NinjaAPI whose every answer is personal: never stored by any cache (SECURITY.md A22)."""

    def create_response(
        self, request: HttpRequest, data: Any, *args: Any, **kwargs: Any
    ) -> HttpResponse:  # Any: ninja's signature
        response = super().create_response(request, data, *args, **kwargs)
        add_never_cache_headers(response)
        return response


def _members_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The schema and the docs are for members: a session or a token opens them; a browser
    without either is sent to the login page, any other caller gets 401."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:  # Any: URL kwargs
        for check in auth.AUTH:
            try:
                if check(request):
                    response = view(request, *args, **kwargs)
                    add_never_cache_headers(response)
                    return response
            except HttpError:
                break
        if request.path.endswith("/docs"):
            return redirect_to_login(request.get_full_path())
        body = responses.error_body(_("Sign in, or send a valid personal access token."))
        response = api.create_response(request, body, status=401)
        response["WWW-Authenticate"] = "Bearer"
        return response

    return wrapper


api = HandschlagAPI(
    title="Handschlag",
    version="1",
    description=(
        "Every member action of Handschlag. Authenticate with a personal access token "
        "(`Authorization: Bearer hs_…`, created under Settings → API tokens) or, from the "
        "browser, with your session and the CSRF token."
    ),
    urls_namespace="api-v1",
    auth=auth.AUTH,
    throttle=[ApiRateLimit("all")],
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_decorator=_members_only,
)
responses.install(api)
api.add_router("", profiles.router)
api.add_router("", network.router)
api.add_router("", messaging.router)
api.add_router("", offers.router)
api.add_router("", moderation.router)
api.add_router("", events.router)
api.add_router("", feed.router)
api.add_router("", groups.router)
api.add_router("", recommendations.router)
api.add_router("", imports.router)
api.add_router("", gdpr.router)
