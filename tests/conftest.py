"""Test settings and the named personas every app's tests share.

The personas follow Zulip's hamlet/cordelia habit: each has a name and a role, so a test
reads as a story ("clara, who is not anna's contact, opens olaf's profile"). They are
made through the services, like real members, so a test never sees a state the
application could not reach.

The canary values below are unique strings: a privacy test searches response bodies for
them, so they must not occur anywhere by accident.
"""

import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import factory.random
import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.test import Client
from django.utils import translation

from handschlag.accounts.models import Member
from handschlag.network.services import connect_members
from handschlag.profiles.models import Visibility
from handschlag.profiles.services import (
    create_profile,
    save_job_preferences,
    save_position,
    set_skills,
    update_privacy,
    update_profile,
)

#: Every persona logs in with this password (long enough for the validators).
PERSONA_PASSWORD = "Handschlag-Testpasswort-2024!"

#: Olaf's private details: each appears only where his settings allow it.
OLAF_EMAIL = "olaf.kanarienvogel.5f1e@example.net"
OLAF_PHONE = "+49 221 9988 7766"
#: Olaf's minimum salary: owner-only, everywhere (SECURITY.md P1, A16).
OLAF_MIN_SALARY = 987654
#: A place only Olaf's private preferences mention; no profile lists it as location.
OLAF_PREFERRED_LOCATION = "Wernigerode"

#: The login backend for ``Client.force_login``; axes' backend cannot restore sessions.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"

#: SQLite test databases live here, one file per test process.
SQLITE_TEST_DIR = Path(__file__).resolve().parents[1] / "test-artifacts" / "sqlite"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request: pytest.FixtureRequest) -> None:
    """Test on a SQLite file, as the demo runs, rather than Django's in-memory default.

    Threads in the concurrency tests then meet SQLite's real locking (IMMEDIATE
    transactions waiting for the busy timeout). The in-memory database shares one cache
    between connections and answers "table is locked" at once; threads retrying that could
    spin for ever.
    """
    database = django_settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        SQLITE_TEST_DIR.mkdir(parents=True, exist_ok=True)
        # One file per run (and per xdist worker, which pytest-django suffixes), so two
        # runs in one checkout never share a database.
        name = SQLITE_TEST_DIR / f"test-{os.getpid()}.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(name)
    request.getfixturevalue("django_db_modify_db_settings_parallel_suffix")


# Factories draw from a fixed seed, so a failing test fails the same way every time.
factory.random.reseed_random("handschlag")


@pytest.fixture(scope="session")
def _upload_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where this run's uploads wait: inside pytest's own temporary tree, which pytest
    prunes, instead of the system's /tmp (a job a test never runs leaves its file)."""
    return tmp_path_factory.mktemp("uploads")


@pytest.fixture(autouse=True)
def _fast_and_forgetful(settings, _upload_dir: Path) -> Iterator[None]:
    """Hash passwords cheaply and start every test with no rate-limit or lockout state.

    Lockouts (axes) live in the database and roll back with each test; allauth's rate
    limits live in the cache, which we clear on both sides of the test.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Tests post the sign-up form at once; tests/accounts/test_signup_hardening.py
    # restores the minimum fill time where it is the subject.
    settings.HANDSCHLAG_SIGNUP_MIN_SECONDS = 0
    settings.HANDSCHLAG_TASKS_EAGER = True
    settings.HANDSCHLAG_UPLOAD_DIR = str(_upload_dir)
    for backend in caches.all():  # rate limits, and rendered fragments
        backend.clear()
    # A request in German leaves German active in this thread (LocaleMiddleware does not
    # reset it); every test starts in English, as a service call without a request would.
    translation.activate("en")
    yield
    translation.deactivate()
    for backend in caches.all():  # rate limits, and rendered fragments
        backend.clear()


def _member(email: str, *, full_name: str, language: str = "") -> Member:
    member = Member.objects.create_user(email, password=PERSONA_PASSWORD, language=language)
    create_profile(member, full_name=full_name)
    return member


@pytest.fixture
def anna(db: None) -> Member:
    """Anna Becker, tax advisor in Köln: the member who looks at others."""
    member = _member("anna.becker@example.org", full_name="Anna Becker")
    update_profile(
        member,
        changes={
            "headline": "Steuerberaterin für Handwerksbetriebe",
            "location": "Köln",
            "seniority": "senior",
        },
    )
    save_position(
        member,
        position_id=None,
        employer_name="Becker & Partner Steuerberatung",
        title="Steuerberaterin",
        start_date=date(2015, 4, 1),
        end_date=None,
    )
    set_skills(member, names=["Steuerrecht", "DATEV", "Lohnbuchhaltung"])
    return member


@pytest.fixture
def bernd(anna: Member) -> Member:
    """Bernd Wagner, payroll accountant in Bonn, one of Anna's contacts."""
    member = _member("bernd.wagner@example.org", full_name="Bernd Wagner")
    update_profile(member, changes={"headline": "Lohnbuchhalter", "location": "Bonn"})
    connect_members(anna, contact=member, how_met="employer")
    return member


@pytest.fixture
def clara(db: None) -> Member:
    """Clara Vogt, a member in Düsseldorf whom Anna does not know."""
    member = _member("clara.vogt@example.org", full_name="Clara Vogt")
    update_profile(member, changes={"headline": "Personalreferentin", "location": "Düsseldorf"})
    return member


@pytest.fixture
def olaf(anna: Member) -> Member:
    """Olaf Brenner, Anna's contact, who keeps his details and preferences private.

    His email is visible to contacts and his phone to nobody until a test changes it;
    his job preferences carry the canary salary and a canary preferred location.
    """
    member = _member(OLAF_EMAIL, full_name="Olaf Brenner")
    update_profile(
        member,
        changes={"headline": "Bauleiter", "location": "Leverkusen", "phone": OLAF_PHONE},
    )
    update_privacy(
        member,
        changes={
            "email_visibility": Visibility.CONTACTS,
            "phone_visibility": Visibility.NOBODY,
        },
    )
    save_job_preferences(
        member,
        changes={
            "open_to_offers": True,
            "min_salary": OLAF_MIN_SALARY,
            "currency": "EUR",
            "levels": ["lead"],
            "locations": [OLAF_PREFERRED_LOCATION],
        },
    )
    connect_members(anna, contact=member, how_met="event")
    return member


@pytest.fixture
def client_for(db: None) -> Callable[[Member], Client]:
    """A test client logged in as the given member: ``client_for(anna).get(...)``."""

    def logged_in(member: Member, **defaults: str) -> Client:
        client = Client(**defaults)
        client.force_login(member, backend=MODEL_BACKEND)
        return client

    return logged_in
