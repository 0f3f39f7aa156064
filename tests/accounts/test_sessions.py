"""Session lifetimes (SECURITY.md A10): idle 30 min, remembered 14 days, absolute 30 days."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from tests.conftest import PERSONA_PASSWORD

LOGIN_URL = "/accounts/login/"
PROFILE_URL = "/profile/edit/"

pytestmark = pytest.mark.django_db


def _log_in(member, *, remember: bool) -> Client:
    client = Client()
    data = {"login": member.email, "password": PERSONA_PASSWORD}
    if remember:
        data["remember"] = "on"
    assert client.post(LOGIN_URL, data).status_code == 302
    return client


def _is_logged_in(client: Client) -> bool:
    return client.get(PROFILE_URL).status_code == 200


def test_an_unremembered_session_ends_after_thirty_idle_minutes(anna):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = _log_in(anna, remember=False)
        clock.move_to(start + timedelta(minutes=29))
        assert _is_logged_in(client)
        clock.move_to(start + timedelta(minutes=29 + 31))
        assert not _is_logged_in(client)


def test_activity_keeps_an_unremembered_session_alive(anna):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = _log_in(anna, remember=False)
        for minutes in range(20, 121, 20):
            clock.move_to(start + timedelta(minutes=minutes))
            assert _is_logged_in(client)


def test_a_remembered_session_survives_a_day_away(anna):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = _log_in(anna, remember=True)
        clock.move_to(start + timedelta(days=1))
        assert _is_logged_in(client)
        clock.move_to(start + timedelta(days=1 + 15))
        assert not _is_logged_in(client)


def test_every_session_ends_thirty_days_after_login_however_active(anna):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = _log_in(anna, remember=True)
        for day in (7, 14, 21, 28):
            clock.move_to(start + timedelta(days=day))
            assert _is_logged_in(client)
        clock.move_to(start + timedelta(days=30, seconds=1))
        assert not _is_logged_in(client)
