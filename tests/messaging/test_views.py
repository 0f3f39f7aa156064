"""The messaging pages: what each member may see and do, XSS, paging and query bounds."""

from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from handschlag.messaging import services
from handschlag.messaging.models import Message, Participant, ParticipantState
from handschlag.messaging.queries import CONVERSATION_PAGE_SIZE
from handschlag.moderation.models import Report
from tests.messaging.factories import acquirer, connect, history, member
from tests.messaging.test_services import CLAIM, PITCH

pytestmark = pytest.mark.django_db

XSS = (
    "Hallo <script>alert('x')</script> <img src=x onerror=alert(1)> "
    '<a href="javascript:alert(2)">klick</a> javascript:alert(3) '
    "<svg onload=alert(4)></svg> https://example.org/?q=<b>1</b> "
    "[x](javascript:alert(5)) mailto:anna@example.org"
)


class _Elements(HTMLParser):
    """Every start tag with its attributes, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def elements(body: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(body)
    return parser.tags


def message_part(html: str) -> str:
    start = html.index('<ol class="messages-list"')
    return html[start : html.index("</ol>", start)]


### XSS ###


def test_script_tags_event_handlers_and_javascript_links_render_inert(anna, bernd, client_for):
    connect(bernd, anna, days_ago=100)
    sent = services.send_message(bernd, recipient_id=anna.pk, text=XSS)
    body = client_for(anna).get(reverse("conversation", args=[sent.conversation.pk])).content
    part = message_part(body.decode())
    found = elements(part)
    assert not [t for t, _a in found if t in ("script", "img", "svg", "iframe")]
    assert not [a for _t, attrs in found for a in attrs if a.startswith("on")]
    hrefs = [attrs.get("href") or "" for t, attrs in found if t == "a"]
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript")]
    # The safe links are links, with the rel the sanitizer enforces; the rest is text.
    links = [
        attrs
        for t, attrs in found
        if t == "a" and (attrs.get("href") or "").startswith(("https:", "mailto:"))
    ]
    assert {a["href"] for a in links} >= {"https://example.org/?q=", "mailto:anna@example.org"}
    assert all(a.get("rel") == "nofollow noopener ugc" for a in links)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in part or "&lt;script&gt;" in part


def test_the_sanitizer_output_is_idempotent():
    from handschlag.messaging.markup import clean, linkify

    once = clean(linkify(XSS))
    assert clean(once) == once


### Privacy ###


def test_a_non_participant_never_reads_a_conversation(anna, bernd, clara, client_for):
    connect(bernd, anna, days_ago=100)
    sent = services.send_message(bernd, recipient_id=anna.pk, text="Vertraulich: Angebot 4711")
    url = reverse("conversation", args=[sent.conversation.pk])
    stranger = client_for(clara)
    assert stranger.get(url).status_code == 404
    assert stranger.get(url + "?before=1").status_code == 404
    assert stranger.post(url, {"text": "Ich bin auch da"}).status_code == 404
    for name in ("report_message", "reply_message"):
        assert (
            stranger.get(reverse(name, args=[sent.conversation.pk, sent.message.pk])).status_code
            == 404
        )
    assert (
        stranger.post(
            reverse("delete_message", args=[sent.conversation.pk, sent.message.pk])
        ).status_code
        == 404
    )
    for name in ("accept_message_request", "ignore_message_request"):
        assert stranger.post(reverse(name, args=[sent.conversation.pk])).status_code == 404
    assert not Message.objects.filter(sender=clara).exists()
    assert "4711" not in stranger.get(reverse("conversations")).content.decode()


def test_anonymous_visitors_are_sent_to_the_login(anna, bernd, client):
    connect(bernd, anna, days_ago=100)
    sent = services.send_message(bernd, recipient_id=anna.pk, text="Hallo")
    for url in (
        reverse("conversations"),
        reverse("message_requests"),
        reverse("conversation", args=[sent.conversation.pk]),
        reverse("write_message", args=[anna.pk]),
        reverse("new_group_conversation"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_message_requests_of_others_are_invisible(anna, clara, client_for):
    marco = acquirer()
    services.send_message(marco, recipient_id=anna.pk, text=CLAIM)
    body = client_for(clara).get(reverse("message_requests")).content.decode()
    assert "Marco Stein" not in body
    assert "No message requests are waiting." in body
    own = client_for(anna).get(reverse("message_requests")).content.decode()
    assert "Marco Stein" in own


def test_the_sender_never_sees_the_verdict_on_their_own_message(anna, client_for):
    marco = acquirer()
    sent = services.send_message(marco, recipient_id=anna.pk, text=CLAIM)
    body = (
        client_for(marco).get(reverse("conversation", args=[sent.conversation.pk])).content.decode()
    )
    assert "claims an earlier contact" not in body.lower()
    assert "flagged-message" not in body
    # He reads the same sentence whether Anna waits, ignores or reports.
    assert "Anna Becker has not accepted your message yet." in body
    services.report_message(anna, message_id=sent.message.pk, reason="fake")
    body = (
        client_for(marco).get(reverse("conversation", args=[sent.conversation.pk])).content.decode()
    )
    assert "Anna Becker has not accepted your message yet." in body
    assert "Reported" not in body


def test_the_reporter_is_never_named_to_the_reported_member(anna, client_for):
    marco = acquirer()
    sent = services.send_message(marco, recipient_id=anna.pk, text=CLAIM)
    client_for(anna).post(
        reverse("report_message", args=[sent.conversation.pk, sent.message.pk]),
        {"reason": "fake", "comment": "Kenne ich nicht"},
    )
    assert Report.objects.get(reported=marco).content == CLAIM
    marco_client = client_for(marco)
    for url in (reverse("conversations"), reverse("conversation", args=[sent.conversation.pk])):
        body = marco_client.get(url).content.decode()
        assert "Kenne ich nicht" not in body


### The recipient's pages ###


def test_a_message_request_shows_its_verdict_and_reasons_in_the_readers_language(anna, client_for):
    marco = acquirer()
    sent = services.send_message(marco, recipient_id=anna.pk, text=CLAIM)
    folder = client_for(anna).get(reverse("message_requests")).content.decode()
    assert "Claims an earlier contact" in folder
    page = client_for(anna, HTTP_ACCEPT_LANGUAGE="de").get(
        reverse("conversation", args=[sent.conversation.pk])
    )
    body = page.content.decode()
    assert 'data-testid="request-banner"' in body
    assert "Behauptet einen früheren Kontakt" in body


def test_accept_and_ignore_through_the_pages(anna, client_for):
    marco = acquirer()
    first = services.send_message(marco, recipient_id=anna.pk, text="Guten Tag, eine Frage.")
    other = acquirer("sven.sales@example.org")
    second = services.send_message(other, recipient_id=anna.pk, text=CLAIM)
    anna_client = client_for(anna)
    response = anna_client.post(reverse("accept_message_request", args=[first.conversation.pk]))
    assert response.status_code == 302
    response = anna_client.post(reverse("ignore_message_request", args=[second.conversation.pk]))
    assert response["Location"] == reverse("message_requests")
    states = dict(Participant.objects.filter(member=anna).values_list("conversation_id", "state"))
    assert states == {
        first.conversation.pk: ParticipantState.ACTIVE,
        second.conversation.pk: ParticipantState.IGNORED,
    }
    assert "Marco Stein" in anna_client.get(reverse("conversations")).content.decode()


def test_flagged_messages_are_collapsed_with_their_reasons(anna, client_for):
    marco = acquirer()
    connect(marco, anna, days_ago=2)
    services.send_message(marco, recipient_id=anna.pk, text=PITCH)
    conversation = Participant.objects.get(member=anna).conversation_id
    body = client_for(anna).get(reverse("conversation", args=[conversation])).content.decode()
    assert '<details class="flagged-message"' in body
    assert "Sells 2 days after you connected" in body


def test_the_standard_reply_page_previews_edits_and_sends(anna, client_for):
    marco = acquirer()
    sent = services.send_message(marco, recipient_id=anna.pk, text=CLAIM)
    url = reverse("reply_message", args=[sent.conversation.pk, sent.message.pk])
    anna_client = client_for(anna)
    body = anna_client.get(url).content.decode()
    assert "you write “wie besprochen”" in body
    edited = "Hello Marco,\n\nwe have never spoken. Please stop.\n\nAnna"
    preview = anna_client.post(url, {"text": edited, "preview": "1"}).content.decode()
    assert "we have never spoken. Please stop." in preview
    assert Message.objects.filter(sender=anna).count() == 0
    response = anna_client.post(url, {"text": edited, "send": "1"})
    assert response.status_code == 302
    assert Message.objects.get(sender=anna).text == edited


def test_writing_from_a_profile_starts_or_continues_the_pair_conversation(anna, bernd, client_for):
    connect(bernd, anna, days_ago=100)
    bernd_client = client_for(bernd)
    form = bernd_client.get(reverse("write_message", args=[anna.pk])).content.decode()
    assert "is not one of your contacts" not in form
    response = bernd_client.post(reverse("write_message", args=[anna.pk]), {"text": "Hallo Anna"})
    conversation = Message.objects.get(sender=bernd).conversation_id
    assert response["Location"] == reverse("conversation", args=[conversation])
    again = bernd_client.get(reverse("write_message", args=[anna.pk]))
    assert again["Location"] == reverse("conversation", args=[conversation])
    assert bernd_client.get(reverse("write_message", args=[bernd.pk])).status_code == 404


def test_an_htmx_send_answers_with_the_thread(anna, bernd, client_for):
    connect(bernd, anna, days_ago=100)
    sent = services.send_message(bernd, recipient_id=anna.pk, text="Hallo")
    response = client_for(anna).post(
        reverse("conversation", args=[sent.conversation.pk]),
        {"text": "Hallo Bernd"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="thread">')
    assert "Hallo Bernd" in body


def test_the_navigation_counts_unread_conversations_and_waiting_requests(anna, bernd, client_for):
    connect(bernd, anna, days_ago=100)
    sent = services.send_message(bernd, recipient_id=anna.pk, text="Hallo")
    services.send_message(acquirer(), recipient_id=anna.pk, text=CLAIM)
    anna_client = client_for(anna)
    home = anna_client.get(reverse("conversations")).content.decode()
    assert 'aria-label="2 new">2</span>' in home
    anna_client.get(reverse("conversation", args=[sent.conversation.pk]))
    home = anna_client.get(reverse("conversations")).content.decode()
    assert 'aria-label="1 new">1</span>' in home


def test_a_long_conversation_opens_with_the_newest_fifty_in_bounded_queries(
    anna, bernd, client_for, django_assert_max_num_queries
):
    connect(bernd, anna, days_ago=900)
    conversation = history(bernd, anna, messages=500, since=timezone.now() - timedelta(days=800))
    anna_client = client_for(anna)
    url = reverse("conversation", args=[conversation.pk])
    with django_assert_max_num_queries(14):
        response = anna_client.get(url)
    body = response.content.decode()
    assert body.count('data-testid="message"') == CONVERSATION_PAGE_SIZE
    assert "Nachricht 499:" in body and "Nachricht 449:" not in body
    older = next(
        attrs["href"] for t, attrs in elements(body) if attrs.get("data-testid") == "older"
    )
    body = anna_client.get(url + older).content.decode()
    assert "Nachricht 449:" in body and "Nachricht 450:" not in body


def test_a_group_is_started_from_the_form_with_contacts_only(anna, bernd, olaf, client_for):
    anna_client = client_for(anna)
    page = anna_client.get(reverse("new_group_conversation")).content.decode()
    assert "Bernd Wagner" in page and "Olaf Brenner" in page
    response = anna_client.post(
        reverse("new_group_conversation"),
        {"title": "Stammtisch", "members": [bernd.pk, olaf.pk], "text": "Donnerstag?"},
    )
    assert response.status_code == 302
    stranger = member("zoe.fremd@example.org", "Zoe Fremd")
    response = anna_client.post(
        reverse("new_group_conversation"), {"members": [bernd.pk, stranger.pk], "text": "Hallo"}
    )
    assert response.status_code == 200
    assert Participant.objects.filter(member=stranger).count() == 0
