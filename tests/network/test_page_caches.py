"""The inbox and "people you may know" kept rendered in the cache: an unchanged page is
served from it, and whatever changes (an answer, an undo, a new request, a new name, the
language) shows at once; a failing cache costs speed, never the page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handschlag.network import decisions
from handschlag.network.models import Folder, RequestStatus
from handschlag.network.services import connect_members
from tests.accounts.factories import MemberFactory
from tests.network.test_connections import common_ground  # noqa: F401 - a fixture
from tests.network.test_decisions import colleague_request, collector_request, member

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def without_tokens(page: str) -> str:
    """The page without its CSRF tokens (masked anew for every response)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def cards_in(page: str) -> int:
    return page.count('class="card request-card')


def suggested_in(page: str) -> int:
    return page.count('data-testid="suggestion"')


@pytest.fixture
def failing_cache(settings, tmp_path):
    """A real cache backend that fails on every read and write: its folder is a file."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    working = settings.CACHES
    failing = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(blocked),
    }
    settings.CACHES = {"default": failing, "fragments": failing}
    yield
    settings.CACHES = working  # before the suite's own fixtures clear the cache


### The inbox ###


def test_an_unchanged_inbox_is_served_from_the_cache_with_fewer_queries(anna, clara, client_for):
    colleague_request(clara, anna)
    for n in range(3):
        collector_request(member(f"Sammler {n}"), anna)
    client = client_for(anna)

    with CaptureQueriesContext(connection) as cold:
        first = text_of(client.get(reverse("inbox")))
    with CaptureQueriesContext(connection) as warm:
        second = text_of(client.get(reverse("inbox")))

    assert without_tokens(first) == without_tokens(second)
    assert cards_in(second) == 4
    # Page rows, positions, mutual contacts and reasons are not read again.
    assert len(warm.captured_queries) == len(cold.captured_queries) - 4


def test_an_answer_shows_at_once_and_an_undo_brings_the_card_back(anna, clara, client_for):
    colleague = colleague_request(clara, anna)
    collector = collector_request(member("Kai Sammler"), anna)
    client = client_for(anna)
    assert "Clara Vogt" in text_of(client.get(reverse("inbox")))

    client.post(reverse("inbox_accept", args=[colleague.pk]))
    page = text_of(client.get(reverse("inbox")))
    assert f'id="request-{colleague.pk}"' not in page
    assert cards_in(page) == 1

    client.post(reverse("inbox_unknown", args=[collector.pk]))
    assert cards_in(text_of(client.get(reverse("inbox")))) == 0

    client.post(reverse("inbox_undo", args=[collector.pk]))
    page = text_of(client.get(reverse("inbox")))
    assert "Kai Sammler" in page
    assert "Why is this here?" in page  # the reasons, worded anew for the new card
    assert "The same text went to at least 30 other people recently" in page


def test_a_new_request_shows_at_once_with_the_senders_current_name(anna, clara, client_for):
    colleague_request(clara, anna)
    client = client_for(anna)
    assert "Clara Vogt" in text_of(client.get(reverse("inbox")))

    clara.profile.full_name = "Clara Vogt-Neumann"
    clara.profile.save()
    collector_request(member("Kai Sammler"), anna)

    page = text_of(client.get(reverse("inbox")))
    assert "Kai Sammler" in page
    assert "Clara Vogt-Neumann" in page  # her card is rendered again under its new key


def test_the_cached_inbox_follows_the_members_language(anna, clara, client_for):
    collector_request(member("Kai Sammler"), anna)
    client = client_for(anna)
    assert "The same text went to at least 30 other people recently" in text_of(
        client.get(reverse("inbox"))
    )

    anna.language = "de"
    anna.save()
    page = text_of(client.get(reverse("inbox")))

    assert "Derselbe Text ging kürzlich an mindestens 30 andere Personen" in page
    assert "The same text went to" not in page


def test_each_member_sees_only_their_own_cached_cards(anna, bernd, clara, client_for):
    colleague_request(clara, anna)
    client_for(anna).get(reverse("inbox"))

    page = text_of(client_for(bernd).get(reverse("inbox")))

    assert "Clara Vogt" not in page
    assert cards_in(page) == 0


def test_dismissing_the_filed_folder_works_from_the_cached_list(anna, client_for):
    """The button submits the page's one form (its CSRF token), without JavaScript."""
    filed = [collector_request(member(f"Sammler {n}"), anna, folder=Folder.FILED) for n in range(2)]
    client = client_for(anna, enforce_csrf_checks=True)
    page = text_of(client.get(reverse("inbox"), {"folder": Folder.FILED}))
    action = reverse("inbox_dismiss_filed")
    assert f'form="inbox-act" formaction="{action}"' in page
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]

    response = client.post(action, {"csrfmiddlewaretoken": token, "next": "/inbox/"})

    assert response.status_code == 302
    for request in filed:
        request.refresh_from_db()
        assert request.status == RequestStatus.DECLINED
    assert cards_in(text_of(client.get(reverse("inbox"), {"folder": Folder.FILED}))) == 0


def test_a_page_number_out_of_range_shows_the_last_page(anna, client_for):
    for n in range(23):
        collector_request(member(f"Sammler {n}"), anna)
    client = client_for(anna)

    assert cards_in(text_of(client.get(reverse("inbox"), {"page": "99"}))) == 3
    assert cards_in(text_of(client.get(reverse("inbox"), {"page": "x"}))) == 20
    assert cards_in(text_of(client.get(reverse("inbox"), {"page": "2"}))) == 3


def test_the_inbox_works_when_the_cache_fails(anna, clara, client_for, failing_cache):
    request = colleague_request(clara, anna)
    client = client_for(anna)

    page = text_of(client.get(reverse("inbox")))
    assert "Clara Vogt" in page
    assert "Worked at Becker &amp; Partner Steuerberatung" in page

    decisions.decline_contact_request(anna, request_id=request.pk)
    assert cards_in(text_of(client.get(reverse("inbox")))) == 0


### People you may know ###


def test_suggestions_page_shows_new_names_and_new_contacts_at_once(
    anna,
    bernd,
    client_for,
    common_ground,  # noqa: F811 - the fixture
):
    client = client_for(anna)
    first = text_of(client.get(reverse("suggestions")))
    assert without_tokens(first) == without_tokens(text_of(client.get(reverse("suggestions"))))
    assert "Frieda Freundin" in first
    assert "Worked at Becker &amp; Partner Steuerberatung in 2019" in first

    frieda = common_ground["frieda"]
    frieda.profile.full_name = "Frieda Neuname"
    frieda.profile.save()
    assert "Frieda Neuname" in text_of(client.get(reverse("suggestions")))

    connect_members(anna, contact=frieda)
    page = text_of(client.get(reverse("suggestions")))
    assert "Frieda" not in page


def test_a_request_sent_a_second_ago_hides_its_recipient_from_suggestions(
    anna,
    client_for,
    common_ground,  # noqa: F811 - the fixture
):
    client = client_for(anna)
    assert "Dora Kollegin" in text_of(client.get(reverse("suggestions")))

    colleague_request(anna, common_ground["dora"])

    assert "Dora Kollegin" not in text_of(client.get(reverse("suggestions")))


def test_suggestions_leave_out_deactivated_members(
    anna,
    client_for,
    common_ground,  # noqa: F811 - the fixture
):
    common_ground["dora"].is_active = False
    common_ground["dora"].save()

    page = text_of(client_for(anna).get(reverse("suggestions")))

    assert "Dora Kollegin" not in page
    assert "Hanna Kommilitonin" in page


def test_suggestions_page_works_when_the_cache_fails(
    anna,
    client_for,
    common_ground,  # noqa: F811 - the fixture
    failing_cache,
):
    page = text_of(client_for(anna).get(reverse("suggestions")))

    assert suggested_in(page) == 4
    assert "Studied at Universität zu Köln like you" in page


def test_a_member_without_common_ground_gets_no_suggestions(client_for):
    loner = MemberFactory(profile__full_name="Lena Allein")

    page = text_of(client_for(loner).get(reverse("suggestions")))

    assert suggested_in(page) == 0
    assert "No suggestions yet" in page
