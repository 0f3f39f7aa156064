"""Profile forms; each rejects impossible data with a message on the field concerned."""

import re
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handschlag.profiles.models import (
    BusinessModel,
    Currency,
    Education,
    JobPreferences,
    Proficiency,
    Profile,
    Seniority,
)

#: Digits, spaces and the usual separators; "+49 (0)30 123-456", "0221 / 12 34 56".
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()/.\-]{5,30}$")
#: No one earns more than this a year through an offer on a regional network.
MAX_SALARY = 10_000_000
EARLIEST_YEAR = 1940

#: Languages a member can list, by ISO 639-1 code (names translated at render time).
SPOKEN_LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("nl", _("Dutch")),
    ("pl", _("Polish")),
    ("tr", _("Turkish")),
    ("ru", _("Russian")),
    ("uk", _("Ukrainian")),
    ("ar", _("Arabic")),
    ("pt", _("Portuguese")),
    ("zh", _("Chinese")),
    ("ja", _("Japanese")),
    ("da", _("Danish")),
    ("sv", _("Swedish")),
    ("cs", _("Czech")),
]


def split_list(value: str) -> list[str]:
    """Split a comma- or line-separated list and drop empty items."""
    return [item.strip() for item in re.split(r"[,\n;]", value) if item.strip()]


class ProfileForm(forms.ModelForm[Profile]):
    """Name, headline, location, texts, level and phone."""

    class Meta:
        model = Profile
        fields = (
            "full_name",
            "headline",
            "location",
            "seniority",
            "about",
            "seeking",
            "offering",
            "phone",
        )
        widgets = {
            "about": forms.Textarea(attrs={"rows": 5}),
            "seeking": forms.Textarea(attrs={"rows": 3}),
            "offering": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }

    def clean_full_name(self) -> str:
        name: str = " ".join(self.cleaned_data["full_name"].split())
        if len(name) < 2:
            raise forms.ValidationError(_("Please enter your name as others know you."))
        return name

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"].strip()
        if phone and not PHONE_PATTERN.match(phone):
            raise forms.ValidationError(
                _("Enter a phone number with digits, spaces and + ( ) / - only.")
            )
        return phone


class PrivacyForm(forms.ModelForm[Profile]):
    """Who sees the email address and the phone number."""

    class Meta:
        model = Profile
        fields = ("email_visibility", "phone_visibility", "view_mode", "no_solicitation")
        widgets = {
            "email_visibility": forms.RadioSelect,
            "phone_visibility": forms.RadioSelect,
            "view_mode": forms.RadioSelect,
        }


class PositionForm(forms.Form):
    """A job; the end may be empty for the current one, but never before the start."""

    employer = forms.CharField(label=_("Employer"), max_length=160)
    title = forms.CharField(label=_("Title"), max_length=120)
    start_date = forms.DateField(
        label=_("Start"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end_date = forms.DateField(
        label=_("End"),
        required=False,
        help_text=_("Leave empty if this is your current position."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    business_model = forms.ChoiceField(
        label=_("Business model of the employer"),
        choices=[("", "—"), *BusinessModel.choices],
        required=False,
    )
    description = forms.CharField(
        label=_("Description"), max_length=2000, required=False, widget=forms.Textarea({"rows": 3})
    )

    def clean_start_date(self) -> date:
        start: date = self.cleaned_data["start_date"]
        if start > timezone.localdate():
            raise forms.ValidationError(_("The start cannot be in the future."))
        if start.year < EARLIEST_YEAR:
            raise forms.ValidationError(
                _("The start cannot be before %(year)d.") % {"year": EARLIEST_YEAR}
            )
        return start

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end cannot be before the start."))
        if end and end > timezone.localdate():
            self.add_error("end_date", _("The end cannot be in the future."))
        return cleaned


class EducationForm(forms.ModelForm[Education]):
    """A school or university with the years attended."""

    class Meta:
        model = Education
        fields = ("school", "degree", "field_of_study", "start_year", "end_year")

    def _check_year(self, name: str) -> int | None:
        year: int | None = self.cleaned_data.get(name)
        latest = timezone.localdate().year + 8
        if year is not None and not EARLIEST_YEAR <= year <= latest:
            raise forms.ValidationError(
                _("Enter a year between %(first)d and %(last)d.")
                % {"first": EARLIEST_YEAR, "last": latest}
            )
        return year

    def clean_start_year(self) -> int | None:
        return self._check_year("start_year")

    def clean_end_year(self) -> int | None:
        return self._check_year("end_year")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The end cannot be before the start."))
        return cleaned


class SkillsForm(forms.Form):
    """Skills as a comma-separated list."""

    skills = forms.CharField(
        label=_("Skills"),
        required=False,
        max_length=4000,
        help_text=_("Separate skills with commas, e.g. “Tax law, Payroll, DATEV”."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_skills(self) -> list[str]:
        names = split_list(self.cleaned_data["skills"])
        too_long = [name for name in names if len(name) > 80]
        if too_long:
            raise forms.ValidationError(
                _("A skill can have at most 80 characters: %(skill)s")
                % {"skill": too_long[0][:40] + "…"}
            )
        return names


class SpokenLanguageForm(forms.Form):
    """A language and how well the member speaks it."""

    language = forms.ChoiceField(label=_("Language"), choices=SPOKEN_LANGUAGES)
    proficiency = forms.ChoiceField(label=_("Proficiency"), choices=Proficiency.choices)


class JobPreferencesForm(forms.ModelForm[JobPreferences]):
    """Private preferences that offers are matched against; nobody else ever sees them."""

    min_salary = forms.IntegerField(
        label=_("Minimum yearly salary"),
        required=False,
        min_value=0,
        max_value=MAX_SALARY,
        error_messages={
            "min_value": _("A salary cannot be negative."),
            "max_value": _("Enter a yearly salary of at most %(limit_value)s."),
            "invalid": _("Enter the salary as a whole number, e.g. 65000."),
        },
        help_text=_("Per year, before tax. Only you see this."),
    )
    currency = forms.ChoiceField(
        label=_("Currency"),
        choices=Currency.choices,
        error_messages={"invalid_choice": _("Pick one of the listed currencies.")},
    )
    levels = forms.MultipleChoiceField(
        label=_("Levels I would accept"),
        choices=Seniority.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    locations = forms.CharField(
        label=_("Locations"),
        required=False,
        max_length=500,
        help_text=_("Cities or regions, separated by commas."),
    )

    class Meta:
        model = JobPreferences
        fields = (
            "open_to_offers",
            "min_salary",
            "currency",
            "levels",
            "locations",
            "remote_only",
            "willing_to_relocate",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # Any: ModelForm's signature
        super().__init__(*args, **kwargs)
        if self.instance and not self.is_bound:
            self.initial["locations"] = ", ".join(self.instance.locations or [])

    def clean_locations(self) -> list[str]:
        return split_list(self.cleaned_data["locations"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("remote_only") and cleaned.get("willing_to_relocate"):
            self.add_error(
                "willing_to_relocate",
                _("If you only work remotely, you do not need to relocate."),
            )
        return cleaned


class SearchForm(forms.Form):
    """Find members by name or headline, skill, employer and location."""

    q = forms.CharField(label=_("Name or headline"), required=False, max_length=100)
    skill = forms.CharField(label=_("Skill"), required=False, max_length=80)
    employer = forms.CharField(label=_("Employer"), required=False, max_length=160)
    location = forms.CharField(label=_("Location"), required=False, max_length=120)

    def has_criteria(self) -> bool:
        """Whether the member asked for anything (an empty search lists nobody)."""
        return any(self.cleaned_data.get(name, "").strip() for name in self.fields)
