"""Recruiter offers through the API: the member's offers and answers and their offer
policy; the recruiter's sending, sent list and own figures.

The recruiter's side is built only from ``offers.queries.SentOfferView.as_dict()``, the
one shape that carries no member's numbers (docs/offers.md): no preference, floor or
verdict of the recipient ever reaches a recruiter through this router.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from handschlag.api.forms import cleaned, form_data
from handschlag.api.limits import limit
from handschlag.api.routers.common import (
    DeclineIn,
    Done,
    Id,
    InputSchema,
    ReportIn,
    caller,
    responses,
)
from handschlag.offers import queries, services
from handschlag.offers.errors import NotARecruiter
from handschlag.offers.forms import (
    DeclineForm,
    InterestForm,
    OfferForm,
    OfferPolicyForm,
    ReportForm,
)

router = Router(tags=["offers"])


### Shapes ###


class FitLineOut(Schema):
    text: str
    fits: bool | None


class OfferReasonOut(Schema):
    text: str
    is_reassuring: bool


class OfferOut(Schema):
    """An offer made to the caller, with how it fits their own preferences."""

    id: int
    recruiter_id: int
    recruiter_name: str
    recruiter_headline: str
    title: str
    employer: str
    level: str
    salary: str
    location: str
    remote: str
    skills: list[str]
    text: str
    sent_at: datetime
    status: str
    folder: str
    fits: bool
    fit: list[FitLineOut]
    mismatches: list[str]
    reasons: list[OfferReasonOut]


class OfferInboxOut(Schema):
    matching: list[OfferOut]
    filed: list[OfferOut]
    answered: list[OfferOut]


class InterestIn(InputSchema):
    message: str


class InterestOut(Schema):
    offer: OfferOut
    conversation_id: int | None
    #: Why no conversation could be opened, if none was (the interest stands).
    problem: str | None


class SentOfferOut(Schema):
    """An offer as its recruiter sees it (``SentOfferView``): their own fields and the
    outcome only once it is revealed, 12 to 36 hours after sending at the earliest."""

    id: int
    recipient_id: int
    recipient_name: str
    title: str
    employer: str
    level: str
    salary: str
    location: str
    remote: str
    sent_at: datetime
    status: Literal["delivered", "interested", "declined"]
    status_label: str
    status_text: str
    reply_text: str
    categories: list[str]
    fitted: bool | None
    conversation_id: int | None


class OfferIn(InputSchema):
    title: str
    employer: str = ""
    confidential: bool = False
    level: Literal["junior", "mid", "senior", "lead", "head", "executive"]
    salary_min: int | None = None
    salary_max: int | None = None
    currency: Literal["", "EUR", "CHF", "GBP", "USD"] = ""
    location: str = ""
    remote: Literal["onsite", "hybrid", "remote"] = "onsite"
    skills: list[str] = []
    text: str = ""


### Building the shapes ###


def _offer(item: queries.OfferItem) -> OfferOut:
    offer = item.offer
    return OfferOut(
        id=offer.pk,
        recruiter_id=offer.recruiter_id,
        recruiter_name=item.recruiter_name,
        recruiter_headline=item.recruiter_headline,
        title=offer.title,
        employer=offer.employer,
        level=item.level,
        salary=item.salary,
        location=offer.location,
        remote=item.remote,
        skills=list(offer.skills or []),
        text=offer.text,
        sent_at=offer.sent_at,
        status=offer.status,
        folder=offer.folder,
        fits=item.fits,
        fit=[FitLineOut(text=line.text, fits=line.fits) for line in item.fit],
        mismatches=list(item.mismatches),
        reasons=[
            OfferReasonOut(text=r.sentence, is_reassuring=r.is_reassuring) for r in item.reasons
        ],
    )


def _lang() -> str:
    return get_language() or "en"


def _sent(view: queries.SentOfferView) -> SentOfferOut:
    return SentOfferOut(**view.as_dict())  # type: ignore[arg-type]


### The member's offers ###


@router.get("/offers", response=responses(200, OfferInboxOut), summary="Job offers made to you")
def offer_inbox(request: HttpRequest) -> OfferInboxOut:
    found = queries.list_offer_inbox(caller(request), lang=_lang())
    return OfferInboxOut(
        matching=[_offer(i) for i in found.matching],
        filed=[_offer(i) for i in found.filed],
        answered=[_offer(i) for i in found.answered],
    )


@router.get(
    "/offers/{offer_id}", response=responses(200, OfferOut), summary="One offer made to you"
)
def get_offer(request: HttpRequest, offer_id: Id) -> OfferOut:
    return _offer(queries.get_offer_item(caller(request), offer_id=offer_id, lang=_lang()))


@router.post(
    "/offers/{offer_id}/interested",
    response=responses(200, InterestOut, 409),
    throttle=limit("answer", per_member=120),
    summary="Say you are interested; a conversation with the recruiter opens",
)
def offer_interested(request: HttpRequest, offer_id: Id, payload: InterestIn) -> InterestOut:
    member = caller(request)
    queries.get_offer_item(member, offer_id=offer_id, lang=_lang())  # 404 for anyone else's
    form = cleaned(InterestForm(form_data(payload.dict())))
    interest = services.express_interest(
        member, offer_id=offer_id, message=form.cleaned_data["message"]
    )
    return InterestOut(
        offer=_offer(queries.get_offer_item(member, offer_id=offer_id, lang=_lang())),
        conversation_id=interest.conversation_id,
        problem=str(interest.problem.message) if interest.problem is not None else None,
    )


@router.post(
    "/offers/{offer_id}/decline",
    response=responses(200, OfferOut, 409),
    throttle=limit("answer", per_member=120),
    summary="Decline with the standard reply (or your edited one)",
)
def offer_decline(request: HttpRequest, offer_id: Id, payload: DeclineIn) -> OfferOut:
    member = caller(request)
    reply = ""
    if payload.reply_text is not None:
        reply = cleaned(DeclineForm(form_data(payload.dict()))).cleaned_data["reply_text"]
    services.decline_offer(member, offer_id=offer_id, reply_text=reply)
    return _offer(queries.get_offer_item(member, offer_id=offer_id, lang=_lang()))


@router.post(
    "/offers/{offer_id}/report",
    response=responses(200, Done, 409),
    throttle=limit("report", per_member=20, per_minutes=60 * 24),
    summary="Report an offer to the moderators",
)
def offer_report(request: HttpRequest, offer_id: Id, payload: ReportIn) -> Done:
    member = caller(request)
    form = cleaned(ReportForm(form_data(payload.dict())))
    services.report_offer(
        member,
        offer_id=offer_id,
        reason=form.cleaned_data["reason"],
        comment=form.cleaned_data.get("comment", ""),
    )
    return Done(detail=_("Thank you. The moderators will look at this offer."))


### The recruiter's side ###


def _recruiter(request: HttpRequest) -> None:
    if not queries.is_recruiter(caller(request)):
        raise NotARecruiter


@router.get(
    "/offers-sent",
    response=responses(200, list[SentOfferOut]),
    summary="Recruiters: the offers you sent, as you may see them",
)
def sent_offers(request: HttpRequest) -> list[SentOfferOut]:
    _recruiter(request)
    return [_sent(v) for v in queries.list_sent_offers(caller(request), now=timezone.now())]


@router.get(
    "/offers-sent/{offer_id}",
    response=responses(200, SentOfferOut),
    summary="Recruiters: one offer you sent",
)
def sent_offer(request: HttpRequest, offer_id: Id) -> SentOfferOut:
    _recruiter(request)
    return _sent(queries.get_sent_offer(caller(request), offer_id=offer_id, now=timezone.now()))


@router.post(
    "/members/{member_id}/offers",
    response=responses(201, SentOfferOut, 409),
    throttle=limit("send_offer", per_member=10),
    summary="Recruiters: send a structured job offer",
)
def send_offer(request: HttpRequest, member_id: Id, payload: OfferIn) -> Status[SentOfferOut]:
    """Judged against the recipient's private preferences; the answer you see is always
    "delivered" and the outcome shows 12 to 36 hours later at the earliest, whatever it is."""
    _recruiter(request)
    recruiter = caller(request)
    data = payload.dict()
    data["skills"] = ", ".join(payload.skills)
    form = cleaned(OfferForm(form_data(data)))
    offer = services.send_offer(recruiter, recipient_id=member_id, draft=form.draft())
    return Status(
        201, _sent(queries.get_sent_offer(recruiter, offer_id=offer.pk, now=timezone.now()))
    )


class RecruiterStatisticsOut(Schema):
    """A recruiter's own figures over their offers; no member's numbers."""

    sent: int
    #: Delivered, outcome not (yet) shown.
    awaiting: int
    #: Known to fit: an interested member, or one who lets recruiters see no category failed.
    matched: int
    interested: int
    declined: int
    answered: int
    #: Interested of the answered offers, in percent; null before any answer.
    acceptance_percent: int | None


@router.get(
    "/recruiter-statistics",
    response=responses(200, RecruiterStatisticsOut),
    summary="Recruiters: your own figures (acceptance of your offers)",
)
def recruiter_statistics(request: HttpRequest) -> RecruiterStatisticsOut:
    """Counted from the offers as you may see them (``SentOfferView``): an outcome not yet
    revealed counts as awaiting, so the figures never tell more than the list does."""
    _recruiter(request)
    stats = queries.recruiter_statistics(caller(request), now=timezone.now())
    return RecruiterStatisticsOut(
        sent=stats.sent,
        awaiting=stats.awaiting,
        matched=stats.matched,
        interested=stats.interested,
        declined=stats.declined,
        answered=stats.answered,
        acceptance_percent=stats.acceptance_percent,
    )


### The member's offer policy ###


class OfferPolicyOut(Schema):
    """How the caller wants offers handled. Their salary floor and other preferences stay
    at ``/me/job-preferences``, for them alone."""

    #: Decline offers that do not match the preferences, with a polite standard reply;
    #: otherwise they are filed apart for review.
    auto_decline: bool
    #: Tell recruiters in which respects an offer did not match (never the numbers).
    share_categories: bool


class OfferPolicyIn(InputSchema):
    """Changes to the offer policy: only the fields sent change."""

    auto_decline: bool | None = None
    share_categories: bool | None = None


@router.get(
    "/offer-policy",
    response=responses(200, OfferPolicyOut),
    summary="How job offers to you are handled",
)
def get_offer_policy(request: HttpRequest) -> OfferPolicyOut:
    policy = services.offer_policy(caller(request).pk)
    return OfferPolicyOut(
        auto_decline=policy.auto_decline, share_categories=policy.share_categories
    )


@router.patch(
    "/offer-policy",
    response=responses(200, OfferPolicyOut),
    throttle=limit("profile_write", per_member=30),
    summary="Decline mismatching offers automatically; tell recruiters which respects failed",
)
def update_offer_policy(request: HttpRequest, payload: OfferPolicyIn) -> OfferPolicyOut:
    member = caller(request)
    policy = services.offer_policy(member.pk)
    current = {"auto_decline": policy.auto_decline, "share_categories": policy.share_categories}
    changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    form = cleaned(OfferPolicyForm(form_data({**current, **changes}), instance=policy))
    saved = services.save_offer_policy(
        member,
        auto_decline=form.cleaned_data["auto_decline"],
        share_categories=form.cleaned_data["share_categories"],
    )
    return OfferPolicyOut(auto_decline=saved.auto_decline, share_categories=saved.share_categories)
