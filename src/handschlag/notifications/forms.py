from django import forms
from django.utils.translation import gettext_lazy as _


class DigestSettingsForm(forms.Form):
    """The member's email notification settings."""

    daily_digest = forms.BooleanField(
        label=_("Send me a daily email summary of new contact requests and messages"),
        required=False,
    )
