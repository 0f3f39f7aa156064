"""What the API's operations do, and how they refuse: the same services as the pages,
field errors as 422 in the member's language, the services' refusals as 404/409/429,
and rate limits with Retry-After that get stricter, not open, without a cache."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.utils import timezone

from handschlag.api.services import create_token
from handschlag.network.queries import are_connected
from tests.offers.conftest import good_offer

from .conftest import API, make_member


def _json(client: Client, method: str, path: str, body: object | None = None):
    return getattr(client, method)(f"{API}{path}", body or {}, content_type="application/json")


@pytest.fixture
def one_window() -> Iterator[None]:
    """The clock held at the start of the next minute: the limits count in fixed windows,
    and a burst that straddled two windows would be counted in halves."""
    start = (timezone.now() + timedelta(minutes=1)).replace(second=0, microsecond=0)
    with time_machine.travel(start, tick=False):
        yield


### Profiles ###


def test_a_member_edits_the_profile_and_only_sent_fields_change(anna, api_for):
    client = api_for(anna)
    changed = _json(client, "patch", "/me", {"headline": "Steuerberaterin in Köln"})
    assert changed.status_code == 200
    assert changed.json()["headline"] == "Steuerberaterin in Köln"
    assert changed.json()["location"] == "Köln"


def test_a_field_error_names_the_field_in_the_members_language(anna, api_for):
    get_user_model().objects.filter(pk=anna.pk).update(language="de")
    refused = _json(api_for(anna), "patch", "/me", {"phone": "ruf mich an"})
    assert refused.status_code == 422
    assert refused.json() == {
        "detail": "Einige Felder brauchen Ihre Aufmerksamkeit.",
        "errors": [
            {
                "field": "phone",
                "message": "Bitte geben Sie eine Telefonnummer nur mit Ziffern, Leerzeichen "
                "und + ( ) / - ein.",
            }
        ],
    }


def test_a_wrong_type_is_a_422_per_field(anna, api_for):
    refused = _json(api_for(anna), "patch", "/me", {"headline": 5, "seniority": "emperor"})
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {"field": "headline", "message": "Enter text."},
        {"field": "seniority", "message": "Choose one of the allowed values."},
    ]
    assert _json(api_for(anna), "patch", "/me", [None, None]).status_code == 422


def test_skills_and_job_preferences(anna, api_for):
    client = api_for(anna)
    skills = _json(client, "put", "/me/skills", {"skills": ["Steuerrecht", "steuerrecht", "SAP"]})
    assert skills.json()["skills"] == ["Steuerrecht", "SAP"]
    saved = _json(
        client,
        "put",
        "/me/job-preferences",
        {"open_to_offers": True, "min_salary": 72000, "levels": ["senior"], "locations": ["Köln"]},
    )
    assert saved.status_code == 200
    assert client.get(f"{API}/me/job-preferences").json()["min_salary"] == 72000
    negative = _json(client, "put", "/me/job-preferences", {"min_salary": -1})
    assert negative.json()["errors"] == [
        {"field": "min_salary", "message": "A salary cannot be negative."}
    ]


### Contact requests and the inbox ###


def test_a_request_from_send_to_accept_to_removal(anna, clara, api_for):
    sender, recipient = api_for(anna), api_for(clara)
    preview = _json(
        sender,
        "post",
        f"/members/{clara.pk}/contact-requests/preview",
        {"intent": "met", "note": "Wir haben uns beim Personalforum in Düsseldorf getroffen."},
    )
    assert preview.status_code == 200
    assert preview.json()["quota"]["remaining"] > 0
    sent = _json(
        sender,
        "post",
        f"/members/{clara.pk}/contact-requests",
        {"intent": "met", "note": "Wir haben uns beim Personalforum in Düsseldorf getroffen."},
    )
    assert sent.status_code == 201
    request_id = sent.json()["id"]
    assert sent.json()["status"] == "pending"
    folder = sent.json() and recipient.get(f"{API}/inbox/{request_id}").json()["folder"]
    listed = recipient.get(f"{API}/inbox", {"folder": folder}).json()
    assert [item["id"] for item in listed["items"]] == [request_id]
    accepted = _json(recipient, "post", f"/inbox/{request_id}/accept")
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"
    assert are_connected(anna.pk, clara.pk)
    again = _json(recipient, "post", f"/inbox/{request_id}/accept")
    assert again.status_code == 409
    assert again.json()["errors"] == []
    names = [
        c["contact"]["full_name"] for c in sender.get(f"{API}/connections").json()["connections"]
    ]
    assert "Clara Vogt" in names
    removed = sender.delete(f"{API}/connections/{clara.pk}")
    assert removed.json()["detail"] == "Clara Vogt is no longer one of your contacts."
    assert not are_connected(anna.pk, clara.pk)


def test_a_request_to_a_contact_is_a_409(anna, bernd, api_for):
    refused = _json(
        api_for(anna), "post", f"/members/{bernd.pk}/contact-requests", {"intent": "met"}
    )
    assert refused.status_code == 409


def test_the_quota_answers_429_with_retry_after(clara, api_for):
    client = api_for(clara)
    answers = []
    for n in range(6):
        other = make_member(f"kontakt{n}@example.org", f"Kontakt Nummer{n}")
        answers.append(
            _json(
                client,
                "post",
                f"/members/{other.pk}/contact-requests",
                {
                    "intent": "shared_interest",
                    "note": f"Thema {n}: Personalentwicklung im Mittelstand.",
                },
            )
        )
    assert [a.status_code for a in answers] == [201] * 5 + [429]
    refused = answers[-1]
    assert int(refused["Retry-After"]) > 0
    assert refused["X-RateLimit-Limit"] == "5"
    assert "daily limit" in refused.json()["detail"]


def test_decline_with_a_reply_and_undo_rules(anna, clara, api_for):
    from handschlag.network.services import send_contact_request

    request = send_contact_request(
        clara, recipient=anna, note="Ich kenne Sie aus dem Steuerforum Köln.", intent="met"
    )
    client = api_for(anna)
    draft = client.get(f"{API}/inbox/{request.pk}/reply-draft").json()
    assert draft["text"]
    declined = _json(client, "post", f"/inbox/{request.pk}/decline", {"reply_text": draft["text"]})
    assert declined.json()["status"] == "declined"
    assert _json(client, "post", f"/inbox/{request.pk}/undo").status_code == 409


### Messages, offers, blocks ###


def test_contacts_write_to_each_other(anna, bernd, api_for):
    sent = _json(
        api_for(anna), "post", f"/members/{bernd.pk}/messages", {"text": "Hallo <b>Bernd</b>"}
    )
    assert sent.status_code == 201
    assert sent.json()["is_request"] is False
    conversation = sent.json()["conversation_id"]
    listed = api_for(bernd).get(f"{API}/conversations").json()["conversations"]
    assert [c["id"] for c in listed] == [conversation]
    assert listed[0]["unread"] == 1
    thread = api_for(bernd).get(f"{API}/conversations/{conversation}/messages").json()
    html = thread["messages"][0]["html"]
    assert "Bernd" in html
    assert "<b>" not in html  # the text is escaped, as on the page
    reply = _json(
        api_for(bernd), "post", f"/conversations/{conversation}/messages", {"text": "Hi!"}
    )
    assert reply.status_code == 201
    assert reply.json()["is_mine"] is True
    _json(api_for(bernd), "post", f"/conversations/{conversation}/read")
    assert api_for(bernd).get(f"{API}/conversations").json()["conversations"][0]["unread"] == 0
    empty = _json(api_for(bernd), "post", f"/conversations/{conversation}/messages", {"text": ""})
    assert empty.status_code == 422
    assert empty.json()["errors"][0]["field"] == "text"


def test_an_offer_from_send_to_interest(olaf, rita, api_for):
    draft = good_offer()
    sent = _json(
        api_for(rita),
        "post",
        f"/members/{olaf.pk}/offers",
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
    )
    assert sent.status_code == 201
    offer_id = sent.json()["id"]
    inbox = api_for(olaf).get(f"{API}/offers").json()
    assert offer_id in [o["id"] for o in inbox["matching"] + inbox["filed"]]
    interested = _json(
        api_for(olaf), "post", f"/offers/{offer_id}/interested", {"message": "Gern mehr dazu."}
    )
    assert interested.status_code == 200
    assert interested.json()["offer"]["status"] == "interested"
    again = _json(api_for(olaf), "post", f"/offers/{offer_id}/decline")
    assert again.status_code == 409


def test_members_without_the_recruiter_role_get_403(anna, olaf, api_for):
    refused = _json(
        api_for(anna),
        "post",
        f"/members/{olaf.pk}/offers",
        {"title": "Chef", "level": "lead", "location": "Köln"},
    )
    assert refused.status_code == 403
    assert api_for(anna).get(f"{API}/offers-sent").status_code == 403


def test_block_list_unblock(anna, clara, api_for):
    client = api_for(anna)
    assert _json(client, "post", f"/members/{clara.pk}/block").status_code == 200
    assert [b["full_name"] for b in client.get(f"{API}/blocks").json()] == ["Clara Vogt"]
    assert api_for(clara).get(f"{API}/members/{anna.pk}").status_code == 404
    assert client.delete(f"{API}/blocks/{clara.pk}").status_code == 200
    assert client.delete(f"{API}/blocks/{clara.pk}").status_code == 404
    assert _json(client, "post", f"/members/{anna.pk}/block").status_code == 404


### Rate limits ###


def test_the_api_wide_limit_per_member_answers_429_in_german(anna, one_window):
    get_user_model().objects.filter(pk=anna.pk).update(language="de")
    client = Client(
        HTTP_AUTHORIZATION=f"Bearer {create_token(anna, name='x', lifetime_days=7).secret}"
    )
    answers = [client.get(f"{API}/blocks").status_code for _ in range(201)]
    assert answers[:200] == [200] * 200
    assert answers[200] == 429
    refused = client.get(f"{API}/blocks")
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["detail"] == (
        "Zu viele Anfragen. Bitte warten Sie einen Moment und versuchen Sie es dann erneut."
    )


def test_a_second_client_of_the_member_shares_the_limit(anna, one_window):
    first = Client(
        HTTP_AUTHORIZATION=f"Bearer {create_token(anna, name='a', lifetime_days=7).secret}"
    )
    second = Client(
        HTTP_AUTHORIZATION=f"Bearer {create_token(anna, name='b', lifetime_days=7).secret}"
    )
    for _ in range(100):
        first.get(f"{API}/blocks")
        second.get(f"{API}/blocks")
    assert second.get(f"{API}/blocks").status_code == 429


def test_without_a_cache_the_limits_get_stricter_not_open(anna, one_window):
    """A cache that stores nothing (as when Redis is down): each process counts alone,
    with a quarter of the limit (SECURITY.md R3)."""
    client = Client(
        HTTP_AUTHORIZATION=f"Bearer {create_token(anna, name='x', lifetime_days=7).secret}"
    )
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    ):
        answers = [client.get(f"{API}/blocks").status_code for _ in range(51)]
    assert answers[:50] == [200] * 50
    assert answers[50] == 429


def test_failed_token_guesses_are_limited_per_address(db, one_window):
    client = Client(HTTP_AUTHORIZATION="Bearer hs_guess")
    answers = [client.get(f"{API}/me").status_code for _ in range(31)]
    assert answers[:30] == [401] * 30
    assert answers[30] == 429


### The feed ###


def test_post_comment_react_and_delete(anna, bernd, api_for):
    published = _json(api_for(anna), "post", "/posts", {"text": "Neue Fristen ab Januar #steuern"})
    assert published.status_code == 201
    post_id = published.json()["post"]["id"]
    assert "steuern" in published.json()["post"]["topics"]
    feed = api_for(bernd).get(f"{API}/feed").json()
    assert [p["id"] for p in feed["posts"]] == [post_id]
    assert feed["posts"][0]["reasons"][0]["kind"] == "contact"
    commented = _json(api_for(bernd), "post", f"/posts/{post_id}/comments", {"text": "Danke!"})
    assert commented.status_code == 201
    assert [c["text"] for c in commented.json()["comments"]] == ["Danke!"]
    reacted = _json(api_for(bernd), "put", f"/posts/{post_id}/reaction", {"kind": "thanks"})
    assert reacted.json()["post"]["my_reaction"] == "thanks"
    assert reacted.json()["reactions"] == []  # only the author sees who reacted
    own = api_for(anna).get(f"{API}/posts/{post_id}").json()
    assert [(r["full_name"], r["kind"]) for r in own["reactions"]] == [("Bernd Wagner", "thanks")]
    edited = _json(api_for(anna), "patch", f"/posts/{post_id}", {"text": "Neue Fristen ab Februar"})
    assert edited.json()["post"]["edited_at"] is not None
    assert api_for(anna).delete(f"{API}/posts/{post_id}").status_code == 200
    assert api_for(bernd).get(f"{API}/posts/{post_id}").status_code == 404


def test_an_empty_post_is_a_field_error(anna, api_for):
    refused = _json(api_for(anna), "post", "/posts", {"text": ""})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "text"


### Groups ###


def test_join_a_public_group_and_a_closed_one_hides_its_members(anna, bernd, malte, api_for):
    from handschlag.groups.services import create_group

    public = create_group(
        anna, name="Lohn und Gehalt", description="", topics=["lohn"], visibility="public"
    )
    closed = create_group(
        anna, name="Steuerkreis", description="", topics=["steuern"], visibility="closed"
    )
    joined = api_for(bernd).post(f"{API}/groups/{public.slug}/join")
    assert joined.status_code == 200
    assert joined.json()["is_member"] is True
    assert {m["full_name"] for m in joined.json()["member_list"]} == {"Anna Becker", "Bernd Wagner"}
    outside = api_for(malte).get(f"{API}/groups/{closed.slug}").json()
    assert outside["member_list"] is None
    assert [m["full_name"] for m in outside["moderators"]] == ["Anna Becker"]
    refused = api_for(malte).post(f"{API}/groups/{closed.slug}/join")
    assert refused.status_code == 400
    asked = _json(
        api_for(malte), "post", f"/groups/{closed.slug}/join-request", {"message": "Hallo"}
    )
    assert asked.json()["has_open_join_request"] is True
    assert api_for(bernd).post(f"{API}/groups/{public.slug}/leave").status_code == 200
    assert api_for(malte).get(f"{API}/groups/kein-solcher-kreis").status_code == 404


def test_a_group_invitation_is_answered_by_its_invitee(anna, bernd, api_for):
    from handschlag.groups.services import create_group, invite_to_group

    circle = create_group(
        anna, name="Steuerkreis", description="", topics=["steuern"], visibility="closed"
    )
    invitation = invite_to_group(anna, group_id=circle.pk, invitee_id=bernd.pk, note="Komm dazu")
    listed = api_for(bernd).get(f"{API}/group-invitations").json()
    ids = [i["id"] for i in listed["waiting"] + listed["filed"]]
    assert ids == [invitation.pk]
    answered = _json(
        api_for(bernd), "post", f"/group-invitations/{invitation.pk}/answer", {"accept": True}
    )
    assert answered.json()["detail"] == "You joined the group."
    assert api_for(bernd).get(f"{API}/groups/{circle.slug}").json()["is_member"] is True
