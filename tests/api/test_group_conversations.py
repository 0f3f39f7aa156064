"""Group conversations and the standard reply through the API, as on the pages: a group
takes two to nineteen of the starter's contacts (twenty participants at most) and is then
read and written like any conversation; a flagged message is answered with the standard
reply drafted in the reader's language; nobody else reaches either (404)."""

from handschlag.messaging import services
from handschlag.messaging.models import Conversation, Message, Participant
from handschlag.network.services import connect_members
from tests.messaging.factories import acquirer

from .conftest import API, make_member

CLAIM = (
    "Hallo Anna, wie besprochen schicke ich Ihnen die Unterlagen zum Jahresabschluss. "
    "Melden Sie sich gern, wenn etwas fehlt."
)


def _post(client, path: str, body: dict[str, object]):
    return client.post(f"{API}{path}", body, content_type="application/json")


def test_start_a_group_write_in_it_and_list_it(anna, bernd, olaf, malte, api_for):
    started = _post(
        api_for(anna),
        "/group-conversations",
        {"title": "Stammtisch", "member_ids": [bernd.pk, olaf.pk], "text": "Donnerstag um acht?"},
    )
    assert started.status_code == 201, started.content
    thread = started.json()
    assert thread["title"] == "Stammtisch"
    assert {p["full_name"] for p in thread["others"]} == {"Bernd Wagner", "Olaf Brenner"}
    assert [m["html"] for m in thread["messages"]] == ["Donnerstag um acht?"]
    conversation_id = thread["conversation_id"]

    answered = _post(
        api_for(bernd), f"/conversations/{conversation_id}/messages", {"text": "Passt!"}
    )
    assert answered.status_code == 201, answered.content
    listed = api_for(olaf).get(f"{API}/conversations").json()["conversations"]
    assert [(c["id"], c["is_group"], c["unread"]) for c in listed] == [(conversation_id, True, 2)]
    # Malte is not in it: the conversation does not exist for him.
    assert api_for(malte).get(f"{API}/conversations/{conversation_id}/messages").status_code == 404
    assert (
        _post(
            api_for(malte), f"/conversations/{conversation_id}/messages", {"text": "Ich auch"}
        ).status_code
        == 404
    )


def test_a_group_takes_only_contacts_and_at_most_twenty(anna, bernd, clara, rita, api_for):
    with_stranger = _post(
        api_for(anna),
        "/group-conversations",
        {"member_ids": [bernd.pk, clara.pk], "text": "Hallo"},
    )
    assert with_stranger.status_code == 422
    assert with_stranger.json()["errors"][0]["field"] == "members"
    contacts = [make_member(f"kontakt{n}@example.org", f"Kontakt {n:02d}") for n in range(20)]
    for contact in contacts:
        connect_members(rita, contact=contact, how_met="other")
    too_many = _post(
        api_for(rita),  # Rita reads German
        "/group-conversations",
        {"member_ids": [c.pk for c in contacts], "text": "Hallo alle"},
    )
    assert too_many.status_code == 422
    assert too_many.json()["errors"] == [
        {
            "field": "members",
            "message": "Ein Gruppengespräch kann höchstens 20 Teilnehmende haben, "
            "Sie eingeschlossen.",
        }
    ]
    nineteen = _post(
        api_for(rita),
        "/group-conversations",
        {"member_ids": [c.pk for c in contacts[:19]], "text": "Hallo alle"},
    )
    assert nineteen.status_code == 201, nineteen.content
    assert (
        Participant.objects.filter(conversation_id=nineteen.json()["conversation_id"]).count() == 20
    )
    missing_text = _post(api_for(rita), "/group-conversations", {"member_ids": [], "text": ""})
    assert {e["field"] for e in missing_text.json()["errors"]} == {"members", "text"}
    assert Conversation.objects.count() == 1


def test_the_standard_reply_is_drafted_in_the_readers_language_and_sent(anna, malte, api_for):
    anna.language = "de"
    anna.save(update_fields=["language"])
    marco = acquirer()
    sent = services.send_message(marco, recipient_id=anna.pk, text=CLAIM)
    base = f"/conversations/{sent.conversation.pk}/messages/{sent.message.pk}"
    draft = api_for(anna).get(f"{API}{base}/reply-draft")
    assert draft.status_code == 200, draft.content
    assert (draft.json()["situation"], draft.json()["lang"]) == ("decline_claim", "de")
    assert draft.json()["text"].startswith("Guten Tag Marco Stein,")
    assert "„wie besprochen“" in draft.json()["text"]

    edited = "Guten Tag,\n\nwir haben nie gesprochen. Bitte schreiben Sie mir nicht mehr.\n\nAnna"
    replied = _post(api_for(anna), f"{base}/reply", {"text": edited})
    assert replied.status_code == 201, replied.content
    assert replied.json()["is_mine"] is True
    assert Message.objects.get(sender=anna).text == edited
    # A decline closes the message request: the sender cannot write again.
    assert (
        _post(
            api_for(marco), f"/conversations/{sent.conversation.pk}/messages", {"text": "Aber"}
        ).status_code
        == 403
    )

    # The sender has no reply to his own message; an outsider does not see it at all.
    assert api_for(marco).get(f"{API}{base}/reply-draft").status_code == 404
    for client in (api_for(malte),):
        assert client.get(f"{API}{base}/reply-draft").status_code == 404
        assert _post(client, f"{base}/reply", {"text": "Hallo"}).status_code == 404
    assert Message.objects.filter(sender=malte).count() == 0


def test_a_welcome_message_has_no_standard_reply(anna, bernd, api_for):
    sent = services.send_message(bernd, recipient_id=anna.pk, text="Hallo Anna, bis Donnerstag!")
    base = f"/conversations/{sent.conversation.pk}/messages/{sent.message.pk}"
    assert api_for(anna).get(f"{API}{base}/reply-draft").status_code == 404
    empty = _post(api_for(anna), f"{base}/reply", {"text": ""})
    assert empty.status_code == 404
