"""Field-level privacy (SECURITY.md A16, P1): each private value appears exactly where
its owner allows it, on every surface that could show it.

Olaf (see ``tests/conftest.py``) owns the canary values; Anna is his contact, Clara a
member who does not know him.
"""

import pytest
from django.test import Client

from handschlag.accounts.models import Member
from handschlag.profiles.models import Visibility
from handschlag.profiles.services import update_privacy
from tests.conftest import OLAF_EMAIL, OLAF_MIN_SALARY, OLAF_PHONE, OLAF_PREFERRED_LOCATION

VIEWERS = ["owner", "contact", "member", "anonymous"]
#: Who sees a detail, for each audience the owner can pick.
ALLOWED = {
    Visibility.NOBODY: {"owner"},
    Visibility.CONTACTS: {"owner", "contact"},
    Visibility.MEMBERS: {"owner", "contact", "member"},
}
CANARIES = {"email": OLAF_EMAIL, "phone": OLAF_PHONE}
SALARY = str(OLAF_MIN_SALARY)
#: The salary as Django or a translator might format it.
SALARY_SPELLINGS = [SALARY, "987.654", "987,654", "987 654", "987\xa0654"]


@pytest.fixture
def viewer_client(client_for, anna: Member, clara: Member, olaf: Member):
    def for_viewer(viewer: str) -> Client:
        members = {"owner": olaf, "contact": anna, "member": clara}
        return Client() if viewer == "anonymous" else client_for(members[viewer])

    return for_viewer


def _page(client: Client, path: str) -> str:
    return client.get(path, follow=True).content.decode()


@pytest.mark.parametrize("field", ["email", "phone"])
@pytest.mark.parametrize("visibility", list(ALLOWED))
@pytest.mark.parametrize("viewer", VIEWERS)
def test_contact_detail_on_the_profile_page(
    viewer_client, olaf: Member, field: str, visibility: str, viewer: str
) -> None:
    update_privacy(olaf, changes={f"{field}_visibility": visibility})

    content = _page(viewer_client(viewer), f"/members/{olaf.pk}/")

    shown = CANARIES[field] in content
    assert shown == (viewer in ALLOWED[visibility]), (field, visibility, viewer)


def test_a_hidden_email_is_not_leaked_by_its_local_part(viewer_client, olaf) -> None:
    update_privacy(olaf, changes={"email_visibility": Visibility.NOBODY})

    content = _page(viewer_client("contact"), f"/members/{olaf.pk}/")

    assert "kanarienvogel" not in content
    assert "mailto:" not in content
    assert "This member shares no contact details with you." in content


def test_a_hidden_phone_is_not_leaked_in_a_tel_link(viewer_client, olaf) -> None:
    content = _page(viewer_client("member"), f"/members/{olaf.pk}/")

    assert "tel:" not in content
    assert "9988" not in content


def test_owner_sees_own_job_preferences(viewer_client, olaf: Member) -> None:
    content = _page(viewer_client("owner"), f"/members/{olaf.pk}/")

    assert f"{SALARY} EUR" in content
    assert OLAF_PREFERRED_LOCATION in content
    assert "only you see this" in content


@pytest.mark.parametrize("viewer", ["contact", "member", "anonymous"])
def test_nobody_else_sees_job_preferences(viewer_client, olaf: Member, viewer: str) -> None:
    update_privacy(olaf, changes={"email_visibility": "members", "phone_visibility": "members"})

    content = _page(viewer_client(viewer), f"/members/{olaf.pk}/")

    for spelling in SALARY_SPELLINGS:
        assert spelling not in content
    assert OLAF_PREFERRED_LOCATION not in content
    assert "Job preferences" not in content


def test_viewers_own_preferences_are_not_shown_on_someone_elses_page(
    viewer_client, olaf: Member, anna: Member
) -> None:
    content = _page(viewer_client("owner"), f"/members/{anna.pk}/")

    assert SALARY not in content
    assert OLAF_PREFERRED_LOCATION not in content


@pytest.mark.parametrize("viewer", ["owner", "contact", "member"])
def test_search_results_never_show_private_values(viewer_client, olaf, viewer) -> None:
    update_privacy(olaf, changes={"email_visibility": "members", "phone_visibility": "members"})
    client = viewer_client(viewer)

    response = client.get("/search/?q=Olaf+Brenner", HTTP_HX_REQUEST="true")
    full_page = client.get("/search/?q=Olaf+Brenner").content.decode()

    results = response.content.decode()
    assert "Olaf Brenner" in results
    for page in (results, full_page):
        for canary in (SALARY, OLAF_PREFERRED_LOCATION, OLAF_EMAIL, OLAF_PHONE):
            assert canary not in page


@pytest.mark.parametrize(
    "query",
    [
        pytest.param({"q": SALARY}, id="salary-as-text"),
        pytest.param({"q": OLAF_PREFERRED_LOCATION}, id="preferred-location-as-text"),
        pytest.param({"location": OLAF_PREFERRED_LOCATION}, id="preferred-location"),
        pytest.param({"q": OLAF_EMAIL}, id="email"),
        pytest.param({"q": "olaf.kanarienvogel"}, id="email-local-part"),
        pytest.param({"employer": OLAF_EMAIL}, id="email-as-employer"),
        pytest.param({"q": OLAF_PHONE}, id="phone"),
        pytest.param({"q": OLAF_PHONE.replace(" ", "")}, id="phone-without-spaces"),
        pytest.param({"location": "9988"}, id="phone-part-as-location"),
    ],
)
def test_search_never_matches_private_values(viewer_client, olaf, query) -> None:
    update_privacy(olaf, changes={"email_visibility": "members", "phone_visibility": "members"})
    client = viewer_client("member")

    response = client.get("/search/", query, HTTP_HX_REQUEST="true")

    assert response.context["page"].paginator.count == 0
    content = response.content.decode()
    assert "0 members found" in content
    assert "Olaf Brenner" not in content


def test_not_found_page_shows_no_private_values(viewer_client, olaf) -> None:
    response = viewer_client("owner").get("/members/999999/")

    assert response.status_code == 404
    content = response.content.decode()
    assert "There is nothing here, or it is not shared with you." in content
    for canary in (SALARY, OLAF_PREFERRED_LOCATION, OLAF_EMAIL, OLAF_PHONE):
        assert canary not in content


def test_private_values_never_in_response_headers(viewer_client, olaf) -> None:
    for viewer in ("owner", "contact", "member"):
        response = viewer_client(viewer).get(f"/members/{olaf.pk}/")
        headers = "\n".join(f"{key}: {value}" for key, value in response.headers.items())
        for canary in (SALARY, OLAF_EMAIL, OLAF_PHONE):
            assert canary not in headers


def test_deactivated_member_profile_is_not_found(viewer_client, olaf) -> None:
    Member.objects.filter(pk=olaf.pk).update(is_active=False)

    response = viewer_client("contact").get(f"/members/{olaf.pk}/")

    assert response.status_code == 404
    assert OLAF_EMAIL not in response.content.decode()
