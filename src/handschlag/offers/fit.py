"""How an offer fits, in plain words for its recipient (who may see their own numbers).

"Salary 95,000 to 110,000 EUR, above your minimum of 92,000 EUR · Lead level, one you accept
· 5 of 7 skills are in your profile". Whether each part fits is the engine's judgement
(the categories stored with the offer); this module only words it. Nothing here is ever
rendered for the recruiter.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handschlag.offers.models import Category, RecruiterOffer, RemoteMode, Seniority
from handschlag.profiles.models import JobPreferences
from handschlag.trust.text.normalise import fold


@dataclass(frozen=True, slots=True)
class FitLine:
    """One respect of the offer: the sentence, and whether it fits (None: cannot tell)."""

    text: str
    fits: bool | None


def _money(value: int) -> str:
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def salary_range(offer: RecruiterOffer) -> str:
    """The salary as the reader writes numbers: "95.000" and "110.000 EUR" with an en dash."""
    low, high, currency = offer.salary_min, offer.salary_max, offer.currency
    if low is not None and high is not None:
        if low == high:
            return f"{_money(low)} {currency}"
        return f"{_money(low)}\u2013{_money(high)} {currency}"
    if low is not None:
        return _("from %(amount)s %(currency)s") % {"amount": _money(low), "currency": currency}
    if high is not None:
        return _("up to %(amount)s %(currency)s") % {"amount": _money(high), "currency": currency}
    return _("no salary stated")


def _salary_line(offer: RecruiterOffer, prefs: JobPreferences | None, failed: bool) -> FitLine:
    if not offer.has_salary:
        return FitLine(_("No salary stated"), None)
    values = {"range": salary_range(offer)}
    if prefs is None or prefs.min_salary is None:
        return FitLine(_("Salary %(range)s; you have not set a minimum") % values, None)
    values["floor"] = f"{_money(prefs.min_salary)} {prefs.currency}"
    if offer.currency != prefs.currency:
        return FitLine(
            _("Salary %(range)s, in another currency than your minimum of %(floor)s") % values,
            None,
        )
    if failed:
        return FitLine(_("Salary %(range)s, below your minimum of %(floor)s") % values, False)
    return FitLine(_("Salary %(range)s, above your minimum of %(floor)s") % values, True)


def _level_line(offer: RecruiterOffer, failed: bool) -> FitLine:
    level = str(Seniority(offer.level).label) if offer.level in Seniority.values else offer.level
    if failed:
        return FitLine(
            _("Career level: %(level)s, not one you are looking for") % {"level": level}, False
        )
    return FitLine(_("Career level: %(level)s, which fits") % {"level": level}, True)


def _skills_line(offer: RecruiterOffer, own_skills: list[str], failed: bool) -> FitLine:
    asked = [str(s) for s in offer.skills or []]
    if not asked:
        return FitLine(_("No skills named"), None)
    have = {fold(s.strip()) for s in own_skills}
    matched = [s for s in asked if fold(s.strip()) in have]
    text = ngettext(
        "%(matched)d of %(total)d skill is in your profile",
        "%(matched)d of %(total)d skills are in your profile",
        len(asked),
    ) % {"matched": len(matched), "total": len(asked)}
    if matched:
        text = f"{text} ({', '.join(matched)})"
    return FitLine(text, not failed)


def _place_line(offer: RecruiterOffer, prefs: JobPreferences | None, failed: bool) -> FitLine:
    if offer.remote == RemoteMode.REMOTE:
        return FitLine(_("Remote"), True)
    values = {
        "mode": str(RemoteMode(offer.remote).label),
        "place": offer.location or _("a place not named"),
    }
    if failed:
        return FitLine(_("%(mode)s in %(place)s, which does not fit your wishes") % values, False)
    if prefs is not None and prefs.willing_to_relocate and prefs.locations:
        return FitLine(_("%(mode)s in %(place)s; you are willing to relocate") % values, True)
    return FitLine(_("%(mode)s in %(place)s, which fits") % values, True)


def explain_fit(
    offer: RecruiterOffer, *, preferences: JobPreferences | None, own_skills: list[str]
) -> list[FitLine]:
    """The offer's fit, respect by respect, for its recipient."""
    failed = set(offer.mismatches or [])
    lines = []
    if Category.NOT_OPEN in failed:
        lines.append(FitLine(_("You are not open to offers at the moment"), False))
    lines += [
        _salary_line(offer, preferences, Category.SALARY in failed),
        _level_line(offer, Category.LEVEL in failed),
        _skills_line(offer, own_skills, Category.SKILLS in failed),
        _place_line(offer, preferences, Category.LOCATION in failed),
    ]
    return lines
