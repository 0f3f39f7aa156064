"""The token settings page: create a personal access token (its secret shown once) and
revoke one. Plain forms; everything works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from handschlag.api import queries, services
from handschlag.api.errors import TokenNotFound, TooManyTokens
from handschlag.api.forms import TokenForm
from handschlag.core.requests import member_of


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """The member's tokens and the form for a new one. After creating, the same page shows
    the secret once: it is never stored, put in a URL or kept in the session."""
    member = member_of(request)
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_token(
                member,
                name=form.cleaned_data["name"],
                lifetime_days=form.cleaned_data["lifetime_days"],
            )
        except TooManyTokens as error:
            form.add_error(error.field, str(error.message))
        else:
            form = TokenForm()
    context = {
        "form": form,
        "created": created,
        "tokens": queries.list_tokens(member.pk),
        "now": timezone.now(),
        "api_docs": reverse("api-v1:openapi-view"),
    }
    return render(request, "api/tokens.html", context)


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of the member's tokens; it stops working at once (404 for anyone else's)."""
    try:
        services.revoke_token(member_of(request), token_id=token_id)
    except TokenNotFound:
        raise Http404 from None
    messages.success(request, _("The token has been revoked. It no longer works."))
    return redirect("api_tokens")
