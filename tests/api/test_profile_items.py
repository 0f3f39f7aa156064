"""Positions, education and languages of the own profile through the API: the edit pages'
forms and services, their messages in the member's language, and 404 for another
member's entries, exactly like ids that do not exist."""

from django.contrib.auth import get_user_model
from django.test import Client

from handschlag.profiles.models import Education, Position, SpokenLanguage
from handschlag.profiles.services import add_spoken_language, save_education

from .conftest import API


def _json(client: Client, method: str, path: str, body: object | None = None):
    return getattr(client, method)(f"{API}{path}", body or {}, content_type="application/json")


def test_a_member_adds_changes_and_removes_a_position(anna, api_for):
    client = api_for(anna)
    assert [p["employer"] for p in client.get(f"{API}/me/positions").json()] == [
        "Becker & Partner Steuerberatung"
    ]
    added = _json(
        client,
        "post",
        "/me/positions",
        {
            "employer": "Steuerkanzlei Roth",
            "title": "Steuerfachangestellte",
            "start_date": "2010-09-01",
            "end_date": "2015-03-31",
            "business_model": "b2b",
            "description": "Lohn und Finanzbuchhaltung für Handwerksbetriebe.",
        },
    )
    assert added.status_code == 201, added.content
    position = added.json()
    assert position["employer"] == "Steuerkanzlei Roth"
    assert position["is_current"] is False
    assert position["business_model"] == "b2b"

    changed = _json(
        client, "patch", f"/me/positions/{position['id']}", {"title": "Steuerfachwirtin"}
    )
    assert changed.status_code == 200
    assert changed.json()["title"] == "Steuerfachwirtin"
    assert changed.json()["start_date"] == "2010-09-01"
    assert changed.json()["end_date"] == "2015-03-31"
    current = _json(client, "patch", f"/me/positions/{position['id']}", {"end_date": None})
    assert current.json()["is_current"] is True

    on_profile = client.get(f"{API}/me").json()["positions"]
    assert "Steuerfachwirtin" in [p["title"] for p in on_profile]
    assert client.delete(f"{API}/me/positions/{position['id']}").status_code == 200
    assert not Position.objects.filter(pk=position["id"]).exists()


def test_position_errors_are_the_forms_in_the_members_language(anna, api_for):
    get_user_model().objects.filter(pk=anna.pk).update(language="de")
    refused = _json(
        api_for(anna),
        "post",
        "/me/positions",
        {
            "employer": "Steuerkanzlei Roth",
            "title": "Steuerfachangestellte",
            "start_date": "2015-09-01",
            "end_date": "2010-03-31",
        },
    )
    assert refused.status_code == 422
    assert refused.json() == {
        "detail": "Einige Felder brauchen Ihre Aufmerksamkeit.",
        "errors": [{"field": "end_date", "message": "Das Ende darf nicht vor dem Beginn liegen."}],
    }
    no_date = _json(
        api_for(anna),
        "post",
        "/me/positions",
        {"employer": "Roth", "title": "Fachwirtin", "start_date": "irgendwann"},
    )
    assert no_date.status_code == 422
    assert no_date.json()["errors"][0]["field"] == "start_date"
    missing = _json(api_for(anna), "post", "/me/positions", {"title": "Fachwirtin"})
    assert {e["field"] for e in missing.json()["errors"]} == {"employer", "start_date"}
    assert {e["message"] for e in missing.json()["errors"]} == {
        "Dieses Feld ist zwingend erforderlich."
    }


def test_a_member_adds_changes_and_removes_education(anna, api_for):
    client = api_for(anna)
    added = _json(
        client,
        "post",
        "/me/education",
        {"school": "Universität zu Köln", "degree": "Diplom", "start_year": 2005, "end_year": 2010},
    )
    assert added.status_code == 201, added.content
    entry = added.json()
    changed = _json(
        client, "patch", f"/me/education/{entry['id']}", {"field_of_study": "Steuerrecht"}
    )
    assert changed.json()["field_of_study"] == "Steuerrecht"
    assert changed.json()["degree"] == "Diplom"
    assert [e["school"] for e in client.get(f"{API}/me/education").json()] == [
        "Universität zu Köln"
    ]
    backwards = _json(client, "patch", f"/me/education/{entry['id']}", {"end_year": 2001})
    assert backwards.status_code == 422
    assert backwards.json()["errors"] == [
        {"field": "end_year", "message": "The end cannot be before the start."}
    ]
    assert client.delete(f"{API}/me/education/{entry['id']}").status_code == 200
    assert not Education.objects.filter(pk=entry["id"]).exists()


def test_a_member_adds_changes_and_removes_languages(anna, api_for):
    client = api_for(anna)
    added = _json(client, "post", "/me/languages", {"language": "fr", "proficiency": "basic"})
    assert added.status_code == 201
    assert added.json() == [
        {"id": added.json()[0]["id"], "language": "fr", "name": "French", "proficiency": "basic"}
    ]
    spoken_id = added.json()[0]["id"]
    changed = _json(client, "patch", f"/me/languages/{spoken_id}", {"proficiency": "fluent"})
    assert changed.json()[0]["proficiency"] == "fluent"
    again = _json(client, "post", "/me/languages", {"language": "fr", "proficiency": "native"})
    assert [(lang["id"], lang["proficiency"]) for lang in again.json()] == [(spoken_id, "native")]
    unknown = _json(client, "post", "/me/languages", {"language": "xx", "proficiency": "basic"})
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "language"
    assert client.delete(f"{API}/me/languages/{spoken_id}").json() == []


def test_another_members_entries_answer_404_like_unknown_ids(anna, malte, api_for):
    """Malte tries Anna's position, education and language by id: 404 as for an id that
    does not exist, and nothing changes."""
    position = Position.objects.get(profile_id=anna.pk)
    education = save_education(anna, education_id=None, changes={"school": "FH Köln"})
    spoken = add_spoken_language(anna, language="en", proficiency="fluent")
    client = api_for(malte)
    for method, path, body in (
        ("patch", f"/me/positions/{position.pk}", {"title": "Praktikantin"}),
        ("delete", f"/me/positions/{position.pk}", {}),
        ("patch", f"/me/education/{education.pk}", {"school": "Nirgendwo"}),
        ("delete", f"/me/education/{education.pk}", {}),
        ("patch", f"/me/languages/{spoken.pk}", {"proficiency": "basic"}),
        ("delete", f"/me/languages/{spoken.pk}", {}),
    ):
        theirs = _json(client, method, path, body)
        unknown = _json(client, method, path.rsplit("/", 1)[0] + "/999999", body)
        assert theirs.status_code == 404, (method, path)
        assert (theirs.status_code, theirs.json()) == (unknown.status_code, unknown.json())
    assert Position.objects.get(pk=position.pk).title == "Steuerberaterin"
    assert Education.objects.get(pk=education.pk).school == "FH Köln"
    assert SpokenLanguage.objects.get(pk=spoken.pk).proficiency == "fluent"
