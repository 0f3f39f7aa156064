"""Recommendation pages: the overview, asking a contact, writing or declining, approving,
withdrawing, and declaring or confirming a collaboration.

Objects of others answer 404. A refused request (no contact, no shared work) answers 403
with the explanation for the asker; it is never delivered.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from handschlag.core.errors import HandschlagError, NotFound
from handschlag.core.requests import member_of
from handschlag.recommendations import queries, services
from handschlag.recommendations.errors import (
    InvalidRecommendation,
    RequestRefused,
)
from handschlag.recommendations.forms import (
    ChoiceForm,
    CollaborationForm,
    DeclineForm,
    RequestForm,
    WriteForm,
)
from handschlag.recommendations.replies import decline_reply


def _lang() -> str:
    lang = (get_language() or "en").split("-")[0]
    return lang if lang in ("de", "en") else "en"


@login_required
@require_http_methods(["GET"])
def overview(request: HttpRequest) -> HttpResponse:
    """Requests to answer, recommendations to approve, those shown, those written, the
    member's own requests and collaborations to confirm."""
    member = member_of(request)
    return render(
        request,
        "recommendations/overview.html",
        {"overview": queries.overview(member, lang=_lang())},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, member_id: int) -> HttpResponse:
    """Ask a contact for a recommendation; the page says at once whether the two share
    the work history a request needs, and what is missing if not."""
    asker = member_of(request)
    try:
        profile = queries.get_profile_to_ask(asker, member_id=member_id)
    except NotFound:
        raise Http404 from None
    refusal = ""
    basis = ""
    status = 200
    try:
        history = queries.check_request_allowed(
            asker, recommender=profile.member, now=timezone.now()
        )
        basis = queries.describe_basis(history.basis or "", history.shared_names())
    except RequestRefused as error:
        refusal, status = str(error.message), 403
    except HandschlagError as error:
        refusal, status = str(error.message), 409
    form = RequestForm(request.POST or None)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            services.request_recommendation(asker, recommender_id=member_id, draft=form.draft())
        except NotFound:
            raise Http404 from None
        except InvalidRecommendation as error:
            form.add_error(error.field, str(error.message))
        except RequestRefused as error:
            refusal, status = str(error.message), 403
        except HandschlagError as error:
            refusal, status = str(error.message), 409
        else:
            messages.success(
                request,
                _("Your request was sent to %(name)s.") % {"name": profile.full_name},
            )
            return redirect("recommendations")
    return render(
        request,
        "recommendations/ask.html",
        {
            "profile": profile,
            "form": form,
            "refusal": refusal,
            "basis": basis,
            "is_contact": queries.can_ask(asker.pk, member_id),
        },
        status=status,
    )


def _request_item(request: HttpRequest, request_id: int) -> queries.RequestItem:
    try:
        return queries.get_request_for_recommender(
            member_of(request), request_id=request_id, lang=_lang()
        )
    except NotFound:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def write(request: HttpRequest, request_id: int) -> HttpResponse:
    """The request with its reasons, and the form to write the recommendation."""
    item = _request_item(request, request_id)
    form = WriteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.write_recommendation(
                member_of(request), request_id=request_id, text=form.cleaned_data["text"]
            )
        except InvalidRecommendation as error:
            form.add_error(error.field, str(error.message))
        except HandschlagError as error:
            messages.error(request, str(error.message))
            return redirect("recommendations")
        else:
            messages.success(
                request,
                _("Thank you. %(name)s will see it and decide whether to show it.")
                % {"name": item.asker_name},
            )
            return redirect("recommendations")
    return render(request, "recommendations/write.html", {"item": item, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def decline(request: HttpRequest, request_id: int) -> HttpResponse:
    """Decline with the standard reply, drafted in the asker's language."""
    item = _request_item(request, request_id)
    draft = decline_reply(item.request)
    form = DeclineForm(request.POST or None, initial={"reply_text": draft.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.decline_request(
                member_of(request),
                request_id=request_id,
                reply_text=form.cleaned_data["reply_text"],
            )
        except InvalidRecommendation as error:
            form.add_error(error.field, str(error.message))
        except HandschlagError as error:
            messages.error(request, str(error.message))
            return redirect("recommendations")
        else:
            messages.success(request, _("You declined the request; your reply was sent."))
            return redirect("recommendations")
    return render(
        request,
        "recommendations/decline.html",
        {"item": item, "form": form, "reply_lang": draft.lang},
    )


def _answer(request: HttpRequest) -> bool | None:
    form = ChoiceForm(request.POST)
    return form.cleaned_data["answer"] if form.is_valid() else None


@login_required
@require_POST
def withdraw_request(request: HttpRequest, request_id: int) -> HttpResponse:
    """The asker takes back a request still waiting."""
    try:
        services.withdraw_request(member_of(request), request_id=request_id)
    except NotFound:
        raise Http404 from None
    except HandschlagError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Your request was withdrawn."))
    return redirect("recommendations")


@login_required
@require_POST
def approve(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    """The recommended member shows it on their profile, or keeps it off."""
    show = _answer(request)
    if show is None:
        messages.error(request, _("Please choose whether to show the recommendation."))
        return redirect("recommendations")
    try:
        services.approve_recommendation(
            member_of(request), recommendation_id=recommendation_id, show=show
        )
    except NotFound:
        raise Http404 from None
    except HandschlagError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("The recommendation is now shown on your profile.")
            if show
            else _("The recommendation will not be shown."),
        )
    return redirect("recommendations")


@login_required
@require_POST
def withdraw(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    """Either side takes a recommendation down."""
    try:
        recommendation = services.withdraw_recommendation(
            member_of(request), recommendation_id=recommendation_id
        )
    except NotFound:
        raise Http404 from None
    except HandschlagError as error:
        messages.error(request, str(error.message))
        return redirect("recommendations")
    messages.success(request, _("The recommendation was withdrawn; it is no longer shown."))
    if request.POST.get("next") == "profile":
        return redirect("profile_detail", member_id=recommendation.subject_id)
    return redirect("recommendations")


@login_required
@require_http_methods(["GET", "POST"])
def declare_collaboration(request: HttpRequest, member_id: int) -> HttpResponse:
    """Declare a project done together with a contact, for them to confirm."""
    member = member_of(request)
    try:
        profile = queries.get_profile_to_ask(member, member_id=member_id)
    except NotFound:
        raise Http404 from None
    form = CollaborationForm(request.POST or None)
    refusal = ""
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.declare_collaboration(
                member,
                partner_id=member_id,
                project=data["project"],
                role=data["role"],
                from_year=data["from_year"],
                to_year=data.get("to_year"),
            )
        except NotFound:
            raise Http404 from None
        except InvalidRecommendation as error:
            form.add_error(error.field, str(error.message))
        except HandschlagError as error:
            refusal, status = str(error.message), 403 if isinstance(error, RequestRefused) else 409
        else:
            messages.success(
                request,
                _("%(name)s is asked to confirm the collaboration.") % {"name": profile.full_name},
            )
            return redirect("recommendations")
    return render(
        request,
        "recommendations/collaboration.html",
        {"profile": profile, "form": form, "refusal": refusal},
        status=status,
    )


@login_required
@require_POST
def answer_collaboration(request: HttpRequest, collaboration_id: int) -> HttpResponse:
    """Confirm (or not) a collaboration someone declared with the member."""
    confirm = _answer(request)
    if confirm is None:
        messages.error(request, _("Please choose whether to confirm the collaboration."))
        return redirect("recommendations")
    try:
        services.answer_collaboration(
            member_of(request), collaboration_id=collaboration_id, confirm=confirm
        )
    except NotFound:
        raise Http404 from None
    except HandschlagError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("You confirmed the collaboration.")
            if confirm
            else _("You did not confirm the collaboration."),
        )
    return redirect("recommendations")
