"""Forms for sign-up, invitations and the language switch."""

from typing import Any

from allauth.account.forms import SignupForm
from django import forms
from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext_lazy as _

from handschlag.accounts import queries, signup_limits
from handschlag.accounts.models import Member


class MemberSignupForm(SignupForm):  # type: ignore[misc]  # allauth is untyped
    """Sign up with name, email and password, plus an invitation code where required."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    invitation_code = forms.CharField(
        label=_("Invitation code"),
        max_length=32,
        required=False,
        help_text=_("This network is open by invitation. Ask a member for a code."),
    )

    #: A honeypot: hidden from people (and from assistive technology), filled in by bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # Any: allauth's signature
        super().__init__(*args, **kwargs)
        self.initial["started"] = signup_limits.start_token()
        if settings.HANDSCHLAG_INVITATION_ONLY:
            self.fields["invitation_code"].required = True
        else:
            del self.fields["invitation_code"]
        # Show the name first.
        self.order_fields(
            ["full_name", "email", "password1", "password2", "invitation_code", "website"]
        )

    def clean_full_name(self) -> str:
        name: str = self.cleaned_data["full_name"].strip()
        if len(name) < 2:
            raise forms.ValidationError(_("Please enter your name as others know you."))
        return name

    def clean_invitation_code(self) -> str:
        code: str = self.cleaned_data.get("invitation_code", "").strip()
        if code and not queries.is_invitation_code_open(code):
            raise forms.ValidationError(
                _("This invitation code is not valid. It may have been used or have expired.")
            )
        return code

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()
        minimum = settings.HANDSCHLAG_SIGNUP_MIN_SECONDS
        data: QueryDict = self.data  # type: ignore[has-type]  # allauth is untyped
        elapsed = signup_limits.seconds_since(data.get("started", ""))
        too_fast = minimum > 0 and (elapsed is None or elapsed < minimum)
        if cleaned.get("website") or too_fast:
            # Show a fresh start time, so a person who simply resends the form passes.
            fresh = data.copy()
            fresh["started"] = signup_limits.start_token()
            self.data = fresh
            raise forms.ValidationError(
                _(
                    "We could not accept this sign-up. Please check your entries "
                    "and send the form again."
                )
            )
        return cleaned

    def signup(self, request: HttpRequest, user: Member) -> None:
        """Nothing to add: the adapter creates profile and invitation link atomically."""


class InvitationForm(forms.Form):
    """Create an invitation code, with a note to remember whom it is for."""

    note = forms.CharField(
        label=_("For whom is it?"),
        max_length=120,
        required=False,
        help_text=_("Only you see this note."),
    )


class LanguageForm(forms.Form):
    """Pick the interface language."""

    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    next = forms.CharField(required=False, widget=forms.HiddenInput)
