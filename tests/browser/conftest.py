"""Fixtures for the browser flows: Debian's Chromium driven by Playwright's sync API.

The flows run against pytest-django's ``live_server`` (in-process, so settings overrides
apply to it). The fixtures are named differently from pytest-playwright's (``browser``,
``context``, ``page``) so that its plugin never tries to launch a downloaded browser.
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.cache import cache
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from handschlag.accounts.models import Member
from handschlag.profiles.services import create_profile

# Playwright's sync API drives an asyncio event loop in this thread (through greenlets),
# so Django sees a "running loop" and raises SynchronousOnlyOperation whenever a test
# touches the ORM (creating members, checking rows). Nothing here is really async, and
# the live server answers from its own thread, so the guard can safely be switched off.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
#: Password of every member the tests create directly.
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Browser]:
    """One headless Debian Chromium for the whole session."""
    if not CHROMIUM.exists():
        # Fail, never skip: CI must not go green without having run the browser flows.
        pytest.fail(
            f"{CHROMIUM} is missing; `make test` installs Debian's chromium package "
            "(the browser tests never download a browser).",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _fast_and_clean(settings) -> None:
    """MD5 hashing for speed (the live server is in-process) and no stale rate limits."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()


@pytest.fixture
def new_page(chromium_browser: Browser) -> Iterator[Callable[[], Page]]:
    """Open a page in a fresh browser context (own cookies), as a separate person would."""
    contexts: list[BrowserContext] = []

    def open_page() -> Page:
        context = chromium_browser.new_context(
            locale="en-GB", viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page_(new_page: Callable[[], Page]) -> Page:
    """The main page of a test, in its own fresh context."""
    return new_page()


@pytest.fixture
def shoot(request: pytest.FixtureRequest) -> Callable[[Page, str], Path]:
    """Save a full-page screenshot named after the test and the state it shows."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page: Page, state: str) -> Path:
        path = SCREENSHOTS / f"{request.node.name}--{state}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def make_member(transactional_db) -> Callable[..., Member]:
    """Create a member with a profile, the way sign-up does, with the shared password."""

    def make(email: str, full_name: str) -> Member:
        member = Member.objects.create_user(email, PASSWORD)
        create_profile(member, full_name=full_name)
        return member

    return make
