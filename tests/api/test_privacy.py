"""Contact details, job preferences and salary floors through the API (SECURITY.md A16,
A17, P1).

Olaf (tests/conftest.py) shows his email to contacts and his phone to nobody; his private
preferences hold the canary floor 987654 and the canary place Wernigerode. A walk over
every GET operation of the schema, as Malte who is not Olaf's contact (with Olaf's
request, message and profile in reach), finds none of them; Anna, his contact, gets his
email and nothing else; Rita, a recruiter whose offer fell below the floor, reads no
number of his anywhere, before or after the outcome is revealed.
"""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client

from handschlag.api.v1 import api
from handschlag.feed.services import create_post
from handschlag.groups.services import create_group
from handschlag.messaging.services import send_message
from handschlag.network.services import send_contact_request
from handschlag.offers import services as offer_services
from handschlag.offers.models import RecruiterOffer
from handschlag.profiles.models import Visibility
from handschlag.profiles.services import set_skills, update_privacy, update_profile
from tests.conftest import OLAF_EMAIL, OLAF_MIN_SALARY, OLAF_PHONE, OLAF_PREFERRED_LOCATION
from tests.events.factories import MeetupFactory
from tests.offers.conftest import BELOW_FLOOR, good_offer

from .conftest import API

#: Every spelling of Olaf's secrets a response could carry.
CANARIES = (
    OLAF_EMAIL,
    OLAF_PHONE,
    OLAF_PHONE.replace(" ", ""),
    str(OLAF_MIN_SALARY),
    f"{OLAF_MIN_SALARY:,}",
    f"{OLAF_MIN_SALARY:,}".replace(",", "."),
    f"{OLAF_MIN_SALARY:,}".replace(",", "\u202f"),
    OLAF_PREFERRED_LOCATION,
)


#: Query strings each GET is tried with (the search's fields, both inbox folders).
QUERIES = ("", "?q=Olaf", f"?location={OLAF_PREFERRED_LOCATION}", "?folder=filed")


def _leaks(body: bytes) -> list[str]:
    text = body.decode()
    return [canary for canary in CANARIES if canary in text]


def _get_operations() -> list[str]:
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return sorted(path for path, operations in schema["paths"].items() if "get" in operations)


@pytest.fixture
def olaf_in_reach(olaf, malte):
    """Olaf reaches out to Malte: a contact request and a message request wait for him."""
    get_user_model().objects.filter(pk=olaf.pk).update(
        date_joined=olaf.date_joined - timedelta(days=30)
    )
    olaf.refresh_from_db()
    request = send_contact_request(
        olaf, recipient=malte, note="Wir kennen uns vom Bauforum in Leverkusen.", intent="met"
    )
    sent = send_message(olaf, recipient_id=malte.pk, text="Hallo Malte, wegen der Baustelle …")
    meetup = MeetupFactory(organiser=olaf, title="Baustammtisch Leverkusen", city="Leverkusen")
    post = create_post(olaf, text="Richtfest in Leverkusen, danke an alle Gewerke!")
    circle = create_group(
        olaf, name="Bauleiter-Runde", description="", topics=["bau"], visibility="closed"
    )
    return {
        "slug": circle.slug,
        "post_id": post.pk,
        "meetup_id": meetup.pk,
        "member_id": olaf.pk,
        "request_id": request.pk,
        "conversation_id": sent.conversation.pk,
        "message_id": sent.message.pk,
        "offer_id": 0,
        "recommendation_id": 0,
        "job_id": 0,
    }


def test_a_walk_over_every_get_finds_none_of_olafs_secrets(olaf_in_reach, malte, api_for):
    client = api_for(malte)
    walked = 0
    for template in _get_operations():
        path = template.format(**olaf_in_reach)
        # Four calls per operation outgrow the per-member limit (200/min): start each
        # operation with fresh counters, as the fuzz test does.
        for backend in caches.all():
            backend.clear()
        for query in QUERIES:
            response = client.get(path + query)
            assert response.status_code < 500, path
            assert _leaks(response.content) == [], (path + query, response.content[:300])
            walked += 1
    assert walked >= 4 * 20
    # The walk saw Olaf (so the absence of his secrets means something).
    profile = client.get(f"{API}/members/{olaf_in_reach['member_id']}").json()
    assert profile["full_name"] == "Olaf Brenner"
    assert profile["email"] is None
    assert profile["phone"] is None
    shown = client.get(f"{API}/inbox/{olaf_in_reach['request_id']}").json()
    assert shown["sender"]["full_name"] == "Olaf Brenner"


def test_the_contact_sees_the_email_and_nothing_else(olaf, anna, api_for):
    client = api_for(anna)
    profile = client.get(f"{API}/members/{olaf.pk}")
    assert profile.json()["email"] == OLAF_EMAIL
    assert profile.json()["phone"] is None
    assert _leaks(profile.content) == [OLAF_EMAIL]
    for template in _get_operations():
        if "{" in template:
            continue
        assert set(_leaks(client.get(template).content)) <= {OLAF_EMAIL}, template


def test_the_audience_olaf_picks_decides(olaf, anna, malte, api_for):
    update_privacy(
        olaf,
        changes={"email_visibility": Visibility.NOBODY, "phone_visibility": Visibility.MEMBERS},
    )
    for viewer in (anna, malte):
        profile = api_for(viewer).get(f"{API}/members/{olaf.pk}").json()
        assert profile["email"] is None
        assert profile["phone"] == OLAF_PHONE


def test_search_never_carries_contact_details(olaf, anna, api_for):
    update_privacy(olaf, changes={"email_visibility": Visibility.MEMBERS})
    found = api_for(anna).get(f"{API}/members", {"q": "Olaf"})
    assert [r["full_name"] for r in found.json()["results"]] == ["Olaf Brenner"]
    assert _leaks(found.content) == []
    by_secret = api_for(anna).get(f"{API}/members", {"location": OLAF_PREFERRED_LOCATION})
    assert by_secret.json()["results"] == []


def test_only_olaf_reads_his_job_preferences(olaf, anna, api_for):
    own = api_for(olaf).get(f"{API}/me/job-preferences").json()
    assert own["min_salary"] == OLAF_MIN_SALARY
    assert own["locations"] == [OLAF_PREFERRED_LOCATION]
    others = api_for(anna).get(f"{API}/me/job-preferences").json()
    assert others["min_salary"] is None


def _move(offer: RecruiterOffer, *, by: timedelta) -> None:
    """The offer was sent, decided and revealed ``by`` earlier."""
    offer.refresh_from_db()
    offer.sent_at -= by
    offer.reveal_at -= by
    if offer.decided_at is not None:
        offer.decided_at -= by
    offer.save(update_fields=["sent_at", "reveal_at", "decided_at"])


def test_a_recruiter_reads_no_floor_before_or_after_the_reveal(olaf, rita, api_for):
    set_skills(olaf, names=["Python", "Django", "PostgreSQL"])
    update_profile(olaf, changes={"seniority": "lead"})
    offer_services.save_offer_policy(olaf, auto_decline=True, share_categories=True)
    client = api_for(rita)
    draft = good_offer(**BELOW_FLOOR)
    sent = client.post(
        f"{API}/members/{olaf.pk}/offers",
        {
            "title": draft.title,
            "employer": draft.employer,
            "level": draft.level,
            "salary_min": draft.salary_min,
            "salary_max": draft.salary_max,
            "currency": draft.currency,
            "location": draft.location,
            "remote": draft.remote,
            "skills": list(draft.skills),
            "text": draft.text,
        },
        content_type="application/json",
    )
    assert sent.status_code == 201, sent.content
    assert sent.json()["status"] == "delivered"
    assert _leaks(sent.content) == [OLAF_PREFERRED_LOCATION]  # her own offer names the place
    offer = RecruiterOffer.objects.get(pk=sent.json()["id"])
    assert offer.status == "declined"  # auto-declined below the floor, not yet visible
    for moment in (timedelta(0), timedelta(days=3)):
        _move(offer, by=moment)
        for path in ("/offers-sent", f"/offers-sent/{offer.pk}"):
            body = client.get(f"{API}{path}").content.decode()
            assert str(OLAF_MIN_SALARY) not in body
            assert "987" not in body.replace(str(offer.pk), "")
    revealed = client.get(f"{API}/offers-sent/{offer.pk}").json()
    assert revealed["status"] == "declined"
    # Olaf lets recruiters see the category; Rita reads German.
    assert revealed["categories"] == ["Gehalt"]
    assert revealed["fitted"] is False


def test_no_mass_assignment_through_the_profile(anna, api_for):
    client = api_for(anna)
    response = client.patch(
        f"{API}/me",
        {
            "headline": "Steuerberaterin",
            "is_staff": True,
            "is_superuser": True,
            "member_id": 1,
            "email": "evil@example.org",
            "email_visibility": "members",
            "sender_score": 0,
        },
        content_type="application/json",
    )
    assert response.status_code == 200
    anna.refresh_from_db()
    anna.profile.refresh_from_db()
    assert (anna.is_staff, anna.is_superuser, anna.email) == (
        False,
        False,
        "anna.becker@example.org",
    )
    assert anna.profile.email_visibility == Visibility.CONTACTS


def test_a_read_of_profiles_counts_toward_the_view_throttle(anna, malte, api_for, settings):
    """The API is no harvesting shortcut: the pages' profile-view limit applies."""
    from handschlag.profiles import throttle

    client = api_for(malte)
    limit = throttle.PROFILE_VIEW_LIMITS[0].limit
    from tests.api.conftest import make_member

    others = [make_member(f"m{n}@example.org", f"Mitglied {n}") for n in range(limit + 1)]
    answers = [client.get(f"{API}/members/{m.pk}").status_code for m in others]
    assert answers[:limit] == [200] * limit
    assert answers[limit] == 429
    refused = client.get(f"{API}/members/{others[-1].pk}")
    assert int(refused["Retry-After"]) > 0
    assert "many profiles" in refused.json()["detail"]
    assert isinstance(Client, type)
