"""``GET /api/v1/me/export`` and ``DELETE /api/v1/me``: signed in only, and only ever for
the caller."""

import json

from django.http import HttpResponse
from django.test import Client
from tests.conftest import OLAF_EMAIL, OLAF_MIN_SALARY, PERSONA_PASSWORD

from handschlag.accounts.models import Member
from handschlag.api.services import create_token
from handschlag.gdpr.deletion import is_tombstone

API = "/api/v1"


def _bearer(member: Member) -> Client:
    secret = create_token(member, name="GDPR test", lifetime_days=30).secret
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def _delete_me(client: Client, password: str, **headers: str) -> HttpResponse:
    body = json.dumps({"password": password})
    return client.delete(f"{API}/me", data=body, content_type="application/json", **headers)


def test_both_endpoints_need_a_signed_in_caller(anna: Member) -> None:
    stranger = Client()
    assert stranger.get(f"{API}/me/export").status_code == 401
    assert _delete_me(stranger, PERSONA_PASSWORD).status_code == 401
    assert Member.objects.get(pk=anna.pk).is_active


def test_the_export_is_the_callers_own(anna: Member, olaf: Member) -> None:
    response = _bearer(anna).get(f"{API}/me/export")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    data = response.json()
    assert data["account"]["email"] == anna.email
    assert data["profile"]["full_name"] == "Anna Becker"
    assert str(OLAF_MIN_SALARY) not in response.content.decode()
    # Olaf's email is shown to his contacts, so it appears among Anna's contacts only.
    assert [c["email"] for c in data["network"]["contacts"]] == [OLAF_EMAIL]


def test_a_wrong_password_deletes_nothing(anna: Member) -> None:
    response = _delete_me(_bearer(anna), "nicht-mein-passwort")

    assert response.status_code == 422
    assert response.json() == {
        "detail": "That is not your password.",
        "errors": [{"field": "password", "message": "That is not your password."}],
    }
    assert Member.objects.get(pk=anna.pk).is_active


def test_olaf_cannot_delete_anna_with_her_password(anna: Member, olaf: Member) -> None:
    anna.set_password("Annas-eigenes-Passwort-2024")
    anna.save()

    response = _delete_me(_bearer(olaf), "Annas-eigenes-Passwort-2024")

    # The endpoint has no member id: it checks the caller's password and finds it wrong.
    assert response.status_code == 422
    assert Member.objects.get(pk=anna.pk).is_active
    assert Member.objects.get(pk=olaf.pk).is_active


def test_deleting_through_the_api_deletes_the_caller_only_and_ends_the_token(
    anna: Member, olaf: Member
) -> None:
    client = _bearer(anna)
    response = _delete_me(client, PERSONA_PASSWORD)

    assert response.status_code == 200
    assert response.json() == {"detail": "Your account has been deleted."}
    assert is_tombstone(Member.objects.get(pk=anna.pk))
    assert Member.objects.get(pk=olaf.pk).profile.full_name == "Olaf Brenner"
    assert client.get(f"{API}/me/export").status_code == 401


def test_deleting_through_the_browser_session_logs_out(anna: Member, client_for) -> None:
    client = client_for(anna)
    client.get("/settings/your-data/")  # a page, so the CSRF cookie is set
    response = _delete_me(
        client, PERSONA_PASSWORD, HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert is_tombstone(Member.objects.get(pk=anna.pk))
