"""The organiser's meetup form and the attendee's check-in form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrPromise

from handschlag.events.models import MAX_CAPACITY

#: What ``<input type="datetime-local">`` sends, read in the site's zone (Europe/Berlin).
LOCAL_INPUT = "%Y-%m-%dT%H:%M"


def _moment(label: StrPromise) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        input_formats=[LOCAL_INPUT, "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT),
        error_messages={
            "required": _("Please enter a date and time."),
            "invalid": _("Please enter a date and time, e.g. 24.03.2026 18:30."),
        },
    )


class MeetupForm(forms.Form):
    """What an organiser says about a meetup; the service checks the times and capacity."""

    title = forms.CharField(
        label=_("Title"),
        max_length=160,
        error_messages={"required": _("Please give the meetup a title.")},
    )
    venue = forms.CharField(
        label=_("Venue"),
        max_length=160,
        help_text=_("The name of the place, e.g. “Café Central”."),
        error_messages={"required": _("Please name the venue.")},
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=200,
        error_messages={"required": _("Please enter the address.")},
    )
    city = forms.CharField(
        label=_("City"),
        max_length=80,
        error_messages={"required": _("Please enter the city.")},
    )
    starts_at = _moment(_("Starts"))
    ends_at = _moment(_("Ends"))
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=MAX_CAPACITY,
        help_text=_("When all places are taken, members join a waiting list in order."),
        error_messages={"required": _("Please say how many people can come.")},
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": 5000}),
        help_text=_("Plain text; web addresses become links."),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        for name in ("title", "venue", "address", "city"):
            if isinstance(data.get(name), str):
                data[name] = data[name].strip()
        return data


class CheckInForm(forms.Form):
    """The code the organiser shows at the meetup."""

    code = forms.CharField(
        label=_("Check-in code"),
        max_length=20,
        help_text=_("The organiser shows it at the meetup, e.g. “K7M-4QX”."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        error_messages={"required": _("Please enter the code the organiser shows.")},
    )
