"""Profile writes and reads, tested directly through services and queries."""

from datetime import date

import pytest
from django.http import Http404

from handschlag.accounts.models import Member
from handschlag.profiles import queries, services
from handschlag.profiles.errors import TooManySkills
from handschlag.profiles.models import Employer, JobPreferences, Position, Profile, Skill
from handschlag.profiles.privacy import contact_details_for
from tests.conftest import OLAF_EMAIL, OLAF_MIN_SALARY, OLAF_PHONE, OLAF_PREFERRED_LOCATION
from tests.profiles.factories import EducationFactory, PositionFactory, ProfileFactory


def test_create_profile_strips_the_name(db: None) -> None:
    member = Member.objects.create_user("dora@example.org", password="egal-egal-egal")

    profile = services.create_profile(member, full_name="  Dora Klein ")

    assert profile.full_name == "Dora Klein"
    assert Profile.objects.get(member=member) == profile


def test_update_profile_writes_only_profile_fields(anna: Member, clara: Member) -> None:
    services.update_profile(
        anna,
        changes={
            "headline": "Steuerberaterin und Mediatorin",
            "email_visibility": "members",
            "member": clara,
            "is_staff": True,
        },
    )

    profile = Profile.objects.get(member=anna)
    assert profile.headline == "Steuerberaterin und Mediatorin"
    assert profile.email_visibility == "contacts"
    assert Member.objects.get(pk=anna.pk).is_staff is False
    assert Profile.objects.get(member=clara).headline == "Personalreferentin"


def test_update_privacy_writes_only_visibility(anna: Member) -> None:
    services.update_privacy(
        anna, changes={"email_visibility": "nobody", "phone_visibility": "members", "phone": "1"}
    )

    profile = Profile.objects.get(member=anna)
    assert (profile.email_visibility, profile.phone_visibility) == ("nobody", "members")
    assert profile.phone == ""


def test_save_job_preferences_creates_then_updates(anna: Member) -> None:
    services.save_job_preferences(anna, changes={"min_salary": 70000, "locations": ["Köln"]})
    services.save_job_preferences(anna, changes={"min_salary": 72000, "member": None})

    preferences = JobPreferences.objects.get(member=anna)
    assert preferences.min_salary == 72000
    assert preferences.locations == ["Köln"]


def test_employers_are_shared_regardless_of_case_and_spacing(anna: Member, bernd) -> None:
    first = services.get_or_create_employer("Rhein  Energie AG")
    second = services.get_or_create_employer("rhein energie ag")

    assert first == second
    assert first.name == "Rhein Energie AG"
    assert Employer.objects.filter(key="rhein energie ag").count() == 1


def test_save_position_adds_and_changes_own_positions(anna: Member) -> None:
    position = services.save_position(
        anna,
        position_id=None,
        employer_name="Stadtsparkasse Köln",
        title="Prüferin",
        start_date=date(2010, 1, 1),
        end_date=date(2014, 12, 31),
    )
    services.save_position(
        anna,
        position_id=position.pk,
        employer_name="Stadtsparkasse Köln",
        title="Revisorin",
        start_date=date(2010, 1, 1),
        end_date=date(2015, 3, 31),
    )

    position.refresh_from_db()
    assert (position.title, position.end_date) == ("Revisorin", date(2015, 3, 31))


def test_save_position_refuses_another_members_position(anna: Member, clara: Member) -> None:
    foreign = PositionFactory(profile=clara.profile, title="Referentin")

    with pytest.raises(Position.DoesNotExist):
        services.save_position(
            anna,
            position_id=foreign.pk,
            employer_name="Gekapert GmbH",
            title="Übernommen",
            start_date=date(2020, 1, 1),
            end_date=None,
        )

    foreign.refresh_from_db()
    assert foreign.title == "Referentin"


def test_deleting_another_members_entries_changes_nothing(anna: Member, clara: Member) -> None:
    position = PositionFactory(profile=clara.profile)
    education = EducationFactory(profile=clara.profile)

    services.delete_position(anna, position_id=position.pk)
    services.delete_education(anna, education_id=education.pk)

    assert Position.objects.filter(pk=position.pk).exists()
    assert clara.profile.education.filter(pk=education.pk).exists()


def test_set_skills_keeps_order_and_drops_duplicates(anna: Member) -> None:
    skills = services.set_skills(anna, names=["Umsatzsteuer", " DATEV ", "datev", "", "Bilanz"])

    assert [skill.name for skill in skills] == ["Umsatzsteuer", "DATEV", "Bilanz"]
    assert sorted(anna.profile.skills.values_list("name", flat=True)) == [
        "Bilanz",
        "DATEV",
        "Umsatzsteuer",
    ]


def test_set_skills_refuses_more_than_fifty(anna: Member) -> None:
    with pytest.raises(TooManySkills) as refusal:
        services.set_skills(anna, names=[f"Fähigkeit {n}" for n in range(51)])

    assert str(refusal.value.message) == (
        "List at most 50 skills: the ones you would like to be asked about."
    )
    assert refusal.value.field == "skills"
    assert sorted(anna.profile.skills.values_list("name", flat=True)) == [
        "DATEV",
        "Lohnbuchhaltung",
        "Steuerrecht",
    ]
    assert not Skill.objects.filter(name__startswith="Fähigkeit").exists()


def test_spoken_languages_are_updated_not_duplicated(anna: Member, clara: Member) -> None:
    services.add_spoken_language(anna, language="fr", proficiency="basic")
    spoken = services.add_spoken_language(anna, language="fr", proficiency="fluent")
    services.remove_spoken_language(clara, spoken_language_id=spoken.pk)

    assert list(queries.list_own_languages(anna).values_list("language", "proficiency")) == [
        ("fr", "fluent")
    ]


def test_profile_page_of_a_deactivated_member_is_not_found(anna: Member, clara) -> None:
    Member.objects.filter(pk=clara.pk).update(is_active=False)

    with pytest.raises(Http404):
        queries.get_profile_page(anna, member_id=clara.pk)


def test_contact_details_for_anonymous_viewers_are_empty(olaf: Member) -> None:
    details = contact_details_for(None, olaf.profile)

    assert (details.email, details.phone) == (None, None)


def test_search_matches_public_fields(anna: Member, bernd: Member, clara: Member) -> None:
    def names(**criteria: str) -> list[str]:
        return [profile.full_name for profile in queries.search_members(**criteria)]

    assert names(text="Becker Steuerberaterin") == ["Anna Becker"]
    assert names(text="steuerberaterin") == ["Anna Becker"]
    assert names(skill="datev") == ["Anna Becker"]
    assert names(employer="Becker & Partner") == ["Anna Becker"]
    assert names(location="düsseldorf") == ["Clara Vogt"]


def test_search_never_matches_private_fields(anna: Member, olaf: Member) -> None:
    for criteria in (
        {"text": OLAF_EMAIL},
        {"text": "kanarienvogel"},
        {"text": OLAF_PHONE},
        {"text": "9988"},
        {"text": str(OLAF_MIN_SALARY)},
        {"location": OLAF_PREFERRED_LOCATION},
        {"employer": OLAF_EMAIL},
    ):
        assert not queries.search_members(**criteria).exists(), criteria


def test_search_leaves_out_deactivated_members(anna: Member) -> None:
    hidden = ProfileFactory(full_name="Anna Versteckt")
    Member.objects.filter(pk=hidden.member_id).update(is_active=False)

    assert [p.full_name for p in queries.search_members(text="Anna")] == ["Anna Becker"]
