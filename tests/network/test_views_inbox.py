"""The inbox pages: what the recipient reads, the actions with and without htmx, the policy
page, permissions (404 for everyone else), CSRF, query bounds and the reporter's anonymity."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from handschlag.moderation.models import Report
from handschlag.network.models import (
    Connection,
    ContactRequest,
    Decision,
    Folder,
    RequestPolicy,
    RequestStatus,
)
from tests.accounts.factories import MemberFactory
from tests.network.test_decisions import (
    COLLECTOR_NOTE,
    colleague_request,
    collector_request,
    member,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}

ACTIONS = ("inbox_accept", "inbox_decline", "inbox_reply", "inbox_unknown", "inbox_report")


@pytest.fixture
def kai():
    return member("Kai Sammler", email="kai.sammler@example.org")


def text_of(response) -> str:
    return response.content.decode()


### Reading ###


def test_the_inbox_shows_sender_note_common_ground_and_reasons(anna, clara, kai, client_for):
    colleague_request(clara, anna)
    collector_request(kai, anna)

    response = client_for(anna).get(reverse("inbox"))

    assert response.status_code == 200
    page = text_of(response)
    assert "Clara Vogt" in page
    assert "Personalreferentin" in page
    assert "Worked at Becker &amp; Partner Steuerberatung" in page
    assert "Why is this here?" in page
    assert "The same text went to at least 30 other people recently" in page
    assert "Let&#x27;s connect!" in page
    # Welcome comes before spam, whatever arrived last.
    assert page.index("Clara Vogt") < page.index("Kai Sammler")


def test_a_german_recipient_reads_german_reasons_an_english_one_english(clara, kai, client_for):
    german = member("Greta Groß", language="de")
    english = member("Emily Stone", language="en")
    collector_request(kai, german)
    collector_request(kai, english)

    german_page = text_of(client_for(german).get(reverse("inbox")))
    english_page = text_of(client_for(english).get(reverse("inbox")))

    assert "Derselbe Text ging kürzlich an mindestens 30 andere Personen" in german_page
    assert "The same text went to at least 30 other people" not in german_page
    assert "The same text went to at least 30 other people recently" in english_page
    assert "Derselbe Text" not in english_page


def test_the_inbox_runs_a_fixed_number_of_queries(anna, client_for, django_assert_max_num_queries):
    client = client_for(anna)
    collector_request(member("Erster Sammler"), anna)
    # Session and member (2), the header's unread count (1); grouped counts, page rows,
    # positions, mutual contacts and, to render the cards, their reasons (5).
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("inbox"))
    for n in range(25):
        sender = member(f"Sammler {n}")
        Connection.objects.create(owner=sender, contact=member(f"Kontakt {n}"))
        (colleague_request if n % 2 else collector_request)(sender, anna)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("inbox"))

    assert text_of(response).count('class="card request-card') == 20  # one page


def test_the_cards_share_one_form_and_post_to_their_own_actions(anna, clara, kai, client_for):
    """One CSRF token for all cards' buttons (the page's form), each button posting to
    its request's own action address, with and without htmx."""
    requests = [colleague_request(clara, anna), collector_request(kai, anna)]

    page = text_of(client_for(anna).get(reverse("inbox"), {"intent": ""}))

    # The page's form, plus the header's log-out and language forms: none per card.
    assert page.count('name="csrfmiddlewaretoken"') == 3
    assert '<form id="inbox-act" method="post" hidden>' in page
    assert '<input type="hidden" name="next" value="/inbox/?intent=">' in page
    for request in requests:
        for name in ("inbox_accept", "inbox_decline", "inbox_unknown"):
            url = reverse(name, args=[request.pk])
            assert f'<button form="inbox-act" formaction="{url}" hx-post="{url}"' in page
        for name in ("inbox_reply", "inbox_report"):
            url = reverse(name, args=[request.pk])
            assert f'href="{url}" hx-get="{url}"' in page
    assert "<style>" not in page  # the styles live in site.css


def test_an_undoable_card_posts_undo_to_its_own_address(anna, kai, client_for):
    request = collector_request(kai, anna)
    client = client_for(anna)
    client.post(reverse("inbox_unknown", args=[request.pk]))

    card = text_of(client.get(reverse("inbox_request", args=[request.pk]), **HTMX))

    url = reverse("inbox_undo", args=[request.pk])
    assert f'<button form="inbox-act" formaction="{url}" hx-post="{url}"' in card
    assert 'hx-target="this" hx-swap="outerHTML"' in card


def test_the_filed_folder_and_the_label_and_intent_filters(anna, clara, kai, client_for):
    colleague_request(clara, anna)
    collector_request(kai, anna, folder=Folder.FILED)
    client = client_for(anna)

    filed = text_of(client.get(reverse("inbox"), {"folder": "filed"}))
    spam_tab = text_of(client.get(reverse("inbox"), {"label": "spam"}))
    recruiting = text_of(client.get(reverse("inbox"), {"intent": "worked_together"}))

    assert "Kai Sammler" in filed
    assert "Clara Vogt" not in filed
    assert "Dismiss all filed requests" in filed
    assert "Clara Vogt" not in spam_tab
    assert "Clara Vogt" in recruiting


def test_htmx_filtering_answers_with_the_list_only(anna, clara, client_for):
    colleague_request(clara, anna)

    response = client_for(anna).get(reverse("inbox"), {"label": "welcome"}, **HTMX)

    assert "Clara Vogt" in text_of(response)
    assert "<html" not in text_of(response)


### Acting ###


def test_accept_without_javascript_redirects_and_connects(anna, clara, client_for):
    request = colleague_request(clara, anna)

    response = client_for(anna).post(
        reverse("inbox_accept", args=[request.pk]), {"next": "/inbox/?label=welcome"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/inbox/?label=welcome"
    assert Connection.objects.filter(owner=anna, contact=clara).exists()


def test_accept_never_redirects_off_site(anna, clara, client_for):
    request = colleague_request(clara, anna)

    response = client_for(anna).post(
        reverse("inbox_accept", args=[request.pk]), {"next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("inbox")


def test_accept_with_htmx_swaps_the_card(anna, clara, client_for):
    request = colleague_request(clara, anna)

    response = client_for(anna).post(reverse("inbox_accept", args=[request.pk]), **HTMX)

    page = text_of(response)
    assert "You and Clara Vogt are now connected." in page
    assert f'id="request-{request.pk}"' in page
    assert "<html" not in page
    assert "I don&#x27;t know this person" not in page  # the actions are gone


def test_answering_twice_shows_the_message(anna, clara, client_for):
    request = colleague_request(clara, anna)
    client = client_for(anna)
    client.post(reverse("inbox_accept", args=[request.pk]))

    response = client.post(reverse("inbox_decline", args=[request.pk]), follow=True)

    assert "This request has already been answered." in text_of(response)


def test_decline_with_a_reply_preview_edit_send(
    anna, kai, client_for, django_capture_on_commit_callbacks
):
    request = collector_request(kai, anna)
    client = client_for(anna)
    url = reverse("inbox_reply", args=[request.pk])

    draft = text_of(client.get(url))
    assert "Hello Kai Sammler," in draft
    assert "I keep my network to people I know" in draft

    edited = "Hello Kai,\n\nI only connect with people I have met.\n\nAnna"
    preview = text_of(client.post(url, {"reply_text": edited, "preview": "1"}))
    assert "I only connect with people I have met." in preview
    assert ContactRequest.objects.get(pk=request.pk).status == RequestStatus.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reply_text": edited, "send": "1"})

    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.decision, request.reply_text) == (Decision.REPLIED, edited)
    assert len(mail.outbox) == 1
    assert edited in mail.outbox[0].body


def test_the_reply_form_with_htmx_is_a_card(anna, kai, client_for):
    request = collector_request(kai, anna)

    response = client_for(anna).get(reverse("inbox_reply", args=[request.pk]), **HTMX)

    assert "Send reply and decline" in text_of(response)
    assert "<html" not in text_of(response)


def test_i_dont_know_then_undo(anna, kai, client_for):
    request = collector_request(kai, anna)
    client = client_for(anna)

    card = text_of(client.post(reverse("inbox_unknown", args=[request.pk]), **HTMX))
    assert "You told us you do not know Kai Sammler. The request is declined." in card
    assert reverse("inbox_undo", args=[request.pk]) in card

    card = text_of(client.post(reverse("inbox_undo", args=[request.pk]), **HTMX))

    assert "Undone. The request is waiting in your inbox again." in card
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_the_policys_declines_wait_in_the_filed_folder_with_undo(anna, kai, client_for):
    request = collector_request(
        kai,
        anna,
        folder=Folder.FILED,
        status=RequestStatus.DECLINED,
        decision=Decision.AUTO_DECLINED,
    )
    client = client_for(anna)

    filed = text_of(client.get(reverse("inbox"), {"folder": "filed"}))
    assert "Declined by my policy" in filed
    assert reverse("inbox_undo", args=[request.pk]) in filed

    client.post(reverse("inbox_undo", args=[request.pk]))

    assert "Kai Sammler" in text_of(client.get(reverse("inbox")))


def test_report_with_a_reason(anna, kai, client_for):
    request = collector_request(kai, anna)
    client = client_for(anna)
    url = reverse("inbox_report", args=[request.pk])

    form = text_of(client.get(url))
    assert "Spam or mass messages" in form

    response = client.post(url, {"reason": "spam", "comment": "An alle."}, follow=True)

    assert (
        "Thank you. The moderators will look at your report; "
        "Kai Sammler will not learn who reported them."
    ) in text_of(response)
    report = Report.objects.get()
    assert (report.reporter, report.reported, report.content) == (anna, kai, COLLECTOR_NOTE)


def test_dismiss_all_filed(anna, kai, client_for):
    request = collector_request(kai, anna, folder=Folder.FILED)

    response = client_for(anna).post(reverse("inbox_dismiss_filed"), follow=True)

    assert "1 filed request was dismissed." in text_of(response)
    request.refresh_from_db()
    assert request.decision == Decision.DISMISSED


### The policy page ###


def test_the_policy_page_explains_and_saves(anna, client_for):
    client = client_for(anna)

    page = text_of(client.get(reverse("request_policy")))
    assert "Nothing is deleted unseen." in page

    response = client.post(
        reverse("request_policy"),
        {
            "note_required": "always",
            "review_action": "keep",
            "decline_action": "file",
            "spam_action": "decline",
            "filed_intents": ["business", "recruiting"],
        },
        follow=True,
    )

    assert "Your request policy has been saved." in text_of(response)
    policy = RequestPolicy.objects.get(member=anna)
    assert (policy.note_required, policy.spam_action) == ("always", "decline")
    assert policy.filed_intents == ["business", "recruiting"]


def test_a_members_policy_is_private(anna, clara, client_for):
    RequestPolicy.objects.create(member=anna, filed_intents=["recruiting"], spam_action="decline")

    page = text_of(client_for(clara).get(reverse("request_policy")))

    # Clara sees her own defaults, never Anna's choices.
    assert 'value="recruiting" checked' not in page
    assert not re.search(r'value="decline"[^>]*checked[^>]*id="id_spam_action', page)


### Permissions and CSRF ###


@pytest.mark.parametrize("name", [*ACTIONS, "inbox_undo", "inbox_request"])
def test_every_action_is_a_404_for_the_sender_and_third_parties(anna, clara, kai, client_for, name):
    request = collector_request(kai, anna)
    url = reverse(name, args=[request.pk])

    for outsider in (kai, clara):
        client = client_for(outsider)
        assert client.post(url, {"reason": "spam", "reply_text": "x", "send": "1"}).status_code in (
            404,
            405,
        )
        assert client.get(url).status_code in (404, 405)
        assert client.get(url, **HTMX).status_code in (404, 405)

    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


@pytest.mark.parametrize("name", [*ACTIONS, "inbox_undo"])
def test_no_get_changes_a_request(anna, kai, client_for, name):
    request = collector_request(kai, anna)

    client_for(anna).get(reverse(name, args=[request.pk]))

    request.refresh_from_db()
    assert (request.status, request.decision) == (RequestStatus.PENDING, "")


def test_actions_need_the_csrf_token(anna, clara):
    request = colleague_request(clara, anna)
    client = Client(enforce_csrf_checks=True)
    client.force_login(anna, backend="django.contrib.auth.backends.ModelBackend")

    response = client.post(reverse("inbox_accept", args=[request.pk]))

    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_the_inbox_needs_a_login(client):
    response = client.get(reverse("inbox"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


### The reporter stays anonymous (SECURITY.md P4) ###


def _pages_without_arguments() -> list[str]:
    """Every GET route without URL arguments, outside the admin and the account pages."""
    urls: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for entry in patterns:
            route = str(entry.pattern)
            if isinstance(entry, URLResolver):
                if route.startswith(("admin/", "accounts/", "i18n/")):
                    continue
                walk(entry.url_patterns, prefix + route)
            elif isinstance(entry, URLPattern) and "<" not in route and "(?P" not in route:
                urls.append("/" + prefix + route.lstrip("^").rstrip("$"))

    walk(get_resolver().url_patterns, "")
    return sorted(set(urls))


def _reachable_pages(client: Client, member_id: int) -> dict[str, str]:
    """Every page without arguments, plus the member's own profile, as the member sees it,
    with what differs between two members by construction (ids, tokens) blanked out."""
    # The API's schema and docs are the same text for everyone (and name the report
    # operations); what the API answers each member is walked in tests/api.
    urls = [
        *(url for url in _pages_without_arguments() if not url.startswith("/api/")),
        reverse("profile_detail", args=[member_id]),
    ]
    pages: dict[str, str] = {}
    for url in urls:
        for headers in ({}, HTMX):
            response = client.get(url, **headers)
            if response.status_code != 200:
                continue
            body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text_of(response))
            body = re.sub(r"[\w.+-]+@example\.org", "EMAIL", body)
            pages[re.sub(r"\d+", "N", f"{url} {bool(headers)}")] = re.sub(r"\d+", "N", body)
    return pages


#: Pages that tell every member alike what happens to reports (a deleted account's are
#: kept for the moderators); the comparison above proves they read the same for both.
EXPLAINS_REPORTS = ("/settings/delete-account/", "/settings/your-data/")


def test_the_reported_member_cannot_tell_a_report_from_i_dont_know(anna, client_for):
    """SECURITY.md P4: two collectors with the same name ask Anna; she reports one and says
    "I don't know this person" to the other. Every page each can reach reads the same, so
    the reported one cannot tell that Anna, or anyone, reported him; and no email says so."""
    twins = {"profile__full_name": "Kai Sammler", "profile__headline": "", "profile__location": ""}
    reported = MemberFactory(email="kai.eins@example.org", **twins)
    unknown = MemberFactory(email="kai.zwei@example.org", **twins)
    to_report = collector_request(reported, anna)
    to_decline = collector_request(unknown, anna)
    client = client_for(anna)
    client.post(reverse("inbox_report", args=[to_report.pk]), {"reason": "spam", "comment": "!"})
    client.post(reverse("inbox_unknown", args=[to_decline.pk]))
    assert Report.objects.filter(reporter=anna, reported=reported).exists()

    seen_by_reported = _reachable_pages(client_for(reported), reported.pk)
    seen_by_unknown = _reachable_pages(client_for(unknown), unknown.pk)

    assert len(seen_by_reported) >= 5
    assert seen_by_reported.keys() == seen_by_unknown.keys()
    for page, body in seen_by_reported.items():
        assert body == seen_by_unknown[page], f"{page} differs after a report"
        assert anna.email not in body
        if page.startswith(EXPLAINS_REPORTS):
            continue  # the same sentence for every member, about reports in general
        assert "report" not in body.lower().replace("reported a request", ""), page
    assert mail.outbox == []
