"""Profiles through the API: one's own (read, update), another's as privacy allows, search.

Contact details of others come only from ``profiles.privacy`` (through
``queries.get_profile_page``); job preferences only from ``get_own_job_preferences`` for
the member themself. Search results never carry contact details (privacy.py says why).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.core.paginator import Paginator
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from handschlag.api.errors import ProfileViewsThrottled
from handschlag.api.forms import cleaned, form_data
from handschlag.api.limits import limit
from handschlag.api.routers.common import (
    Id,
    InputSchema,
    PageInfo,
    PageNumber,
    caller,
    page_info,
    responses,
)
from handschlag.moderation.blocks import pair_relation
from handschlag.network.services import record_profile_view
from handschlag.profiles import queries, services, throttle
from handschlag.profiles.forms import (
    JobPreferencesForm,
    PrivacyForm,
    ProfileForm,
    SearchForm,
    SkillsForm,
)
from handschlag.profiles.models import JobPreferences, Profile

router = Router(tags=["profiles"])

Seniority = Literal["", "junior", "mid", "senior", "lead", "head", "executive"]
Visibility = Literal["nobody", "contacts", "members"]
ViewMode = Literal["named", "employer", "hidden"]


### Shapes ###


class PositionOut(Schema):
    id: int
    employer: str
    title: str
    start_date: date
    end_date: date | None
    is_current: bool


class EducationOut(Schema):
    id: int
    school: str
    degree: str
    field_of_study: str
    start_year: int | None
    end_year: int | None


class LanguageOut(Schema):
    language: str
    proficiency: str


class ProfileOut(Schema):
    """A profile as the caller may see it; ``email`` and ``phone`` are null when hidden."""

    member_id: int
    full_name: str
    headline: str
    location: str
    about: str
    seeking: list[str]
    offering: list[str]
    seniority: str
    no_solicitation: bool
    email: str | None
    phone: str | None
    skills: list[str]
    positions: list[PositionOut]
    education: list[EducationOut]
    languages: list[LanguageOut]
    is_own: bool


class PrivacyOut(Schema):
    email_visibility: Visibility
    phone_visibility: Visibility
    view_mode: ViewMode
    no_solicitation: bool


class MyProfileOut(ProfileOut):
    """The member's own profile, with their privacy settings."""

    privacy: PrivacyOut


class ProfileIn(InputSchema):
    """Fields of the own profile; only those sent (and not null) are changed."""

    full_name: str | None = None
    headline: str | None = None
    location: str | None = None
    about: str | None = None
    seeking: str | None = None
    offering: str | None = None
    seniority: Seniority | None = None
    phone: str | None = None


class PrivacyIn(InputSchema):
    email_visibility: Visibility | None = None
    phone_visibility: Visibility | None = None
    view_mode: ViewMode | None = None
    no_solicitation: bool | None = None


class SkillsIn(InputSchema):
    skills: list[str]


class JobPreferencesSchema(Schema):
    """The member's private job preferences; nobody else can read them, here or anywhere."""

    open_to_offers: bool = False
    min_salary: int | None = None
    currency: Literal["EUR", "CHF", "GBP", "USD"] = "EUR"
    levels: list[Literal["junior", "mid", "senior", "lead", "head", "executive"]] = []
    locations: list[str] = []
    remote_only: bool = False
    willing_to_relocate: bool = False


class JobPreferencesIn(JobPreferencesSchema, InputSchema):
    """The preferences as sent: a JSON object."""


class MemberSummary(Schema):
    """A member in a list: public fields only, never contact details."""

    member_id: int
    full_name: str
    headline: str
    location: str


class SearchOut(Schema):
    results: list[MemberSummary]
    info: PageInfo


class SearchIn(Schema):
    q: str = ""
    skill: str = ""
    employer: str = ""
    location: str = ""
    page: PageNumber = 1


### Building the shapes ###


def _profile_out(page: queries.ProfilePage) -> dict[str, object]:
    profile = page.profile
    return {
        "member_id": profile.member_id,
        "full_name": profile.full_name,
        "headline": profile.headline,
        "location": profile.location,
        "about": profile.about,
        "seeking": profile.seeking_items,
        "offering": profile.offering_items,
        "seniority": profile.seniority,
        "no_solicitation": profile.no_solicitation,
        "email": page.contact.email,
        "phone": page.contact.phone,
        "skills": [skill.name for skill in profile.skills.all()],
        "positions": [
            {
                "id": p.pk,
                "employer": p.employer.name,
                "title": p.title,
                "start_date": p.start_date,
                "end_date": p.end_date,
                "is_current": p.is_current,
            }
            for p in profile.positions.all()
        ],
        "education": [
            {
                "id": e.pk,
                "school": e.school,
                "degree": e.degree,
                "field_of_study": e.field_of_study,
                "start_year": e.start_year,
                "end_year": e.end_year,
            }
            for e in profile.education.all()
        ],
        "languages": [
            {"language": s.language, "proficiency": s.proficiency} for s in profile.languages.all()
        ],
        "is_own": page.is_own,
    }


def _own(request: HttpRequest) -> dict[str, object]:
    member = caller(request)
    page = queries.get_profile_page(member, member_id=member.pk)
    profile = page.profile
    data = _profile_out(page)
    data["privacy"] = {
        "email_visibility": profile.email_visibility,
        "phone_visibility": profile.phone_visibility,
        "view_mode": profile.view_mode,
        "no_solicitation": profile.no_solicitation,
    }
    return data


def _merged(
    instance: Profile, fields: tuple[str, ...], changes: dict[str, object]
) -> dict[str, Any]:
    """The form's data: the current values, with the sent ones over them (Any: form data)."""
    return form_data({**model_to_dict(instance, fields=fields), **changes})


### Own profile ###


@router.get("/me", response=responses(200, MyProfileOut), summary="Your own profile")
def get_me(request: HttpRequest) -> dict[str, object]:
    return _own(request)


@router.patch(
    "/me",
    response=responses(200, MyProfileOut),
    throttle=limit("profile_write", per_member=30),
    summary="Change your profile",
)
def update_me(request: HttpRequest, payload: ProfileIn) -> dict[str, object]:
    member = caller(request)
    changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    profile = queries.get_own_profile(member)
    fields = tuple(ProfileForm.Meta.fields)
    form = cleaned(ProfileForm(_merged(profile, fields, changes), instance=profile))
    services.update_profile(
        member, changes={k: v for k, v in form.cleaned_data.items() if k in changes}
    )
    return _own(request)


@router.patch(
    "/me/privacy",
    response=responses(200, MyProfileOut),
    throttle=limit("profile_write", per_member=30),
    summary="Choose who sees your contact details",
)
def update_privacy(request: HttpRequest, payload: PrivacyIn) -> dict[str, object]:
    member = caller(request)
    changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    profile = queries.get_own_profile(member)
    fields = tuple(PrivacyForm.Meta.fields)
    form = cleaned(PrivacyForm(_merged(profile, fields, changes), instance=profile))
    services.update_privacy(
        member, changes={k: v for k, v in form.cleaned_data.items() if k in changes}
    )
    return _own(request)


@router.put(
    "/me/skills",
    response=responses(200, MyProfileOut),
    throttle=limit("profile_write", per_member=30),
    summary="Replace your skills",
)
def put_skills(request: HttpRequest, payload: SkillsIn) -> dict[str, object]:
    member = caller(request)
    form = cleaned(SkillsForm({"skills": ", ".join(payload.skills)}))
    services.set_skills(member, names=form.cleaned_data["skills"])
    return _own(request)


def _preferences_out(preferences: JobPreferences | None) -> JobPreferencesSchema:
    if preferences is None:
        return JobPreferencesSchema()
    return JobPreferencesSchema(
        open_to_offers=preferences.open_to_offers,
        min_salary=preferences.min_salary,
        currency=preferences.currency or "EUR",  # type: ignore[arg-type]
        levels=list(preferences.levels or []),
        locations=list(preferences.locations or []),
        remote_only=preferences.remote_only,
        willing_to_relocate=preferences.willing_to_relocate,
    )


@router.get(
    "/me/job-preferences",
    response=responses(200, JobPreferencesSchema),
    summary="Your private job preferences",
)
def get_preferences(request: HttpRequest) -> JobPreferencesSchema:
    return _preferences_out(queries.get_own_job_preferences(caller(request)))


@router.put(
    "/me/job-preferences",
    response=responses(200, JobPreferencesSchema),
    throttle=limit("profile_write", per_member=30),
    summary="Save your private job preferences",
)
def put_preferences(request: HttpRequest, payload: JobPreferencesIn) -> JobPreferencesSchema:
    member = caller(request)
    preferences = queries.get_own_job_preferences(member) or JobPreferences(member=member)
    data = payload.dict()
    data["locations"] = ", ".join(payload.locations)
    form = cleaned(JobPreferencesForm(form_data(data), instance=preferences))
    saved = services.save_job_preferences(member, changes=form.cleaned_data)
    return _preferences_out(saved)


### Other members ###


@router.get(
    "/members/{member_id}",
    response=responses(200, ProfileOut),
    summary="A member's profile, as you may see it",
)
def get_member(request: HttpRequest, member_id: Id) -> dict[str, object]:
    """Blocked either way: 404, exactly like an unknown member. Many different profiles
    in a short time: 429 (the same profile-view throttle as the pages)."""
    viewer = caller(request)
    blocked, connected = pair_relation(viewer.pk, member_id)
    if blocked:
        raise Http404
    throttled = throttle.check_profile_view(viewer, viewed_id=member_id, connected=connected)
    if throttled is not None:
        raise ProfileViewsThrottled(retry_after=throttled.retry_after)
    page = queries.get_profile_page(viewer, member_id=member_id, connected=connected)
    record_profile_view(viewer, viewed_id=page.profile.member_id)
    return _profile_out(page)


#: Results per page, as on the search page.
SEARCH_PAGE_SIZE = 20


@router.get(
    "/members",
    response=responses(200, SearchOut),
    throttle=limit("search", per_member=60),
    summary="Find members by public fields",
)
def search(request: HttpRequest, filters: Query[SearchIn]) -> dict[str, object]:
    """Name or headline (``q``), skill, employer, location; at least one is needed."""
    form = cleaned(SearchForm(form_data(filters.dict(exclude={"page"}))))
    if not form.has_criteria():
        return {"results": [], "info": page_info(1, 0, SEARCH_PAGE_SIZE)}
    found = queries.search_members(
        viewer_id=caller(request).pk,
        text=form.cleaned_data["q"],
        skill=form.cleaned_data["skill"],
        employer=form.cleaned_data["employer"],
        location=form.cleaned_data["location"],
    )
    paginator = Paginator(found, SEARCH_PAGE_SIZE)
    page = paginator.get_page(filters.page)
    return {
        "results": [
            {
                "member_id": p.member_id,
                "full_name": p.full_name,
                "headline": p.headline,
                "location": p.location,
            }
            for p in page.object_list
        ],
        "info": page_info(page.number, paginator.count, SEARCH_PAGE_SIZE),
    }
