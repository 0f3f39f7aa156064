"""Recruiter offers, matched against the recipient's private preferences.

Explanations go to the recipient only and never cite the private floor itself; the
standard reply to the recruiter says nothing about which preference failed.
"""

from __future__ import annotations

from handschlag.trust.analysis import Analysis
from handschlag.trust.case import LEVEL_ORDER, Kind, Offer
from handschlag.trust.catalogue import Evidence, rule
from handschlag.trust.i18n import N_
from handschlag.trust.text.normalise import fold

OFFERS = (Kind.RECRUITER_OFFER,)
#: Fewer matching skills than this share of the offer's skills is a mismatch.
SKILL_SHARE = 1 / 3
GOOD_SKILL_SHARE = 1 / 2


def _skill_match(a: Analysis, offer: Offer) -> tuple[list[str], list[str]]:
    have = {fold(s.strip()) for s in a.case.recipient.skills}
    matched = [s for s in offer.skills if fold(s.strip()) in have]
    missing = [s for s in offer.skills if fold(s.strip()) not in have]
    return matched, missing


def below_floor(a: Analysis, offer: Offer) -> bool:
    floor = a.case.recipient.preferences.min_salary
    top = offer.salary_max if offer.salary_max is not None else offer.salary_min
    if floor is None or top is None:
        return False
    if fold(offer.currency) != fold(a.case.recipient.preferences.currency):
        return False
    return top < floor


def level_mismatch(a: Analysis, offer: Offer) -> bool:
    if offer.level is None:
        return False
    wanted = a.case.recipient.preferences.levels
    if wanted:
        return offer.level.value not in wanted
    current = a.case.recipient.level
    return current is not None and LEVEL_ORDER.index(offer.level) < LEVEL_ORDER.index(current)


def location_mismatch(a: Analysis, offer: Offer) -> bool:
    prefs = a.case.recipient.preferences
    if offer.remote:
        return False
    if prefs.remote_only:
        return True
    if prefs.locations and not prefs.relocate:
        wanted = {fold(loc) for loc in prefs.locations}
        return fold(offer.location) not in wanted
    return False


def skill_mismatch(a: Analysis, offer: Offer) -> bool:
    if not offer.skills or not a.case.recipient.skills:
        return False
    matched, _ = _skill_match(a, offer)
    return len(matched) < SKILL_SHARE * len(offer.skills)


@rule(
    code="OFFER_BELOW_FLOOR",
    kinds=OFFERS,
    group="offers",
    explain=N_("the salary (up to %(salary)s %(currency)s) is below your minimum"),
)
def offer_below_floor(a: Analysis) -> Evidence | None:
    """The offered salary's top is below the recipient's private minimum."""
    offer = a.case.offer
    if offer is None or not below_floor(a, offer):
        return None
    top = offer.salary_max if offer.salary_max is not None else offer.salary_min
    return Evidence({"salary": top or 0, "currency": offer.currency})


@rule(
    code="OFFER_NO_SALARY",
    kinds=OFFERS,
    group="offers",
    explain=N_("the offer “%(title)s” names no salary"),
)
def offer_no_salary(a: Analysis) -> Evidence | None:
    """No salary range: the recipient cannot judge the offer."""
    offer = a.case.offer
    if offer is None or offer.salary_min is not None or offer.salary_max is not None:
        return None
    return Evidence({"title": offer.title})


@rule(
    code="OFFER_LEVEL_MISMATCH",
    kinds=OFFERS,
    group="offers",
    explain=N_("the position is at %(level)s level, which is not what you are looking for"),
)
def offer_level_mismatch(a: Analysis) -> Evidence | None:
    """The level is not one the recipient accepts, or below their current one."""
    offer = a.case.offer
    if offer is None or offer.level is None or not level_mismatch(a, offer):
        return None
    return Evidence({"level": offer.level.value})


@rule(
    code="OFFER_SKILL_MISMATCH",
    kinds=OFFERS,
    group="offers",
    explain=N_(
        "only %(matched)d of the %(total)d skills asked for are in your profile (not: %(missing)s)"
    ),
)
def offer_skill_mismatch(a: Analysis) -> Evidence | None:
    """The wrong stack: fewer than a third of the skills asked for are in the profile."""
    offer = a.case.offer
    if offer is None or not skill_mismatch(a, offer):
        return None
    matched, missing = _skill_match(a, offer)
    return Evidence(
        {"matched": len(matched), "total": len(offer.skills), "missing": ", ".join(missing[:3])}
    )


@rule(
    code="OFFER_PLACE_MISMATCH",
    kinds=OFFERS,
    group="offers",
    explain=N_("the position is on site in %(location)s, which does not fit your wishes"),
)
def offer_location_mismatch(a: Analysis) -> Evidence | None:
    """On site where the recipient does not want to work, or not remote when they want remote."""
    offer = a.case.offer
    if offer is None or not location_mismatch(a, offer):
        return None
    return Evidence({"location": offer.location or "?"})


@rule(
    code="OFFER_NOT_OPEN",
    kinds=OFFERS,
    group="offers",
    explain=N_("you are not open to offers at the moment"),
)
def offer_not_open(a: Analysis) -> Evidence | None:
    """The recipient said they are not open to offers."""
    return None if a.case.recipient.preferences.open_to_offers else Evidence({})


@rule(
    code="OFFER_GOOD_MATCH",
    kinds=OFFERS,
    group="offers",
    explain=N_(
        "the offer “%(title)s” fits your salary, level, place and %(matched)d of its "
        "%(total)d skills"
    ),
)
def offer_good_match(a: Analysis) -> Evidence | None:
    """A read profile: salary named and high enough, level, place and most skills fit."""
    offer = a.case.offer
    prefs = a.case.recipient.preferences
    if offer is None or not prefs.open_to_offers:
        return None
    if offer.salary_min is None and offer.salary_max is None:
        return None
    if below_floor(a, offer) or level_mismatch(a, offer) or location_mismatch(a, offer):
        return None
    matched, _ = _skill_match(a, offer)
    if offer.skills and len(matched) < GOOD_SKILL_SHARE * len(offer.skills):
        return None
    return Evidence({"title": offer.title, "matched": len(matched), "total": len(offer.skills)})
