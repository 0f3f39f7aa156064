"""Forms of the offers pages: the offer itself, the answers and the member's policy."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from handschlag.moderation.models import ReportReason
from handschlag.offers.cases import OfferDraft
from handschlag.offers.models import Currency, OfferPolicy, RemoteMode, Seniority
from handschlag.offers.services import (
    MAX_SALARY,
    MAX_SKILLS,
    REPLY_MAX_LENGTH,
    TEXT_MAX_LENGTH,
)

#: A whole yearly amount as people write it: "85000", "85.000", "85,000", "85 000", "85'000".
_AMOUNT = re.compile(r"^\d{1,3}(?:[.,' \u00a0\u202f]\d{3})+$|^\d+$")


class SalaryField(forms.IntegerField):
    """A yearly salary in whole units, with the thousands separators of German, English
    and Swiss writing and an optional currency sign."""

    def to_python(self, value: Any) -> int | None:  # Any: Django's field signature
        if value in self.empty_values:
            return None
        text = str(value).strip().rstrip("€$£").strip()
        text = re.sub(r"(?i)\s*(eur|chf|gbp|usd)$", "", text).strip()
        if not _AMOUNT.match(text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(re.sub(r"\D", "", text))


def _salary_field(label: Any) -> SalaryField:  # Any: a lazy translation (its stub type is private)
    return SalaryField(
        label=label,
        required=False,
        min_value=1,
        max_value=MAX_SALARY,
        error_messages={
            "invalid": _("Enter the yearly salary as a whole number, e.g. 85000."),
            "min_value": _("A salary must be more than 0."),
            "max_value": _("Enter a yearly salary of at most %(limit_value)s."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )


class OfferForm(forms.Form):
    """A structured offer: the position, the salary range and a personal message."""

    title = forms.CharField(
        label=_("Job title"),
        max_length=160,
        error_messages={"required": _("Please enter the job title.")},
    )
    employer = forms.CharField(label=_("Employer"), max_length=160, required=False)
    confidential = forms.BooleanField(label=_("Keep the employer confidential"), required=False)
    level = forms.ChoiceField(
        label=_("Career level"),
        choices=[("", "—"), *Seniority.choices],
        error_messages={"required": _("Please choose the career level.")},
    )
    salary_min = _salary_field(_("Salary from (per year, gross)"))
    salary_max = _salary_field(_("Salary up to (per year, gross)"))
    currency = forms.ChoiceField(
        label=_("Currency"),
        choices=[("", "—"), *Currency.choices],
        required=False,
    )
    location = forms.CharField(
        label=_("Location"),
        max_length=120,
        required=False,
        help_text=_("Where the work is done (for hybrid work, the office)."),
    )
    remote = forms.ChoiceField(
        label=_("Remote work"),
        choices=RemoteMode.choices,
        initial=RemoteMode.ONSITE,
        widget=forms.RadioSelect,
    )
    skills = forms.CharField(
        label=_("Skills asked for"),
        max_length=1000,
        required=False,
        help_text=_("Separated by commas, e.g. “Python, Django, PostgreSQL”."),
    )
    text = forms.CharField(
        label=_("Your personal message"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why this position fits this member. At most 2,000 characters."),
        error_messages={
            "max_length": _(
                "Your message has %(show_value)d characters; at most %(limit_value)d are allowed."
            )
        },
    )

    def clean_skills(self) -> list[str]:
        skills = list(
            dict.fromkeys(s.strip() for s in re.split(r"[,;\n]", self.cleaned_data["skills"]))
        )
        skills = [s for s in skills if s]
        if len(skills) > MAX_SKILLS:
            raise ValidationError(_("Name at most %(limit)d skills."), params={"limit": MAX_SKILLS})
        if any(len(s) > 80 for s in skills):
            raise ValidationError(_("A skill may have at most 80 characters."))
        return skills

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("confidential") and not (data.get("employer") or "").strip():
            self.add_error(
                "employer", _("Name the employer, or keep it confidential with the box below.")
            )
        low, high = data.get("salary_min"), data.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "salary_max",
                _("The upper end of the salary range must not be below the lower end."),
            )
        if (low is not None or high is not None) and not data.get("currency"):
            self.add_error("currency", _("Please choose the currency of the salary."))
        if data.get("remote") != RemoteMode.REMOTE and not (data.get("location") or "").strip():
            self.add_error("location", _("Please enter where the work is done."))
        return data

    def draft(self) -> OfferDraft:
        """The cleaned form as the service's input."""
        data = self.cleaned_data
        return OfferDraft(
            title=data["title"],
            employer="" if data.get("confidential") else data.get("employer", ""),
            level=data["level"],
            salary_min=data.get("salary_min"),
            salary_max=data.get("salary_max"),
            currency=data.get("currency") or "",
            location=data.get("location", ""),
            remote=data["remote"],
            skills=tuple(data.get("skills") or ()),
            text=data.get("text", ""),
        )


class DeclineForm(forms.Form):
    """The standard reply, as the member edits it before declining."""

    reply_text = forms.CharField(
        label=_("Your reply"),
        max_length=REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 9}),
        help_text=_(
            "It is written in the recruiter's language. Edit it as you like; it never "
            "mentions your preferences unless you write them in."
        ),
    )


class InterestForm(forms.Form):
    """The first message to the recruiter when the member is interested."""

    message = forms.CharField(
        label=_("Your message to the recruiter"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ReportForm(forms.Form):
    """Why the member reports an offer."""

    reason = forms.ChoiceField(
        label=_("Why are you reporting this offer?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anything else the moderators should know (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OfferPolicyForm(forms.ModelForm[OfferPolicy]):
    """How the member wants offers handled."""

    class Meta:
        model = OfferPolicy
        fields = ("auto_decline", "share_categories")
