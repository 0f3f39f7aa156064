"""Every write to profiles, positions, education, skills, languages and preferences."""

from collections.abc import Iterable, Mapping
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from handschlag.accounts.models import Member
from handschlag.profiles.errors import TooManySkills
from handschlag.profiles.models import (
    Education,
    Employer,
    JobPreferences,
    Position,
    Profile,
    ProfileSkill,
    Skill,
    SpokenLanguage,
    normalise_name,
)

#: Fields of the profile a member edits on the profile form.
PROFILE_FIELDS = frozenset(
    {"full_name", "headline", "location", "about", "seeking", "offering", "seniority", "phone"}
)
PRIVACY_FIELDS = frozenset({"email_visibility", "phone_visibility", "view_mode", "no_solicitation"})
PREFERENCE_FIELDS = frozenset(
    {
        "open_to_offers",
        "min_salary",
        "currency",
        "levels",
        "locations",
        "remote_only",
        "willing_to_relocate",
    }
)
EDUCATION_FIELDS = frozenset({"school", "degree", "field_of_study", "start_year", "end_year"})
#: More skills than this stop saying anything about a person.
MAX_SKILLS = 50


def create_profile(member: Member, *, full_name: str) -> Profile:
    """Give a new member an empty profile under their name."""
    return Profile.objects.create(member=member, full_name=full_name.strip())


def _apply(obj: object, changes: Mapping[str, object], allowed: frozenset[str]) -> list[str]:
    # Only whitelisted fields are ever written: no mass assignment (SECURITY.md A17).
    fields = [name for name in changes if name in allowed]
    for name in fields:
        setattr(obj, name, changes[name])
    return fields


@transaction.atomic
def update_profile(member: Member, *, changes: Mapping[str, object]) -> Profile:
    """Save the member's edits to name, headline, texts, level and phone."""
    profile = Profile.objects.select_for_update().get(member=member)
    fields = _apply(profile, changes, PROFILE_FIELDS)
    profile.save(update_fields=[*fields, "updated_at"])
    return profile


@transaction.atomic
def update_privacy(member: Member, *, changes: Mapping[str, object]) -> Profile:
    """Save who may see the member's email address and phone number."""
    profile = Profile.objects.select_for_update().get(member=member)
    fields = _apply(profile, changes, PRIVACY_FIELDS)
    profile.save(update_fields=[*fields, "updated_at"])
    return profile


@transaction.atomic
def save_job_preferences(member: Member, *, changes: Mapping[str, object]) -> JobPreferences:
    """Save the member's private job preferences, creating them on first use."""
    preferences, _created = JobPreferences.objects.select_for_update().get_or_create(member=member)
    _apply(preferences, changes, PREFERENCE_FIELDS)
    preferences.save()
    return preferences


def get_or_create_employer(name: str) -> Employer:
    """The employer under this name, matched regardless of case and spacing."""
    clean = " ".join(name.split())
    employer, _created = Employer.objects.get_or_create(
        key=normalise_name(clean), defaults={"name": clean}
    )
    return employer


@transaction.atomic
def save_position(
    member: Member,
    *,
    position_id: int | None,
    employer_name: str,
    title: str,
    start_date: date,
    end_date: date | None,
    business_model: str = "",
    description: str = "",
) -> Position:
    """Add a position, or change one of the member's own (``position_id``)."""
    if position_id is None:
        position = Position(profile_id=member.pk)
    else:
        position = Position.objects.get(pk=position_id, profile_id=member.pk)
    position.employer = get_or_create_employer(employer_name)
    position.title = title.strip()
    position.start_date = start_date
    position.end_date = end_date
    position.business_model = business_model
    position.description = description
    position.save()
    return position


def delete_position(member: Member, *, position_id: int) -> None:
    """Remove one of the member's positions."""
    Position.objects.filter(pk=position_id, profile_id=member.pk).delete()


@transaction.atomic
def save_education(
    member: Member, *, education_id: int | None, changes: Mapping[str, object]
) -> Education:
    """Add an education entry, or change one of the member's own."""
    if education_id is None:
        education = Education(profile_id=member.pk)
    else:
        education = Education.objects.get(pk=education_id, profile_id=member.pk)
    _apply(education, changes, EDUCATION_FIELDS)
    education.save()
    return education


def delete_education(member: Member, *, education_id: int) -> None:
    """Remove one of the member's education entries."""
    Education.objects.filter(pk=education_id, profile_id=member.pk).delete()


@transaction.atomic
def set_skills(member: Member, *, names: Iterable[str]) -> list[Skill]:
    """Replace the member's skills with ``names`` (order kept, duplicates dropped)."""
    wanted: dict[str, str] = {}
    for name in names:
        clean = " ".join(name.split())
        if clean:
            wanted.setdefault(normalise_name(clean), clean)
    if len(wanted) > MAX_SKILLS:
        raise TooManySkills(
            _("List at most %(max)d skills: the ones you would like to be asked about.")
            % {"max": MAX_SKILLS},
            field="skills",
        )
    existing = {skill.key: skill for skill in Skill.objects.filter(key__in=wanted)}
    Skill.objects.bulk_create(
        [Skill(key=key, name=name) for key, name in wanted.items() if key not in existing],
        ignore_conflicts=True,
    )
    skills = list(Skill.objects.filter(key__in=wanted))
    ProfileSkill.objects.filter(profile_id=member.pk).exclude(skill__key__in=wanted).delete()
    ProfileSkill.objects.bulk_create(
        [ProfileSkill(profile_id=member.pk, skill=skill) for skill in skills],
        ignore_conflicts=True,
    )
    order = list(wanted)
    return sorted(skills, key=lambda skill: order.index(skill.key))


def add_spoken_language(member: Member, *, language: str, proficiency: str) -> SpokenLanguage:
    """Add a language the member speaks, or update how well."""
    spoken, _created = SpokenLanguage.objects.update_or_create(
        profile_id=member.pk, language=language, defaults={"proficiency": proficiency}
    )
    return spoken


def remove_spoken_language(member: Member, *, spoken_language_id: int) -> None:
    """Remove a language from the member's profile."""
    SpokenLanguage.objects.filter(pk=spoken_language_id, profile_id=member.pk).delete()
