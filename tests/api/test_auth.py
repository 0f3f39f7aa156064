"""Who may call the API: tokens, sessions with CSRF, and nobody else (SECURITY.md A12, A14)."""

from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from handschlag.api.models import PersonalToken
from handschlag.api.services import create_token, hash_secret, revoke_token

from .conftest import API


def test_no_credentials_get_401_on_every_operation(anna):
    client = Client()
    for method, path in [
        ("get", f"{API}/me"),
        ("get", f"{API}/inbox"),
        ("post", f"{API}/inbox/1/accept"),
        ("delete", f"{API}/blocks/1"),
    ]:
        response = getattr(client, method)(path, content_type="application/json")
        assert response.status_code == 401, path
        assert response["WWW-Authenticate"] == "Bearer"
        assert response.json()["detail"] == "Sign in, or send a valid personal access token."


def test_a_token_authenticates_as_its_member(anna, api_for):
    response = api_for(anna).get(f"{API}/me")
    assert response.status_code == 200
    assert response.json()["full_name"] == "Anna Becker"
    assert "no-store" in response["Cache-Control"]


def test_only_the_hash_of_the_secret_is_stored(anna):
    created = create_token(anna, name="script", lifetime_days=30)
    row = PersonalToken.objects.get(pk=created.token.pk)
    assert row.secret_hash == hash_secret(created.secret)
    assert created.secret not in {row.name, row.prefix, row.secret_hash}
    assert created.secret.startswith(row.prefix)


def test_a_wrong_token_is_401_even_with_a_session(anna, client_for):
    client = client_for(anna)
    response = client.get(f"{API}/me", HTTP_AUTHORIZATION="Bearer hs_not-a-real-token")
    assert response.status_code == 401


def test_a_revoked_token_stops_at_once(anna):
    created = create_token(anna, name="script", lifetime_days=30)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {created.secret}")
    assert client.get(f"{API}/me").status_code == 200
    revoke_token(anna, token_id=created.token.pk)
    assert client.get(f"{API}/me").status_code == 401


def test_an_expired_token_is_refused(anna):
    created = create_token(anna, name="script", lifetime_days=7)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {created.secret}")
    with time_machine.travel(timezone.now() + timedelta(days=7, seconds=-1)):
        assert client.get(f"{API}/me").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=7, seconds=1)):
        assert client.get(f"{API}/me").status_code == 401


def test_a_deactivated_members_token_stops_working(anna):
    created = create_token(anna, name="script", lifetime_days=30)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {created.secret}")
    anna.is_active = False
    anna.save(update_fields=["is_active"])
    assert client.get(f"{API}/me").status_code == 401


def test_nobody_can_revoke_another_members_token(anna, clara, client_for):
    created = create_token(anna, name="script", lifetime_days=30)
    response = client_for(clara).post(f"/settings/api-tokens/{created.token.pk}/revoke/")
    assert response.status_code == 404
    assert Client(HTTP_AUTHORIZATION=f"Bearer {created.secret}").get(f"{API}/me").status_code == 200


def test_session_reads_work_and_writes_need_the_csrf_token(anna, clara):
    client = Client(enforce_csrf_checks=True)
    client.force_login(anna, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(f"{API}/me").status_code == 200
    refused = client.patch(f"{API}/me", {"headline": "Neu"}, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["detail"] == "The CSRF token is missing or wrong."
    anna.profile.refresh_from_db()
    assert anna.profile.headline != "Neu"
    # With the token from the cookie in the header, as the docs page sends it.
    client.get("/profile/edit/")
    token = client.cookies["csrftoken"].value
    accepted = client.patch(
        f"{API}/me",
        {"headline": "Neu"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert accepted.status_code == 200
    assert accepted.json()["headline"] == "Neu"


def test_token_calls_need_no_csrf_token(anna, api_for):
    client = api_for(anna)
    client.handler.enforce_csrf_checks = True
    response = client.patch(
        f"{API}/me", {"headline": "Per Skript"}, content_type="application/json"
    )
    assert response.status_code == 200


def test_the_schema_and_docs_are_for_members(anna, api_for, client_for):
    assert Client().get(f"{API}/openapi.json").status_code == 401
    docs = Client().get(f"{API}/docs")
    assert docs.status_code == 302
    assert "/accounts/login/" in docs["Location"]
    schema = api_for(anna).get(f"{API}/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["info"]["version"] == "1"
    page = client_for(anna).get(f"{API}/docs")
    assert page.status_code == 200
    assert b"swagger-ui" in page.content


def test_the_last_use_is_recorded_coarsely(anna):
    created = create_token(anna, name="script", lifetime_days=30)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {created.secret}")
    client.get(f"{API}/me")
    first = PersonalToken.objects.get(pk=created.token.pk).last_used_at
    assert first is not None
    client.get(f"{API}/me")
    assert PersonalToken.objects.get(pk=created.token.pk).last_used_at == first
