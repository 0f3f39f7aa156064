"""How the API answers refusals: one JSON shape, field by field, in the member's language.

``{"detail": "…", "errors": [{"field": "note", "message": "…"}]}``: ``detail`` says
what happened as a whole, ``errors`` names each field that needs fixing (empty when the
refusal is not about a field). Status codes:

- 401 no or a bad credential; 403 a CSRF failure or a refusal of the member's standing
  (restricted, not a recruiter, too new); 404 whatever the member may not know exists;
- 409 the object's state does not allow it (already answered, already connected);
- 422 input that does not fit, from ninja's schema validation or a service's field error;
- 429 a rate limit or a quota, with ``Retry-After`` where the limit says when it ends;
- 400 any other refusal of a service.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from handschlag.api.errors import InvalidInput, ProfileViewsThrottled
from handschlag.core.errors import HandschlagError, NotFound
from handschlag.events import errors as events_errors
from handschlag.groups import errors as groups_errors
from handschlag.imports import errors as imports_errors
from handschlag.messaging import errors as messaging_errors
from handschlag.network import decisions
from handschlag.network import errors as network_errors
from handschlag.offers import errors as offers_errors
from handschlag.recommendations import errors as recommendations_errors


class FieldError(Schema):
    """One field and what is wrong with it."""

    field: str
    message: str


class ErrorOut(Schema):
    """Every refusal of the API."""

    detail: str
    errors: list[FieldError] = []


#: The statuses every authenticated operation may answer with besides its own.
ERROR_RESPONSES: dict[int, type[ErrorOut]] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}

#: Refusals of the member's standing: they may not do this at all for now.
FORBIDDEN: tuple[type[HandschlagError], ...] = (
    network_errors.SenderRestricted,
    messaging_errors.RequestsRestricted,
    messaging_errors.TooNewForRequests,
    messaging_errors.AwaitingAcceptance,
    messaging_errors.ConversationClosed,
    offers_errors.NotARecruiter,
    groups_errors.NotAModerator,
    groups_errors.CannotInvite,
    recommendations_errors.RequestRefused,
)
#: Refusals of an object's state: it was answered, or the pair is already where asked.
CONFLICT: tuple[type[HandschlagError], ...] = (
    network_errors.AlreadyConnected,
    network_errors.RequestPending,
    network_errors.AlreadyAppealed,
    decisions.RequestAlreadyAnswered,
    decisions.NothingToUndo,
    decisions.UndoConflict,
    messaging_errors.NotARequest,
    offers_errors.OfferAlreadyAnswered,
    groups_errors.AlreadyAnswered,
    groups_errors.InvitationOpen,
    groups_errors.InviteeAlreadyMember,
    groups_errors.InvitationTooSoon,
    recommendations_errors.RequestOpen,
    recommendations_errors.RequestTooSoon,
    recommendations_errors.AlreadyAnswered,
    recommendations_errors.CollaborationExists,
    imports_errors.NothingToInvite,
)
#: Limits and quotas; each knows when it ends through one of these attributes.
LIMITS: tuple[type[HandschlagError], ...] = (
    network_errors.QuotaExhausted,
    network_errors.CoolDown,
    messaging_errors.MessageRequestLimit,
    offers_errors.OfferQuotaExhausted,
    offers_errors.OfferLimit,
    ProfileViewsThrottled,
    events_errors.TooManyWrongCodes,
    groups_errors.InvitationQuotaExhausted,
)


def error_body(detail: str, errors: Sequence[tuple[str, str]] = ()) -> dict[str, object]:
    """The JSON of a refusal."""
    return {"detail": detail, "errors": [{"field": f, "message": m} for f, m in errors]}


def _retry_after(error: HandschlagError, now: datetime) -> int | None:
    seconds_left = getattr(error, "seconds", None)
    if isinstance(seconds_left, int):
        return seconds_left
    retry = getattr(error, "retry_after", None)
    if callable(retry):
        seconds: int | None = retry(now)
        return seconds
    for name in ("resets_at", "until", "retry_at"):
        moment = getattr(error, name, None)
        if isinstance(moment, datetime):
            return max(1, math.ceil((moment - now).total_seconds()))
    return None


def status_of(error: HandschlagError) -> int:
    """The HTTP status for a service's refusal."""
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, LIMITS):
        return 429
    if isinstance(error, FORBIDDEN):
        return 403
    if isinstance(error, CONFLICT):
        return 409
    if error.field:
        return 422
    return 400


def refuse(api: NinjaAPI, request: HttpRequest, error: HandschlagError) -> HttpResponse:
    """Answer a service's refusal (also usable from an operation that catches one)."""
    status = status_of(error)
    message = str(error.message)
    fields = [(error.field, message)] if error.field else []
    response = api.create_response(request, error_body(message, fields), status=status)
    if status == 429:
        seconds = _retry_after(error, timezone.now())
        if seconds is not None:
            response["Retry-After"] = str(seconds)
        limit = getattr(error, "limit", None)
        if isinstance(limit, int):
            response["X-RateLimit-Limit"] = str(limit)
            response["X-RateLimit-Remaining"] = "0"
    return response


### ninja's own validation errors, in the member's language ###


def _message(error: Mapping[str, Any]) -> str:
    """A pydantic error as a sentence in the active language."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind in ("string_too_long", "too_long"):
        limit = int(ctx.get("max_length", 0))
        return ngettext(
            "Enter at most %(limit)d character.", "Enter at most %(limit)d characters.", limit
        ) % {"limit": limit}
    if kind in ("string_too_short", "too_short"):
        limit = int(ctx.get("min_length", 0))
        return ngettext(
            "Enter at least %(limit)d character.", "Enter at least %(limit)d characters.", limit
        ) % {"limit": limit}
    if kind in ("enum", "literal_error"):
        return _("Choose one of the allowed values.")
    if kind.startswith(("int_", "float_", "decimal_")):
        return _("Enter a whole number.")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return _("Enter a number in the allowed range.")
    if kind.startswith("bool"):
        return _("Enter true or false.")
    if kind.startswith(("date", "datetime")):
        return _("Enter a valid date (YYYY-MM-DD).")
    if kind.startswith(("list", "tuple", "set")):
        return _("Enter a list.")
    if kind.startswith("string"):
        return _("Enter text.")
    if kind == "json_invalid":
        return _("The request body is not valid JSON.")
    if kind.startswith(("model", "dict")):
        return _("Send a JSON object.")
    return _("This value is not valid.")


#: Where ninja says a value came from; not part of the field's name.
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file", "payload", "filters"}


def _field(loc: Sequence[object]) -> str:
    parts = [str(part) for part in loc]
    while parts and parts[0] in _SOURCES:
        parts.pop(0)
    return ".".join(parts) or "__all__"


def install(api: NinjaAPI) -> None:
    """Register the handlers on ``api``."""

    def on_validation(request: HttpRequest, exc: object) -> HttpResponse:
        exc = cast("ValidationError", exc)
        errors = [(_field(e.get("loc", ())), _message(e)) for e in exc.errors]
        body = error_body(_("Some fields need your attention."), errors)
        return api.create_response(request, body, status=422)

    def on_domain(request: HttpRequest, exc: object) -> HttpResponse:
        return refuse(api, request, cast("HandschlagError", exc))

    def on_not_found(request: HttpRequest, exc: object) -> HttpResponse:
        return api.create_response(request, error_body(_("Not found.")), status=404)

    def on_http_error(request: HttpRequest, exc: object) -> HttpResponse:
        status = cast("HttpError", exc).status_code
        if isinstance(exc, AuthenticationError) or status == 401:
            detail = _("Sign in, or send a valid personal access token.")
        elif isinstance(exc, Throttled) or status == 429:
            detail = _("Too many requests. Please wait a moment and try again.")
        elif status == 403:
            detail = _("The CSRF token is missing or wrong.")
        elif status == 404:
            detail = _("Not found.")
        else:
            detail = _("The request could not be read.")
        response = api.create_response(request, error_body(detail), status=status)
        if status == 401:
            response["WWW-Authenticate"] = "Bearer"
        return response

    def on_invalid_input(request: HttpRequest, exc: object) -> HttpResponse:
        errors = cast("InvalidInput", exc).errors
        body = error_body(_("Some fields need your attention."), errors)
        return api.create_response(request, body, status=422)

    # The handlers take ``object``: ninja's stub types the argument as the class or an
    # instance of it; each handler is registered for one class and narrows to it.
    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(InvalidInput, on_invalid_input)
    api.add_exception_handler(HandschlagError, on_domain)
    api.add_exception_handler(Http404, on_not_found)

    def on_permission_denied(request: HttpRequest, exc: object) -> HttpResponse:
        detail = str(exc) or _("You may not do this.")
        return api.create_response(request, error_body(detail), status=403)

    api.add_exception_handler(PermissionDenied, on_permission_denied)
    api.add_exception_handler(HttpError, on_http_error)
