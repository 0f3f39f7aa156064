"""No member reads or changes another's objects by changing an id (SECURITY.md A15).

One world of objects that belong to others (a request Clara sent Anna, Anna's
conversation with Bernd, an introduction Anna asked Bernd for, Rita's offer to Olaf,
Anna's block of Egon), and Malte, who knows nobody, tries every object endpoint of the
API on them: each answers 404, exactly as for an id that does not exist, and nothing
changes. A last test checks that every operation of the schema with an id in its path is
in this list, so a new endpoint cannot be forgotten.
"""

from dataclasses import dataclass

import pytest
from django.test import Client

from handschlag.api.v1 import api
from handschlag.feed import services as feed_services
from handschlag.feed.models import Comment, Post, Reaction
from handschlag.groups.models import GroupInvitation
from handschlag.groups.services import create_group, invite_to_group
from handschlag.messaging.models import Message
from handschlag.messaging.services import send_message
from handschlag.moderation.blocks import block_member
from handschlag.moderation.models import Block
from handschlag.network import introductions
from handschlag.network.models import ContactRequest, Introduction
from handschlag.network.queries import are_connected
from handschlag.network.services import connect_members, send_contact_request
from handschlag.offers import services as offer_services
from handschlag.offers.models import RecruiterOffer
from tests.offers.conftest import good_offer

from .conftest import API, make_member


@dataclass
class World:
    request_id: int
    conversation_id: int
    message_id: int
    introduction_id: int
    offer_id: int
    bernd_id: int
    egon_id: int
    post_id: int
    comment_id: int
    closed_post_id: int
    invitation_id: int


@pytest.fixture
def world(anna, bernd, clara, olaf, rita) -> World:
    request = send_contact_request(
        clara,
        recipient=anna,
        note="Wir haben uns beim Steuerforum in Köln über DATEV unterhalten.",
        intent="met",
    )
    sent = send_message(
        anna, recipient_id=bernd.pk, text="Hallo Bernd, kurze Frage zur Lohnabrechnung."
    )
    dora = make_member("dora.kranz@example.org", "Dora Kranz")
    connect_members(bernd, contact=dora, how_met="school")
    introduction = introductions.request_introduction(
        anna,
        target_id=dora.pk,
        introducer_id=bernd.pk,
        reason="Dora berät Handwerksbetriebe, ich würde gern mit ihr zusammenarbeiten.",
        intent="business",
    )
    offer = offer_services.send_offer(rita, recipient_id=olaf.pk, draft=good_offer())
    egon = make_member("egon.ernst@example.org", "Egon Ernst")
    block_member(anna, blocked_id=egon.pk)
    post = feed_services.create_post(anna, text="Neue Regeln zur Lohnabrechnung ab Januar.")
    comment = feed_services.add_comment(bernd, post_id=post.pk, text="Danke für den Hinweis!")
    circle = create_group(
        anna,
        name="Steuerkreis Köln",
        description="Fachaustausch",
        topics=["steuern"],
        visibility="closed",
    )
    closed_post = feed_services.create_post(
        anna, text="Nur für den Steuerkreis: Termine im Mai.", group_id=circle.pk
    )
    invitation = invite_to_group(
        anna, group_id=circle.pk, invitee_id=bernd.pk, note="Du kennst dich mit Lohn aus."
    )
    return World(
        request_id=request.pk,
        conversation_id=sent.conversation.pk,
        message_id=sent.message.pk,
        introduction_id=introduction.pk,
        offer_id=offer.pk,
        bernd_id=bernd.pk,
        egon_id=egon.pk,
        post_id=post.pk,
        comment_id=comment.pk,
        closed_post_id=closed_post.pk,
        invitation_id=invitation.pk,
    )


#: (method, path, body) of every object endpoint; the path is filled from the world.
ATTEMPTS: list[tuple[str, str, dict[str, object]]] = [
    ("get", "/inbox/{request_id}", {}),
    ("get", "/inbox/{request_id}/reply-draft", {}),
    ("post", "/inbox/{request_id}/accept", {}),
    ("post", "/inbox/{request_id}/decline", {"reply_text": "Nein danke"}),
    ("post", "/inbox/{request_id}/unknown", {}),
    ("post", "/inbox/{request_id}/report", {"reason": "spam"}),
    ("post", "/inbox/{request_id}/undo", {}),
    ("post", "/contact-requests/{request_id}/withdraw", {}),
    ("delete", "/connections/{member_id}", {}),
    ("post", "/introductions/{introduction_id}/forward", {"word": "Kennt euch!"}),
    ("post", "/introductions/{introduction_id}/decline", {}),
    ("get", "/conversations/{conversation_id}/messages", {}),
    ("post", "/conversations/{conversation_id}/messages", {"text": "Ich lese mit."}),
    ("post", "/conversations/{conversation_id}/read", {}),
    ("post", "/conversations/{conversation_id}/accept", {}),
    ("post", "/conversations/{conversation_id}/ignore", {}),
    ("post", "/conversations/{conversation_id}/messages/{message_id}/report", {"reason": "spam"}),
    ("delete", "/conversations/{conversation_id}/messages/{message_id}", {}),
    ("get", "/offers/{offer_id}", {}),
    ("post", "/offers/{offer_id}/interested", {"message": "Gern!"}),
    ("post", "/offers/{offer_id}/decline", {}),
    ("post", "/offers/{offer_id}/report", {"reason": "spam"}),
    ("delete", "/blocks/{member_id}", {}),
    # Anna's post, open to all members to read: only its author changes it, and only the
    # comment's author or the post's deletes a comment.
    ("patch", "/posts/{post_id}", {"text": "Übernommen!"}),
    ("delete", "/posts/{post_id}", {}),
    ("delete", "/comments/{comment_id}", {}),
    # A post in a closed group Malte is not in: it does not exist for him.
    ("get", "/posts/{closed_post_id}", {}),
    ("post", "/posts/{closed_post_id}/comments", {"text": "Ich auch!"}),
    ("put", "/posts/{closed_post_id}/reaction", {"kind": "thanks"}),
    ("post", "/group-invitations/{invitation_id}/answer", {"accept": True}),
]


def _attempts(w: World) -> list[tuple[str, str, dict[str, object]]]:
    """The attempts aimed at the world's objects (a member id: Bernd for the connection,
    Egon for the block)."""
    filled = []
    for method, template, body in ATTEMPTS:
        member_id = w.egon_id if template.startswith("/blocks") else w.bernd_id
        path = template.format(
            request_id=w.request_id,
            conversation_id=w.conversation_id,
            message_id=w.message_id,
            introduction_id=w.introduction_id,
            offer_id=w.offer_id,
            member_id=member_id,
            post_id=w.post_id,
            comment_id=w.comment_id,
            closed_post_id=w.closed_post_id,
            invitation_id=w.invitation_id,
        )
        filled.append((method, path, body))
    return filled


def _call(client: Client, method: str, path: str, body: dict[str, object]):
    if method == "get":
        return client.get(f"{API}{path}")
    return getattr(client, method)(f"{API}{path}", body, content_type="application/json")


def test_an_intruder_gets_404_on_every_object_of_others(world, malte, api_for, anna, bernd):
    client = api_for(malte)
    for method, path, body in _attempts(world):
        response = _call(client, method, path, body)
        assert response.status_code == 404, (method, path, response.content)
    # Nothing changed.
    assert ContactRequest.objects.get(pk=world.request_id).status == "pending"
    assert are_connected(anna.pk, bernd.pk)
    assert Introduction.objects.get(pk=world.introduction_id).status == "pending"
    assert Message.objects.get(pk=world.message_id).deleted_at is None
    assert Message.objects.filter(conversation_id=world.conversation_id).count() == 1
    assert RecruiterOffer.objects.get(pk=world.offer_id).status == "pending"
    assert Block.objects.filter(blocker=anna, blocked_id=world.egon_id).exists()
    post = Post.objects.get(pk=world.post_id)
    assert post.text == "Neue Regeln zur Lohnabrechnung ab Januar."
    assert Comment.objects.filter(pk=world.comment_id).exists()
    assert not Comment.objects.filter(post_id=world.closed_post_id).exists()
    assert not Reaction.objects.filter(post_id=world.closed_post_id).exists()
    assert GroupInvitation.objects.get(pk=world.invitation_id).status == "pending"


def test_an_unknown_id_answers_exactly_like_someone_elses(world, malte, api_for):
    client = api_for(malte)
    for method, template, body in ATTEMPTS:
        if not any(k in template for k in ("{request_id}", "{offer_id}", "{closed_post_id}")):
            continue
        theirs = _call(
            client, method, _attempts(world)[ATTEMPTS.index((method, template, body))][1], body
        )
        unknown = _call(
            client,
            method,
            template.format(request_id=999999, offer_id=999999, closed_post_id=999999),
            body,
        )
        assert (theirs.status_code, theirs.json()) == (unknown.status_code, unknown.json())


def test_the_sender_cannot_answer_her_own_request(world, clara, api_for):
    client = api_for(clara)
    assert client.get(f"{API}/inbox/{world.request_id}").status_code == 404
    assert client.post(f"{API}/inbox/{world.request_id}/accept").status_code == 404
    assert ContactRequest.objects.get(pk=world.request_id).status == "pending"


def test_the_recruiter_does_not_see_the_recipients_view_and_others_not_hers(
    world, rita, sven, api_for
):
    assert api_for(rita).get(f"{API}/offers/{world.offer_id}").status_code == 404
    assert api_for(rita).get(f"{API}/offers-sent/{world.offer_id}").status_code == 200
    assert api_for(sven).get(f"{API}/offers-sent/{world.offer_id}").status_code == 404


def test_a_member_who_blocked_is_a_404_to_the_blocked_one(world, anna, api_for):
    egon = anna.blocks_made.get().blocked
    assert api_for(egon).get(f"{API}/members/{anna.pk}").status_code == 404
    assert api_for(egon).get(f"{API}/members/999999").status_code == 404


def test_the_owners_can_use_the_same_endpoints(world, anna, bernd, olaf, api_for):
    """The control: the 404s above are about ownership, not broken endpoints."""
    assert api_for(anna).get(f"{API}/inbox/{world.request_id}").status_code == 200
    assert (
        api_for(bernd).get(f"{API}/conversations/{world.conversation_id}/messages").status_code
        == 200
    )
    assert api_for(olaf).get(f"{API}/offers/{world.offer_id}").status_code == 200
    introductions_of_bernd = api_for(bernd).get(f"{API}/introductions").json()["to_forward"]
    assert [i["id"] for i in introductions_of_bernd] == [world.introduction_id]


#: Operations with an id in the path that act on another member as such (not on an
#: object of theirs): their refusals are the services' own (blocks, quotas), tested in
#: test_endpoints.py; the profile is tested for privacy in test_privacy.py.
MEMBER_TARGETS = {
    ("get", "/api/v1/members/{member_id}"),
    ("post", "/api/v1/members/{member_id}/contact-requests"),
    ("post", "/api/v1/members/{member_id}/contact-requests/preview"),
    ("post", "/api/v1/members/{member_id}/introductions"),
    ("post", "/api/v1/members/{member_id}/messages"),
    ("post", "/api/v1/members/{member_id}/offers"),
    ("post", "/api/v1/members/{member_id}/block"),
    ("get", "/api/v1/offers-sent/{offer_id}"),
}
#: Meetups and groups are open to every member, as on the pages; each operation acts on
#: the caller's own answer or membership. The attendee list and the check-in code have
#: their own tests in test_meetups.py (403 and null for those not entitled).
OPEN_TO_MEMBERS = {
    ("get", "/api/v1/meetups/{meetup_id}"),
    ("post", "/api/v1/meetups/{meetup_id}/rsvp"),
    ("delete", "/api/v1/meetups/{meetup_id}/rsvp"),
    ("post", "/api/v1/meetups/{meetup_id}/check-in"),
    ("get", "/api/v1/meetups/{meetup_id}/attendees"),
    ("get", "/api/v1/groups/{slug}"),
    ("post", "/api/v1/groups/{slug}/join"),
    ("post", "/api/v1/groups/{slug}/join-request"),
    ("post", "/api/v1/groups/{slug}/leave"),
}
#: Posts outside closed groups are open to every member, as on the pages (the closed
#: group's post is tried above under the same paths). Groups are named by their address
#: (a slug, no id); test_endpoints.py checks a closed group's member list stays hidden.


def test_every_object_endpoint_of_the_schema_is_tried():
    tried = {
        (method, "/api/v1" + template.replace("{closed_post_id}", "{post_id}"))
        for method, template, _body in ATTEMPTS
    }
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    with_ids = {
        (method, path)
        for path, operations in schema["paths"].items()
        if "{" in path
        for method in operations
    }
    assert with_ids - tried - MEMBER_TARGETS - OPEN_TO_MEMBERS == set()
