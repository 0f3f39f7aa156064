"""Pages for invitations and the language switch."""

from allauth.account import views as allauth_views
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handschlag.accounts import queries, services, signup_limits
from handschlag.accounts.errors import InvitationRightsLost, TooManyOpenInvitations
from handschlag.accounts.forms import InvitationForm, LanguageForm
from handschlag.core.requests import member_of


@login_required
def invitations(request: HttpRequest) -> HttpResponse:
    """List the member's invitation codes and create a new one."""
    member = member_of(request)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.create_invitation(member, note=form.cleaned_data["note"])
        except (TooManyOpenInvitations, InvitationRightsLost) as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request, _("Invitation code %(code)s created.") % {"code": invitation.code}
            )
            return redirect("invitations")
    return render(
        request,
        "accounts/invitations.html",
        {
            "form": form,
            "invitations": queries.list_invitations_of(member),
            "signup_url": request.build_absolute_uri(reverse("account_signup")),
        },
    )


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; remember it on the member's account too."""
    form = LanguageForm(request.POST)
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if not form.is_valid():
        return response
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        services.set_member_language(member_of(request), language=language)
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.IS_PRODUCTION,
        httponly=True,
    )
    return response


def signup(request: HttpRequest) -> HttpResponse:
    """allauth's sign-up, refused with 429 once an address created its accounts for today."""
    if request.method == "POST":
        wait = signup_limits.seconds_until_signup_allowed(request)
        if wait:
            limited = render(request, "account/signup_limited.html", status=429)
            limited["Retry-After"] = str(wait)
            return limited
    response: HttpResponse = allauth_views.signup(request)
    return response
