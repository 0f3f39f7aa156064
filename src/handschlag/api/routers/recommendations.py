"""Recommendations through the API: asking a contact (with the gate and its explanation),
the member's requests and recommendations by section, writing or declining a request,
approving, withdrawing, and declaring or confirming a collaboration.

The same queries and services as the pages (``recommendations.queries`` and
``recommendations.services``). A request or recommendation that is not the caller's to
act on answers 404, exactly like one that does not exist; the engine's label and reasons
go to the recommender only, never to the asker. A refused request (no contact, no shared
work) answers 403 with the sentence that says what is missing; it is never delivered.
"""

from __future__ import annotations

from datetime import datetime

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
    caller,
    responses,
)
from handschlag.core.errors import HandschlagError
from handschlag.recommendations import queries, services
from handschlag.recommendations.forms import (
    CollaborationForm,
    DeclineForm,
    RequestForm,
    WriteForm,
)
from handschlag.recommendations.models import (
    Collaboration,
    Recommendation,
    RecommendationRequest,
)
from handschlag.recommendations.replies import decline_reply

router = Router(tags=["recommendations"])


### Shapes ###


class AskCheckOut(Schema):
    """Whether the caller may ask this member now, and why (or why not)."""

    member_id: int
    full_name: str
    is_contact: bool
    allowed: bool
    #: The shared history the request would rest on, in words ("You both worked at …").
    basis: str
    #: What is missing or in the way, in words; null when asking is allowed.
    refusal: str | None


class RequestIn(InputSchema):
    """What the recommendation should be about."""

    role: str
    project: str
    from_year: int
    to_year: int | None = None
    note: str = ""


class ReasonOut(Schema):
    """One of the automatic check's reasons; ``reassuring`` ones speak for the request."""

    sentence: str
    reassuring: bool


class RequestToAnswerOut(Schema):
    """A request made to the caller, with the automatic check's label and reasons."""

    id: int
    asker_id: int
    asker_name: str
    asker_headline: str
    role: str
    project: str
    period: str
    note: str
    basis: str
    label: str
    reasons: list[ReasonOut]
    status: str
    sent_at: datetime
    #: The standard reply a decline without ``reply_text`` sends, in the asker's language.
    decline_draft: str


class AskedOut(Schema):
    """A request the caller made: its status and the reply, never the reasons."""

    id: int
    recommender_id: int
    recommender_name: str
    role: str
    project: str
    period: str
    status: str
    sent_at: datetime
    decided_at: datetime | None
    reply_text: str


class RecommendationOut(Schema):
    """A written recommendation; ``other_id`` is the author (about you) or the subject
    (written by you)."""

    id: int
    author_id: int
    subject_id: int
    other_id: int
    other_name: str
    role: str
    project: str
    period: str
    text: str
    status: str
    written_at: datetime
    approved_at: datetime | None


class CollaborationOut(Schema):
    id: int
    declared_by_id: int
    partner_id: int
    other_name: str
    project: str
    role: str
    period: str
    status: str
    declared_at: datetime


class RecommendationsOut(Schema):
    """Everything about the caller's recommendations, by section, as on the overview page."""

    to_answer: list[RequestToAnswerOut]
    to_approve: list[RecommendationOut]
    received: list[RecommendationOut]
    given: list[RecommendationOut]
    asked: list[AskedOut]
    collaborations_to_confirm: list[CollaborationOut]
    collaborations_declared: list[CollaborationOut]


class WriteIn(InputSchema):
    text: str


class ApproveIn(InputSchema):
    """``show``: true puts it on your profile, false keeps it off."""

    show: bool


class CollaborationIn(InputSchema):
    project: str
    role: str
    from_year: int
    to_year: int | None = None


class ConfirmIn(InputSchema):
    confirm: bool


### Building the shapes ###


def _lang() -> str:
    lang = (get_language() or "en").split("-")[0]
    return lang if lang in ("de", "en") else "en"


def _request_out(item: queries.RequestItem) -> RequestToAnswerOut:
    request = item.request
    return RequestToAnswerOut(
        id=request.pk,
        asker_id=request.asker_id,
        asker_name=item.asker_name,
        asker_headline=item.asker_headline,
        role=request.role,
        project=request.project,
        period=request.period,
        note=request.note,
        basis=item.basis,
        label=request.label,
        reasons=[ReasonOut(sentence=r.sentence, reassuring=r.is_reassuring) for r in item.reasons],
        status=request.status,
        sent_at=request.sent_at,
        decline_draft=decline_reply(request).text if request.is_pending else "",
    )


def _asked_out(request: RecommendationRequest) -> AskedOut:
    profile = getattr(request.recommender, "profile", None)
    return AskedOut(
        id=request.pk,
        recommender_id=request.recommender_id,
        recommender_name=profile.full_name if profile else "",
        role=request.role,
        project=request.project,
        period=request.period,
        status=request.status,
        sent_at=request.sent_at,
        decided_at=request.decided_at,
        reply_text=request.reply_text,
    )


def _recommendation_out(
    recommendation: Recommendation, *, other_id: int, other_name: str
) -> RecommendationOut:
    request = recommendation.request
    return RecommendationOut(
        id=recommendation.pk,
        author_id=recommendation.author_id,
        subject_id=recommendation.subject_id,
        other_id=other_id,
        other_name=other_name,
        role=request.role,
        project=request.project,
        period=request.period,
        text=recommendation.text,
        status=recommendation.status,
        written_at=recommendation.written_at,
        approved_at=recommendation.approved_at,
    )


def _item_out(item: queries.RecommendationItem) -> RecommendationOut:
    return _recommendation_out(
        item.recommendation, other_id=item.other_id, other_name=item.other_name
    )


def _collaboration_out(item: queries.CollaborationItem) -> CollaborationOut:
    c: Collaboration = item.collaboration
    return CollaborationOut(
        id=c.pk,
        declared_by_id=c.declared_by_id,
        partner_id=c.partner_id,
        other_name=item.other_name,
        project=c.project,
        role=c.role,
        period=c.period,
        status=c.status,
        declared_at=c.declared_at,
    )


def _overview(request: HttpRequest) -> RecommendationsOut:
    member = caller(request)
    overview = queries.overview(member, lang=_lang())
    return RecommendationsOut(
        to_answer=[_request_out(i) for i in overview.to_answer],
        to_approve=[_item_out(i) for i in overview.to_approve],
        received=[_item_out(i) for i in overview.about_me],
        given=[_item_out(i) for i in overview.written],
        asked=[_asked_out(r) for r in overview.asked],
        collaborations_to_confirm=[_collaboration_out(i) for i in overview.to_confirm],
        collaborations_declared=[_collaboration_out(i) for i in overview.declared],
    )


def _own_recommendation(request: HttpRequest, recommendation_id: int) -> RecommendationOut:
    member = caller(request)
    recommendation = queries.get_recommendation_for(member, recommendation_id=recommendation_id)
    about_me = recommendation.subject_id == member.pk
    other = recommendation.author if about_me else recommendation.subject
    profile = getattr(other, "profile", None)
    return _recommendation_out(
        recommendation,
        other_id=other.pk,
        other_name=profile.full_name if profile else "",
    )


### Asking ###


@router.get(
    "/recommendations",
    response=responses(200, RecommendationsOut),
    summary="Your recommendations: to answer, to approve, received, given, asked",
)
def overview(request: HttpRequest) -> RecommendationsOut:
    return _overview(request)


@router.get(
    "/members/{member_id}/recommendation-request",
    response=responses(200, AskCheckOut),
    summary="Whether you may ask a member for a recommendation, and why",
)
def check_ask(request: HttpRequest, member_id: Id) -> AskCheckOut:
    """A recommendation needs a contact with shared work: an employer in overlapping
    years, a school, or a collaboration they confirmed. ``refusal`` says what is missing."""
    asker = caller(request)
    profile = queries.get_profile_to_ask(asker, member_id=member_id)
    basis, refusal = "", None
    try:
        history = queries.check_request_allowed(
            asker, recommender=profile.member, now=timezone.now()
        )
        basis = queries.describe_basis(history.basis or "", history.shared_names())
    except HandschlagError as error:
        refusal = str(error.message)
    return AskCheckOut(
        member_id=profile.member_id,
        full_name=profile.full_name,
        is_contact=queries.can_ask(asker.pk, member_id),
        allowed=refusal is None,
        basis=basis,
        refusal=refusal,
    )


@router.post(
    "/members/{member_id}/recommendation-requests",
    response=responses(201, AskedOut, 409),
    throttle=limit("recommendation_request", per_member=10),
    summary="Ask a contact you worked with for a recommendation",
)
def ask(request: HttpRequest, member_id: Id, payload: RequestIn) -> Status[AskedOut]:
    """403 when the two are no contacts or share no work (``detail`` says what is
    missing), 409 while an earlier request waits or soon after a decline."""
    asker = caller(request)
    profile = queries.get_profile_to_ask(asker, member_id=member_id)
    # The gate before the fields, as on the page: a refusal is the first thing to know.
    queries.check_request_allowed(asker, recommender=profile.member, now=timezone.now())
    form = cleaned(RequestForm(form_data(payload.dict())))
    sent = services.request_recommendation(asker, recommender_id=member_id, draft=form.draft())
    sent.recommender = profile.member
    return Status(201, _asked_out(sent))


@router.post(
    "/recommendation-requests/{request_id}/withdraw",
    response=responses(200, Done, 409),
    throttle=limit("answer", per_member=120),
    summary="Withdraw a request of yours that still waits",
)
def withdraw_recommendation_request(request: HttpRequest, request_id: Id) -> Done:
    services.withdraw_request(caller(request), request_id=request_id)
    return Done(detail=_("Your request was withdrawn."))


### Answering ###


@router.get(
    "/recommendation-requests/{request_id}",
    response=responses(200, RequestToAnswerOut),
    summary="A request made to you, with the automatic check's reasons",
)
def get_request(request: HttpRequest, request_id: Id) -> RequestToAnswerOut:
    item = queries.get_request_for_recommender(caller(request), request_id=request_id, lang=_lang())
    return _request_out(item)


@router.post(
    "/recommendation-requests/{request_id}/recommendation",
    response=responses(201, RecommendationOut, 409),
    throttle=limit("recommendation_write", per_member=10),
    summary="Write the recommendation asked of you",
)
def write(request: HttpRequest, request_id: Id, payload: WriteIn) -> Status[RecommendationOut]:
    """It waits for the asker's approval before anyone else sees it."""
    member = caller(request)
    queries.get_request_for_recommender(member, request_id=request_id, lang=_lang())
    form = cleaned(WriteForm(form_data(payload.dict())))
    written = services.write_recommendation(
        member, request_id=request_id, text=form.cleaned_data["text"]
    )
    return Status(201, _own_recommendation(request, written.pk))


@router.post(
    "/recommendation-requests/{request_id}/decline",
    response=responses(200, Done, 409),
    throttle=limit("answer", per_member=120),
    summary="Decline a request (without reply_text: the standard reply)",
)
def decline_recommendation_request(
    request: HttpRequest, request_id: Id, payload: DeclineIn
) -> Done:
    member = caller(request)
    queries.get_request_for_recommender(member, request_id=request_id, lang=_lang())
    reply = ""
    if payload.reply_text is not None:
        reply = cleaned(DeclineForm(form_data(payload.dict()))).cleaned_data["reply_text"]
    services.decline_request(member, request_id=request_id, reply_text=reply)
    return Done(detail=_("You declined the request; your reply was sent."))


### Approving and withdrawing ###


@router.get(
    "/recommendations/{recommendation_id}",
    response=responses(200, RecommendationOut),
    summary="A recommendation you wrote or that is about you",
)
def get_recommendation(request: HttpRequest, recommendation_id: Id) -> RecommendationOut:
    return _own_recommendation(request, recommendation_id)


@router.post(
    "/recommendations/{recommendation_id}/approve",
    response=responses(200, RecommendationOut, 409),
    throttle=limit("answer", per_member=120),
    summary="Show a recommendation about you on your profile, or keep it off",
)
def approve(request: HttpRequest, recommendation_id: Id, payload: ApproveIn) -> RecommendationOut:
    services.approve_recommendation(
        caller(request), recommendation_id=recommendation_id, show=payload.show
    )
    return _own_recommendation(request, recommendation_id)


@router.post(
    "/recommendations/{recommendation_id}/withdraw",
    response=responses(200, RecommendationOut, 409),
    throttle=limit("answer", per_member=120),
    summary="Take a recommendation down (you wrote it, or it is about you)",
)
def withdraw(request: HttpRequest, recommendation_id: Id) -> RecommendationOut:
    services.withdraw_recommendation(caller(request), recommendation_id=recommendation_id)
    return _own_recommendation(request, recommendation_id)


### Collaborations ###


@router.post(
    "/members/{member_id}/collaborations",
    response=responses(201, Done, 409),
    throttle=limit("recommendation_request", per_member=10),
    summary="Declare a project you did with a contact, for them to confirm",
)
def declare_collaboration(
    request: HttpRequest, member_id: Id, payload: CollaborationIn
) -> Status[Done]:
    member = caller(request)
    profile = queries.get_profile_to_ask(member, member_id=member_id)
    data = cleaned(CollaborationForm(form_data(payload.dict()))).cleaned_data
    services.declare_collaboration(
        member,
        partner_id=member_id,
        project=data["project"],
        role=data["role"],
        from_year=data["from_year"],
        to_year=data.get("to_year"),
    )
    return Status(
        201,
        Done(
            detail=_("%(name)s is asked to confirm the collaboration.")
            % {"name": profile.full_name}
        ),
    )


@router.post(
    "/collaborations/{collaboration_id}/answer",
    response=responses(200, Done, 409),
    throttle=limit("answer", per_member=120),
    summary="Confirm (or not) a collaboration declared with you",
)
def answer_collaboration(request: HttpRequest, collaboration_id: Id, payload: ConfirmIn) -> Done:
    services.answer_collaboration(
        caller(request), collaboration_id=collaboration_id, confirm=payload.confirm
    )
    return Done(
        detail=_("You confirmed the collaboration.")
        if payload.confirm
        else _("You did not confirm the collaboration.")
    )
