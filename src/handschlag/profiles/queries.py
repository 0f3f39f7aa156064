"""Reads of profiles, permission-checked: a viewer gets only what they may see."""

from dataclasses import dataclass

from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404

from handschlag.accounts.models import Member
from handschlag.moderation.blocks import blocked_either_way_ids
from handschlag.profiles.models import (
    Education,
    JobPreferences,
    Position,
    Profile,
    SpokenLanguage,
    normalise_name,
)
from handschlag.profiles.privacy import ContactDetails, contact_details_for


@dataclass(frozen=True, slots=True)
class ProfilePage:
    """Everything one viewer may see of one profile."""

    profile: Profile
    contact: ContactDetails
    is_own: bool


def _profiles() -> QuerySet[Profile]:
    return Profile.objects.filter(member__is_active=True).select_related("member")


def get_profile_page(
    viewer: Member, *, member_id: int, connected: bool | None = None
) -> ProfilePage:
    """The profile as ``viewer`` may see it; 404 for unknown or deactivated members.

    ``connected``: whether the two are contacts, when the caller asked already."""
    try:
        profile = (
            _profiles()
            .prefetch_related(
                Prefetch(
                    "positions",
                    # Current positions (no end) first on every database: SQLite sorts
                    # NULL first by default, PostgreSQL last.
                    queryset=Position.objects.select_related("employer").order_by(
                        F("end_date").desc(nulls_first=True), "-start_date"
                    ),
                ),
                "education",
                "languages",
                "skills",
            )
            .get(member_id=member_id)
        )
    except Profile.DoesNotExist:
        raise Http404 from None
    return ProfilePage(
        profile=profile,
        contact=contact_details_for(viewer.pk, profile, connected=connected),
        is_own=viewer.pk == profile.member_id,
    )


def get_own_profile(member: Member) -> Profile:
    """The member's own profile."""
    return Profile.objects.get(member=member)


def get_own_job_preferences(member: Member) -> JobPreferences | None:
    """The member's private job preferences, or None until they first save them."""
    return JobPreferences.objects.filter(member=member).first()


def get_own_position(member: Member, *, position_id: int) -> Position:
    """One of the member's own positions; 404 for anyone else's."""
    try:
        return Position.objects.select_related("employer").get(pk=position_id, profile_id=member.pk)
    except Position.DoesNotExist:
        raise Http404 from None


def get_own_education(member: Member, *, education_id: int) -> Education:
    """One of the member's own education entries; 404 for anyone else's."""
    try:
        return Education.objects.get(pk=education_id, profile_id=member.pk)
    except Education.DoesNotExist:
        raise Http404 from None


def get_own_language(member: Member, *, spoken_language_id: int) -> SpokenLanguage:
    """One of the languages on the member's own profile; 404 for anyone else's."""
    try:
        return SpokenLanguage.objects.get(pk=spoken_language_id, profile_id=member.pk)
    except SpokenLanguage.DoesNotExist:
        raise Http404 from None


def list_own_languages(member: Member) -> QuerySet[SpokenLanguage]:
    """The languages on the member's profile."""
    return SpokenLanguage.objects.filter(profile_id=member.pk).order_by("language")


def search_members(
    *,
    viewer_id: int | None = None,
    text: str = "",
    skill: str = "",
    employer: str = "",
    location: str = "",
) -> QuerySet[Profile]:
    """Members matching the public fields only: name, headline, skill, employer, location.

    Contact details and job preferences are never part of the query, so a search can
    neither match on them nor confirm them by the presence of a result. Members blocked
    by or blocking ``viewer_id`` are left out, as if they did not exist.
    """
    profiles = _profiles()
    if viewer_id is not None:
        hidden = blocked_either_way_ids(viewer_id)
        if hidden:
            profiles = profiles.exclude(member_id__in=hidden)
    if text.strip():
        for word in text.split():
            profiles = profiles.filter(Q(full_name__icontains=word) | Q(headline__icontains=word))
    if skill.strip():
        profiles = profiles.filter(
            pk__in=Profile.skills.through.objects.filter(skill__key=normalise_name(skill)).values(
                "profile_id"
            )
        )
    if employer.strip():
        profiles = profiles.filter(
            pk__in=Position.objects.filter(employer__name__icontains=employer.strip()).values(
                "profile_id"
            )
        )
    if location.strip():
        profiles = profiles.filter(location__icontains=location.strip())
    return profiles.order_by("full_name", "member_id")
