"""In the browser: a member creates a token on the settings page and sees its secret once;
the API docs page runs under the site's content security policy (no CSP violation, the
operations are listed) and calls the API with the session.
"""

import json
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import expect

from handschlag.accounts.models import Member
from handschlag.profiles.services import create_profile
from tests.browser.conftest import PASSWORD, SCREENSHOTS
from tests.browser.test_flows import log_in

pytestmark = pytest.mark.browser


def _member(email: str, full_name: str) -> Member:
    member = Member.objects.create_user(email, PASSWORD)
    create_profile(member, full_name=full_name)
    return member


def _shoot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"api--{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def test_create_a_token_see_it_once_and_call_the_api(live_server, new_page, transactional_db):
    ida = _member("ida.token@example.org", "Ida Token")
    base = live_server.url
    page = new_page()
    log_in(page, base, ida.email)
    page.goto(f"{base}/members/{ida.pk}/")
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_test_id("no-tokens")).to_be_visible()
    page.get_by_label("What is this token for?").fill("Kalender-Skript")
    page.get_by_role("button", name="Create token").click()
    secret = page.get_by_test_id("token-secret").inner_text()
    assert secret.startswith("hs_")
    expect(page.get_by_test_id("token-list")).to_contain_text("Kalender-Skript")
    _shoot(page, "token-created")

    answer = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/me")
    assert answer.json()["full_name"] == "Ida Token"

    page.goto(f"{base}/settings/api-tokens/")
    assert secret not in page.content()  # shown once only
    page.get_by_role("button", name="Revoke").click()
    expect(page.get_by_text("The token has been revoked. It no longer works.")).to_be_visible()
    assert Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/me").status_code == 401


def test_the_docs_page_works_under_the_content_security_policy(
    live_server, new_page, transactional_db
):
    ida = _member("ida.docs@example.org", "Ida Docs")
    base = live_server.url
    page = new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    log_in(page, base, ida.email)
    response = page.goto(f"{base}/api/v1/docs")
    assert response is not None
    assert "script-src" in response.headers["content-security-policy"]
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Handschlag")
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/me").first).to_be_visible()
    _shoot(page, "docs")
    # The docs page's own call to the API, with the session, as "Try it out" makes it.
    me = page.evaluate("fetch('/api/v1/me').then(r => r.json())")
    assert me["full_name"] == "Ida Docs"
    assert violations == [], json.dumps(violations)
