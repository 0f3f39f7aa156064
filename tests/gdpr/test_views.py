"""The "Your data" and "Delete account" pages."""

import io
import json
import zipfile

from django.test import Client
from tests.conftest import PERSONA_PASSWORD

from handschlag.accounts.models import Member
from handschlag.gdpr.deletion import is_tombstone

YOUR_DATA = "/settings/your-data/"
DELETE = "/settings/delete-account/"
LOGIN_URL = "/accounts/login/"


def test_both_pages_are_for_signed_in_members(db: None) -> None:
    for url in (YOUR_DATA, DELETE):
        response = Client().get(url)
        assert response.status_code == 302
        assert response.url.startswith(LOGIN_URL)


def test_the_profile_links_both_pages_for_its_owner_only(
    anna: Member, bernd: Member, client_for
) -> None:
    own = client_for(anna).get(f"/members/{anna.pk}/").content.decode()
    assert f'href="{YOUR_DATA}"' in own
    assert f'href="{DELETE}"' in own
    other = client_for(bernd).get(f"/members/{anna.pk}/").content.decode()
    assert YOUR_DATA not in other


def test_the_download_needs_the_password(anna: Member, client_for) -> None:
    response = client_for(anna).post(YOUR_DATA, {"password": "falsch", "format": "zip"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"password": ["That is not your password."]}


def test_the_download_is_a_zip_with_json_and_html(anna: Member, client_for) -> None:
    response = client_for(anna).post(YOUR_DATA, {"password": PERSONA_PASSWORD, "format": "zip"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="handschlag-data-')
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert json.loads(archive.read("data.json"))["account"]["email"] == anna.email
    assert "Anna Becker" in archive.read("index.html").decode()


def test_the_json_alone(anna: Member, client_for) -> None:
    response = client_for(anna).post(YOUR_DATA, {"password": PERSONA_PASSWORD, "format": "json"})

    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["profile"]["full_name"] == "Anna Becker"


def test_five_wrong_passwords_lock_the_page_for_a_while(anna: Member, client_for) -> None:
    client = client_for(anna)
    for _ in range(5):
        client.post(YOUR_DATA, {"password": "geraten", "format": "zip"})

    response = client.post(YOUR_DATA, {"password": PERSONA_PASSWORD, "format": "zip"})

    assert response.context["form"].errors == {
        "password": ["Too many wrong passwords. Please wait 30 minutes and try again."]
    }


def test_the_delete_page_says_what_goes_and_what_stays(anna: Member, client_for) -> None:
    page = client_for(anna).get(DELETE).content.decode()
    assert "What is deleted at once" in page
    assert "What is kept, and why" in page
    assert "Art. 17(3)(e) GDPR" in page
    assert "<strong>DELETE</strong>" in page


def test_the_wrong_word_deletes_nothing(anna: Member, client_for) -> None:
    response = client_for(anna).post(
        DELETE, {"password": PERSONA_PASSWORD, "confirmation": "ja bitte"}
    )

    assert response.context["form"].errors == {
        "confirmation": ["Please type the word exactly as shown to confirm."]
    }
    assert Member.objects.get(pk=anna.pk).is_active


def test_deleting_ends_the_session_and_the_login(anna: Member, client_for) -> None:
    client = client_for(anna)
    response = client.post(DELETE, {"password": PERSONA_PASSWORD, "confirmation": "delete"})

    assert response.status_code == 302
    assert response.url == "/account-deleted/"
    assert "_auth_user_id" not in client.session
    assert "Your account has been deleted" in client.get(response.url).content.decode()
    assert is_tombstone(Member.objects.get(pk=anna.pk))
    login = Client()
    login.post(LOGIN_URL, {"login": "anna.becker@example.org", "password": PERSONA_PASSWORD})
    assert "_auth_user_id" not in login.session


def test_in_german_the_word_is_loeschen(anna: Member, client_for) -> None:
    anna.language = "de"
    anna.save()
    client = client_for(anna, HTTP_ACCEPT_LANGUAGE="de")
    page = client.get(DELETE).content.decode()
    assert "Konto löschen" in page
    assert "<strong>LÖSCHEN</strong>" in page

    response = client.post(DELETE, {"password": PERSONA_PASSWORD, "confirmation": "löschen"})

    assert response.status_code == 302
    assert is_tombstone(Member.objects.get(pk=anna.pk))


def test_the_delete_page_warns_of_upcoming_meetups_organised(world, client_for) -> None:
    page = client_for(world.anna).get(DELETE).content.decode()
    assert "1 upcoming meetup that you organise is deleted, with its guest list." in page
