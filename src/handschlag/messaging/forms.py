"""Forms for writing, replying, reporting and starting a group conversation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from handschlag.moderation.models import ReportReason

#: The message's length cap, as the model and the service say.
MESSAGE_MAX_LENGTH = 5000


class MessageForm(forms.Form):
    """One message, plain text; links are recognised, HTML is shown as typed."""

    text = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MESSAGE_MAX_LENGTH}),
        error_messages={"required": _("Please write a message.")},
    )


class StandardReplyForm(forms.Form):
    """The standard reply, as the reader edits it before it is sent as a message."""

    text = forms.CharField(
        label=_("Your reply"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 9, "maxlength": MESSAGE_MAX_LENGTH}),
        help_text=_("Edit it as you like. It is sent as a message in this conversation."),
        error_messages={"required": _("Please write a message.")},
    )


class MessageReportForm(forms.Form):
    """Why the reader reports a message."""

    reason = forms.ChoiceField(
        label=_("Why are you reporting this message?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose why you report this message.")},
    )
    comment = forms.CharField(
        label=_("Anything else the moderators should know (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class GroupForm(forms.Form):
    """A group conversation with some of the member's contacts."""

    title = forms.CharField(
        label=_("Name of the conversation (optional)"), required=False, max_length=120
    )
    members = forms.TypedMultipleChoiceField(
        label=_("Contacts to invite"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At least two and at most nineteen of your contacts."),
        error_messages={"required": _("Please choose at least two of your contacts.")},
    )
    text = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MESSAGE_MAX_LENGTH}),
        error_messages={"required": _("Please write a message.")},
    )

    def __init__(self, *args: object, contacts: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        members = self.fields["members"]
        assert isinstance(members, forms.TypedMultipleChoiceField)  # noqa: S101
        members.choices = contacts
