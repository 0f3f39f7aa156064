"""Forms of the recommendation pages: asking, writing, declining, collaborations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handschlag.recommendations.cases import RequestDraft
from handschlag.recommendations.services import (
    FIRST_YEAR,
    NOTE_MAX_LENGTH,
    REPLY_MAX_LENGTH,
    TEXT_MAX_LENGTH,
)


def _year(label: Any, *, required: bool) -> forms.IntegerField:  # Any: a lazy translation
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=FIRST_YEAR,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 6}),
    )


class _PeriodForm(forms.Form):
    def clean(self) -> dict[str, Any]:  # Any: Django's cleaned_data
        data = super().clean() or {}
        first, last = data.get("from_year"), data.get("to_year")
        this_year = timezone.localdate().year
        if first is not None and first > this_year:
            self.add_error("from_year", _("The period cannot start in the future."))
        if first is not None and last is not None and not first <= last <= this_year:
            self.add_error(
                "to_year", _("The year it ended must lie between the first year and this year.")
            )
        return data


class RequestForm(_PeriodForm):
    """What the recommendation should be about: role, project, period, and a message."""

    role = forms.CharField(
        label=_("Your role"),
        max_length=120,
        help_text=_("For example “Backend developer” or “Project lead”."),
    )
    project = forms.CharField(
        label=_("Project or work"),
        max_length=160,
        help_text=_("What the recommender saw you do, for example “Migration to PostgreSQL”."),
    )
    from_year = _year(_("From (year)"), required=True)
    to_year = _year(_("To (year)"), required=False)
    note = forms.CharField(
        label=_("Message to the recommender"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional: what you need the recommendation for."),
    )

    def draft(self) -> RequestDraft:
        data = self.cleaned_data
        return RequestDraft(
            role=data["role"],
            project=data["project"],
            from_year=data["from_year"],
            to_year=data.get("to_year"),
            note=data.get("note") or "",
        )


class WriteForm(forms.Form):
    """The recommendation itself."""

    text = forms.CharField(
        label=_("Your recommendation"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Describe the work you saw. It appears on the profile only after the member "
            "approves it, and you can withdraw it at any time."
        ),
    )


class DeclineForm(forms.Form):
    """The reply to a declined request (the standard reply, editable)."""

    reply_text = forms.CharField(
        label=_("Your reply"),
        max_length=REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 7}),
    )


class CollaborationForm(_PeriodForm):
    """A project done together, for the other member to confirm."""

    project = forms.CharField(label=_("Project"), max_length=160)
    role = forms.CharField(label=_("Your role in it"), max_length=120)
    from_year = _year(_("From (year)"), required=True)
    to_year = _year(_("To (year)"), required=False)


class ChoiceForm(forms.Form):
    """A yes/no answer posted by a button (approve or not, confirm or not)."""

    answer = forms.ChoiceField(choices=(("yes", "yes"), ("no", "no")))

    def clean_answer(self) -> bool:
        value = self.cleaned_data["answer"]
        if value not in ("yes", "no"):  # pragma: no cover (ChoiceField checks first)
            raise ValidationError("yes or no")
        return bool(value == "yes")
