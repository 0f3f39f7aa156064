"""The forms that confirm an export download and an account deletion."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ConfirmPasswordForm(forms.Form):
    """The member's password, asked again before their data leaves the site."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def confirmation_word() -> str:
    """The word to type to delete the account, in the member's language."""
    return str(_("DELETE"))


class DeleteAccountForm(ConfirmPasswordForm):
    """Password and the typed confirmation word."""

    confirmation = forms.CharField(
        label=_("Type the word to confirm"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
