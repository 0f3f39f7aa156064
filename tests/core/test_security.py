"""Cross-cutting security: login required everywhere (A14), headers and caching (A13,
A22), CSRF and safe GETs (A12), production settings (X1, A11) and the admin."""

import json
import secrets
import subprocess
import sys
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from handschlag.accounts.models import Member
from handschlag.profiles.models import Education, Position, SpokenLanguage
from handschlag.profiles.services import create_profile
from tests.conftest import OLAF_MIN_SALARY, OLAF_PREFERRED_LOCATION, PERSONA_PASSWORD

#: Pages a visitor may open without logging in (allauth's own public pages included).
PUBLIC_PAGES = frozenset(
    {
        "home",
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key",
        "account_reset_password_from_key_done",
        "account_inactive",
        "account_email_verification_sent",
        "account_confirm_email",
        "account_confirm_login_code",
        "admin:login",
        # One-click unsubscribe from the digest (RFC 8058): the signed token is the key.
        "notification_unsubscribe",
        # The personal meetup calendar feed: calendar programs cannot log in, so the
        # signed, revocable token in the path is the key (404 for a wrong one).
        "calendar_feed",
        # Where a member lands once their account is deleted: the session has ended.
        "account_deleted",
    }
)
#: Routes that answer visitors without a page of their own: POST-only or a redirect.
PUBLIC_ACTIONS = frozenset({"set_language", "account_logout", "admin:logout"})


def _is_api(name: str) -> bool:
    """The API (api/v1.py) answers visitors with 401 and JSON, not a redirect: programs call
    it. Only its docs page sends a browser to the login page."""
    return name.startswith("api-v1:") and name != "api-v1:openapi-view"


def _api_answers(name: str) -> tuple[int, ...]:
    """What a visitor may get from an API route: 401, or 405 for a method the operation
    does not take; ninja's root (/api/v1/ itself) is no operation and a plain 404."""
    return (404,) if name == "api-v1:api-root" else (401, 405)


def _named_routes(
    patterns: list[URLPattern | URLResolver] | None = None, namespace: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_routes(pattern.url_patterns, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def _urls() -> list[tuple[str, str]]:
    """Every named route as a URL, with made-up ids for its arguments."""
    urls = {}
    for name, pattern in _named_routes():
        arguments = list(pattern.pattern.regex.groupindex)
        for value in (1, "x1"):
            try:
                urls[name] = reverse(name, kwargs=dict.fromkeys(arguments, value))
                break
            except NoReverseMatch:
                continue
    return sorted(urls.items())


ALL_URLS = _urls()


def test_the_route_walk_sees_every_app() -> None:
    names = {name for name, _url in ALL_URLS}

    assert {"profile_detail", "edit_position", "search", "invitations", "home"} <= names
    assert {"admin:index", "account_login", "account_email"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "url"), ALL_URLS, ids=[name for name, _url in ALL_URLS])
def test_visitors_must_log_in(client: Client, name: str, url: str) -> None:
    response = client.get(url)

    if _is_api(name):
        # 405 when the operation takes another method: refused before anything is read.
        assert response.status_code in _api_answers(name), (name, response.status_code)
        return
    if name in PUBLIC_PAGES:
        assert response.status_code in (200, 302, 404), name
        return
    if name in PUBLIC_ACTIONS:
        assert response.status_code in (302, 405), name
        return
    assert response.status_code == 302, (name, response.status_code)
    login = "/admin/login/" if name.startswith("admin:") else "/accounts/login/"
    assert response.url.startswith(login), (name, response.url)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "url"),
    [(name, url) for name, url in ALL_URLS if not name.startswith(("admin:", "account_"))],
)
def test_visitors_cannot_post_to_member_pages(name: str, url: str) -> None:
    response = Client().post(url, {"language": "de"})

    if name in PUBLIC_PAGES | PUBLIC_ACTIONS:
        return
    if _is_api(name):
        assert response.status_code in _api_answers(name), (name, response.status_code)
        return
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


### Headers and caching ###

MEMBER_PAGES = ["/", "/search/?q=Becker", "/profile/edit/", "/invitations/", "/members/{pk}/"]


@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_member_pages_are_not_stored_and_not_framed(client_for, anna, path: str) -> None:
    response = client_for(anna).get(path.format(pk=anna.pk))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_not_found_for_members_is_not_stored_either(client_for, anna) -> None:
    response = client_for(anna).get("/members/999999/")

    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "DENY"


def test_redirects_for_members_are_not_stored(client_for, anna) -> None:
    response = client_for(anna).get("/profile/")

    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_public_pages_carry_the_security_headers(client: Client) -> None:
    response = client.get("/accounts/login/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


### CSRF and safe GETs (A12) ###


def test_profile_edit_without_csrf_token_is_refused(anna: Member) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(anna, backend="django.contrib.auth.backends.ModelBackend")

    response = client.post("/profile/edit/", {"full_name": "Gefälscht", "headline": "x"})

    assert response.status_code == 403
    anna.profile.refresh_from_db()
    assert anna.profile.full_name == "Anna Becker"


@pytest.mark.parametrize(
    "path", ["/profile/privacy/", "/profile/preferences/", "/invitations/", "/language/"]
)
def test_other_forms_without_csrf_token_are_refused(anna: Member, path: str) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(anna, backend="django.contrib.auth.backends.ModelBackend")

    assert client.post(path, {"language": "de", "note": "x"}).status_code == 403


@pytest.mark.django_db
def test_login_without_csrf_token_is_refused(anna: Member) -> None:
    response = Client(enforce_csrf_checks=True).post(
        "/accounts/login/", {"login": anna.email, "password": PERSONA_PASSWORD}
    )

    assert response.status_code == 403


#: Rows a GET may add, each with the reason (shrink-only, Zulip style). Nothing a member
#: controls changes on a GET; these are records *about* the request itself.
GET_MAY_RECORD = {
    # Opening a profile is recorded so its owner can see who looked (issue 4); the
    # record changes nothing anybody can do, and CSRF cannot abuse it beyond a visit.
    "network.ProfileView": "who viewed whom",
}


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label not in GET_MAY_RECORD
    }


def test_get_requests_never_change_the_database(client_for, anna, bernd, olaf) -> None:
    position = Position.objects.filter(profile=anna.profile).first()
    education = Education.objects.create(profile=anna.profile, school="Universität zu Köln")
    spoken = SpokenLanguage.objects.create(profile=anna.profile, language="en")
    client = client_for(anna)
    ids = {
        "member_id": olaf.pk,
        "position_id": position.pk,
        "education_id": education.pk,
        "spoken_language_id": spoken.pk,
    }
    urls = []
    for name, pattern in _named_routes():
        arguments = list(pattern.pattern.regex.groupindex)
        if name.startswith("admin:") or not set(arguments) <= set(ids):
            continue
        urls.append(reverse(name, kwargs={key: ids[key] for key in arguments}))
    urls += ["/search/?q=Olaf", "/search/?skill=DATEV", f"/members/{anna.pk}/"]
    client.get("/")  # the first request may create the session row
    before = _row_counts()

    statuses = {url: client.get(url).status_code for url in urls}

    assert _row_counts() == before
    assert statuses["/search/?q=Olaf"] == 200
    assert all(status < 500 for status in statuses.values()), statuses
    anna.refresh_from_db()
    assert anna.language == ""


def test_get_of_the_email_page_does_not_write_for_members_made_outside_signup(
    client_for,
) -> None:
    member = Member.objects.create_user("ohne.adresse@example.org", password=PERSONA_PASSWORD)
    create_profile(member, full_name="Otto Ohneadresse")
    client = client_for(member)
    client.get("/")
    before = _row_counts()

    client.get("/accounts/email/")

    assert _row_counts() == before


### Production settings (X1, A11) ###


def _production_env(tmp_path) -> dict[str, str]:
    import os

    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DATABASE_URL"))
    }
    env.update(
        HANDSCHLAG_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(45)[:60],
        ALLOWED_HOSTS="example.org",
        DJANGO_SETTINGS_MODULE="handschlag.config.settings",
    )
    return env


def test_deploy_check_passes_with_production_settings(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "handschlag", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr


PRINT_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
names = ["DEBUG", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_NAME",
         "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SECURE", "CSRF_COOKIE_NAME",
         "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_SSL_REDIRECT",
         "X_FRAME_OPTIONS", "SECURE_CONTENT_TYPE_NOSNIFF", "ALLOWED_HOSTS"]
print(json.dumps({name: getattr(s, name) for name in names}))
"""


def test_production_cookies_are_secure_and_host_prefixed(tmp_path) -> None:
    result = subprocess.run(  # noqa: S603 (our own interpreter)
        [sys.executable, "-c", PRINT_SETTINGS],
        env=_production_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    production = json.loads(result.stdout.strip().splitlines()[-1])

    assert production["DEBUG"] is False
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert production["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    assert production["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["ALLOWED_HOSTS"] == ["example.org"]


def test_production_refuses_to_start_without_a_secret_key(tmp_path) -> None:
    env = _production_env(tmp_path)
    del env["SECRET_KEY"]

    result = subprocess.run(
        [sys.executable, "-m", "handschlag", "check"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


### The admin ###


@pytest.fixture
def host(db: None) -> Member:
    member = Member.objects.create_superuser("gastgeberin@example.org", password=PERSONA_PASSWORD)
    create_profile(member, full_name="Hanna Host")
    return member


def test_staff_finds_a_member_by_name_in_the_admin(client_for, host, anna, clara) -> None:
    response = client_for(host).get("/admin/accounts/member/", {"q": "Becker"})

    assert response.status_code == 200
    members = list(response.context["cl"].result_list)
    assert members == [anna]
    assert "anna.becker@example.org" in response.content.decode()


def test_admin_has_no_page_for_job_preferences(client_for, host, olaf) -> None:
    client = client_for(host)

    assert client.get("/admin/profiles/jobpreferences/").status_code == 404
    assert client.get(f"/admin/profiles/jobpreferences/{olaf.pk}/change/").status_code == 404


@pytest.mark.parametrize(
    "path", ["/admin/accounts/member/{pk}/change/", "/admin/profiles/profile/{pk}/change/"]
)
def test_admin_pages_about_a_member_never_show_job_preferences(
    client_for, host, olaf, path: str
) -> None:
    response = client_for(host).get(path.format(pk=olaf.pk))

    assert response.status_code == 200
    content = response.content.decode()
    assert str(OLAF_MIN_SALARY) not in content
    assert OLAF_PREFERRED_LOCATION not in content


def test_members_without_staff_status_cannot_open_the_admin(client_for, anna) -> None:
    response = client_for(anna).get("/admin/accounts/member/")

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
