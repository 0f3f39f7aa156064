"""Group personas on top of tests/conftest.py.

Anna (Steuerrecht, DATEV, Lohnbuchhaltung) moderates "Steuern im Handwerk"; Bernd is her
contact; Clara is a stranger to both.
"""

from collections.abc import Iterator

import pytest

from handschlag.accounts.models import Member
from handschlag.groups import services
from handschlag.groups.models import Group
from handschlag.network.engine import reset_engine


@pytest.fixture(autouse=True)
def _fresh_engine() -> Iterator[None]:
    reset_engine()
    yield
    reset_engine()


@pytest.fixture
def tax_group(anna: Member) -> Group:
    """A public group about taxes that Anna created (and so moderates)."""
    return services.create_group(
        anna,
        name="Steuern im Handwerk",
        description="Austausch über Steuerrecht und Lohnbuchhaltung für Handwerksbetriebe.",
        topics=["Steuerrecht", "DATEV", "Handwerk"],
        visibility="public",
    )


@pytest.fixture
def closed_group(anna: Member) -> Group:
    """A closed circle of tax advisors that Anna moderates."""
    return services.create_group(
        anna,
        name="Steuerberaterkreis Köln",
        description="Geschlossener Kreis.",
        topics=["Steuerrecht"],
        visibility="closed",
    )


@pytest.fixture
def crypto_group(clara: Member) -> Group:
    """Clara's public group about something Anna never asked for."""
    return services.create_group(
        clara,
        name="Krypto-Trading & Passives Einkommen",
        description="Reich werden mit Signalen.",
        topics=["Krypto", "Trading", "Passives Einkommen"],
        visibility="public",
    )
