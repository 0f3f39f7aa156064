"""Who viewed my profile: only the viewed member sees views, each as the viewer chose (P3).

Anna's profile is opened by Bernd (named), by Clara (anonymous, "someone from" her
employer) and by Olaf (hidden). Anna sees Bernd by name, Clara only as someone from
Rheinwerk, and nothing of Olaf; nobody else sees any of it, on any page.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from handschlag.accounts.models import Member
from handschlag.network.connections import list_profile_views
from handschlag.network.services import record_profile_view
from handschlag.profiles.models import ViewMode
from handschlag.profiles.services import save_position, update_privacy
from tests.accounts.factories import MemberFactory

NOW = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
CLARA_EMPLOYER = "Rheinwerk Personal AG"


def _mode(member: Member, mode: str) -> None:
    update_privacy(member, changes={"view_mode": mode})


@pytest.fixture
def viewed_anna(anna, bernd, clara, olaf) -> Member:
    """Bernd, Clara and Olaf each opened Anna's profile through the profile page."""
    save_position(
        clara,
        position_id=None,
        employer_name="Altes Amt",
        title="Sachbearbeiterin",
        start_date=date(2010, 1, 1),
        end_date=date(2014, 12, 31),
    )
    save_position(
        clara,
        position_id=None,
        employer_name=CLARA_EMPLOYER,
        title="Personalreferentin",
        start_date=date(2015, 1, 1),
        end_date=None,
    )
    _mode(clara, ViewMode.EMPLOYER)
    _mode(olaf, ViewMode.HIDDEN)
    return anna


def _open_profile(client_for, viewer: Member, viewed: Member) -> None:
    assert client_for(viewer).get(f"/members/{viewed.pk}/").status_code == 200


@pytest.fixture
def views_recorded(viewed_anna, bernd, clara, olaf, client_for) -> Member:
    with time_machine.travel(NOW, tick=False):
        for viewer in (bernd, clara, olaf):
            _open_profile(client_for, viewer, viewed_anna)
    return viewed_anna


def test_anna_sees_named_viewers_by_name_and_employer_mode_viewers_anonymously(
    views_recorded, bernd, clara, olaf
) -> None:
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        views = list_profile_views(views_recorded)

    assert [(v.profile.full_name if v.profile else None, v.employer) for v in views] == [
        (None, CLARA_EMPLOYER),
        ("Bernd Wagner", ""),
    ]


def test_the_page_names_bernd_and_never_clara_or_olaf(
    views_recorded, client_for, bernd, clara, olaf
) -> None:
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        page = client_for(views_recorded).get("/network/profile-views/").content.decode()

    assert "Bernd Wagner" in page
    assert f'href="/members/{bernd.pk}/"' in page
    assert f"Someone from {CLARA_EMPLOYER}" in page
    # Clara is never named, linked or hinted at; Olaf does not appear at all.
    for hidden in ("Clara Vogt", "Personalreferentin", f"/members/{clara.pk}/", clara.email):
        assert hidden not in page
    for hidden in ("Olaf Brenner", "Bauleiter", f"/members/{olaf.pk}/", olaf.email):
        assert hidden not in page
    # Hidden viewers are not counted either: two views, not three.
    assert "2 views" in page


def test_an_employer_mode_viewer_without_a_current_employer_is_a_member(anna, client_for) -> None:
    viewer = MemberFactory(profile__full_name="Ines Unbekannt")
    _mode(viewer, ViewMode.EMPLOYER)
    record_profile_view(viewer, viewed_id=anna.pk)

    page = client_for(anna).get("/network/profile-views/").content.decode()

    assert "A member" in page
    assert "Ines Unbekannt" not in page
    assert f"/members/{viewer.pk}/" not in page


def test_a_viewer_who_hides_later_disappears_from_earlier_views(anna, bernd) -> None:
    record_profile_view(bernd, viewed_id=anna.pk)
    _mode(bernd, ViewMode.HIDDEN)

    assert list_profile_views(anna) == []


def test_views_older_than_90_days_are_not_listed(anna, bernd) -> None:
    with time_machine.travel(NOW - timedelta(days=91), tick=False):
        record_profile_view(bernd, viewed_id=anna.pk)

    with time_machine.travel(NOW, tick=False):
        assert list_profile_views(anna) == []


def test_a_third_party_sees_no_view_on_any_page(views_recorded, client_for, bernd, clara) -> None:
    """Clara viewed Anna too; Bernd, a third party, sees nothing of who viewed Anna."""
    third = MemberFactory(profile__full_name="Theo Dritter")
    pages = [
        "/network/profile-views/",
        f"/network/profile-views/?member={views_recorded.pk}",
        f"/members/{views_recorded.pk}/",
        "/network/connections/",
        "/network/suggestions/",
        "/network/introductions/",
        "/network/health/",
        f"/members/{views_recorded.pk}/introduction/",
    ]
    for url in pages:
        body = client_for(third).get(url).content.decode()
        assert CLARA_EMPLOYER not in body, url
        assert "Someone from" not in body, url
        assert "Bernd Wagner" not in body or url.startswith("/members/"), url


def test_the_views_page_shows_only_the_logged_in_members_own_views(
    views_recorded, client_for, bernd
) -> None:
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        page = client_for(bernd).get(f"/network/profile-views/?member={views_recorded.pk}")

    body = page.content.decode()
    assert "0 views" in body
    assert f"Someone from {CLARA_EMPLOYER}" not in body


def test_the_views_page_needs_a_login(client) -> None:
    response = client.get("/network/profile-views/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_views_page_has_bounded_queries(
    anna, client_for, django_assert_max_num_queries
) -> None:
    for n in range(15):
        viewer = MemberFactory()
        if n % 2:
            _mode(viewer, ViewMode.EMPLOYER)
        record_profile_view(viewer, viewed_id=anna.pk)
    client = client_for(anna)

    with django_assert_max_num_queries(6):
        response = client.get("/network/profile-views/")

    assert response.content.decode().count('data-testid="profile-view"') == 15
