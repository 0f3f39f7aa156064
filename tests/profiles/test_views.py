"""The profile editing pages: each works for its owner, refuses other members' objects
with 404, ignores fields it does not show, and explains bad input on the right field."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from handschlag.accounts.models import Member
from handschlag.profiles import services
from handschlag.profiles.models import (
    Education,
    JobPreferences,
    Position,
    Profile,
    ProfileSkill,
    SpokenLanguage,
)
from tests.profiles.factories import (
    EducationFactory,
    PositionFactory,
    ProfileFactory,
    SkillFactory,
    SpokenLanguageFactory,
)

#: Messages in German from our catalogue, as the translator wrote them.
END_BEFORE_START_DE = "Das Ende darf nicht vor dem Beginn liegen."
START_IN_FUTURE_DE = "Der Beginn darf nicht in der Zukunft liegen."
NEGATIVE_SALARY_DE = "Ein Gehalt kann nicht negativ sein."
UNKNOWN_CURRENCY_DE = "Bitte wählen Sie eine der aufgeführten Währungen."
PHONE_LETTERS_DE = (
    "Bitte geben Sie eine Telefonnummer nur mit Ziffern, Leerzeichen und + ( ) / - ein."
)
TOO_MANY_SKILLS_DE = (
    "Geben Sie höchstens 50 Kenntnisse an: diejenigen, auf die Sie angesprochen werden möchten."
)

LANGUAGES = [pytest.param("en", id="en"), pytest.param("de", id="de")]


def _errors(response, field: str) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


def _position_data(**changes: str) -> dict[str, str]:
    return {
        "employer": "Rhein Energie AG",
        "title": "Leiterin Steuern",
        "start_date": "2019-02-01",
        "end_date": "",
        "business_model": "b2b",
        "description": "Konzernsteuern",
        **changes,
    }


def _preferences_data(**changes: str) -> dict[str, object]:
    return {
        "open_to_offers": "on",
        "min_salary": "70000",
        "currency": "EUR",
        "levels": ["senior", "lead"],
        "locations": "Köln, Bonn",
        **changes,
    }


### The owner edits ###


def test_owner_edits_the_profile(client_for, anna: Member) -> None:
    response = client_for(anna).post(
        "/profile/edit/",
        {
            "full_name": "Anna  Becker-Stein",
            "headline": "Steuerberaterin",
            "location": "Köln-Ehrenfeld",
            "seniority": "lead",
            "about": "Seit 2015 selbstständig.",
            "seeking": "Mandanten\nKooperationen",
            "offering": "Steuerberatung",
            "phone": "+49 (0)221 / 12 34-56",
        },
    )

    assert response.status_code == 302
    assert response.url == "/profile/"
    profile = Profile.objects.get(member=anna)
    assert profile.full_name == "Anna Becker-Stein"
    assert profile.location == "Köln-Ehrenfeld"
    assert profile.phone == "+49 (0)221 / 12 34-56"
    assert profile.seeking_items == ["Mandanten", "Kooperationen"]


def test_own_profile_redirects_to_the_profile_page(client_for, anna: Member) -> None:
    response = client_for(anna).get("/profile/")

    assert response.status_code == 302
    assert response.url == f"/members/{anna.pk}/"


def test_owner_edits_privacy(client_for, anna: Member) -> None:
    response = client_for(anna).post(
        "/profile/privacy/",
        {
            "email_visibility": "nobody",
            "phone_visibility": "members",
            "view_mode": "employer",
            "no_solicitation": "on",
        },
    )

    assert response.status_code == 302
    profile = Profile.objects.get(member=anna)
    assert (profile.email_visibility, profile.phone_visibility) == ("nobody", "members")
    assert profile.view_mode == "employer"
    assert profile.no_solicitation


def test_no_solicitation_shows_on_the_profile_for_others(client_for, anna, clara) -> None:
    client_for(anna).post(
        "/profile/privacy/",
        {
            "email_visibility": "contacts",
            "phone_visibility": "nobody",
            "view_mode": "named",
            "no_solicitation": "on",
        },
    )

    page = client_for(clara).get(f"/members/{anna.pk}/").content.decode()

    assert "No sales or recruiting approaches, please" in page


def test_owner_edits_job_preferences(client_for, anna: Member) -> None:
    response = client_for(anna).post("/profile/preferences/", _preferences_data())

    assert response.status_code == 302
    preferences = JobPreferences.objects.get(member=anna)
    assert preferences.open_to_offers is True
    assert preferences.min_salary == 70000
    assert preferences.levels == ["senior", "lead"]
    assert preferences.locations == ["Köln", "Bonn"]


def test_preferences_refuse_remote_only_with_relocation(client_for, anna: Member) -> None:
    response = client_for(anna).post(
        "/profile/preferences/",
        _preferences_data(remote_only="on", willing_to_relocate="on"),
    )

    assert _errors(response, "willing_to_relocate") == [
        "If you only work remotely, you do not need to relocate."
    ]
    assert not JobPreferences.objects.filter(member=anna).exists()


def test_owner_adds_edits_and_deletes_a_position(client_for, anna: Member) -> None:
    client = client_for(anna)

    assert client.post("/profile/positions/add/", _position_data()).status_code == 302
    position = Position.objects.get(profile=anna.profile, title="Leiterin Steuern")
    assert position.employer.name == "Rhein Energie AG"

    form_page = client.get(f"/profile/positions/{position.pk}/")
    assert form_page.status_code == 200
    assert 'value="Leiterin Steuern"' in form_page.content.decode()
    response = client.post(
        f"/profile/positions/{position.pk}/", _position_data(title="Steuerleiterin")
    )
    assert response.status_code == 302
    position.refresh_from_db()
    assert position.title == "Steuerleiterin"

    assert client.post(f"/profile/positions/{position.pk}/delete/").status_code == 302
    assert not Position.objects.filter(pk=position.pk).exists()


def test_owner_adds_edits_and_deletes_education(client_for, anna: Member) -> None:
    client = client_for(anna)
    data = {"school": "Universität zu Köln", "degree": "Diplom", "start_year": "2005"}

    assert client.post("/profile/education/add/", {**data, "end_year": "2010"}).status_code == 302
    entry = Education.objects.get(profile=anna.profile)

    response = client.post(f"/profile/education/{entry.pk}/", {**data, "end_year": "2011"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.end_year == 2011

    assert client.post(f"/profile/education/{entry.pk}/delete/").status_code == 302
    assert not Education.objects.filter(pk=entry.pk).exists()


def test_owner_replaces_skills(client_for, anna: Member) -> None:
    client = client_for(anna)
    assert "Steuerrecht, DATEV, Lohnbuchhaltung" in client.get("/profile/skills/").content.decode()

    response = client.post("/profile/skills/", {"skills": "Erbschaftsteuer,\nDATEV; Bilanzen"})

    assert response.status_code == 302
    assert sorted(anna.profile.skills.values_list("name", flat=True)) == [
        "Bilanzen",
        "DATEV",
        "Erbschaftsteuer",
    ]


def test_owner_adds_and_removes_a_language(client_for, anna: Member) -> None:
    client = client_for(anna)

    response = client.post(
        "/profile/languages/", {"language": "fr", "proficiency": "conversational"}, follow=True
    )
    assert "The language has been saved." in response.content.decode()
    assert "French — Conversational" in response.content.decode()
    spoken = SpokenLanguage.objects.get(profile=anna.profile)

    response = client.post(f"/profile/languages/{spoken.pk}/delete/")
    assert response.status_code == 302
    assert not SpokenLanguage.objects.filter(pk=spoken.pk).exists()


### Other members' objects: 404 and nothing changes (A15) ###


@pytest.fixture
def claras_entries(clara: Member) -> dict[str, object]:
    return {
        "position": PositionFactory(profile=clara.profile, title="Referentin"),
        "education": EducationFactory(profile=clara.profile, school="Hochschule Düsseldorf"),
        "language": SpokenLanguageFactory(profile=clara.profile, language="nl"),
    }


def test_another_members_position_cannot_be_seen_changed_or_deleted(
    client_for, anna: Member, claras_entries
) -> None:
    position = claras_entries["position"]
    client = client_for(anna)

    assert client.get(f"/profile/positions/{position.pk}/").status_code == 404
    assert (
        client.post(
            f"/profile/positions/{position.pk}/", _position_data(title="Gekapert")
        ).status_code
        == 404
    )
    assert client.post(f"/profile/positions/{position.pk}/delete/").status_code == 404

    position.refresh_from_db()
    assert position.title == "Referentin"
    assert position.profile_id == claras_entries["education"].profile_id
    assert not Position.objects.filter(profile=anna.profile, title="Gekapert").exists()


def test_another_members_education_cannot_be_seen_changed_or_deleted(
    client_for, anna: Member, claras_entries
) -> None:
    entry = claras_entries["education"]
    client = client_for(anna)

    assert client.get(f"/profile/education/{entry.pk}/").status_code == 404
    assert client.post(f"/profile/education/{entry.pk}/", {"school": "Gekapert"}).status_code == 404
    assert client.post(f"/profile/education/{entry.pk}/delete/").status_code == 404

    entry.refresh_from_db()
    assert entry.school == "Hochschule Düsseldorf"
    assert not Education.objects.filter(school="Gekapert").exists()


def test_another_members_language_is_not_removed(client_for, anna, claras_entries) -> None:
    spoken = claras_entries["language"]

    client_for(anna).post(f"/profile/languages/{spoken.pk}/delete/")

    assert SpokenLanguage.objects.filter(pk=spoken.pk).exists()


def test_another_members_language_gives_404(client_for, anna, claras_entries) -> None:
    spoken = claras_entries["language"]

    response = client_for(anna).post(f"/profile/languages/{spoken.pk}/delete/")

    assert response.status_code == 404


def test_unknown_ids_give_404(client_for, anna: Member) -> None:
    client = client_for(anna)

    assert client.get("/profile/positions/999999/").status_code == 404
    assert client.get("/profile/education/999999/").status_code == 404
    assert client.get("/members/999999/").status_code == 404


### Mass assignment (A17) ###


def test_profile_form_ignores_fields_it_does_not_show(client_for, anna, clara) -> None:
    response = client_for(anna).post(
        "/profile/edit/",
        {
            "full_name": "Anna Becker",
            "headline": "Neue Zeile",
            "is_staff": "on",
            "is_superuser": "on",
            "member": str(clara.pk),
            "email": "uebernahme@example.org",
            "email_visibility": "members",
            "phone_visibility": "members",
            "min_salary": "1",
            "language": "de",
            "created_at": "2000-01-01T00:00",
        },
    )

    assert response.status_code == 302
    anna.refresh_from_db()
    assert (anna.is_staff, anna.is_superuser) == (False, False)
    assert anna.email == "anna.becker@example.org"
    assert anna.language == ""
    profile = Profile.objects.get(member=anna)
    assert profile.headline == "Neue Zeile"
    assert (profile.email_visibility, profile.phone_visibility) == ("contacts", "nobody")
    assert profile.created_at.year > 2000
    assert Profile.objects.get(member=clara).full_name == "Clara Vogt"
    assert not JobPreferences.objects.exists()


def test_preferences_form_cannot_write_for_another_member(client_for, anna, clara) -> None:
    client_for(anna).post("/profile/preferences/", _preferences_data(member=str(clara.pk)))

    assert JobPreferences.objects.get().member_id == anna.pk


### Bad input: the message on the field, in English and in German; nothing saved ###


@pytest.mark.parametrize("language", LANGUAGES)
def test_position_end_before_start(client_for, anna, language: str) -> None:
    response = client_for(anna).post(
        "/profile/positions/add/",
        _position_data(start_date="2020-05-01", end_date="2020-04-30"),
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert response.status_code == 200
    expected = {"en": "The end cannot be before the start.", "de": END_BEFORE_START_DE}
    assert _errors(response, "end_date") == [expected[language]]
    assert expected[language] in response.content.decode()
    assert not Position.objects.filter(title="Leiterin Steuern").exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_position_start_in_the_future(client_for, anna, language: str) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = client_for(anna).post(
        "/profile/positions/add/",
        _position_data(start_date=tomorrow.isoformat()),
        HTTP_ACCEPT_LANGUAGE=language,
    )

    expected = {"en": "The start cannot be in the future.", "de": START_IN_FUTURE_DE}
    assert _errors(response, "start_date") == [expected[language]]
    assert not Position.objects.filter(title="Leiterin Steuern").exists()


def test_position_start_before_1940(client_for, anna) -> None:
    response = client_for(anna).post(
        "/profile/positions/add/", _position_data(start_date="1939-12-31")
    )

    assert _errors(response, "start_date") == ["The start cannot be before 1940."]


def test_editing_a_position_with_bad_dates_keeps_the_old_one(client_for, anna) -> None:
    position = Position.objects.get(profile=anna.profile)

    client_for(anna).post(
        f"/profile/positions/{position.pk}/",
        _position_data(title="Geändert", start_date="2020-05-01", end_date="2019-01-01"),
    )

    position.refresh_from_db()
    assert position.title == "Steuerberaterin"
    assert position.start_date == date(2015, 4, 1)


@pytest.mark.parametrize("language", LANGUAGES)
def test_negative_salary(client_for, anna, language: str) -> None:
    response = client_for(anna).post(
        "/profile/preferences/",
        _preferences_data(min_salary="-1"),
        HTTP_ACCEPT_LANGUAGE=language,
    )

    expected = {"en": "A salary cannot be negative.", "de": NEGATIVE_SALARY_DE}
    assert _errors(response, "min_salary") == [expected[language]]
    assert expected[language] in response.content.decode()
    assert not JobPreferences.objects.filter(member=anna).exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_unknown_currency(client_for, anna, language: str) -> None:
    response = client_for(anna).post(
        "/profile/preferences/",
        _preferences_data(currency="XYZ"),
        HTTP_ACCEPT_LANGUAGE=language,
    )

    expected = {"en": "Pick one of the listed currencies.", "de": UNKNOWN_CURRENCY_DE}
    assert _errors(response, "currency") == [expected[language]]
    assert not JobPreferences.objects.filter(member=anna).exists()


def test_salary_that_is_not_a_number(client_for, anna) -> None:
    response = client_for(anna).post(
        "/profile/preferences/", _preferences_data(min_salary="65.000 €")
    )

    assert _errors(response, "min_salary") == ["Enter the salary as a whole number, e.g. 65000."]


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_with_letters(client_for, anna, language: str) -> None:
    response = client_for(anna).post(
        "/profile/edit/",
        {"full_name": "Anna Becker", "phone": "0221 ANNA 12"},
        HTTP_ACCEPT_LANGUAGE=language,
    )

    expected = {
        "en": "Enter a phone number with digits, spaces and + ( ) / - only.",
        "de": PHONE_LETTERS_DE,
    }
    assert _errors(response, "phone") == [expected[language]]
    assert Profile.objects.get(member=anna).phone == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_education_end_year_before_start(client_for, anna, language: str) -> None:
    response = client_for(anna).post(
        "/profile/education/add/",
        {"school": "Universität Bonn", "start_year": "2010", "end_year": "2008"},
        HTTP_ACCEPT_LANGUAGE=language,
    )

    expected = {"en": "The end cannot be before the start.", "de": END_BEFORE_START_DE}
    assert _errors(response, "end_year") == [expected[language]]
    assert not Education.objects.exists()


def test_education_year_out_of_range(client_for, anna) -> None:
    latest = timezone.localdate().year + 8

    response = client_for(anna).post(
        "/profile/education/add/", {"school": "Universität Bonn", "start_year": "1900"}
    )

    assert _errors(response, "start_year") == [f"Enter a year between 1940 and {latest}."]


@pytest.mark.parametrize("language", LANGUAGES)
def test_too_many_skills(client_for, anna, language: str) -> None:
    names = ", ".join(f"Fähigkeit {n}" for n in range(51))

    response = client_for(anna).post(
        "/profile/skills/", {"skills": names}, HTTP_ACCEPT_LANGUAGE=language
    )

    expected = {
        "en": "List at most 50 skills: the ones you would like to be asked about.",
        "de": TOO_MANY_SKILLS_DE,
    }
    assert _errors(response, "skills") == [expected[language]]
    assert anna.profile.skills.count() == 3


def test_fifty_skills_are_fine(client_for, anna) -> None:
    names = ", ".join(f"Fähigkeit {n}" for n in range(50))

    assert client_for(anna).post("/profile/skills/", {"skills": names}).status_code == 302
    assert anna.profile.skills.count() == 50


def test_required_field_message_in_german_from_django(client_for, anna) -> None:
    response = client_for(anna).post(
        "/profile/positions/add/", _position_data(title=""), HTTP_ACCEPT_LANGUAGE="de"
    )

    assert _errors(response, "title") == ["Dieses Feld ist zwingend erforderlich."]


### Query counts stay flat ###


def _profile_with(positions: int, skills: int) -> Profile:
    profile = ProfileFactory()
    for _n in range(positions):
        PositionFactory(profile=profile)
    for _n in range(skills):
        ProfileSkill.objects.create(profile=profile, skill=SkillFactory())
    EducationFactory(profile=profile)
    SpokenLanguageFactory(profile=profile)
    return profile


#: Session, member, block and contact check, profile with its four prefetches, the view
#: recorded (check and insert), the navigation's unread messages, the connect state and
#: the mutual contacts, whether the viewer is a recruiter, the recommendations shown (one
#: statement with the "may ask" flag): a fixed number whatever the profile holds.
PROFILE_PAGE_QUERIES = 15


@pytest.mark.parametrize("size", [1, 25])
def test_profile_page_queries_do_not_grow(client_for, anna, size, django_assert_max_num_queries):
    profile = _profile_with(positions=size, skills=size)
    client = client_for(anna)

    with django_assert_max_num_queries(PROFILE_PAGE_QUERIES):
        response = client.get(f"/members/{profile.member_id}/")

    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 25])
def test_own_profile_page_queries_do_not_grow(client_for, size, django_assert_max_num_queries):
    profile = _profile_with(positions=size, skills=size)
    services.save_job_preferences(profile.member, changes={"min_salary": 50000})
    client = client_for(profile.member)

    with django_assert_max_num_queries(PROFILE_PAGE_QUERIES):
        response = client.get(f"/members/{profile.member_id}/")

    assert response.status_code == 200


#: Session, member, count, one page of profiles, positions with employers: with room.
SEARCH_PAGE_QUERIES = 10


@pytest.mark.parametrize("size", [1, 30])
def test_search_queries_do_not_grow(client_for, anna, size, django_assert_max_num_queries):
    for _n in range(size):
        profile = ProfileFactory(headline="Zimmermeister")
        PositionFactory(profile=profile, end_date=None)
        PositionFactory(profile=profile)
    client = client_for(anna)

    with django_assert_max_num_queries(SEARCH_PAGE_QUERIES):
        response = client.get("/search/?q=Zimmermeister")

    assert response.status_code == 200
    assert response.context["page"].paginator.count == size


def test_search_results_paginate(client_for, anna) -> None:
    for _n in range(21):
        ProfileFactory(headline="Zimmermeister")
    client = client_for(anna)

    first = client.get("/search/?q=Zimmermeister").content.decode()
    second = client.get("/search/?q=Zimmermeister&page=2").content.decode()

    assert "21 members found" in first
    assert "Page 1 of 2" in first
    assert "Page 2 of 2" in second
    assert len(client.get("/search/?q=Zimmermeister&page=2").context["page"]) == 1


def test_search_with_htmx_renders_only_the_results(client_for, anna) -> None:
    response = client_for(anna).get("/search/?q=Becker", HTTP_HX_REQUEST="true")

    content = response.content.decode()
    assert "1 member found" in content
    assert "<html" not in content


def test_empty_search_lists_nobody(client_for, anna: Member, bernd) -> None:
    response = client_for(anna).get("/search/")

    assert response.context["page"] is None
    assert "Search by name, headline, skill, employer or location." in response.content.decode()


def test_profile_page_lists_the_current_position_first(client_for, anna) -> None:
    services.save_position(
        anna,
        position_id=None,
        employer_name="Finanzamt Köln-Mitte",
        title="Sachbearbeiterin",
        start_date=date(2010, 1, 1),
        end_date=date(2015, 3, 31),
    )

    content = client_for(anna).get(f"/members/{anna.pk}/").content.decode()

    assert content.index("Becker &amp; Partner") < content.index("Finanzamt Köln-Mitte")


def test_anonymous_client_is_sent_to_login(client: Client, anna: Member) -> None:
    response = client.get(f"/members/{anna.pk}/")

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next=/members/{anna.pk}/"
