"""The API's input goes through the apps' own forms, and the token settings form."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from handschlag.api.errors import InvalidInput
from handschlag.api.services import LIFETIMES_DAYS

F = TypeVar("F", bound=forms.BaseForm)


def form_data(values: Mapping[str, object]) -> dict[str, Any]:
    """JSON values as a form would receive them (Any: forms take any value per field)."""
    data: dict[str, Any] = {}
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, bool):
            # A checkbox is present when on and absent when off.
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = list(value)
        else:
            data[name] = value
    return data


def cleaned(form: F) -> F:
    """The form once valid; InvalidInput (422) with its messages per field otherwise."""
    if not form.is_valid():
        errors = [
            (field if field != "__all__" else "__all__", str(message))
            for field, messages in form.errors.items()
            for message in messages
        ]
        raise InvalidInput(errors)
    return form


class TokenForm(forms.Form):
    """A new personal access token: what it is for and how long it lives."""

    name = forms.CharField(
        label=_("What is this token for?"),
        max_length=80,
        help_text=_("For example “calendar sync” or “my script”. Only you see it."),
    )
    lifetime_days = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        choices=[
            (days, ngettext_lazy("%(days)d day", "%(days)d days", "days") % {"days": days})
            for days in LIFETIMES_DAYS
        ],
        initial=90,
    )
