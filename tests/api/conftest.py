"""Fixtures for the API's tests: tokens for the personas, clients that call with them, and
a few more members (an intruder, a recruiter) than tests/conftest.py has."""

from collections.abc import Callable, Iterator

import pytest
from django.test import Client

from handschlag.accounts.models import Member
from handschlag.api.services import create_token
from handschlag.network.engine import reset_engine
from handschlag.offers import services as offer_services
from handschlag.profiles.services import create_profile, update_profile
from tests.conftest import PERSONA_PASSWORD

API = "/api/v1"


@pytest.fixture(autouse=True)
def _fresh_engine() -> Iterator[None]:
    """The process's template index remembers texts across tests: start empty."""
    reset_engine()
    yield
    reset_engine()


def make_member(email: str, full_name: str, language: str = "") -> Member:
    member = Member.objects.create_user(email, password=PERSONA_PASSWORD, language=language)
    create_profile(member, full_name=full_name)
    return member


@pytest.fixture
def malte(db: None) -> Member:
    """Malte Fuchs, a member who knows nobody and tries other members' ids."""
    return make_member("malte.fuchs@example.org", "Malte Fuchs")


@pytest.fixture
def rita(db: None) -> Member:
    """Rita Roth, a recruiter; she reads German."""
    member = make_member("rita.roth@example.org", "Rita Roth", language="de")
    update_profile(member, changes={"headline": "Personalberaterin"})
    offer_services.grant_recruiter_role(member, organisation="Roth Personal")
    return member


@pytest.fixture
def sven(db: None) -> Member:
    """Sven Sommer, a second recruiter."""
    member = make_member("sven.sommer@example.org", "Sven Sommer", language="en")
    offer_services.grant_recruiter_role(member)
    return member


@pytest.fixture
def token_for(db: None) -> Callable[..., str]:
    """A fresh personal access token's secret for the member: ``token_for(anna)``."""

    def make(member: Member, *, lifetime_days: int = 30) -> str:
        return create_token(member, name="tests", lifetime_days=lifetime_days).secret

    return make


@pytest.fixture
def api_for(token_for) -> Callable[[Member], Client]:
    """A client that calls the API with a token of the member's: ``api_for(anna).get(…)``."""

    def make(member: Member) -> Client:
        return Client(HTTP_AUTHORIZATION=f"Bearer {token_for(member)}")

    return make
