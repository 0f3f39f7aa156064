"""Offer personas: Rita, a recruiter who reads German, and Olaf (tests/conftest.py), whose
private preferences carry the canary salary floor.

Olaf accepts lead positions in Wernigerode, in EUR, from 987,654 a year; his profile lists
Python, Django and PostgreSQL. Rita's offers below are built to fail one category each.
"""

from collections.abc import Iterator

import pytest

from handschlag.accounts.models import Member
from handschlag.network.engine import reset_engine
from handschlag.offers import services
from handschlag.offers.cases import OfferDraft
from handschlag.profiles.services import set_skills, update_profile
from tests.conftest import OLAF_PREFERRED_LOCATION, PERSONA_PASSWORD


@pytest.fixture(autouse=True)
def _fresh_engine() -> Iterator[None]:
    """The process's template index remembers texts across tests: start empty."""
    reset_engine()
    yield
    reset_engine()


def _member(email: str, full_name: str, language: str = "") -> Member:
    from handschlag.profiles.services import create_profile

    member = Member.objects.create_user(email, password=PERSONA_PASSWORD, language=language)
    create_profile(member, full_name=full_name)
    return member


@pytest.fixture
def rita(db: None) -> Member:
    """Rita Roth, a recruiter the host marked as one; she reads German."""
    member = _member("rita.roth@example.org", "Rita Roth", language="de")
    update_profile(member, changes={"headline": "Personalberaterin"})
    services.grant_recruiter_role(member, organisation="Roth Personal")
    return member


@pytest.fixture
def sven(db: None) -> Member:
    """Sven Sommer, a second recruiter (English)."""
    member = _member("sven.sommer@example.org", "Sven Sommer", language="en")
    services.grant_recruiter_role(member)
    return member


@pytest.fixture
def olaf_candidate(olaf: Member) -> Member:
    """Olaf with the skills and level offers are compared with."""
    set_skills(olaf, names=["Python", "Django", "PostgreSQL"])
    update_profile(olaf, changes={"seniority": "lead"})
    return olaf


def good_offer(**changes: object) -> OfferDraft:
    """An offer that fits Olaf in every respect."""
    fields: dict[str, object] = {
        "title": "Lead Backend Engineer",
        "employer": "Harzer Software GmbH",
        "level": "lead",
        "salary_min": 990_000,
        "salary_max": 1_100_000,
        "currency": "EUR",
        "location": OLAF_PREFERRED_LOCATION,
        "remote": "hybrid",
        "skills": ("Python", "Django", "PostgreSQL", "Kubernetes"),
        "text": "Ihr Profil passt: Python und Django, Teamleitung, Harz.",
    }
    fields.update(changes)
    return OfferDraft(**fields)  # type: ignore[arg-type]


#: Offers that fail exactly one category each; the same title for all of them.
BELOW_FLOOR = {"salary_min": 700_000, "salary_max": 900_000}
WRONG_LEVEL = {"level": "junior"}
WRONG_PLACE = {"location": "Berlin", "remote": "onsite"}
WRONG_SKILLS = {"skills": ("Java", "Spring", "Oracle", "COBOL")}
