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
from handschlag.events.models import Meetup
from handschlag.feed import services as feed_services
from handschlag.feed.models import Comment, Post, Reaction
from handschlag.groups.models import GroupInvitation, JoinRequest
from handschlag.groups.services import create_group, invite_to_group, request_to_join
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
from tests.events.factories import MeetupFactory
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
    meetup_id: int
    slug: str
    join_request_id: int


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
    meetup = MeetupFactory(organiser=anna, title="Steuer-Stammtisch")
    join_request = request_to_join(clara, group_id=circle.pk, message="Darf ich?")
    return World(
        meetup_id=meetup.pk,
        slug=circle.slug,
        join_request_id=join_request.pk,
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
    # Anna's meetup: only its organiser changes or cancels it.
    ("patch", "/meetups/{meetup_id}", {"title": "Meins"}),
    ("post", "/meetups/{meetup_id}/cancel", {}),
    # Clara's request to join Anna's closed group: for its moderators only.
    ("post", "/groups/{slug}/join-requests/{join_request_id}/answer", {"accept": True}),
    # The standard reply to a message Malte did not receive.
    ("get", "/conversations/{conversation_id}/messages/{message_id}/reply-draft", {}),
    ("post", "/conversations/{conversation_id}/messages/{message_id}/reply", {"text": "Nein."}),
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
            meetup_id=w.meetup_id,
            slug=w.slug,
            join_request_id=w.join_request_id,
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
    meetup = Meetup.objects.get(pk=world.meetup_id)
    assert (meetup.title, meetup.cancelled_at) == ("Steuer-Stammtisch", None)
    assert JoinRequest.objects.get(pk=world.join_request_id).status == "pending"


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
    ("get", "/api/v1/groups/{slug}/invite"),
}
#: What a group's moderators (or, for a public group, its members) do: for anyone else a
#: refusal of their standing (403), tested in test_group_moderation.py; a member named in
#: the path must belong to the group (404 otherwise).
MODERATORS_ONLY = {
    ("get", "/api/v1/groups/{slug}/join-requests"),
    ("post", "/api/v1/groups/{slug}/moderators/{member_id}"),
    ("post", "/api/v1/groups/{slug}/invitations"),
}
#: Posts outside closed groups are open to every member, as on the pages (the closed
#: group's post is tried above under the same paths). Groups are named by their address
#: (a slug, no id); test_endpoints.py checks a closed group's member list stays hidden.


def test_every_object_endpoint_of_the_schema_is_tried():
    tried = {
        (method, "/api/v1" + template.replace("{closed_post_id}", "{post_id}"))
        for method, template, _body in ATTEMPTS + MORE_ATTEMPTS
    } | MORE_MEMBER_TARGETS
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    with_ids = {
        (method, path)
        for path, operations in schema["paths"].items()
        if "{" in path
        for method in operations
    }
    assert with_ids - tried - MEMBER_TARGETS - OPEN_TO_MEMBERS - MODERATORS_ONLY == set()


### The own profile's entries, recommendations and imports ###


@dataclass
class MoreWorld:
    position_id: int
    education_id: int
    spoken_language_id: int
    request_id: int
    recommendation_id: int
    collaboration_id: int
    job_id: int
    contact_id: int


@pytest.fixture
def more_world(anna, bernd) -> MoreWorld:
    """Anna's profile entries; Bernd's request to Anna for a recommendation, the one he
    wrote for her, and a collaboration she declared with him; Anna's import and contact."""
    from datetime import date

    from handschlag.imports.models import ImportedContact, ImportJob
    from handschlag.profiles import services as profile_services
    from handschlag.recommendations import services as rec_services
    from handschlag.recommendations.cases import RequestDraft

    profile_services.save_position(
        bernd,
        position_id=None,
        employer_name="Becker & Partner Steuerberatung",
        title="Lohnbuchhalter",
        start_date=date(2016, 1, 1),
        end_date=date(2019, 12, 31),
    )
    education = profile_services.save_education(
        anna, education_id=None, changes={"school": "Universität zu Köln"}
    )
    spoken = profile_services.add_spoken_language(anna, language="en", proficiency="fluent")
    draft = RequestDraft(
        role="Lohnbuchhalter", project="DATEV-Umstellung", from_year=2016, to_year=2019, note=""
    )
    asked = rec_services.request_recommendation(bernd, recommender_id=anna.pk, draft=draft)
    for_anna = rec_services.request_recommendation(
        anna,
        recommender_id=bernd.pk,
        draft=RequestDraft(
            role="Steuerberaterin", project="Mandat", from_year=2016, to_year=2019, note=""
        ),
    )
    recommendation = rec_services.write_recommendation(
        bernd,
        request_id=for_anna.pk,
        text="Anna hat unsere Lohnabrechnung drei Jahre lang fachlich sicher begleitet.",
    )
    collaboration = rec_services.declare_collaboration(
        anna,
        partner_id=bernd.pk,
        project="Jahresabschluss",
        role="Leitung",
        from_year=2020,
        to_year=None,
    )
    job = ImportJob.objects.create(owner=anna, file_name="export.zip", status="done")
    contact = ImportedContact.objects.create(
        owner=anna, job=job, first_name="Ida", last_name="Iven", email="ida.iven@example.org"
    )
    return MoreWorld(
        position_id=anna.profile.positions.get().pk,
        education_id=education.pk,
        spoken_language_id=spoken.pk,
        request_id=asked.pk,
        recommendation_id=recommendation.pk,
        collaboration_id=collaboration.pk,
        job_id=job.pk,
        contact_id=contact.pk,
    )


MORE_ATTEMPTS: list[tuple[str, str, dict[str, object]]] = [
    ("patch", "/me/positions/{position_id}", {"title": "Praktikantin"}),
    ("delete", "/me/positions/{position_id}", {}),
    ("patch", "/me/education/{education_id}", {"school": "Nirgendwo"}),
    ("delete", "/me/education/{education_id}", {}),
    ("patch", "/me/languages/{spoken_language_id}", {"proficiency": "basic"}),
    ("delete", "/me/languages/{spoken_language_id}", {}),
    ("get", "/recommendation-requests/{request_id}", {}),
    ("post", "/recommendation-requests/{request_id}/recommendation", {"text": "x" * 50}),
    ("post", "/recommendation-requests/{request_id}/decline", {}),
    ("post", "/recommendation-requests/{request_id}/withdraw", {}),
    ("get", "/recommendations/{recommendation_id}", {}),
    ("post", "/recommendations/{recommendation_id}/approve", {"show": True}),
    ("post", "/recommendations/{recommendation_id}/withdraw", {}),
    ("post", "/collaborations/{collaboration_id}/answer", {"confirm": True}),
    ("get", "/imports/{job_id}", {}),
    ("get", "/imports/{job_id}/report", {}),
    ("get", "/imports/{job_id}/contacts.csv", {}),
    ("get", "/imports/{job_id}/profile", {}),
    ("post", "/imports/{job_id}/profile", {}),
    ("post", "/imported-contacts/{contact_id}/invite", {}),
]


def test_an_intruder_gets_404_on_profile_entries_recommendations_and_imports(
    more_world, malte, api_for, anna
):
    from dataclasses import asdict

    from handschlag.imports.models import ImportedContact
    from handschlag.recommendations.models import Collaboration, Recommendation

    client = api_for(malte)
    for method, template, body in MORE_ATTEMPTS:
        theirs = _call(client, method, template.format(**asdict(more_world)), body)
        assert theirs.status_code == 404, (method, template, theirs.content)
        unknown = _call(
            client, method, template.format(**dict.fromkeys(asdict(more_world), 999999)), body
        )
        assert (theirs.status_code, theirs.json()) == (unknown.status_code, unknown.json())
    assert anna.profile.positions.get().title == "Steuerberaterin"
    assert anna.profile.education.get().school == "Universität zu Köln"
    assert anna.profile.languages.get().proficiency == "fluent"
    assert Recommendation.objects.get(pk=more_world.recommendation_id).status == "awaiting"
    assert Collaboration.objects.get(pk=more_world.collaboration_id).status == "pending"
    assert ImportedContact.objects.get(pk=more_world.contact_id).invited_at is None
    # The control: the owners reach the same objects.
    assert api_for(anna).get(f"{API}/imports/{more_world.job_id}").status_code == 200
    assert (
        api_for(anna).get(f"{API}/recommendation-requests/{more_world.request_id}").status_code
        == 200
    )


#: Operations on another member as such, or on the caller's own follows (test_feed_settings.py
#: and test_recommendations.py test their refusals: blocks and unknown members are 404).
MORE_MEMBER_TARGETS = {
    ("post", "/api/v1/members/{member_id}/follow"),
    ("delete", "/api/v1/members/{member_id}/follow"),
    ("post", "/api/v1/topics/{topic}/follow"),
    ("delete", "/api/v1/topics/{topic}/follow"),
    ("get", "/api/v1/members/{member_id}/recommendation-request"),
    ("post", "/api/v1/members/{member_id}/recommendation-requests"),
    ("post", "/api/v1/members/{member_id}/collaborations"),
}
