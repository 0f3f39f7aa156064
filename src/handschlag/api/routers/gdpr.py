"""The member's own data through the API: the export (Art. 15 and 20 GDPR) and deleting
the account (Art. 17), both only ever for the caller."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import logout
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from handschlag.api.limits import limit
from handschlag.api.routers import profiles
from handschlag.api.routers.common import Done, InputSchema, caller, responses
from handschlag.gdpr import services
from handschlag.gdpr.export import collect_export
from handschlag.gdpr.forms import confirmation_word

router = Router(tags=["gdpr"])

# ``/me`` is the profiles router's path (GET and PATCH). ninja merges the methods of one
# path only within one router; a second router's ``/me`` would never be reached (405).
# So DELETE is registered on the profiles router, from here, under this module's tag.
_me = profiles.router


class DeleteAccountIn(InputSchema):
    """The caller's password, asked again: a token alone does not delete an account."""

    password: str


@router.get(
    "/me/export",
    response=responses(200, dict[str, Any]),
    throttle=limit("gdpr-export", per_member=5, per_minutes=60),
    summary="Everything Handschlag holds about you, as JSON",
)
def export_me(request: HttpRequest) -> dict[str, Any]:  # Any: the export is a JSON object
    return collect_export(caller(request))


@_me.delete(
    "/me",
    tags=["gdpr"],
    response=responses(200, Done),
    throttle=limit("gdpr-delete", per_member=10, per_minutes=30),
    summary="Delete your account (password required); this cannot be undone",
)
def delete_me(request: HttpRequest, body: DeleteAccountIn) -> Done:
    member = caller(request)
    # A wrong password is refused with 422 on the field "password" (api.responses).
    services.delete_own_account(member, password=body.password, confirmation=confirmation_word())
    if hasattr(request, "session"):
        logout(request)
    return Done(detail=_("Your account has been deleted."))
