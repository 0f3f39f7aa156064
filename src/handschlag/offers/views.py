"""Offers pages: the member's offers and answers, their policy, and the recruiter's side
(send an offer, see the offers sent and one's own figures).

Recruiter pages render ``queries.SentOfferView`` only. Members without the recruiter role
get a 403 page that says how to become one; offers of others answer 404.
"""

from __future__ import annotations

import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from handschlag.accounts.models import Member
from handschlag.core.errors import HandschlagError, NotFound
from handschlag.core.requests import member_of
from handschlag.offers import queries, services
from handschlag.offers.errors import InvalidOffer, NotARecruiter, OfferLimit, OfferQuotaExhausted
from handschlag.offers.forms import (
    DeclineForm,
    InterestForm,
    OfferForm,
    OfferPolicyForm,
    ReportForm,
)
from handschlag.profiles.models import Profile


def _lang() -> str:
    lang = (get_language() or "en").split("-")[0]
    return lang if lang in ("de", "en") else "en"


def _not_recruiter(request: HttpRequest) -> HttpResponse:
    return render(
        request, "offers/not_recruiter.html", {"message": NotARecruiter().message}, status=403
    )


### The member's side ###


@login_required
@require_http_methods(["GET"])
def offer_inbox(request: HttpRequest) -> HttpResponse:
    """The member's offers: matching ones, ones that did not match, and answered ones."""
    member = member_of(request)
    return render(
        request,
        "offers/inbox.html",
        {
            "inbox": queries.list_offer_inbox(member, lang=_lang()),
            "is_recruiter": queries.is_recruiter(member),
            "policy": services.offer_policy(member.pk),
        },
    )


def _item(member: Member, offer_id: int) -> queries.OfferItem:
    try:
        return queries.get_offer_item(member, offer_id=offer_id, lang=_lang())
    except NotFound:
        raise Http404 from None


@login_required
@require_http_methods(["GET"])
def offer_detail(request: HttpRequest, offer_id: int) -> HttpResponse:
    """One offer with its fit, the engine's reasons and the member's actions."""
    item = _item(member_of(request), offer_id)
    return render(request, "offers/detail.html", {"item": item})


@login_required
@require_http_methods(["GET", "POST"])
def offer_interested(request: HttpRequest, offer_id: int) -> HttpResponse:
    """Say yes: record the interest and open a conversation with the recruiter."""
    member = member_of(request)
    item = _item(member, offer_id)
    initial = _(
        "Hello %(recruiter)s,\n\nthank you for your offer “%(title)s”. I am interested and "
        "would like to hear more.\n\nKind regards\n%(member)s"
    ) % {
        "recruiter": item.recruiter_name,
        "title": item.offer.title,
        "member": getattr(getattr(member, "profile", None), "full_name", ""),
    }
    form = InterestForm(request.POST or None, initial={"message": initial})
    if request.method == "POST" and form.is_valid():
        try:
            interest = services.express_interest(
                member, offer_id=offer_id, message=form.cleaned_data["message"]
            )
        except HandschlagError as error:
            messages.error(request, str(error.message))
            return redirect("offer_detail", offer_id=offer_id)
        if interest.conversation_id is not None:
            messages.success(request, _("Your interest was sent to the recruiter."))
            return redirect("conversation", conversation_id=interest.conversation_id)
        messages.warning(
            request,
            _("Your interest is recorded, but the message could not be sent: %(reason)s")
            % {"reason": interest.problem.message if interest.problem else ""},
        )
        return redirect("offer_detail", offer_id=offer_id)
    return render(request, "offers/interested.html", {"item": item, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def offer_decline(request: HttpRequest, offer_id: int) -> HttpResponse:
    """Decline with the standard reply, drafted in the recruiter's language."""
    member = member_of(request)
    item = _item(member, offer_id)
    draft = queries.draft_decline(member, offer_id=offer_id)
    form = DeclineForm(request.POST or None, initial={"reply_text": draft.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.decline_offer(
                member, offer_id=offer_id, reply_text=form.cleaned_data["reply_text"]
            )
        except InvalidOffer as error:
            form.add_error(error.field, str(error.message))
        except HandschlagError as error:
            messages.error(request, str(error.message))
            return redirect("offer_detail", offer_id=offer_id)
        else:
            messages.success(request, _("You declined the offer."))
            return redirect("offer_inbox")
    return render(
        request, "offers/decline.html", {"item": item, "form": form, "reply_lang": draft.lang}
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_report(request: HttpRequest, offer_id: int) -> HttpResponse:
    """Report the offer to the moderators (a pending one is declined as well)."""
    member = member_of(request)
    item = _item(member, offer_id)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_offer(
                member,
                offer_id=offer_id,
                reason=form.cleaned_data["reason"],
                comment=form.cleaned_data["comment"],
            )
        except HandschlagError as error:
            messages.error(request, str(error.message))
            return redirect("offer_detail", offer_id=offer_id)
        messages.success(request, _("Thank you. The moderators will look at this offer."))
        return redirect("offer_inbox")
    return render(request, "offers/report.html", {"item": item, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def offer_settings(request: HttpRequest) -> HttpResponse:
    """The member's offer policy: decline mismatches automatically, share categories."""
    member = member_of(request)
    form = OfferPolicyForm(request.POST or None, instance=services.offer_policy(member.pk))
    if request.method == "POST" and form.is_valid():
        services.save_offer_policy(
            member,
            auto_decline=form.cleaned_data["auto_decline"],
            share_categories=form.cleaned_data["share_categories"],
        )
        messages.success(request, _("Your offer settings are saved."))
        return redirect("offer_settings")
    return render(request, "offers/settings.html", {"form": form})


### The recruiter's side ###


@login_required
@require_http_methods(["GET", "POST"])
def send_offer(request: HttpRequest, member_id: int) -> HttpResponse:
    """The offer form for one member; refusals show above the form (429 for limits)."""
    recruiter = member_of(request)
    if not queries.is_recruiter(recruiter):
        return _not_recruiter(request)
    profile = (
        Profile.objects.filter(member_id=member_id, member__is_active=True)
        .exclude(member_id=recruiter.pk)
        .first()
    )
    if profile is None:
        raise Http404
    form = OfferForm(request.POST or None)
    refusal = ""
    status = 200
    headers: dict[str, str] = {}
    if request.method == "POST" and form.is_valid():
        try:
            services.send_offer(recruiter, recipient_id=member_id, draft=form.draft())
        except NotARecruiter:
            return _not_recruiter(request)
        except NotFound:
            raise Http404 from None
        except InvalidOffer as error:
            form.add_error(error.field, str(error.message))
        except (OfferLimit, OfferQuotaExhausted) as error:
            refusal = str(error.message)
            status = 429
            until = error.resets_at if isinstance(error, OfferQuotaExhausted) else error.until
            if until is not None:
                seconds = (until - timezone.now()).total_seconds()
                headers["Retry-After"] = str(max(1, math.ceil(seconds)))
        except HandschlagError as error:
            refusal = str(error.message)
            status = 400
        else:
            messages.success(
                request,
                _(
                    "Your offer was delivered. You will see the member's answer here; "
                    "answers become visible no earlier than 12 to 36 hours after sending."
                ),
            )
            return redirect("sent_offers")
    response = render(
        request,
        "offers/send.html",
        {"form": form, "profile": profile, "refusal": refusal},
        status=status,
    )
    for name, value in headers.items():
        response[name] = value
    return response


@login_required
@require_http_methods(["GET"])
def sent_offers(request: HttpRequest) -> HttpResponse:
    """The recruiter's offers with their visible status, and their own figures."""
    recruiter = member_of(request)
    if not queries.is_recruiter(recruiter):
        return _not_recruiter(request)
    now = timezone.now()
    views = queries.list_sent_offers(recruiter, now=now)
    return render(
        request,
        "offers/sent.html",
        {"offers": views, "stats": queries.statistics_from(views)},
    )
