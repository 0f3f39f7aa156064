"""Sign-up hardening (SECURITY.md S5, S6, A21): per-address cap, honeypot, fill time."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.core.addresses import client_address

SIGNUP_URL = "/accounts/signup/"
GOOD_PASSWORD = "Rheinufer-Spaziergang-1987!"
#: Documentation ranges (RFC 5737): no traffic goes anywhere.
SHARED_OFFICE = "203.0.113.50"
OTHER_OFFICE = "198.51.100.77"
REJECTED = "We could not accept this sign-up. Please check your entries and send the form again."
REJECTED_DE = (
    "Wir konnten diese Registrierung nicht annehmen. Bitte prüfen Sie Ihre Angaben und "
    "senden Sie das Formular erneut."
)

pytestmark = pytest.mark.django_db


def _form_token(client: Client) -> str:
    page = client.get(SIGNUP_URL).content.decode()
    match = re.search(r'name="started" value="([^"]+)"', page)
    assert match, "the sign-up form carries a signed start time"
    return match.group(1)


def _signup(client: Client, number: int, **extra: str):
    return client.post(
        SIGNUP_URL,
        {
            "full_name": f"Person {number} Beispiel",
            "email": f"person{number}@example.org",
            "password1": GOOD_PASSWORD,
            "password2": GOOD_PASSWORD,
            **extra,
        },
    )


def test_the_fourth_account_from_one_address_in_a_day_is_refused_with_retry_after():
    client = Client(REMOTE_ADDR=SHARED_OFFICE)
    for number in range(3):
        assert _signup(client, number).status_code == 302
        client.logout()

    response = _signup(client, 3)

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 24 * 60 * 60
    assert "no more accounts can be created from it until tomorrow" in response.content.decode()
    assert not Member.objects.filter(email="person3@example.org").exists()


def test_the_refusal_is_in_german_for_a_german_browser():
    client = Client(REMOTE_ADDR=SHARED_OFFICE, HTTP_ACCEPT_LANGUAGE="de")
    for number in range(3):
        _signup(client, number)
        client.logout()

    response = _signup(client, 3)

    assert response.status_code == 429
    assert "Bitte versuchen Sie es morgen wieder" in response.content.decode()


def test_another_address_and_the_next_day_may_sign_up_again():
    client = Client(REMOTE_ADDR=SHARED_OFFICE)
    for number in range(3):
        _signup(client, number)
        client.logout()

    assert _signup(Client(REMOTE_ADDR=OTHER_OFFICE), 10).status_code == 302
    with time_machine.travel(timezone.now() + timedelta(days=1, seconds=1)):
        assert _signup(Client(REMOTE_ADDR=SHARED_OFFICE), 11).status_code == 302


def test_a_forged_forwarded_header_does_not_escape_the_cap():
    for number in range(3):
        _signup(Client(REMOTE_ADDR=SHARED_OFFICE), number)

    forged = Client(REMOTE_ADDR=SHARED_OFFICE, HTTP_X_FORWARDED_FOR="192.0.2.99")

    assert _signup(forged, 3).status_code == 429


def test_a_filled_honeypot_is_refused_and_nothing_is_created():
    response = _signup(Client(), 1, website="https://cheap-followers.example")

    assert response.status_code == 200
    assert REJECTED in response.content.decode()
    assert not Member.objects.filter(email="person1@example.org").exists()


def test_a_form_sent_faster_than_a_person_types_is_refused(settings):
    settings.HANDSCHLAG_SIGNUP_MIN_SECONDS = 3
    client = Client()
    token = _form_token(client)

    response = _signup(client, 1, started=token)

    assert REJECTED in response.content.decode()
    assert not Member.objects.filter(email="person1@example.org").exists()


def test_the_refusal_for_speed_is_translated(settings):
    settings.HANDSCHLAG_SIGNUP_MIN_SECONDS = 3
    client = Client(HTTP_ACCEPT_LANGUAGE="de")

    response = _signup(client, 1, started=_form_token(client))

    assert REJECTED_DE in response.content.decode()


def test_a_person_who_takes_their_time_signs_up(settings):
    settings.HANDSCHLAG_SIGNUP_MIN_SECONDS = 3
    client = Client()
    token = _form_token(client)

    with time_machine.travel(timezone.now() + timedelta(seconds=4)):
        response = _signup(client, 1, started=token)

    assert response.status_code == 302
    assert Member.objects.filter(email="person1@example.org").exists()


def test_a_missing_or_forged_start_time_counts_as_too_fast(settings):
    settings.HANDSCHLAG_SIGNUP_MIN_SECONDS = 3

    for token in ("", "1700000000.0", "forged:signature"):
        response = _signup(Client(), 1, started=token)
        assert REJECTED in response.content.decode()
    assert not Member.objects.filter(email="person1@example.org").exists()


def test_client_address_trusts_forwarded_headers_only_behind_configured_proxies(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.9")

    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.5"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "203.0.113.9"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "192.0.2.1"
    settings.TRUSTED_PROXY_COUNT = 3
    assert client_address(request) == "10.0.0.5"
