"""Fixtures for the API's tests: tokens for the personas and clients that call with them."""

from collections.abc import Callable

import pytest
from django.test import Client

from handschlag.accounts.models import Member
from handschlag.api.services import create_token

API = "/api/v1"


@pytest.fixture
def token_for(db: None) -> Callable[[Member], str]:
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
