"""Network pages: connections, suggestions, profile views, introductions, network health.

Every page here shows the logged-in member's own data only; there is no URL that takes
another member's id and shows their connections, views or figures.
"""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from handschlag.core.errors import NotFound
from handschlag.core.requests import HtmxHttpRequest, member_of
from handschlag.network import connections, health, introductions, services, suggestions
from handschlag.network.models import HowMet, Intent
from handschlag.network.views import fragments
from handschlag.profiles.models import Profile

CONNECTIONS_PAGE_SIZE = 50
#: The suggestions as a list; the page keeps it rendered in the cache.
SUGGESTIONS_TEMPLATE = "network/suggestions_list.html"


### Forms ###


class ConnectionFilterForm(forms.Form):
    """Search the member's own connections by name and how they met."""

    q = forms.CharField(label=gettext_lazy("Name or headline"), required=False, max_length=100)
    how_met = forms.ChoiceField(
        label=gettext_lazy("How we met"),
        required=False,
        choices=[("", gettext_lazy("Any way")), *HowMet.choices],
    )


class IntroductionRequestForm(forms.Form):
    """Choose a mutual contact and say why the requester would like to meet the target."""

    introducer = forms.TypedChoiceField(
        label=gettext_lazy("Who should introduce you?"), coerce=int, widget=forms.RadioSelect
    )
    intent = forms.ChoiceField(
        label=gettext_lazy("What is your request about?"),
        choices=Intent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Please choose what your request is about.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Why would you like to meet?"),
        max_length=introductions.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Your contact reads this first and forwards it with a word of their own."
        ),
    )

    def __init__(self, data: QueryDict | None = None, *, introducers: list[Profile]) -> None:
        super().__init__(data)
        field = cast("forms.TypedChoiceField", self.fields["introducer"])
        field.choices = [(p.member_id, p.full_name) for p in introducers]


class ForwardForm(forms.Form):
    """The introducer's own word, sent along with the requester's reason."""

    word = forms.CharField(
        label=gettext_lazy("A word from you (optional)"),
        required=False,
        max_length=introductions.INTRODUCER_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


### Connections ###


@login_required
def connection_list(request: HtmxHttpRequest) -> HttpResponse:
    """The member's own connections with how they met; filtered in place with htmx."""
    member = member_of(request)
    form = ConnectionFilterForm(request.GET or None)
    how_met = text = ""
    if form.is_valid():
        how_met, text = form.cleaned_data["how_met"], form.cleaned_data["q"]
    page = Paginator(
        connections.list_connections(member, how_met=how_met, text=text), CONNECTIONS_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "is_filtered": bool(how_met or text.strip())}
    template = "network/connections_list.html" if request.htmx else "network/connections.html"
    return render(request, template, context)


@login_required
def remove_connection(request: HttpRequest, member_id: int) -> HttpResponse:
    """Confirm, then remove a connection in both directions (POST only changes anything)."""
    member = member_of(request)
    connection = connections.get_own_connection(member, contact_id=member_id)
    name = connection.contact.profile.full_name
    if request.method == "POST":
        services.remove_connection(member, contact=connection.contact)
        messages.success(request, _("%(name)s is no longer one of your contacts.") % {"name": name})
        return redirect("connections")
    return render(request, "network/connections_remove.html", {"connection": connection})


### People you may know ###


@login_required
def suggestion_list(request: HttpRequest) -> HttpResponse:
    """People the member may know, each with the common ground behind the suggestion."""
    member = member_of(request)
    found = suggestions.list_suggestions(member)
    # The list is kept rendered under a digest of everything it shows (fragments.py).
    suggestions_list = fragments.render_fragment(
        SUGGESTIONS_TEMPLATE,
        (member.pk, *(suggestion.parts for suggestion in found)),
        lambda: {"suggestions": found},
    )
    return render(
        request,
        "network/suggestions.html",
        {"suggestions": found, "suggestions_list": suggestions_list},
    )


### Profile views ###


@login_required
def profile_views(request: HttpRequest) -> HttpResponse:
    """Who viewed the member's own profile, as each viewer chose to appear."""
    member = member_of(request)
    return render(
        request,
        "network/profile_views.html",
        {
            "views": connections.list_profile_views(member),
            "days": connections.PROFILE_VIEWS_DAYS,
            "own_profile": member.profile,
        },
    )


### Introductions ###


@login_required
def request_introduction(request: HttpRequest, member_id: int) -> HttpResponse:
    """Ask a mutual contact to introduce the member to someone, with the reason."""
    member = member_of(request)
    page = introductions.get_introduction_page(member, target_id=member_id)
    form = IntroductionRequestForm(request.POST or None, introducers=page.introducers)
    if request.method == "POST" and page.introducers and form.is_valid():
        try:
            introduction = introductions.request_introduction(
                member,
                target_id=member_id,
                introducer_id=form.cleaned_data["introducer"],
                reason=form.cleaned_data["reason"],
                intent=form.cleaned_data["intent"],
            )
        except NotFound:
            raise Http404 from None
        except introductions.IntroductionRefused as refusal:
            form.add_error(refusal.field, str(refusal.message))
        else:
            messages.success(
                request,
                _("%(name)s has been asked to introduce you.")
                % {"name": introduction.introducer.profile.full_name},
            )
            return redirect("introductions")
    return render(request, "network/introductions_request.html", {"page": page, "form": form})


@login_required
def introduction_list(request: HttpRequest) -> HttpResponse:
    """Introductions waiting for the member's answer, and those the member asked for."""
    member = member_of(request)
    return render(
        request,
        "network/introductions.html",
        {
            "to_forward": [
                (intro, ForwardForm(prefix=f"intro-{intro.pk}"))
                for intro in introductions.list_introductions_to_forward(member)
            ],
            "requested": introductions.list_requested_introductions(member),
        },
    )


@login_required
@require_POST
def forward_introduction(request: HttpRequest, introduction_id: int) -> HttpResponse:
    """Forward an introduction with the introducer's word; the target gets a request."""
    member = member_of(request)
    word = request.POST.get(f"intro-{introduction_id}-word", "")
    try:
        introduction = introductions.forward_introduction(
            member, introduction_id=introduction_id, word=word
        )
    except NotFound:
        raise Http404 from None
    except introductions.IntroductionRefused as refusal:
        messages.error(request, str(refusal.message))
    else:
        messages.success(
            request,
            _("Thank you. The request from %(requester)s has been forwarded to %(target)s.")
            % {
                "requester": introduction.requester.profile.full_name,
                "target": introduction.target.profile.full_name,
            },
        )
    return redirect("introductions")


@login_required
@require_POST
def decline_introduction(request: HttpRequest, introduction_id: int) -> HttpResponse:
    """Decline to forward an introduction; nobody but the requester learns of it."""
    member = member_of(request)
    try:
        introductions.decline_introduction(member, introduction_id=introduction_id)
    except NotFound:
        raise Http404 from None
    messages.success(request, _("The introduction was not forwarded."))
    return redirect("introductions")


### Network health ###


@login_required
def network_health(request: HttpRequest) -> HttpResponse:
    """The member's own network health; nobody else's figures, no ranking."""
    member = member_of(request)
    return render(request, "network/health.html", {"health": health.get_network_health(member)})


urlpatterns: list[URLPattern] = [
    path("network/connections/", connection_list, name="connections"),
    path(
        "network/connections/<int:member_id>/remove/",
        remove_connection,
        name="remove_connection",
    ),
    path("network/suggestions/", suggestion_list, name="suggestions"),
    path("network/profile-views/", profile_views, name="profile_views"),
    path(
        "members/<int:member_id>/introduction/",
        request_introduction,
        name="request_introduction",
    ),
    path("network/introductions/", introduction_list, name="introductions"),
    path(
        "network/introductions/<int:introduction_id>/forward/",
        forward_introduction,
        name="forward_introduction",
    ),
    path(
        "network/introductions/<int:introduction_id>/decline/",
        decline_introduction,
        name="decline_introduction",
    ),
    path("network/health/", network_health, name="network_health"),
]
