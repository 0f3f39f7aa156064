"""Contact details on every surface besides the profile page (SECURITY.md A16): the vCard
follows the owner's audience exactly; search never shows them, for any audience,
because search results are not throttled like profile views (harvesting).

The digest's matrix is in tests/notifications/test_digest.py; the profile page's in
test_privacy.py. Olaf owns the canaries; Anna is his contact, Clara a stranger.
"""

from __future__ import annotations

import pytest
from django.test import Client

from handschlag.accounts.models import Member
from handschlag.profiles.models import Profile, Visibility
from handschlag.profiles.privacy import ContactDetails
from handschlag.profiles.services import update_privacy, update_profile
from handschlag.profiles.vcard import render_vcard
from tests.conftest import OLAF_EMAIL, OLAF_PHONE

VIEWERS = ["owner", "contact", "member"]
ALLOWED = {
    Visibility.NOBODY: {"owner"},
    Visibility.CONTACTS: {"owner", "contact"},
    Visibility.MEMBERS: {"owner", "contact", "member"},
}
CANARIES = {"email": OLAF_EMAIL, "phone": OLAF_PHONE}


@pytest.fixture
def viewer_client(client_for, anna: Member, clara: Member, olaf: Member):
    def for_viewer(viewer: str) -> Client:
        return client_for({"owner": olaf, "contact": anna, "member": clara}[viewer])

    return for_viewer


@pytest.mark.parametrize("field", ["email", "phone"])
@pytest.mark.parametrize("visibility", list(ALLOWED))
@pytest.mark.parametrize("viewer", VIEWERS)
def test_contact_detail_in_the_vcard(
    viewer_client, olaf: Member, field: str, visibility: str, viewer: str
) -> None:
    update_privacy(olaf, changes={f"{field}_visibility": visibility})

    response = viewer_client(viewer).get(f"/members/{olaf.pk}/vcard/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    card = response.content.decode()
    assert "FN:Olaf Brenner" in card
    shown = CANARIES[field] in card
    assert shown == (viewer in ALLOWED[visibility]), (field, visibility, viewer)
    if not shown:
        assert ("EMAIL" if field == "email" else "TEL") not in card
        assert ("kanarienvogel" if field == "email" else "9988") not in card


def test_visitors_get_no_vcard(client, olaf: Member) -> None:
    response = client.get(f"/members/{olaf.pk}/vcard/")

    assert response.status_code == 302
    assert OLAF_EMAIL not in response.content.decode()


def test_the_profile_page_links_to_the_vcard(viewer_client, olaf: Member) -> None:
    page = viewer_client("contact").get(f"/members/{olaf.pk}/").content.decode()

    assert f"/members/{olaf.pk}/vcard/" in page


@pytest.mark.parametrize("visibility", list(ALLOWED))
@pytest.mark.parametrize("viewer", VIEWERS)
def test_search_results_never_carry_contact_details(
    viewer_client, olaf: Member, visibility: str, viewer: str
) -> None:
    update_privacy(olaf, changes={"email_visibility": visibility, "phone_visibility": visibility})
    client = viewer_client(viewer)

    for page in (
        client.get("/search/", {"q": "Olaf Brenner"}, HTTP_HX_REQUEST="true"),
        client.get("/search/", {"q": "Brenner"}),
    ):
        body = page.content.decode()
        assert "Olaf Brenner" in body
        assert OLAF_EMAIL not in body
        assert OLAF_PHONE not in body
        assert "mailto:" not in body


def test_vcard_text_is_escaped_and_folded(anna: Member) -> None:
    update_profile(
        anna,
        changes={
            "headline": "Steuern; Lohn, Buchhaltung\\Beratung\nund mehr " + "ä" * 60,
            "location": "Köln",
        },
    )
    profile = Profile.objects.select_related("member").get(member=anna)

    card = render_vcard(
        profile,
        ContactDetails(email="anna@example.org", phone="+49 221 1"),
        profile_url="https://example.org/members/1/",
    )

    lines = card.split("\r\n")
    assert lines[0] == "BEGIN:VCARD"
    assert lines[1] == "VERSION:3.0"
    assert "N:Becker;Anna;;;" in lines
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = card.replace("\r\n ", "")
    assert "TITLE:Steuern\\; Lohn\\, Buchhaltung\\\\Beratung\\nund mehr " in unfolded
    assert "EMAIL;TYPE=INTERNET:anna@example.org" in unfolded
    assert card.endswith("END:VCARD\r\n")
