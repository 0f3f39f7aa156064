"""Contact requests, the inbox, connections, suggestions, introductions and profile views.

Every list here is the caller's own; an id in a path names an object of the caller's
(a request they received, one they sent, their connection), and anything else is 404.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from handschlag.api.forms import cleaned, form_data
from handschlag.api.limits import limit
from handschlag.api.routers.common import (
    DeclineIn,
    Done,
    HowMetCode,
    Id,
    InputSchema,
    IntentCode,
    PageInfo,
    PageNumber,
    ReportIn,
    caller,
    page_info,
    responses,
)
from handschlag.core.errors import NotFound
from handschlag.network import (
    connections,
    decisions,
    health,
    inbox,
    introductions,
    queries,
    replies,
    services,
    suggestions,
)
from handschlag.network.forms import ContactRequestForm
from handschlag.network.models import RequestStatus
from handschlag.profiles.models import Profile

router = Router(tags=["network"])

LabelCode = Literal["welcome", "review", "decline", "spam"]


### Shapes ###


class PersonOut(Schema):
    """Another member as lists name them: public fields only."""

    member_id: int
    full_name: str
    headline: str


def _person(profile: Profile) -> PersonOut:
    return PersonOut(
        member_id=profile.member_id, full_name=profile.full_name, headline=profile.headline
    )


class RequestReasonOut(Schema):
    code: str
    text: str
    is_reassuring: bool


class ContactRequestIn(InputSchema):
    intent: IntentCode
    note: str = ""


class QuotaOut(Schema):
    remaining: int
    remaining_today: int
    remaining_this_week: int
    daily_limit: int
    weekly_limit: int
    pending: int
    pending_cap: int
    reductions: list[str]


class PreviewOut(Schema):
    """What the recipient would see and the quota left; nothing is stored."""

    recipient_name: str
    intent: str
    note_required: bool
    no_solicitation: bool
    mutual_contacts: int
    viewed_profile_at: datetime | None
    concerns: list[RequestReasonOut]
    reassurances: list[RequestReasonOut]
    quota: QuotaOut
    problem: str | None


class SentRequestOut(Schema):
    """A request the caller sent; the recipient's verdict and reasons are theirs alone."""

    id: int
    recipient: PersonOut
    intent: str
    note: str
    sent_at: datetime
    status: Literal["pending", "accepted", "not_accepted", "withdrawn"]


class CommonGroundOut(Schema):
    mutual_contacts: int
    phrases: list[str]


class InboxItemOut(Schema):
    """A received request, with the reasons for its label (never the points)."""

    id: int
    sender: PersonOut
    sender_position: str
    intent: str
    note: str
    sent_at: datetime
    label: str
    folder: str
    status: str
    can_undo: bool
    reasons: list[RequestReasonOut]
    common_ground: CommonGroundOut


class InboxOut(Schema):
    folder: str
    label: str | None
    intent: str | None
    label_counts: dict[str, int]
    folder_counts: dict[str, int]
    items: list[InboxItemOut]
    info: PageInfo


class InboxFilter(Schema):
    folder: Literal["inbox", "filed"] = "inbox"
    label: LabelCode | None = None
    intent: IntentCode | None = None
    page: PageNumber = 1


class ReplyDraftOut(Schema):
    situation: str
    lang: str
    text: str


class ConnectionOut(Schema):
    contact: PersonOut
    how_met: str
    connected_at: datetime


class ConnectionsOut(Schema):
    connections: list[ConnectionOut]
    info: PageInfo


class ConnectionFilter(Schema):
    q: str = ""
    how_met: HowMetCode = ""
    page: PageNumber = 1


class SuggestionOut(Schema):
    member: PersonOut
    reasons: list[str]


class IntroductionIn(InputSchema):
    introducer_id: Id
    intent: IntentCode
    reason: str


class ForwardIn(InputSchema):
    word: str = ""


class IntroductionOut(Schema):
    id: int
    requester: PersonOut
    target: PersonOut
    #: Null on a declined introduction: the requester only learns it was not forwarded.
    introducer: PersonOut | None
    reason: str
    intent: str
    status: str
    created_at: datetime


class IntroductionsOut(Schema):
    to_forward: list[IntroductionOut]
    requested: list[IntroductionOut]


class ProfileViewOut(Schema):
    """One view of the caller's profile: named, or only the viewer's employer."""

    viewed_at: datetime
    viewer: PersonOut | None
    employer: str


### Contact requests ###


def _recipient(request: HttpRequest, member_id: Id) -> Profile:
    try:
        return queries.get_member_to_contact(caller(request), member_id=member_id)
    except NotFound:
        raise Http404 from None


def _reasons(hits: object) -> list[RequestReasonOut]:
    return [RequestReasonOut(code=h.code, text=h.text, is_reassuring=h.reassuring) for h in hits]  # type: ignore[attr-defined]


@router.post(
    "/members/{member_id}/contact-requests/preview",
    response=responses(200, PreviewOut),
    throttle=limit("preview_request", per_member=60),
    summary="Preview a contact request (writes nothing)",
)
def preview_request(request: HttpRequest, member_id: Id, payload: ContactRequestIn) -> PreviewOut:
    profile = _recipient(request, member_id)
    preview = queries.preview_contact_request(
        caller(request), recipient=profile.member, note=payload.note, intent=payload.intent
    )
    quota = preview.quota
    return PreviewOut(
        recipient_name=preview.recipient_name,
        intent=preview.intent,
        note_required=preview.note_required,
        no_solicitation=preview.no_solicitation,
        mutual_contacts=preview.mutual_contacts,
        viewed_profile_at=preview.viewed_profile_at,
        concerns=_reasons(preview.concerns),
        reassurances=_reasons(preview.reassurances),
        quota=QuotaOut(
            remaining=quota.remaining,
            remaining_today=quota.remaining_today,
            remaining_this_week=quota.remaining_this_week,
            daily_limit=quota.daily_limit,
            weekly_limit=quota.weekly_limit,
            pending=quota.pending,
            pending_cap=quota.pending_cap,
            reductions=list(quota.reductions),
        ),
        problem=str(preview.problem.message) if preview.problem is not None else None,
    )


def _sent_out(sent: object) -> SentRequestOut:
    status = {
        RequestStatus.PENDING: "pending",
        RequestStatus.ACCEPTED: "accepted",
        RequestStatus.WITHDRAWN: "withdrawn",
    }.get(sent.status, "not_accepted")  # type: ignore[attr-defined]
    return SentRequestOut(
        id=sent.pk,  # type: ignore[attr-defined]
        recipient=_person(sent.recipient.profile),  # type: ignore[attr-defined]
        intent=sent.intent,  # type: ignore[attr-defined]
        note=sent.note,  # type: ignore[attr-defined]
        sent_at=sent.sent_at,  # type: ignore[attr-defined]
        status=status,  # type: ignore[arg-type]
    )


@router.post(
    "/members/{member_id}/contact-requests",
    response=responses(201, SentRequestOut, 409),
    throttle=limit("send_request", per_member=20),
    summary="Send a contact request",
)
def send_request(
    request: HttpRequest, member_id: Id, payload: ContactRequestIn
) -> Status[SentRequestOut]:
    """The same checks as the page: quotas (429 with Retry-After), cool-downs, blocks,
    the recipient's policy; the note is judged and the verdict stored with it."""
    profile = _recipient(request, member_id)
    form = cleaned(ContactRequestForm(form_data(payload.dict())))
    sent = services.send_contact_request(
        caller(request),
        recipient=profile.member,
        note=form.cleaned_data["note"],
        intent=form.cleaned_data["intent"],
    )
    return Status(201, _sent_out(sent))


@router.get(
    "/contact-requests/sent",
    response=responses(200, list[SentRequestOut]),
    summary="The contact requests you sent",
)
def sent_requests(request: HttpRequest) -> list[SentRequestOut]:
    return [_sent_out(sent) for sent in queries.list_sent_requests(caller(request))[:200]]


@router.post(
    "/contact-requests/{request_id}/withdraw",
    response=responses(200, Done),
    throttle=limit("answer", per_member=120),
    summary="Withdraw a request you sent",
)
def withdraw_request(request: HttpRequest, request_id: Id) -> Done:
    services.withdraw_contact_request(caller(request), request_id=request_id)
    return Done(
        detail=_("Your request has been withdrawn. You can ask this member again in three weeks.")
    )


### The inbox ###


def _item_out(item: inbox.InboxItem) -> InboxItemOut:
    request = item.request
    return InboxItemOut(
        id=request.pk,
        sender=PersonOut(
            member_id=item.sender.member_id,
            full_name=item.sender.name,
            headline=item.sender.headline,
        ),
        sender_position=item.sender.position,
        intent=request.intent,
        note=request.note,
        sent_at=request.sent_at,
        label=request.label,
        folder=request.folder,
        status=request.status,
        can_undo=item.can_undo,
        reasons=[
            RequestReasonOut(code=r.code, text=r.sentence, is_reassuring=r.is_reassuring)
            for r in item.reasons
        ],
        common_ground=CommonGroundOut(
            mutual_contacts=item.common_ground.mutual_contacts,
            phrases=list(item.common_ground.phrases),
        ),
    )


@router.get("/inbox", response=responses(200, InboxOut), summary="Requests you received, by label")
def list_inbox(request: HttpRequest, filters: Query[InboxFilter]) -> InboxOut:
    recipient = caller(request)
    page = inbox.list_inbox(
        recipient,
        folder=filters.folder,
        label=filters.label,
        intent=filters.intent,
        page=filters.page,
    )
    inbox.load_hits(page.items)
    return InboxOut(
        folder=page.folder,
        label=page.label,
        intent=page.intent,
        label_counts=dict(page.label_counts),
        folder_counts=dict(page.folder_counts),
        items=[_item_out(item) for item in page.items],
        info=page_info(page.page.number, page.page.paginator.count, inbox.INBOX_PAGE_SIZE),
    )


@router.get(
    "/inbox/{request_id}", response=responses(200, InboxItemOut), summary="One received request"
)
def get_inbox_item(request: HttpRequest, request_id: Id) -> InboxItemOut:
    return _item_out(inbox.get_inbox_item(caller(request), request_id))


def _answered(request: HttpRequest, request_id: Id) -> InboxItemOut:
    return _item_out(inbox.get_inbox_item(caller(request), request_id))


@router.post(
    "/inbox/{request_id}/accept",
    response=responses(200, InboxItemOut, 409),
    throttle=limit("answer", per_member=120),
    summary="Accept: the two of you become contacts",
)
def accept(request: HttpRequest, request_id: Id) -> InboxItemOut:
    decisions.accept_contact_request(caller(request), request_id=request_id)
    return _answered(request, request_id)


@router.post(
    "/inbox/{request_id}/decline",
    response=responses(200, InboxItemOut, 409),
    throttle=limit("answer", per_member=120),
    summary="Decline, silently or with a reply",
)
def decline(request: HttpRequest, request_id: Id, payload: DeclineIn) -> InboxItemOut:
    recipient = caller(request)
    if payload.reply_text is None:
        decisions.decline_contact_request(recipient, request_id=request_id)
    else:
        decisions.decline_contact_request(
            recipient, request_id=request_id, reply_text=payload.reply_text
        )
    return _answered(request, request_id)


@router.get(
    "/inbox/{request_id}/reply-draft",
    response=responses(200, ReplyDraftOut),
    summary="The standard reply, drafted in your language",
)
def reply_draft(request: HttpRequest, request_id: Id) -> ReplyDraftOut:
    recipient = caller(request)
    item = inbox.get_inbox_item(recipient, request_id)
    draft = replies.draft_reply(item.request, lang=inbox.language_of(recipient))
    return ReplyDraftOut(situation=draft.situation, lang=draft.lang, text=draft.text)


@router.post(
    "/inbox/{request_id}/unknown",
    response=responses(200, InboxItemOut, 409),
    throttle=limit("answer", per_member=120),
    summary="“I don't know this person”",
)
def unknown(request: HttpRequest, request_id: Id) -> InboxItemOut:
    decisions.mark_unknown(caller(request), request_id=request_id)
    return _answered(request, request_id)


@router.post(
    "/inbox/{request_id}/report",
    response=responses(200, InboxItemOut, 409),
    throttle=limit("report", per_member=20, per_minutes=60 * 24),
    summary="Report the request to the moderators",
)
def report(request: HttpRequest, request_id: Id, payload: ReportIn) -> InboxItemOut:
    decisions.report_contact_request(
        caller(request), request_id=request_id, reason=payload.reason, comment=payload.comment
    )
    return _answered(request, request_id)


@router.post(
    "/inbox/{request_id}/undo",
    response=responses(200, InboxItemOut, 409),
    throttle=limit("answer", per_member=120),
    summary="Take back a policy's decline or a mistaken “I don't know”",
)
def undo(request: HttpRequest, request_id: Id) -> InboxItemOut:
    decisions.undo_decision(caller(request), request_id=request_id)
    return _answered(request, request_id)


### Connections ###

CONNECTIONS_PAGE_SIZE = 50


@router.get("/connections", response=responses(200, ConnectionsOut), summary="Your own connections")
def list_connections(request: HttpRequest, filters: Query[ConnectionFilter]) -> ConnectionsOut:
    found = connections.list_connections(caller(request), how_met=filters.how_met, text=filters.q)
    paginator = Paginator(found, CONNECTIONS_PAGE_SIZE)
    page = paginator.get_page(filters.page)
    return ConnectionsOut(
        connections=[
            ConnectionOut(
                contact=_person(c.contact.profile), how_met=c.how_met, connected_at=c.created_at
            )
            for c in page.object_list
        ],
        info=page_info(page.number, paginator.count, CONNECTIONS_PAGE_SIZE),
    )


@router.delete(
    "/connections/{member_id}",
    response=responses(200, Done),
    throttle=limit("answer", per_member=120),
    summary="Remove a connection (both ways)",
)
def remove_connection(request: HttpRequest, member_id: Id) -> Done:
    member = caller(request)
    connection = connections.get_own_connection(member, contact_id=member_id)
    name = connection.contact.profile.full_name
    services.remove_connection(member, contact=connection.contact)
    return Done(detail=_("%(name)s is no longer one of your contacts.") % {"name": name})


### Suggestions, introductions, profile views ###


@router.get(
    "/suggestions",
    response=responses(200, list[SuggestionOut]),
    summary="People you may know, with the common ground",
)
def list_suggestions(request: HttpRequest) -> list[SuggestionOut]:
    return [
        SuggestionOut(member=_person(s.profile), reasons=s.reasons)
        for s in suggestions.list_suggestions(caller(request))
    ]


def _introduction_out(intro: object, *, show_introducer: bool) -> IntroductionOut:
    return IntroductionOut(
        id=intro.pk,  # type: ignore[attr-defined]
        requester=_person(intro.requester.profile),  # type: ignore[attr-defined]
        target=_person(intro.target.profile),  # type: ignore[attr-defined]
        introducer=_person(intro.introducer.profile) if show_introducer else None,  # type: ignore[attr-defined]
        reason=intro.reason,  # type: ignore[attr-defined]
        intent=intro.intent,  # type: ignore[attr-defined]
        status=intro.status,  # type: ignore[attr-defined]
        created_at=intro.created_at,  # type: ignore[attr-defined]
    )


@router.get(
    "/introductions",
    response=responses(200, IntroductionsOut),
    summary="Introductions waiting for you, and those you asked for",
)
def list_introductions(request: HttpRequest) -> IntroductionsOut:
    member = caller(request)
    return IntroductionsOut(
        to_forward=[
            _introduction_out(i, show_introducer=True)
            for i in introductions.list_introductions_to_forward(member)
        ],
        requested=[
            _introduction_out(i, show_introducer=i.status != "declined")
            for i in introductions.list_requested_introductions(member)
        ],
    )


@router.post(
    "/members/{member_id}/introductions",
    response=responses(201, IntroductionOut),
    throttle=limit("introduction", per_member=20, per_minutes=60),
    summary="Ask a mutual contact to introduce you",
)
def request_introduction(
    request: HttpRequest, member_id: Id, payload: IntroductionIn
) -> Status[IntroductionOut]:
    intro = introductions.request_introduction(
        caller(request),
        target_id=member_id,
        introducer_id=payload.introducer_id,
        reason=payload.reason,
        intent=payload.intent,
    )
    return Status(201, _introduction_out(intro, show_introducer=True))


@router.post(
    "/introductions/{introduction_id}/forward",
    response=responses(200, IntroductionOut),
    throttle=limit("answer", per_member=120),
    summary="Forward an introduction with a word of your own",
)
def forward_introduction(
    request: HttpRequest, introduction_id: Id, payload: ForwardIn
) -> IntroductionOut:
    intro = introductions.forward_introduction(
        caller(request), introduction_id=introduction_id, word=payload.word
    )
    return _introduction_out(intro, show_introducer=True)


@router.post(
    "/introductions/{introduction_id}/decline",
    response=responses(200, Done),
    throttle=limit("answer", per_member=120),
    summary="Do not forward an introduction",
)
def decline_introduction(request: HttpRequest, introduction_id: Id) -> Done:
    introductions.decline_introduction(caller(request), introduction_id=introduction_id)
    return Done(detail=_("The introduction was not forwarded."))


@router.get(
    "/profile-views",
    response=responses(200, list[ProfileViewOut]),
    summary="Who viewed your profile, as each viewer chose to appear",
)
def profile_views(request: HttpRequest) -> list[ProfileViewOut]:
    return [
        ProfileViewOut(
            viewed_at=v.viewed_at,
            viewer=_person(v.profile) if v.profile is not None else None,
            employer=v.employer,
        )
        for v in connections.list_profile_views(caller(request))
    ]


### The request policy ###

#: When a request needs a note (``network.models.NoteRequirement``).
NoteRequirementCode = Literal["always", "strangers", "never"]
#: What the policy does with a label on arrival (``network.models.AutoAction``).
AutoActionCode = Literal["keep", "file", "decline"]


class RequestPolicyOut(Schema):
    """How the caller wants new contact requests handled on arrival; nothing is deleted."""

    note_required: str
    #: Requests worth a second look, those the caller would probably decline, and spam.
    review_action: str
    decline_action: str
    spam_action: str
    #: Intents filed apart whatever the engine says.
    filed_intents: list[str]


class RequestPolicyIn(InputSchema):
    """Changes to the request policy: only the fields sent change. The choices are the
    models' own (the page's form offers the same), so the schema checks them; the
    service checks them again."""

    note_required: NoteRequirementCode | None = None
    review_action: AutoActionCode | None = None
    decline_action: AutoActionCode | None = None
    spam_action: AutoActionCode | None = None
    filed_intents: list[IntentCode] | None = None


def _policy_out(policy: object) -> RequestPolicyOut:
    return RequestPolicyOut(
        note_required=policy.note_required,  # type: ignore[attr-defined]
        review_action=policy.review_action,  # type: ignore[attr-defined]
        decline_action=policy.decline_action,  # type: ignore[attr-defined]
        spam_action=policy.spam_action,  # type: ignore[attr-defined]
        filed_intents=list(policy.filed_intents or []),  # type: ignore[attr-defined]
    )


@router.get(
    "/request-policy",
    response=responses(200, RequestPolicyOut),
    summary="How new contact requests to you are handled on arrival",
)
def get_request_policy(request: HttpRequest) -> RequestPolicyOut:
    return _policy_out(inbox.get_request_policy(caller(request)))


@router.patch(
    "/request-policy",
    response=responses(200, RequestPolicyOut),
    throttle=limit("profile_write", per_member=30),
    summary="Change what is filed apart or declined politely on arrival",
)
def update_request_policy(request: HttpRequest, payload: RequestPolicyIn) -> RequestPolicyOut:
    changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    saved = decisions.save_request_policy(caller(request), changes=changes)
    return _policy_out(saved)


### Network health ###


class HealthBarOut(Schema):
    """One bar of a chart: its key, label, count and share of the whole in percent."""

    key: str
    label: str
    count: int
    percent: int


class HealthLabelOut(HealthBarOut):
    #: Of the requests given this label, how many were declined.
    declined: int


class NetworkHealthOut(Schema):
    """The health of the caller's own network: never anyone else's, never compared."""

    contacts: int
    #: Contacts with an interaction in the last 12 months.
    active: int
    dormant: int
    #: Contacts met "otherwise" with no shared employer or school either.
    no_context: int
    dormant_contacts: list[PersonOut]
    no_context_contacts: list[PersonOut]
    how_met: list[HealthBarOut]
    #: Contact requests received in the last 12 months, and how many were declined.
    received: int
    declined: int
    decisions: list[HealthBarOut]
    labels: list[HealthLabelOut]


def _bar(bar: health.Bar) -> HealthBarOut:
    return HealthBarOut(key=bar.key, label=str(bar.label), count=bar.count, percent=bar.percent)


@router.get(
    "/network-health",
    response=responses(200, NetworkHealthOut),
    summary="The health of your own network",
)
def network_health(request: HttpRequest) -> NetworkHealthOut:
    figures = health.get_network_health(caller(request))
    return NetworkHealthOut(
        contacts=figures.contacts,
        active=figures.active,
        dormant=figures.dormant,
        no_context=figures.no_context,
        dormant_contacts=[_person(p) for p in figures.dormant_contacts],
        no_context_contacts=[_person(p) for p in figures.no_context_contacts],
        how_met=[_bar(b) for b in figures.how_met],
        received=figures.received,
        declined=figures.declined,
        decisions=[_bar(b) for b in figures.decisions],
        labels=[
            HealthLabelOut(**_bar(row.bar).dict(), declined=row.declined) for row in figures.labels
        ],
    )
