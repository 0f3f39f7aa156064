"""Profile pages: parse the input, call one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from handschlag.core.requests import HtmxHttpRequest, member_of
from handschlag.moderation.blocks import pair_relation
from handschlag.network.services import record_profile_view
from handschlag.profiles import queries, services, throttle
from handschlag.profiles.errors import TooManySkills
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
from handschlag.profiles.models import JobPreferences
from handschlag.profiles.vcard import render_vcard

SEARCH_PAGE_SIZE = 20


@login_required
def own_profile(request: HttpRequest) -> HttpResponse:
    """The member's own profile page."""
    return redirect("profile_detail", member_id=member_of(request).pk)


def _visible_profile(request: HttpRequest, member_id: int) -> queries.ProfilePage | HttpResponse:
    """The profile page data, or the answer instead of it: 404 for a block either way
    (exactly as for an unknown member), 429 when the viewer opened too many profiles."""
    viewer = member_of(request)
    blocked, connected = pair_relation(viewer.pk, member_id)
    if blocked:
        raise Http404
    throttled = throttle.check_profile_view(viewer, viewed_id=member_id, connected=connected)
    if throttled is not None:
        response = render(
            request,
            "profiles/throttled.html",
            {"minutes": max(1, (throttled.retry_after + 59) // 60)},
            status=429,
        )
        response["Retry-After"] = str(throttled.retry_after)
        return response
    return queries.get_profile_page(viewer, member_id=member_id, connected=connected)


@login_required
def profile_detail(request: HttpRequest, member_id: int) -> HttpResponse:
    """A member's profile as the viewer may see it."""
    viewer = member_of(request)
    page = _visible_profile(request, member_id)
    if isinstance(page, HttpResponse):
        return page
    record_profile_view(viewer, viewed_id=page.profile.member_id)
    context = {
        "page": page,
        "profile": page.profile,
        "language_names": dict(SPOKEN_LANGUAGES),
        "preferences": queries.get_own_job_preferences(viewer) if page.is_own else None,
    }
    return render(request, "profiles/detail.html", context)


@login_required
@require_GET
def profile_vcard(request: HttpRequest, member_id: int) -> HttpResponse:
    """The profile as a vCard download, with only the contact details the viewer may see."""
    viewer = member_of(request)
    page = _visible_profile(request, member_id)
    if isinstance(page, HttpResponse):
        return page
    record_profile_view(viewer, viewed_id=page.profile.member_id)
    url = request.build_absolute_uri(reverse("profile_detail", args=[page.profile.member_id]))
    response = HttpResponse(
        render_vcard(page.profile, page.contact, profile_url=url),
        content_type="text/vcard; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="handschlag-{page.profile.member_id}.vcf"'
    )
    return response


def _form_page(
    request: HttpRequest, form: object, *, title: str, intro: str = "", delete_url: str = ""
) -> HttpResponse:
    return render(
        request,
        "profiles/form.html",
        {"form": form, "title": title, "intro": intro, "delete_url": delete_url},
    )


@login_required
def edit_profile(request: HttpRequest) -> HttpResponse:
    """Edit name, headline, location, texts, level and phone."""
    member = member_of(request)
    form = ProfileForm(request.POST or None, instance=queries.get_own_profile(member))
    if request.method == "POST" and form.is_valid():
        services.update_profile(member, changes=form.cleaned_data)
        messages.success(request, _("Your profile has been saved."))
        return redirect("own_profile")
    return _form_page(request, form, title=_("Edit your profile"))


@login_required
def edit_privacy(request: HttpRequest) -> HttpResponse:
    """Choose who sees the email address and the phone number."""
    member = member_of(request)
    form = PrivacyForm(request.POST or None, instance=queries.get_own_profile(member))
    if request.method == "POST" and form.is_valid():
        services.update_privacy(member, changes=form.cleaned_data)
        messages.success(request, _("Your privacy settings have been saved."))
        return redirect("own_profile")
    return _form_page(
        request,
        form,
        title=_("Privacy"),
        intro=_(
            "Contact details are shown only to the audience you pick. "
            "Nobody ever sees how many contacts you have."
        ),
    )


@login_required
def edit_preferences(request: HttpRequest) -> HttpResponse:
    """Edit the private job preferences."""
    member = member_of(request)
    preferences = queries.get_own_job_preferences(member) or JobPreferences(member=member)
    form = JobPreferencesForm(request.POST or None, instance=preferences)
    if request.method == "POST" and form.is_valid():
        services.save_job_preferences(member, changes=form.cleaned_data)
        messages.success(request, _("Your job preferences have been saved."))
        return redirect("own_profile")
    return _form_page(
        request,
        form,
        title=_("Job preferences"),
        intro=_(
            "These preferences are private. Nobody but you ever sees them; offers that "
            "do not fit are declined politely without revealing why."
        ),
    )


@login_required
def edit_position(request: HttpRequest, position_id: int | None = None) -> HttpResponse:
    """Add a position or change one of the member's own."""
    member = member_of(request)
    initial = {}
    if position_id is not None:
        position = queries.get_own_position(member, position_id=position_id)
        initial = {
            "employer": position.employer.name,
            "title": position.title,
            "start_date": position.start_date,
            "end_date": position.end_date,
            "business_model": position.business_model,
            "description": position.description,
        }
    form = PositionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_position(
            member,
            position_id=position_id,
            employer_name=data["employer"],
            title=data["title"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            business_model=data["business_model"],
            description=data["description"],
        )
        messages.success(request, _("The position has been saved."))
        return redirect("own_profile")
    title = _("Add a position") if position_id is None else _("Edit position")
    delete_url = "" if position_id is None else request.path.rstrip("/") + "/delete/"
    return _form_page(request, form, title=title, delete_url=delete_url)


@login_required
@require_POST
def delete_position(request: HttpRequest, position_id: int) -> HttpResponse:
    """Remove one of the member's positions."""
    member = member_of(request)
    queries.get_own_position(member, position_id=position_id)
    services.delete_position(member, position_id=position_id)
    messages.success(request, _("The position has been removed."))
    return redirect("own_profile")


@login_required
def edit_education(request: HttpRequest, education_id: int | None = None) -> HttpResponse:
    """Add an education entry or change one of the member's own."""
    member = member_of(request)
    instance = (
        None
        if education_id is None
        else queries.get_own_education(member, education_id=education_id)
    )
    form = EducationForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.save_education(member, education_id=education_id, changes=form.cleaned_data)
        messages.success(request, _("The education entry has been saved."))
        return redirect("own_profile")
    title = _("Add education") if education_id is None else _("Edit education")
    delete_url = "" if education_id is None else request.path.rstrip("/") + "/delete/"
    return _form_page(request, form, title=title, delete_url=delete_url)


@login_required
@require_POST
def delete_education(request: HttpRequest, education_id: int) -> HttpResponse:
    """Remove one of the member's education entries."""
    member = member_of(request)
    queries.get_own_education(member, education_id=education_id)
    services.delete_education(member, education_id=education_id)
    messages.success(request, _("The education entry has been removed."))
    return redirect("own_profile")


@login_required
def edit_skills(request: HttpRequest) -> HttpResponse:
    """Replace the member's skills."""
    member = member_of(request)
    current = ", ".join(skill.name for skill in queries.get_own_profile(member).skills.all())
    form = SkillsForm(request.POST or None, initial={"skills": current})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_skills(member, names=form.cleaned_data["skills"])
        except TooManySkills as error:
            form.add_error(error.field, str(error.message))
        else:
            messages.success(request, _("Your skills have been saved."))
            return redirect("own_profile")
    return _form_page(request, form, title=_("Skills"))


@login_required
def edit_languages(request: HttpRequest) -> HttpResponse:
    """List the member's languages and add one."""
    member = member_of(request)
    form = SpokenLanguageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_spoken_language(
            member,
            language=form.cleaned_data["language"],
            proficiency=form.cleaned_data["proficiency"],
        )
        messages.success(request, _("The language has been saved."))
        return redirect("edit_languages")
    return render(
        request,
        "profiles/languages.html",
        {
            "form": form,
            "languages": queries.list_own_languages(member),
            "language_names": dict(SPOKEN_LANGUAGES),
        },
    )


@login_required
@require_POST
def delete_language(request: HttpRequest, spoken_language_id: int) -> HttpResponse:
    """Remove a language from the member's profile."""
    member = member_of(request)
    queries.get_own_language(member, spoken_language_id=spoken_language_id)
    services.remove_spoken_language(member, spoken_language_id=spoken_language_id)
    messages.success(request, _("The language has been removed."))
    return redirect("edit_languages")


@login_required
def search(request: HtmxHttpRequest) -> HttpResponse:
    """Find members by public fields; with htmx, only the results are re-rendered."""
    form = SearchForm(request.GET or None)
    page = None
    if form.is_valid() and form.has_criteria():
        results = queries.search_members(
            viewer_id=member_of(request).pk,
            text=form.cleaned_data["q"],
            skill=form.cleaned_data["skill"],
            employer=form.cleaned_data["employer"],
            location=form.cleaned_data["location"],
        ).prefetch_related("positions__employer")
        page = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    template = "profiles/search_results.html" if request.htmx else "profiles/search.html"
    return render(request, template, {"form": form, "page": page})
