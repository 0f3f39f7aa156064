"""Profiles through the API: one's own (read, update; its positions, education and
languages), another's as privacy allows, search.

Contact details of others come only from ``profiles.privacy`` (through
``queries.get_profile_page``); job preferences only from ``get_own_job_preferences`` for
the member themself. Search results never carry contact details (privacy.py says why).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from django.core.paginator import Paginator
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from handschlag.accounts.models import Member
from handschlag.api.errors import ProfileViewsThrottled
from handschlag.api.forms import cleaned, form_data
from handschlag.api.limits import limit
from handschlag.api.routers.common import (
    Done,
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
    SPOKEN_LANGUAGES,
    EducationForm,
    JobPreferencesForm,
    PositionForm,
    PrivacyForm,
    ProfileForm,
    SearchForm,
    SkillsForm,
    SpokenLanguageForm,
)
from handschlag.profiles.models import Education, JobPreferences, Position, Profile

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


### Positions, education and languages of the own profile ###

BusinessModelCode = Literal["", "b2b", "b2c", "both"]
ProficiencyCode = Literal["basic", "conversational", "fluent", "native"]
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> object:
    """A date only from its ISO text (never a number of seconds, as pydantic's lax mode
    would read one)."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("date_parsing", "a date as YYYY-MM-DD is required")


#: A date as JSON carries it: ``"2019-04-01"``.
JsonDate = Annotated[date, BeforeValidator(_iso_date)]


class OwnPositionOut(PositionOut):
    """A position of the member's own, with the fields only the edit form shows."""

    business_model: str
    description: str


class PositionIn(InputSchema):
    """A position; ``end_date`` empty (null) for the current one."""

    employer: str
    title: str
    start_date: JsonDate
    end_date: JsonDate | None = None
    business_model: BusinessModelCode = ""
    description: str = ""


class PositionChangeIn(InputSchema):
    """Fields of a position to change; only those sent are changed (``end_date``: null
    makes it the current position)."""

    employer: str | None = None
    title: str | None = None
    start_date: JsonDate | None = None
    end_date: JsonDate | None = None
    business_model: BusinessModelCode | None = None
    description: str | None = None


class EducationIn(InputSchema):
    school: str
    degree: str = ""
    field_of_study: str = ""
    start_year: int | None = None
    end_year: int | None = None


class EducationChangeIn(InputSchema):
    """Fields of an education entry to change; only those sent are changed."""

    school: str | None = None
    degree: str | None = None
    field_of_study: str | None = None
    start_year: int | None = None
    end_year: int | None = None


class OwnLanguageOut(Schema):
    id: int
    #: The language's code (``de``, ``en`` …) and its name in the member's language.
    language: str
    name: str
    proficiency: ProficiencyCode


class LanguageIn(InputSchema):
    """A language the member speaks; adding one already listed changes how well."""

    language: str
    proficiency: ProficiencyCode


class ProficiencyIn(InputSchema):
    proficiency: ProficiencyCode


def _position_out(position: Position) -> OwnPositionOut:
    return OwnPositionOut(
        id=position.pk,
        employer=position.employer.name,
        title=position.title,
        start_date=position.start_date,
        end_date=position.end_date,
        is_current=position.is_current,
        business_model=position.business_model,
        description=position.description,
    )


def _education_out(education: Education) -> EducationOut:
    return EducationOut(
        id=education.pk,
        school=education.school,
        degree=education.degree,
        field_of_study=education.field_of_study,
        start_year=education.start_year,
        end_year=education.end_year,
    )


def _save_position(
    request: HttpRequest, position_id: int | None, values: dict[str, object]
) -> OwnPositionOut:
    member = caller(request)
    data = cleaned(PositionForm(form_data(values))).cleaned_data
    saved = services.save_position(
        member,
        position_id=position_id,
        employer_name=data["employer"],
        title=data["title"],
        start_date=data["start_date"],
        end_date=data["end_date"],
        business_model=data["business_model"],
        description=data["description"],
    )
    return _position_out(queries.get_own_position(member, position_id=saved.pk))


@router.get(
    "/me/positions", response=responses(200, list[OwnPositionOut]), summary="Your positions"
)
def list_positions(request: HttpRequest) -> list[OwnPositionOut]:
    profile = queries.get_own_profile(caller(request))
    return [_position_out(p) for p in profile.positions.select_related("employer")]


@router.post(
    "/me/positions",
    response=responses(201, OwnPositionOut),
    throttle=limit("profile_write", per_member=30),
    summary="Add a position",
)
def add_position(request: HttpRequest, payload: PositionIn) -> Status[OwnPositionOut]:
    return Status(201, _save_position(request, None, payload.dict()))


@router.patch(
    "/me/positions/{position_id}",
    response=responses(200, OwnPositionOut),
    throttle=limit("profile_write", per_member=30),
    summary="Change one of your positions",
)
def change_position(
    request: HttpRequest, position_id: Id, payload: PositionChangeIn
) -> OwnPositionOut:
    position = queries.get_own_position(caller(request), position_id=position_id)
    current: dict[str, object] = {
        "employer": position.employer.name,
        "title": position.title,
        "start_date": position.start_date,
        "end_date": position.end_date,
        "business_model": position.business_model,
        "description": position.description,
    }
    sent = payload.dict(exclude_unset=True)
    changes = {k: v for k, v in sent.items() if v is not None or k == "end_date"}
    return _save_position(request, position_id, {**current, **changes})


@router.delete(
    "/me/positions/{position_id}",
    response=responses(200, Done),
    throttle=limit("profile_write", per_member=30),
    summary="Remove one of your positions",
)
def delete_position(request: HttpRequest, position_id: Id) -> Done:
    member = caller(request)
    queries.get_own_position(member, position_id=position_id)
    services.delete_position(member, position_id=position_id)
    return Done(detail=_("The position has been removed."))


@router.get("/me/education", response=responses(200, list[EducationOut]), summary="Your education")
def list_education(request: HttpRequest) -> list[EducationOut]:
    profile = queries.get_own_profile(caller(request))
    return [_education_out(e) for e in profile.education.all()]


def _save_education(
    request: HttpRequest, education: Education | None, values: dict[str, object]
) -> EducationOut:
    member = caller(request)
    form = cleaned(EducationForm(form_data(values), instance=education))
    saved = services.save_education(
        member,
        education_id=None if education is None else education.pk,
        changes=form.cleaned_data,
    )
    return _education_out(saved)


@router.post(
    "/me/education",
    response=responses(201, EducationOut),
    throttle=limit("profile_write", per_member=30),
    summary="Add a school or university",
)
def add_education(request: HttpRequest, payload: EducationIn) -> Status[EducationOut]:
    return Status(201, _save_education(request, None, payload.dict()))


@router.patch(
    "/me/education/{education_id}",
    response=responses(200, EducationOut),
    throttle=limit("profile_write", per_member=30),
    summary="Change one of your education entries",
)
def change_education(
    request: HttpRequest, education_id: Id, payload: EducationChangeIn
) -> EducationOut:
    education = queries.get_own_education(caller(request), education_id=education_id)
    fields = tuple(EducationForm.Meta.fields)
    sent = payload.dict(exclude_unset=True)
    # A year sent as null is taken off; a text sent as null keeps its value.
    changes = {k: v for k, v in sent.items() if v is not None or k in ("start_year", "end_year")}
    current = model_to_dict(education, fields=fields)
    return _save_education(request, education, {**current, **changes})


@router.delete(
    "/me/education/{education_id}",
    response=responses(200, Done),
    throttle=limit("profile_write", per_member=30),
    summary="Remove one of your education entries",
)
def delete_education(request: HttpRequest, education_id: Id) -> Done:
    member = caller(request)
    queries.get_own_education(member, education_id=education_id)
    services.delete_education(member, education_id=education_id)
    return Done(detail=_("The education entry has been removed."))


def _languages(member: Member) -> list[OwnLanguageOut]:
    names = dict(SPOKEN_LANGUAGES)
    return [
        OwnLanguageOut(
            id=s.pk,
            language=s.language,
            name=str(names.get(s.language, s.language)),
            proficiency=s.proficiency,  # type: ignore[arg-type]
        )
        for s in queries.list_own_languages(member)
    ]


@router.get(
    "/me/languages", response=responses(200, list[OwnLanguageOut]), summary="Your languages"
)
def list_languages(request: HttpRequest) -> list[OwnLanguageOut]:
    return _languages(caller(request))


@router.post(
    "/me/languages",
    response=responses(201, list[OwnLanguageOut]),
    throttle=limit("profile_write", per_member=30),
    summary="Add a language you speak (or change how well)",
)
def add_language(request: HttpRequest, payload: LanguageIn) -> Status[list[OwnLanguageOut]]:
    member = caller(request)
    data = cleaned(SpokenLanguageForm(form_data(payload.dict()))).cleaned_data
    services.add_spoken_language(member, language=data["language"], proficiency=data["proficiency"])
    return Status(201, _languages(member))


@router.patch(
    "/me/languages/{spoken_language_id}",
    response=responses(200, list[OwnLanguageOut]),
    throttle=limit("profile_write", per_member=30),
    summary="Change how well you speak one of your languages",
)
def change_language(
    request: HttpRequest, spoken_language_id: Id, payload: ProficiencyIn
) -> list[OwnLanguageOut]:
    member = caller(request)
    spoken = queries.get_own_language(member, spoken_language_id=spoken_language_id)
    values = {"language": spoken.language, "proficiency": payload.proficiency}
    data = cleaned(SpokenLanguageForm(form_data(values))).cleaned_data
    services.add_spoken_language(member, language=data["language"], proficiency=data["proficiency"])
    return _languages(member)


@router.delete(
    "/me/languages/{spoken_language_id}",
    response=responses(200, list[OwnLanguageOut]),
    throttle=limit("profile_write", per_member=30),
    summary="Remove a language from your profile",
)
def delete_language(request: HttpRequest, spoken_language_id: Id) -> list[OwnLanguageOut]:
    member = caller(request)
    queries.get_own_language(member, spoken_language_id=spoken_language_id)
    services.remove_spoken_language(member, spoken_language_id=spoken_language_id)
    return _languages(member)
