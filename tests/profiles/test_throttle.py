"""Profile-view throttling against harvesting (issue 5; SECURITY.md A19, S6, R3).

Clara, who knows nobody, opens one stranger's profile after another; Anna's contacts
and her own profile never count.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from handschlag.accounts.models import Member
from handschlag.moderation.models import ModerationAction
from handschlag.profiles.throttle import FLAG_ACTION, PROFILE_VIEW_LIMITS
from tests.conftest import PERSONA_PASSWORD
from tests.profiles.factories import ProfileFactory

LIMIT = PROFILE_VIEW_LIMITS[0].limit  # 30 distinct profiles in 10 minutes
#: The start of a ten-minute window, so a test never straddles two windows.
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def frozen() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


@pytest.fixture
def strangers(db: None) -> list[Member]:
    return [ProfileFactory().member for _ in range(LIMIT + 2)]


def _open(client, member: Member):
    return client.get(reverse("profile_detail", args=[member.pk]))


def test_the_31st_distinct_profile_in_ten_minutes_is_refused(
    client_for, clara, strangers, frozen
) -> None:
    client = client_for(clara)
    statuses = [_open(client, member).status_code for member in strangers[:LIMIT]]

    refused = _open(client, strangers[LIMIT])

    assert statuses == [200] * LIMIT
    assert refused.status_code == 429
    assert refused["Retry-After"] == "600"
    body = refused.content.decode()
    assert "Please slow down" in body
    assert "Please try again in 10 minutes." in body
    assert strangers[LIMIT].profile.full_name not in body


def test_profiles_already_seen_in_the_window_stay_open(
    client_for, clara, strangers, frozen
) -> None:
    client = client_for(clara)
    for member in strangers[:LIMIT]:
        _open(client, member)
    assert _open(client, strangers[LIMIT]).status_code == 429

    assert _open(client, strangers[0]).status_code == 200
    assert _open(client, strangers[LIMIT]).status_code == 429  # still refused on retry


def test_the_next_window_opens_again(client_for, clara, strangers, frozen) -> None:
    client = client_for(clara)
    for member in strangers[: LIMIT + 1]:
        _open(client, member)

    frozen.shift(timedelta(minutes=10))

    assert _open(client, strangers[LIMIT]).status_code == 200


def test_moderators_are_told_once(client_for, clara, strangers, frozen) -> None:
    client = client_for(clara)
    for member in strangers:
        _open(client, member)
    _open(client, strangers[-1])

    flags = ModerationAction.objects.filter(action=FLAG_ACTION)
    assert flags.count() == 1
    flag = flags.get()
    assert flag.subject_id == clara.pk
    assert flag.moderator is None
    assert flag.details == {"window": "10m", "limit": LIMIT}


def test_the_admin_lists_the_flag(client_for, clara, strangers, frozen) -> None:
    client = client_for(clara)
    for member in strangers:
        _open(client, member)
    host = Member.objects.create_superuser("host@example.org", password=PERSONA_PASSWORD)

    page = client_for(host).get("/admin/moderation/moderationaction/", {"action": FLAG_ACTION})

    assert page.status_code == 200
    assert FLAG_ACTION in page.content.decode()
    assert clara.email in page.content.decode()


def test_contacts_and_own_profile_do_not_count(
    client_for, anna, bernd, olaf, strangers, frozen
) -> None:
    client = client_for(anna)
    for _ in range(3):
        for member in (anna, bernd, olaf):
            assert _open(client, member).status_code == 200
    for member in strangers[:LIMIT]:
        assert _open(client, member).status_code == 200

    assert _open(client, strangers[LIMIT]).status_code == 429
    for member in (anna, bernd, olaf):
        assert _open(client, member).status_code == 200


def test_the_vcard_counts_with_the_profile(client_for, clara, strangers, frozen) -> None:
    client = client_for(clara)
    for member in strangers[:LIMIT]:
        _open(client, member)
        client.get(reverse("profile_vcard", args=[member.pk]))

    vcard = client.get(reverse("profile_vcard", args=[strangers[LIMIT].pk]))

    assert vcard.status_code == 429
    assert "Retry-After" in vcard


def test_the_refusal_is_in_the_members_language(client_for, clara, strangers, frozen) -> None:
    clara.language = "de"
    clara.save(update_fields=["language"])
    client = client_for(clara)
    for member in strangers[:LIMIT]:
        _open(client, member)

    body = _open(client, strangers[LIMIT]).content.decode()

    assert "Bitte etwas langsamer" in body
    assert "in 10 Minuten" in body


def test_without_a_working_cache_the_recorded_views_count(
    client_for, clara, strangers, frozen, settings
) -> None:
    # A cache that stores nothing: every counter read fails, so the database counts.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    client = client_for(clara)
    statuses = [_open(client, member).status_code for member in strangers[:LIMIT]]

    refused = _open(client, strangers[LIMIT])

    assert statuses == [200] * LIMIT
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert _open(client, strangers[0]).status_code == 200
    assert ModerationAction.objects.filter(action=FLAG_ACTION).count() == 1
