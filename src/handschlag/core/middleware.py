"""Request and response middleware shared by all apps."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class PrivatePagesNotCachedMiddleware:
    """Send ``Cache-Control: no-store`` for every response to a logged-in member.

    Personal pages must not land in shared caches or the browser's back/forward cache
    after logout (SECURITY.md A22, R9).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Adds "no-cache, no-store, must-revalidate, private" and max-age=0.
            add_never_cache_headers(response)
        return response
