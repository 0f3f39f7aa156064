"""The member's own connections, mutual contacts on profiles, and people you may know."""

import re
from datetime import date

import pytest
from django.core.cache import cache

from handschlag.accounts.models import Member
from handschlag.network import suggestions
from handschlag.network.connections import get_mutual_contacts
from handschlag.network.models import Connection, ContactRequest
from handschlag.network.queries import are_connected
from handschlag.network.services import connect_members, remove_connection
from tests.accounts.factories import MemberFactory
from tests.profiles.factories import EducationFactory, PositionFactory

### Connections list ###


def test_the_list_shows_how_we_met_and_since_when(anna, bernd, olaf, client_for) -> None:
    page = client_for(anna).get("/network/connections/").content.decode()

    assert "2 connections" in page
    assert "Bernd Wagner" in page
    assert "Worked together" in page
    assert "At an event" in page
    assert "since " in page


def test_the_list_filters_by_how_we_met(anna, bernd, olaf, client_for) -> None:
    page = client_for(anna).get("/network/connections/?how_met=event").content.decode()

    assert "Olaf Brenner" in page
    assert "Bernd Wagner" not in page
    assert "1 connection matches" in page


def test_the_list_searches_names_and_headlines(anna, bernd, olaf, client_for) -> None:
    page = client_for(anna).get("/network/connections/?q=lohn").content.decode()

    assert "Bernd Wagner" in page
    assert "Olaf Brenner" not in page


def test_htmx_gets_only_the_list(anna, bernd, client_for) -> None:
    response = client_for(anna).get("/network/connections/?q=bernd", HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert "Bernd Wagner" in body
    assert "<html" not in body


def test_the_list_shows_only_the_members_own_connections(anna, bernd, clara, client_for) -> None:
    page = client_for(clara).get(f"/network/connections/?member={anna.pk}").content.decode()

    assert "Bernd Wagner" not in page
    assert "You have no connections yet." in page


def test_the_list_has_bounded_queries(anna, client_for, django_assert_max_num_queries) -> None:
    for _ in range(30):
        connect_members(anna, contact=MemberFactory())
    client = client_for(anna)

    with django_assert_max_num_queries(5):
        response = client.get("/network/connections/")

    assert response.content.decode().count('data-testid="connection"') == 30


def test_removing_asks_for_confirmation_first(anna, bernd, client_for) -> None:
    page = client_for(anna).get(f"/network/connections/{bernd.pk}/remove/").content.decode()

    assert "Remove Bernd Wagner from your contacts?" in page
    assert are_connected(anna.pk, bernd.pk)


def test_removing_removes_both_directions(anna, bernd, client_for) -> None:
    client = client_for(anna)
    response = client.post(f"/network/connections/{bernd.pk}/remove/", follow=True)

    assert "Bernd Wagner is no longer one of your contacts." in response.content.decode()
    assert not are_connected(anna.pk, bernd.pk)
    assert not are_connected(bernd.pk, anna.pk)


def test_removing_someone_who_is_not_a_contact_is_a_404(anna, bernd, clara, client_for) -> None:
    client = client_for(clara)

    assert client.get(f"/network/connections/{bernd.pk}/remove/").status_code == 404
    assert client.post(f"/network/connections/{bernd.pk}/remove/").status_code == 404
    assert are_connected(anna.pk, bernd.pk)


def test_removing_needs_the_csrf_token(anna, bernd, client_for) -> None:
    client = client_for(anna, enforce_csrf_checks=True)

    response = client.post(f"/network/connections/{bernd.pk}/remove/")

    assert response.status_code == 403
    assert are_connected(anna.pk, bernd.pk)


### Mutual contacts ###


def _mutual_section(body: str) -> str:
    match = re.search(r'<section[^>]*data-testid="mutual-contacts".*?</section>', body, re.S)
    assert match, "no mutual contacts section"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(0))).strip()


@pytest.fixture
def clara_with_a_big_network(anna, bernd, olaf, clara) -> Member:
    """Clara knows Bernd and Olaf (Anna's contacts) and seven people Anna does not."""
    connect_members(clara, contact=bernd)
    connect_members(clara, contact=olaf)
    for _ in range(7):
        connect_members(clara, contact=MemberFactory())
    return clara


def test_a_profile_shows_the_number_and_names_of_mutual_contacts(
    anna, clara_with_a_big_network, client_for
) -> None:
    body = client_for(anna).get(f"/members/{clara_with_a_big_network.pk}/").content.decode()

    assert _mutual_section(body) == (
        "Contacts in common You have 2 contacts in common: Bernd Wagner, Olaf Brenner. "
        "Ask a mutual contact to introduce you to Clara Vogt"
    )


def test_a_profile_never_reveals_the_other_members_total(
    anna, clara_with_a_big_network, client_for
) -> None:
    body = client_for(anna).get(f"/members/{clara_with_a_big_network.pk}/").content.decode()

    # Clara has 9 contacts; no page Anna can open says so.
    assert not re.search(r"\b9\b", re.sub(r"<[^>]+>", " ", body))


def test_more_mutual_contacts_than_named_are_counted(anna, clara, client_for) -> None:
    for n in range(5):
        shared = MemberFactory(profile__full_name=f"Gemeinsam {n}")
        connect_members(anna, contact=shared)
        connect_members(clara, contact=shared)

    section = _mutual_section(client_for(anna).get(f"/members/{clara.pk}/").content.decode())

    assert section.startswith(
        "Contacts in common You have 5 contacts in common: Gemeinsam 0, Gemeinsam 1, "
        "Gemeinsam 2 and 2 more."
    )


def test_no_mutual_contacts_section_on_the_own_profile(anna, bernd, client_for) -> None:
    body = client_for(anna).get(f"/members/{anna.pk}/").content.decode()

    assert 'data-testid="mutual-contacts"' not in body


def test_no_mutual_contacts_no_section(anna, clara, client_for) -> None:
    body = client_for(anna).get(f"/members/{clara.pk}/").content.decode()

    assert 'data-testid="mutual-contacts"' not in body


def test_contacts_see_no_introduction_link(anna, bernd, olaf, client_for) -> None:
    connect_members(bernd, contact=olaf)

    section = _mutual_section(client_for(anna).get(f"/members/{bernd.pk}/").content.decode())

    assert section == "Contacts in common You have 1 contact in common: Olaf Brenner."


def test_mutual_contacts_take_three_queries(
    anna, clara_with_a_big_network, django_assert_num_queries
) -> None:
    with django_assert_num_queries(3):
        mutual = get_mutual_contacts(anna.pk, clara_with_a_big_network.pk)

    assert (mutual.count, [p.full_name for p in mutual.names]) == (
        2,
        ["Bernd Wagner", "Olaf Brenner"],
    )


### People you may know ###


@pytest.fixture
def common_ground(anna, bernd, olaf) -> dict[str, Member]:
    """Candidates around Anna, each with a different kind of common ground.

    dora: worked at Anna's employer in overlapping years, no mutual contacts
    emil: worked at Anna's employer long before her, no mutual contacts (not suggested)
    frieda: 2 mutual contacts (Bernd, Olaf)
    gerd: 1 mutual contact (Bernd) and a big network of his own
    hanna: same school as Anna and 1 mutual contact (Bernd)
    ida: 1 mutual contact, but her request to Anna is pending (excluded)
    """
    employer = anna.profile.positions.get().employer
    people = {
        name: MemberFactory(profile__full_name=full_name)
        for name, full_name in [
            ("dora", "Dora Kollegin"),
            ("emil", "Emil Ehemaliger"),
            ("frieda", "Frieda Freundin"),
            ("gerd", "Gerd Großnetz"),
            ("hanna", "Hanna Kommilitonin"),
            ("ida", "Ida Anfragende"),
        ]
    }
    PositionFactory(
        profile=people["dora"].profile,
        employer=employer,
        start_date=date(2019, 3, 1),
        end_date=date(2021, 8, 31),
    )
    PositionFactory(
        profile=people["emil"].profile,
        employer=employer,
        start_date=date(2001, 1, 1),
        end_date=date(2005, 1, 1),
    )
    connect_members(people["frieda"], contact=bernd)
    connect_members(people["frieda"], contact=olaf)
    connect_members(people["gerd"], contact=bernd)
    for _ in range(12):
        connect_members(people["gerd"], contact=MemberFactory())
    EducationFactory(profile=anna.profile, school="Universität zu Köln")
    EducationFactory(profile=people["hanna"].profile, school="Universität zu Köln")
    connect_members(people["hanna"], contact=bernd)
    connect_members(people["ida"], contact=bernd)
    ContactRequest.objects.create(
        sender=people["ida"], recipient=anna, intent="other", label="welcome"
    )
    return people


def _names(found: list[suggestions.Suggestion]) -> list[str]:
    return [s.profile.full_name for s in found]


def test_suggestions_rank_colleagues_then_schools_then_mutual_contacts(anna, common_ground) -> None:
    found = suggestions.list_suggestions(anna)

    assert _names(found) == [
        "Dora Kollegin",
        "Hanna Kommilitonin",
        "Frieda Freundin",
        "Gerd Großnetz",
    ]
    assert [s.reasons for s in found] == [
        ["Worked at Becker & Partner Steuerberatung in 2019\N{EN DASH}2021 like you"],
        ["Studied at Universität zu Köln like you", "1 mutual contact"],
        ["2 mutual contacts"],
        ["1 mutual contact"],
    ]


def test_suggestions_exclude_contacts_pending_requests_and_the_member(
    anna, bernd, olaf, common_ground
) -> None:
    ContactRequest.objects.create(
        sender=anna, recipient=common_ground["gerd"], intent="other", label="welcome"
    )

    names = _names(suggestions.list_suggestions(anna))

    for excluded in ("Anna Becker", "Bernd Wagner", "Olaf Brenner", "Ida Anfragende"):
        assert excluded not in names
    assert "Gerd Großnetz" not in names  # Anna's own request is pending


def test_a_big_network_does_not_raise_a_suggestion(anna, bernd, common_ground) -> None:
    """Gerd has 13 contacts and Hanna 1; with one mutual contact each, Hanna's school
    puts her first, and Gerd's network size counts for nothing."""
    found = {s.profile.full_name: s for s in suggestions.list_suggestions(anna)}

    assert found["Gerd Großnetz"].mutual_contacts == 1
    assert _names(list(found.values())).index("Gerd Großnetz") == 3


def test_connecting_invalidates_the_cached_suggestions(anna, bernd, common_ground) -> None:
    assert "Frieda Freundin" in _names(suggestions.list_suggestions(anna))
    assert cache.get(suggestions.cache_key(anna.pk)) is not None

    connect_members(anna, contact=common_ground["frieda"])
    # Frieda's own contact, new to Anna, becomes a contact of a contact.
    newcomer = MemberFactory(profile__full_name="Nora Neu")
    connect_members(common_ground["frieda"], contact=newcomer)
    connect_members(bernd, contact=newcomer)

    names = _names(suggestions.list_suggestions(anna))
    assert "Frieda Freundin" not in names
    assert "Nora Neu" in names


def test_removing_a_connection_invalidates_the_cached_suggestions(
    anna, bernd, common_ground
) -> None:
    assert "Frieda Freundin" in _names(suggestions.list_suggestions(anna))

    remove_connection(anna, contact=bernd)
    remove_connection(anna, contact=Member.objects.get(email__startswith="olaf"))

    names = _names(suggestions.list_suggestions(anna))
    # Schoolmates are found among colleagues and contacts of contacts only (schools have
    # no index to search by), so with no contacts left only the colleague remains.
    assert names == ["Dora Kollegin"]


def test_a_cached_list_is_read_with_few_queries(
    anna, common_ground, django_assert_max_num_queries
) -> None:
    suggestions.list_suggestions(anna)

    # The connections' fingerprint, and the profiles without pending requests.
    with django_assert_max_num_queries(2):
        found = suggestions.list_suggestions(anna)

    assert len(found) == 4


def test_a_sent_request_hides_its_recipient_at_once(anna, common_ground) -> None:
    suggestions.list_suggestions(anna)
    ContactRequest.objects.create(
        sender=anna, recipient=common_ground["dora"], intent="other", label="welcome"
    )

    assert "Dora Kollegin" not in _names(suggestions.list_suggestions(anna))


def test_the_suggestions_page_shows_the_reasons(anna, common_ground, client_for) -> None:
    page = client_for(anna).get("/network/suggestions/").content.decode()

    assert "Worked at Becker &amp; Partner Steuerberatung in 2019\N{EN DASH}2021 like you" in page
    assert "2 mutual contacts" in page


def test_the_suggestions_page_has_bounded_queries(
    anna, common_ground, client_for, django_assert_max_num_queries
) -> None:
    client = client_for(anna)

    with django_assert_max_num_queries(16):
        client.get("/network/suggestions/")
    # Warm: session and member, the header's unread count, then one query for the cached
    # list (the connections' fingerprint together with the suggested profiles).
    with django_assert_max_num_queries(4):
        response = client.get("/network/suggestions/")

    assert response.content.decode().count('data-testid="suggestion"') == 4


def test_a_member_with_no_common_ground_gets_an_explanation(clara, client_for) -> None:
    page = client_for(clara).get("/network/suggestions/").content.decode()

    assert "No suggestions yet." in page


def test_suggestions_are_cached_per_member(anna, clara, common_ground) -> None:
    suggestions.list_suggestions(anna)

    assert suggestions.list_suggestions(clara) == []
    assert Connection.objects.filter(owner=clara).count() == 0
