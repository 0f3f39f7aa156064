"""Recommendation personas on top of tests/conftest.py.

Anna (tax advisor, Becker & Partner since 2015) and Bernd are contacts. Bernd worked at
Becker & Partner from 2016 to 2019: former colleagues. Clara is a stranger to Anna.
"""

from collections.abc import Iterator
from datetime import date

import pytest

from handschlag.accounts.models import Member
from handschlag.network.engine import reset_engine
from handschlag.profiles.services import save_position
from handschlag.recommendations.cases import RequestDraft


@pytest.fixture(autouse=True)
def _fresh_engine() -> Iterator[None]:
    """The process's template index remembers texts across tests: start empty."""
    reset_engine()
    yield
    reset_engine()


@pytest.fixture
def colleague_bernd(bernd: Member) -> Member:
    """Bernd, Anna's contact, who worked with her at Becker & Partner 2016-2019."""
    save_position(
        bernd,
        position_id=None,
        employer_name="Becker & Partner Steuerberatung",
        title="Lohnbuchhalter",
        start_date=date(2016, 1, 1),
        end_date=date(2019, 12, 31),
    )
    return bernd


@pytest.fixture
def draft() -> RequestDraft:
    return RequestDraft(
        role="Lohnbuchhalter",
        project="Umstellung der Lohnabrechnung auf DATEV",
        from_year=2016,
        to_year=2019,
        note="Ich bewerbe mich als Teamleiter Lohn und würde mich über ein paar Sätze freuen.",
    )
