"""Forms for sending contact requests and appealing against a restriction."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from handschlag.network.models import Intent

#: The note's length cap, as the model and the service say.
NOTE_MAX_LENGTH = 500
APPEAL_MAX_LENGTH = 2000


class ContactRequestForm(forms.Form):
    """Intent (required) and note; whether the note is required is the recipient's call,
    so the service decides and the view shows its refusal on the note field."""

    intent = forms.ChoiceField(
        label=_("What is your request about?"),
        choices=Intent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose what your request is about.")},
    )
    note = forms.CharField(
        label=_("Your note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": NOTE_MAX_LENGTH}),
        help_text=_("Up to 500 characters: how you know each other, or why you would like to."),
    )


class AppealForm(forms.Form):
    """The member's one appeal against a restriction."""

    text = forms.CharField(
        label=_("Your appeal"),
        max_length=APPEAL_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": APPEAL_MAX_LENGTH}),
        help_text=_("Tell the moderators what they should know. You can appeal once."),
        error_messages={"required": _("Please write what the moderators should know.")},
    )
