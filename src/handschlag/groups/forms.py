"""Forms of the group pages: a new group, a join request, an invitation, the policy."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from handschlag.groups.models import IrrelevantAction, Visibility
from handschlag.groups.services import MAX_TOPICS, NOTE_MAX_LENGTH


class GroupForm(forms.Form):
    """A topic group: name, description, topics, who may join."""

    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    topics = forms.CharField(
        label=_("Topics"),
        max_length=500,
        help_text=_(
            "Separated by commas, at most %(limit)d. Invitations are checked against the "
            "invitees' interests and skills with these."
        )
        % {"limit": MAX_TOPICS},
    )
    visibility = forms.ChoiceField(
        label=_("Who may join"),
        choices=Visibility.choices,
        initial=Visibility.PUBLIC,
        widget=forms.RadioSelect,
    )

    def topic_list(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data["topics"].split(",") if t.strip()]


class JoinRequestForm(forms.Form):
    """A short message to the moderators of a closed group."""

    message = forms.CharField(
        label=_("Message to the moderators"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InvitationForm(forms.Form):
    """Whom to invite (one of the inviter's contacts) and a personal note."""

    invitee = forms.TypedChoiceField(label=_("Contact"), coerce=int)
    note = forms.CharField(
        label=_("Personal note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why this group is worth their time."),
    )

    def __init__(self, *args: Any, contacts: list[tuple[int, str]], **kwargs: Any) -> None:
        # Any: Django's form signature.
        super().__init__(*args, **kwargs)
        field = self.fields["invitee"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101
        field.choices = [("", "—"), *contacts]


class InvitationPolicyForm(forms.Form):
    """What happens to irrelevant bulk invitations."""

    irrelevant_action = forms.ChoiceField(
        label=_("Invitations to groups that match none of your interests, sent in bulk"),
        choices=IrrelevantAction.choices,
        widget=forms.RadioSelect,
    )


class AnswerForm(forms.Form):
    """A yes/no answer posted by a button."""

    answer = forms.ChoiceField(choices=(("yes", "yes"), ("no", "no")))

    def accepted(self) -> bool:
        return bool(self.cleaned_data["answer"] == "yes")
