"""Meetup pages: the lists, one meetup, organising, answering, check-in, attendees and
calendars. Each view parses its input, calls one service or query, and renders.

Every page is for members only, except the personal calendar feed: calendar programs
cannot log in, so its URL carries a signed secret that the member can revoke.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from handschlag.core.errors import HandschlagError, NotFound
from handschlag.core.requests import member_of
from handschlag.events import ical, queries, services
from handschlag.events.forms import CheckInForm, MeetupForm
from handschlag.events.models import Meetup

### Lists ###


def _notices(request: HttpRequest) -> list[Meetup]:
    return queries.list_unseen_promotions(member_of(request))


@login_required
@require_GET
def meetup_list(request: HttpRequest) -> HttpResponse:
    """Upcoming meetups, soonest first, with a filter by city."""
    member = member_of(request)
    city = str(request.GET.get("city", "")).strip()[:80]
    context = {
        "rows": queries.list_upcoming_meetups(member, city=city),
        "cities": queries.list_cities(),
        "city": city,
        "promotions": _notices(request),
        "tab": "upcoming",
    }
    return render(request, "events/list.html", context)


@login_required
@require_GET
def past_meetups(request: HttpRequest) -> HttpResponse:
    """Meetups that have taken place, latest first."""
    context = {"rows": queries.list_past_meetups(member_of(request)), "tab": "past"}
    return render(request, "events/past.html", context)


@login_required
@require_GET
def my_meetups(request: HttpRequest) -> HttpResponse:
    """The member's meetups (organised, answered, attended) and their calendar feed."""
    member = member_of(request)
    context = {
        "mine": queries.list_my_meetups(member),
        "promotions": _notices(request),
        "feed": queries.get_calendar_feed(member),
        "tab": "mine",
    }
    return render(request, "events/mine.html", context)


@login_required
@require_POST
def dismiss_promotions(request: HttpRequest) -> HttpResponse:
    """The member has read that they moved up from a waiting list."""
    services.mark_promotions_seen(member_of(request))
    return redirect(_safe_next(request, reverse("my_meetups")))


def _safe_next(request: HttpRequest, default: str) -> str:
    target = str(request.POST.get("next", ""))
    # Only paths on this site: no scheme, no host, no protocol-relative URL.
    if target.startswith("/") and not target.startswith("//"):
        return target
    return default


### One meetup ###


def _page(request: HttpRequest, meetup_id: int) -> queries.MeetupPage:
    try:
        return queries.get_meetup_page(member_of(request), meetup_id=meetup_id)
    except NotFound:
        raise Http404 from None


def _detail(
    request: HttpRequest,
    page: queries.MeetupPage,
    *,
    form: CheckInForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "page": page,
        "meetup": page.meetup,
        "form": form or CheckInForm(),
        "promotions": _notices(request),
    }
    return render(request, "events/detail.html", context, status=status)


@login_required
@require_GET
def meetup_detail(request: HttpRequest, meetup_id: int) -> HttpResponse:
    """A meetup: time, place, description, places, the member's answer; check-in during
    the meetup; for the organiser the code to show and the edit and cancel actions."""
    return _detail(request, _page(request, meetup_id))


@login_required
@require_http_methods(["GET", "POST"])
def new_meetup(request: HttpRequest) -> HttpResponse:
    """Organise a meetup."""
    form = MeetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meetup = services.create_meetup(member_of(request), values=form.cleaned_data)
        except HandschlagError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("Your meetup has been published."))
            return redirect("meetup_detail", meetup_id=meetup.pk)
    return render(request, "events/form.html", {"form": form, "meetup": None})


def _own_meetup(request: HttpRequest, meetup_id: int) -> Meetup:
    try:
        return queries.get_meetup_to_edit(member_of(request), meetup_id=meetup_id)
    except NotFound:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def edit_meetup(request: HttpRequest, meetup_id: int) -> HttpResponse:
    """Change one's own meetup (404 for anyone else's)."""
    meetup = _own_meetup(request, meetup_id)
    initial = {name: getattr(meetup, name) for name in services.MEETUP_FIELDS}
    form = MeetupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_meetup(
                member_of(request), meetup_id=meetup.pk, values=form.cleaned_data
            )
        except HandschlagError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect("meetup_detail", meetup_id=meetup.pk)
    return render(request, "events/form.html", {"form": form, "meetup": meetup})


@login_required
@require_http_methods(["GET", "POST"])
def cancel_meetup(request: HttpRequest, meetup_id: int) -> HttpResponse:
    """Call one's own meetup off, after a confirmation page."""
    meetup = _own_meetup(request, meetup_id)
    if request.method == "POST":
        services.cancel_meetup(member_of(request), meetup_id=meetup.pk)
        messages.success(request, _("The meetup has been cancelled. Its guests will be told."))
        return redirect("meetup_detail", meetup_id=meetup.pk)
    return render(request, "events/cancel.html", {"meetup": meetup})


### Answering and check-in ###


@login_required
@require_POST
def rsvp(request: HttpRequest, meetup_id: int) -> HttpResponse:
    """ "I am going": a place, or the waiting list when the meetup is full."""
    try:
        answer = services.rsvp_to_meetup(member_of(request), meetup_id=meetup_id)
    except NotFound:
        raise Http404 from None
    except HandschlagError as error:
        messages.error(request, str(error.message))
    else:
        if answer.status == "going":
            messages.success(request, _("You are going. See you there!"))
        else:
            messages.info(
                request,
                _(
                    "The meetup is full, so you are on the waiting list. If a place opens up, "
                    "you move up in order and we tell you."
                ),
            )
    return redirect("meetup_detail", meetup_id=meetup_id)


@login_required
@require_POST
def cancel_rsvp(request: HttpRequest, meetup_id: int) -> HttpResponse:
    """Give up one's place or leave the waiting list."""
    try:
        services.cancel_rsvp(member_of(request), meetup_id=meetup_id)
    except NotFound:
        raise Http404 from None
    except HandschlagError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("You are no longer signed up for this meetup."))
    return redirect("meetup_detail", meetup_id=meetup_id)


@login_required
@require_POST
def check_in(request: HttpRequest, meetup_id: int) -> HttpResponse:
    """Confirm being at the meetup with the organiser's code; refusals on the field."""
    page = _page(request, meetup_id)
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            services.check_in(
                member_of(request), meetup_id=meetup_id, code=form.cleaned_data["code"]
            )
        except NotFound:
            raise Http404 from None
        except HandschlagError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(
                request,
                _("You are checked in. Now see who else is here and connect with them."),
            )
            return redirect("meetup_attendees", meetup_id=meetup_id)
    return _detail(request, page, form=form, status=400)


@login_required
@require_GET
def attendees(request: HttpRequest, meetup_id: int) -> HttpResponse:
    """Who is going: for attendees and the organiser only (403 for others)."""
    try:
        listing = queries.list_attendees(member_of(request), meetup_id=meetup_id)
    except NotFound:
        raise Http404 from None
    except PermissionDenied as refusal:
        return render(
            request,
            "events/attendees_hidden.html",
            {"message": str(refusal), "meetup_id": meetup_id},
            status=403,
        )
    return render(request, "events/attendees.html", {"listing": listing})


### Calendars ###


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _ics(request: HttpRequest, meetups: list[Meetup], name: str) -> bytes:
    return ical.build_calendar(
        meetups,
        name=name,
        organiser_names=queries.organiser_names(meetups),
        url_for=lambda m: request.build_absolute_uri(reverse("meetup_detail", args=[m.pk])),
        host=request.get_host().split(":")[0],
    )


@login_required
@require_GET
def meetup_ics(request: HttpRequest, meetup_id: int) -> HttpResponse:
    """One meetup as an .ics file for the member's calendar."""
    meetup = _page(request, meetup_id).meetup
    return _calendar_response(_ics(request, [meetup], meetup.title), f"meetup-{meetup.pk}.ics")


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """The member's personal feed: create (or renew) its secret address, or revoke it."""
    member = member_of(request)
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.revoke_calendar_feed(member)
            messages.success(request, _("Your calendar address no longer works."))
        else:
            services.create_calendar_feed(member)
            messages.success(
                request,
                _("Your calendar has a new secret address. Any earlier address no longer works."),
            )
        return redirect("calendar_settings")
    feed = queries.get_calendar_feed(member)
    url = (
        request.build_absolute_uri(reverse("calendar_feed", args=[ical.feed_token(feed)]))
        if feed is not None
        else None
    )
    return render(request, "events/calendar.html", {"feed": feed, "feed_url": url})


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The member's meetups for calendar programs; the signed token is the key (404 for a
    wrong, tampered or revoked one)."""
    feed = ical.feed_for_token(token)
    if feed is None:
        raise Http404
    meetups = queries.list_feed_meetups(feed.member)
    # Calendar programs send no language; the feed speaks the member's.
    with translation.override(feed.member.language or None):
        body = _ics(request, meetups, _("Handschlag meetups"))
    response = _calendar_response(body, "meetups.ics")
    response["Content-Disposition"] = 'inline; filename="meetups.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
