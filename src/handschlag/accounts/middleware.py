"""Speak to a logged-in member in the language they picked."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation


class MemberLanguageMiddleware:
    """Override the browser's language with the member's saved choice.

    Sits after ``AuthenticationMiddleware`` (it needs ``request.user``) and after
    ``LocaleMiddleware``, whose choice from the browser or cookie it replaces.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        language = getattr(user, "language", "") if user.is_authenticated else ""
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
